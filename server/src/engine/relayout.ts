// After an edit, finds the chunks of the new text without splitting or looking
// up the whole document again: chunks before the edit keep their place, the
// edited stretch is split afresh from the last cut whose line the edit left
// alone, and the split stops at the first cut point after the edit that was a
// chunk boundary before (from there on the text, and so every later cut and
// chunk, is the old one moved by the edit's length). The result equals a
// resolution of freshly split text in facts, though its cuts may differ: any
// set of cut points gives the same facts (see chunks.ts).
import { coarsen, scanCuts, toSpans, type ChunkSpan } from './chunks';
import type { ResolvedChunk } from './document';
import { shiftBlock, shiftSpan, type BlockFact, type ChunkFacts } from './markdown';
import { wholeText, type SourceText, type TextRead } from './textView';

/** A resolved text: its chunks (each running to the next one's start). */
export interface Layout {
  text: SourceText;
  chunks: ResolvedChunk[];
}

export interface TextEditSpan {
  /** Offset where old and new text start to differ. */
  from: number;
  /** End of the replaced stretch in the old text, and of its replacement in the new one. */
  oldEnd: number;
  newEnd: number;
}

export interface Relayout {
  /** Spans of the whole new text: the old ones before and after the edit, fresh ones around it. */
  spans: ChunkSpan[];
  /** Facts still valid, by the chunk's start in the new text (and its end, which must match). */
  known: Map<number, { end: number; facts: ChunkFacts }>;
  /** Facts of the old chunks around the edit, by text (a fresh cut may give the same text). */
  nearby: Map<string, ChunkFacts>;
  edit: TextEditSpan;
  /** Every chunk of the new text with its facts, when all are known (typing in prose): nothing to look up. */
  resolved?: ResolvedChunk[];
  /**
   * Prose typed into a paragraph (typedLayout): the new text's facts are the old
   * ones but for that paragraph's end and the positions after the edit, which
   * stays on its line. No block, bracket, field, heading or line is added or lost.
   */
  proseTyped?: boolean;
}

/** A line's first characters that decide whether it can be a cut point (`######`, `123456789.`, …). */
const CUT_DECIDED_WITHIN = 16;

/** Compared in blocks first: a keystroke in a 3 MB document should not cost a character loop over it. */
const BLOCK = 4096;

/**
 * What the editor says changed since a text the session was given: `base`
 * became the new text by replacing `[from, oldEnd)` with `[from, newEnd)`.
 * The texts are then compared only there (the span found is the same).
 */
export interface KnownEdit extends TextEditSpan {
  base: SourceText;
}

/** Whether `span` can say how `a` became `b`: it lies inside `a`, and the text after it has one length in both. */
export function spanFits(span: TextEditSpan, a: TextRead, b: TextRead): boolean {
  return span.from >= 0 && span.from <= span.oldEnd && span.oldEnd <= a.length && a.length - span.oldEnd === b.length - span.newEnd;
}

/**
 * Where `a` and `b` differ: their longest common prefix, then the longest
 * common suffix of the rest. `known`: a span outside of which they are known to
 * agree; the comparison starts from it (the longest prefix and suffix found
 * are the same, each one's known part not compared again).
 */
export function diffSpan(a: TextRead, b: TextRead, known?: TextEditSpan): TextEditSpan {
  const max = Math.min(a.length, b.length);
  // A span that does not fit the two texts says nothing.
  if (known && !spanFits(known, a, b)) known = undefined;
  let p = known ? Math.min(known.from, max) : 0;
  while (p + BLOCK <= max && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const room = max - p;
  let s = known ? Math.min(a.length - known.oldEnd, room) : 0;
  while (s + BLOCK <= room && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < room && a.charCodeAt(a.length - s - 1) === b.charCodeAt(b.length - s - 1)) s++;
  return { from: p, oldEnd: a.length - s, newEnd: b.length - s };
}

function lineEnd(text: TextRead, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/**
 * The spans and reusable facts of `text`, an edited version of `prev.text`.
 * Null when the edit reaches the first two characters (a BOM may have come or
 * gone): split afresh then. `coarseMin` merges the fresh spans as `coarsen` does.
 */
export function relayout(prev: Layout, text: SourceText, softLimit: number, coarseMin?: number, editorEdit?: KnownEdit): Relayout | null {
  const old = prev.text;
  const chunks = prev.chunks;
  // The editor's span holds only for the text it was measured from (the same string, usually the same object).
  const measured = editorEdit && editorEdit.base.length === old.length && editorEdit.base === old ? editorEdit : undefined;
  // Without it the texts are compared whole, in blocks: as strings, whose slices are views, not a copy each.
  const edit = measured ? diffSpan(old, text, measured) : diffSpan(wholeText(old), wholeText(text));
  if (edit.from < 2 || chunks.length === 0) return null;
  const delta = edit.newEnd - edit.oldEnd;
  const endOf = (i: number) => (i + 1 < chunks.length ? chunks[i + 1].start : old.length);
  const typed = typedLayout(prev, text, edit, endOf);
  if (typed) return typed;

  // The last chunk starting before the edit whose cut the edit cannot undo: whether
  // a cut stands at a line depends on the line before and the line's first
  // characters (`#`, a list marker, indentation), so an edit further along the
  // first line (typing at the end of a one-line paragraph) keeps it.
  let j = lastStartingBefore(chunks, edit.from + 1);
  while (j > 0 && edit.from < chunks[j].start + CUT_DECIDED_WITHIN && lineEnd(old, chunks[j].start) >= edit.from) j--;
  const from = chunks[j].start;

  // Resume at a cut point after the edit that starts an old chunk.
  let k = j + 1;
  // The cut scanner reads the text with regular expressions: one string of it (typing in prose never gets here).
  const { cuts, stoppedAt } = scanCuts(wholeText(text), from, softLimit, (pos) => {
    if (pos < edit.newEnd) return false;
    while (k < chunks.length && (chunks[k].start < edit.oldEnd || chunks[k].start + delta < pos)) k++;
    return k < chunks.length && chunks[k].start + delta === pos;
  });
  const regionEnd = stoppedAt ?? text.length;
  if (stoppedAt === null) k = chunks.length;
  else cuts.pop();
  let region = toSpans(from, cuts, regionEnd);
  if (coarseMin) region = coarsen(region, coarseMin);

  const spans: ChunkSpan[] = [];
  const known = new Map<number, { end: number; facts: ChunkFacts }>();
  for (let i = 0; i < j; i++) {
    const end = endOf(i);
    spans.push({ start: chunks[i].start, end });
    known.set(chunks[i].start, { end, facts: chunks[i].facts });
  }
  for (const r of region) spans.push(r);
  for (let i = k; i < chunks.length; i++) {
    const start = chunks[i].start + delta;
    const end = endOf(i) + delta;
    spans.push({ start, end });
    known.set(start, { end, facts: chunks[i].facts });
  }
  const nearby = new Map<string, ChunkFacts>();
  for (let i = j; i < k; i++) nearby.set(old.slice(chunks[i].start, endOf(i)), chunks[i].facts);
  return { spans, known, nearby, edit };
}

/** The last chunk starting before `offset` (the first chunk when none does). */
function lastStartingBefore(chunks: ResolvedChunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start < offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Characters that start no markdown construct after a letter on a line, and end no line. */
const PROSE = /^[\p{L}\p{N} ,.;:!?'"()-]+$/u;
const LETTER = /\p{L}/u;

/**
 * Typing in prose, without a parse: characters that open nothing (PROSE)
 * inserted after the first letter of a line of a top-level paragraph whose
 * facts are only its extent and its brackets. Such a paragraph has no `<`
 * (comments, HTML) and no line opening with `**` or `__` (fields), so its
 * facts depend on its inline content only through brackets (mdtree.ts leaves
 * it untokenized for the same reason); where it holds a `[`, the edited line
 * holds no `[`, `]`, `(` or `)` after the edit and the last one before it
 * closes (`]` or `)`), and none of those nor a quote (which could end a link's
 * title) is typed, so no bracket, link or reference changes: typing after a
 * closed link or bracket appends text to the line. The edited line
 * starts with a letter before and after, so it is paragraph text whatever
 * follows, and every other line and every cut point is unchanged: the chunk's
 * facts are the old ones with the paragraph longer and what follows it
 * shifted, and every other chunk is reused by position. Null when the edit is
 * anything else.
 */
function typedLayout(prev: Layout, text: SourceText, edit: TextEditSpan, endOf: (i: number) => number): Relayout | null {
  const { from, oldEnd, newEnd } = edit;
  const delta = newEnd - oldEnd;
  if (oldEnd !== from || delta > 64 || !PROSE.test(text.slice(from, newEnd))) return null;
  const old = prev.text;
  const chunks = prev.chunks;
  const i = lastStartingBefore(chunks, from);
  const facts = chunks[i].facts;
  if (facts.degraded || endOf(i) < from) return null;
  const para = facts.blocks.find((b) => b.start < from - chunks[i].start && from - chunks[i].start <= b.end);
  if (!para || para.type !== 'paragraph' || para.fields) return null;
  const base = chunks[i].start;
  const at = from - base;
  // Typing on where the last typed key ended: its line start and its reading of the paragraph hold.
  const kept = lastTyped && lastTyped.para === para && lastTyped.at === at ? lastTyped : undefined;
  let lineStart = kept ? base + kept.lineStart : from;
  let first = kept ? base + kept.first : lineStart;
  let prose = kept?.prose;
  if (!kept) {
    const start = base + para.start;
    while (lineStart > start && old.charCodeAt(lineStart - 1) !== 10 && old.charCodeAt(lineStart - 1) !== 13) lineStart--;
    first = lineStart;
    while (first < from && (old.charCodeAt(first) === 32 || old.charCodeAt(first) === 9)) first++;
    if (first === from || !LETTER.test(old.slice(first, first + 1))) return null;
    const read = proseOnly(old, start, base + para.end);
    if (read === 'no') return null;
    prose = read;
  }
  if (prose === 'brackets' && (/[()'"]/.test(text.slice(from, newEnd)) || !bracketsClosedBefore(old, lineStart, from))) return null;

  const after = <T extends { start: number }>(x: T) => x.start >= at;
  const typedPara = Object.assign(shiftSpan(para, 0), { end: para.end + delta });
  lastTyped = { para: typedPara, at: at + delta, lineStart: lineStart - base, first: first - base, prose: prose ?? 'yes' };
  const typedFacts: ChunkFacts = {
    ...facts,
    blocks: facts.blocks.map((b) => (b === para ? typedPara : after(b) ? shiftBlock(b, delta) : b)),
    brackets: facts.brackets.map((x) => (after(x) ? shiftSpan(x, delta) : x)),
    comments: facts.comments.map((x) => (after(x) ? shiftSpan(x, delta) : x)),
  };
  const resolved = chunks.slice(0, i);
  resolved.push({ start: chunks[i].start, facts: typedFacts });
  for (let k = i + 1; k < chunks.length; k++) resolved.push({ start: chunks[k].start + delta, facts: chunks[k].facts });
  // Set, not spread: a spread would read the spans and facts by position it makes only when asked.
  const typed = allResolved(resolved, text.length, edit);
  typed.proseTyped = true;
  return typed;
}

/**
 * The paragraph the last typed layout made (a new object, found again only in the
 * layouts built on it), where typing ended in its chunk, where its line starts and
 * its first character, and how it reads. The next key typed there reads neither the
 * line back to its start nor the paragraph again: typed prose holds no `<`, `[` or
 * line break, and lands after a letter, so neither can change.
 */
let lastTyped: { para: BlockFact; at: number; lineStart: number; first: number; prose: 'yes' | 'brackets' } | undefined;

/** A relayout whose every chunk is known: its spans and facts by position are made only if asked for. */
function allResolved(resolved: ResolvedChunk[], length: number, edit: TextEditSpan): Relayout {
  let spans: ChunkSpan[] | undefined;
  let known: Map<number, { end: number; facts: ChunkFacts }> | undefined;
  const endOf = (k: number) => (k + 1 < resolved.length ? resolved[k + 1].start : length);
  return {
    edit,
    nearby: new Map(),
    resolved,
    get spans() {
      return (spans ??= resolved.map((c, k) => ({ start: c.start, end: endOf(k) })));
    },
    get known() {
      return (known ??= new Map(resolved.map((c, k) => [c.start, { end: endOf(k), facts: c.facts }])));
    },
  };
}

/**
 * 'no' when [start, end) holds a `<` or a line opening (after spaces or tabs)
 * with `**` or `__`; else 'brackets' when it holds a `[`, 'yes' otherwise.
 */
function proseOnly(text: TextRead, start: number, end: number): 'yes' | 'brackets' | 'no' {
  let lineOpen = true;
  let brackets = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 60) return 'no';
    if (c === 91) brackets = true;
    if (c === 10 || c === 13) lineOpen = true;
    else if (c !== 32 && c !== 9) {
      if (lineOpen && (c === 42 || c === 95) && text.charCodeAt(k + 1) === c) return 'no';
      lineOpen = false;
    }
  }
  return brackets ? 'brackets' : 'yes';
}

/** On the line starting at `lineStart`: no `[`, `]`, `(` or `)` from `at` on, and the last one before `at` (if any) a `]` or `)`. */
function bracketsClosedBefore(text: TextRead, lineStart: number, at: number): boolean {
  let last = 0;
  for (let k = lineStart; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) break;
    if (c === 91 || c === 93 || c === 40 || c === 41) {
      if (k >= at) return false;
      last = c;
    }
  }
  return last === 0 || last === 93 || last === 41;
}
