import type { Position, Range } from './types';

/**
 * Maps string offsets to LSP positions. JS strings are UTF-16, so a column is
 * simply `offset - lineStart`; the work is finding line starts, where `\r\n`,
 * `\n` and a lone `\r` each end a line (as the LSP and CommonMark agree).
 * By default a leading BOM is not part of the first line: editors never show
 * it (VS Code strips it before the server sees the text), so a file read from
 * disk with a BOM gives the same positions as the editor's text without it.
 * A language client that does send a BOM has it in its own buffer, where it
 * is a column: the server passes `bomIsColumn` for synchronized text.
 */
export class LineIndex {
  readonly starts: number[];

  constructor(readonly text: string, opts: { bomIsColumn?: boolean } = {}, starts?: number[]) {
    if (!starts) {
      starts = [text.charCodeAt(0) === 0xfeff && !opts.bomIsColumn ? 1 : 0];
      scanStarts(text, starts[0], text.length, starts);
    }
    this.starts = starts;
  }

  /**
   * The index of `text`, which is this index's text with `[from, oldEnd)`
   * replaced by `[from, newEnd)`: line starts before the edit are kept, those
   * after it shifted, and only the edited stretch is scanned (a keystroke in a
   * 3 MB document). Whether a position starts a line depends on the character
   * before it and, after a `\r`, the one at it: both lie outside the edit for
   * the kept and shifted starts.
   */
  patched(text: string, from: number, oldEnd: number, newEnd: number, opts: { bomIsColumn?: boolean } = {}): LineIndex {
    // Near the start a BOM may have come or gone: index afresh.
    if (from < 2) return new LineIndex(text, opts);
    const old = this.starts;
    const delta = newEnd - oldEnd;
    const lo = lowerBound(old, from);
    const starts = old.slice(0, lo);
    scanStarts(text, from - 1, newEnd, starts);
    const last = starts[starts.length - 1];
    for (let i = lo; i < old.length; i++) {
      const y = old[i] + delta;
      if (y > last && y >= newEnd + 1) starts.push(y);
    }
    return new LineIndex(text, {}, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(this.starts[0], Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a `\r\n` pair belongs to the end of its line.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just before the line's terminator. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  /** The document's dominant line terminator, for edits that add lines. */
  eol(): string {
    const i = this.text.indexOf('\n');
    if (i > 0 && this.text.charCodeAt(i - 1) === 13) return '\r\n';
    if (i < 0 && this.text.includes('\r')) return '\r';
    return '\n';
  }
}

/** Appends the line starts that the terminators in `text[from, to)` make. */
function scanStarts(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
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
