import { wholeText, type SourceText, type TextRead } from './textView';
import type { Position, Range } from './types';

/** Line starts per piece: an edit rebuilds about this many and moves the other pieces whole. */
const PIECE = 512;

/**
 * A run of consecutive line starts: `base + rel[i]` starts line `first + i`
 * (`rel[0]` is 0: `base` is the piece's first start).
 * Never mutated: successive indexes of a document share the pieces an edit left
 * alone, and those after it are new pieces over the same `rel`, another base.
 */
interface Piece {
  base: number;
  first: number;
  rel: number[];
}

export interface LineIndexOptions {
  bomIsColumn?: boolean;
  /** Line starts per piece (tests use small pieces to edit across many of them). */
  piece?: number;
}

/**
 * Maps string offsets to LSP positions. JS strings are UTF-16, so a column is
 * simply `offset - lineStart`; the work is finding line starts, where `\r\n`,
 * `\n` and a lone `\r` each end a line (as the LSP and CommonMark agree).
 * By default a leading BOM is not part of the first line: editors never show
 * it (VS Code strips it before the server sees the text), so a file read from
 * disk with a BOM gives the same positions as the editor's text without it.
 * A language client that does send a BOM has it in its own buffer, where it
 * is a column: the server passes `bomIsColumn` for synchronized text.
 *
 * The starts are kept in pieces (see Piece), so the index of an edited text
 * (`patched`) costs the edited stretch and one small object per later piece,
 * not a copy of every line start (60,000 in a 3 MB document). It reads its text
 * through `source` (a host's buffer view or a string): answers read a line or a
 * character, never the whole text.
 */
export class LineIndex {
  private readonly pieces: Piece[];
  private readonly pieceSize: number;
  readonly lineCount: number;

  constructor(readonly source: SourceText, opts: LineIndexOptions = {}, pieces?: Piece[]) {
    this.pieceSize = Math.max(2, opts.piece ?? PIECE);
    if (!pieces) {
      // Every character is read: a string's own charCodeAt is the fastest way.
      const text = wholeText(source);
      const starts = [text.charCodeAt(0) === 0xfeff && !opts.bomIsColumn ? 1 : 0];
      scanStarts(text, starts[0], text.length, starts);
      pieces = [];
      cut(starts, 0, this.pieceSize, pieces);
    }
    this.pieces = pieces;
    const last = pieces[pieces.length - 1];
    this.lineCount = last.first + last.rel.length;
  }

  /** The whole text as one string (made once per version: see textView.ts). */
  get text(): string {
    return wholeText(this.source);
  }

  /**
   * The index of `text`, which is this index's text with `[from, oldEnd)`
   * replaced by `[from, newEnd)`: line starts before the edit are kept, those
   * after it shifted, and only the edited stretch is scanned (a keystroke in a
   * 3 MB document). Whether a position starts a line depends on the character
   * before it and, after a `\r`, the one at it: both lie outside the edit for
   * the kept and shifted starts. Only the pieces from the edit's line to the
   * first start past it are rebuilt; those before are shared, those after moved.
   */
  patched(text: SourceText, from: number, oldEnd: number, newEnd: number, opts: LineIndexOptions = {}): LineIndex {
    const size = this.pieceSize;
    // Near the start a BOM may have come or gone: index afresh.
    if (from < 2) return new LineIndex(text, { ...opts, piece: size });
    const old = this.pieces;
    const delta = newEnd - oldEnd;
    // The first line starting at or after `from`, and the piece holding it (the last piece when none does).
    const lo = this.lineAtOrAfter(from);
    let p = lo < this.lineCount ? this.pieceOf(lo) : old.length - 1;
    const pieces = old.slice(0, p);
    const first = old[p].first;
    // The starts of the rebuilt stretch: the edited piece's before `from`, those the edited text makes, then the old ones moved.
    const starts: number[] = [];
    const edited = old[p];
    for (let i = 0; i < lo - first; i++) starts.push(edited.base + edited.rel[i]);
    scanStarts(text, from - 1, newEnd, starts);
    let last = starts.length > 0 ? starts[starts.length - 1] : lo > 0 ? this.lineStart(lo - 1) : -1;
    let i = lo - first;
    for (;;) {
      const piece = old[p];
      for (; i < piece.rel.length; i++) {
        const y = piece.base + piece.rel[i] + delta;
        if (y > last && y >= newEnd + 1) starts.push((last = y));
      }
      p++;
      i = 0;
      if (p >= old.length) break;
      // From a start past the edited stretch on, every start is the old one moved: reuse the pieces, unless the rebuilt run is too short to stand alone.
      if (old[p].base + delta > newEnd + 1 && starts.length >= size >> 1) break;
    }
    const next = first + cut(starts, first, size, pieces);
    for (let line = next; p < old.length; p++) {
      pieces.push({ base: old[p].base + delta, first: line, rel: old[p].rel });
      line += old[p].rel.length;
    }
    return new LineIndex(text, { piece: size }, pieces);
  }

  /** The offset where `line` starts (0 <= line < lineCount). */
  lineStart(line: number): number {
    const piece = this.pieces[this.pieceOf(line)];
    return piece.base + piece.rel[line - piece.first];
  }

  positionAt(offset: number): Position {
    const o = this.clamped(offset);
    const line = this.lineAtOrAfter(o + 1) - 1;
    return { line, character: this.column(o, this.lineStart(line)) };
  }

  /**
   * positionAt for offsets asked in ascending order: each line is found by walking
   * on from the last one's instead of by a binary search over every start (the
   * four positions of each of 100,000 headings as a document opens). An offset
   * before the last one asked is found by the search. The position is written
   * into `into` and returned: the caller may reuse one object for every offset.
   */
  walker(): (offset: number, into: Position) => Position {
    const pieces = this.pieces;
    let p = 0;
    let k = 0;
    let last = -1;
    return (offset, into) => {
      const o = this.clamped(offset);
      if (o < last) {
        const at = this.positionAt(o);
        into.line = at.line;
        into.character = at.character;
        return into;
      }
      last = o;
      // Whole pieces whose successor starts at or before `o` are passed over, then the starts in one.
      while (p + 1 < pieces.length && pieces[p + 1].base <= o) {
        p++;
        k = 0;
      }
      const { base, first, rel } = pieces[p];
      while (k + 1 < rel.length && base + rel[k + 1] <= o) k++;
      into.line = first + k;
      into.character = this.column(o, base + rel[k]);
      return into;
    };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineCount) return this.source.length;
    const start = this.lineStart(pos.line);
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just before the line's terminator. */
  lineEnd(line: number): number {
    const start = this.lineStart(line);
    const next = line + 1 < this.lineCount ? this.lineStart(line + 1) : this.source.length;
    let end = next;
    if (end > start && this.source.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.source.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.source.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The document's dominant line terminator, for edits that add lines. */
  eol(): string {
    const text = this.source;
    if (typeof text === 'string') {
      const i = text.indexOf('\n');
      if (i > 0 && text.charCodeAt(i - 1) === 13) return '\r\n';
      if (i < 0 && text.includes('\r')) return '\r';
      return '\n';
    }
    // The same read by character from a view: the first line's end is near the start.
    let cr = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
      if (c === 13) cr = true;
    }
    return cr ? '\r' : '\n';
  }

  /** An offset within the text, not before the first line's start (after a BOM that is not a column). */
  private clamped(offset: number): number {
    return Math.max(this.pieces[0].base, Math.min(offset, this.source.length));
  }

  /** The column of `o` on the line starting at `start`: an offset inside a `\r\n` pair belongs to the end of its line. */
  private column(o: number, start: number): number {
    const text = this.source;
    return o > start && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 - start : o - start;
  }

  /** The piece holding `line`: the last whose first line is at or before it. */
  private pieceOf(line: number): number {
    const pieces = this.pieces;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid].first <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first line starting at or after `offset` (lineCount when none does). */
  private lineAtOrAfter(offset: number): number {
    // The last piece starting before `offset` (the first when none does): the line is in it or starts the next one.
    // Searched by its own loop, not by a property named in a variable: that read is several times slower.
    const pieces = this.pieces;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid].base < offset) lo = mid;
      else hi = mid - 1;
    }
    const piece = pieces[lo];
    return piece.first + lowerBound(piece.rel, offset - piece.base);
  }
}

/** Appends the line starts that the terminators in `text[from, to)` make. */
function scanStarts(text: TextRead, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
}

/** Appends `starts` (lines from `first` on) to `pieces` in pieces of about `size`; returns how many lines they hold. */
function cut(starts: number[], first: number, size: number, pieces: Piece[]): number {
  const n = Math.ceil(starts.length / size);
  for (let k = 0; k < n; k++) {
    // Evenly: a rebuilt run of size + 1 starts makes two pieces of half a size, not one of a single start.
    const a = Math.floor((k * starts.length) / n);
    const b = Math.floor(((k + 1) * starts.length) / n);
    const base = starts[a];
    const rel = new Array<number>(b - a);
    for (let i = a; i < b; i++) rel[i - a] = starts[i] - base;
    pieces.push({ base, first: first + a, rel });
  }
  return starts.length;
}

/** First index whose value is >= x in an ascending array. */
export function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
