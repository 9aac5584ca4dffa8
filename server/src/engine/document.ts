// The document model: chunk facts placed at absolute offsets, then headings,
// the section tree and the top-of-document fields. After an edit it is built
// from the last version's model: the chunks both share keep their facts (moved
// by the edit's length after it), and only the changed chunks are placed.
import { splitChunks, type ChunkSpan } from './chunks';
import { BlockList } from './blockList';
import { LineIndex } from './lines';
import { parseChunk, shiftBlock, shiftSpan, type BlockFact, type BracketFact, type ChunkFacts, type CommentFact } from './markdown';
import { headingKey } from './match-text';
import { wholeText, type SourceText, type TextRead } from './textView';
import type { Range } from './types';

/**
 * A heading: its offsets, and where they are as numbers; `range` and `titleRange`
 * are made when read. A document may open with 100,000 headings, whose two ranges
 * of two positions each had been six of the ten objects the model kept per heading.
 */
export class Heading {
  constructor(
    readonly depth: number,
    readonly title: string,
    readonly key: string,
    readonly start: number,
    readonly end: number,
    readonly titleStart: number,
    readonly titleEnd: number,
    /** ATX (`## x`) headings can be re-levelled by editing their marker; setext ones cannot. */
    readonly atx: boolean,
    /** The positions of `start`, `end`, `titleStart` and `titleEnd`, each as its line and character. */
    readonly line: number,
    readonly character: number,
    readonly endLine: number,
    readonly endCharacter: number,
    readonly titleLine: number,
    readonly titleCharacter: number,
    readonly titleEndLine: number,
    readonly titleEndCharacter: number,
  ) {}

  /** The heading's line(s), marker included: a new object at each read. */
  get range(): Range {
    return { start: { line: this.line, character: this.character }, end: { line: this.endLine, character: this.endCharacter } };
  }

  /** The title's text: a new object at each read. */
  get titleRange(): Range {
    return { start: { line: this.titleLine, character: this.titleCharacter }, end: { line: this.titleEndLine, character: this.titleEndCharacter } };
  }
}

export interface Section {
  heading: Heading;
  /** From the heading's start to the next heading of the same or higher level. */
  start: number;
  end: number;
  children: Section[];
  parent: Section | null;
  /** Any visible content in the span, subsections' included. */
  hasContent: boolean;
}

export interface Field {
  label: string;
  key: string;
  value: string;
  start: number;
  end: number;
  range: Range;
}

export interface DocumentModel {
  /** The text the model was built from, read by offsets (a keystroke's rules read only around the edit). */
  source: SourceText;
  /** The whole text as one string: made when first read, for what needs all of it. */
  readonly text: string;
  lines: LineIndex;
  blocks: BlockFact[];
  headings: Heading[];
  /** Top-level sections (usually the H1 title, or the H2s of a document without one). */
  roots: Section[];
  /** All sections in document order. */
  sections: Section[];
  /** Bold `**Label**: value` lines before the first `##` section. */
  fields: Field[];
  brackets: BracketFact[];
  definitions: Set<string>;
  comments: CommentFact[];
  /** Some chunk was read by the line scanner, not the markdown parser. */
  degraded: boolean;
  /** Front matter text (YAML/TOML without fences), if any. */
  frontMatter: string | null;
}

/** Facts of the chunk `chunkText`, which spans `[start, end)` of the document (positions let a caller reuse facts by place). */
export type ChunkLookup = (chunkText: string, start: number, end: number) => ChunkFacts | undefined;

export interface ResolvedChunk {
  start: number;
  facts: ChunkFacts;
}

/**
 * Chooses the chunks of `text` and their facts. `lookup` answers from a cache
 * or parses; when it has no answer for some chunk the texts it lacks are
 * returned, so an asynchronous caller can parse them elsewhere and retry.
 * `spans` defaults to `splitChunks(text)` (tests pass finer cuts).
 */
export function resolveChunks(source: SourceText, lookup: ChunkLookup, spans: ChunkSpan[] = splitChunks(wholeText(source))): { chunks: ResolvedChunk[]; missing: string[] } {
  // Every chunk's text is read: one string of the whole, whose slices are views of it, not a copy each.
  const text = wholeText(source);
  const chunks: ResolvedChunk[] = [];
  const missing: string[] = [];
  let i = 0;
  while (i < spans.length) {
    let end = spans[i].end;
    let j = i;
    for (;;) {
      const t = text.slice(spans[i].start, end);
      const facts = lookup(t, spans[i].start, end);
      if (!facts) {
        missing.push(t);
        break;
      }
      if (facts.unclosedAtEnd && j + 1 < spans.length) {
        j++;
        end = spans[j].end;
        continue;
      }
      chunks.push({ start: spans[i].start, facts });
      break;
    }
    i = j + 1;
  }
  return { chunks, missing };
}

/** Synchronous analysis: parse what `cache` lacks with `parse`. */
export function parseDocument(
  text: string,
  cache?: Map<string, ChunkFacts>,
  parse: (t: string) => ChunkFacts = parseChunk,
  spans?: ChunkSpan[],
): DocumentModel {
  const { chunks } = resolveChunks(text, (t) => {
    let f = cache?.get(t);
    if (!f) {
      f = parse(t);
      cache?.set(t, f);
    }
    return f;
  }, spans);
  return buildDocument(text, chunks);
}

/**
 * How a text relates to an earlier one it was built from: a stretch ending at or
 * before `from` is unchanged where it stands, one starting at or after `to` is
 * the old one moved by `delta`; anything overlapping [from, to) may have changed.
 * Unchanged means its text and the facts parsed from it (its blocks, headings).
 */
export interface TextShift {
  from: number;
  to: number;
  delta: number;
}

/**
 * How many chunks two resolutions begin with (same facts at the same place,
 * running to the same end) and end with (same facts, moved by the texts' length
 * difference). Facts are found again by their chunk's text or by a place the
 * edit did not touch (session.ts), so the same facts over the same stretch mean
 * the same text.
 */
function sharedChunks(before: readonly ResolvedChunk[], beforeLength: number, after: readonly ResolvedChunk[], afterLength: number): { head: number; tail: number } {
  const delta = afterLength - beforeLength;
  const endOf = (chunks: readonly ResolvedChunk[], i: number, length: number) => (i + 1 < chunks.length ? chunks[i + 1].start : length);
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head < most && before[head].facts === after[head].facts && before[head].start === after[head].start
    && endOf(before, head, beforeLength) === endOf(after, head, afterLength)) head++;
  let tail = 0;
  for (; head + tail < most; tail++) {
    const b = before.length - 1 - tail;
    const a = after.length - 1 - tail;
    if (before[b].facts !== after[a].facts || after[a].start - before[b].start !== delta
      || endOf(after, a, afterLength) - endOf(before, b, beforeLength) !== delta) break;
  }
  return { head, tail };
}

/** The shift from a text resolved into `before` to one resolved into `after` (see sharedChunks). */
export function chunkShift(before: readonly ResolvedChunk[], beforeLength: number, after: readonly ResolvedChunk[], afterLength: number): TextShift {
  const { head, tail } = sharedChunks(before, beforeLength, after, afterLength);
  return {
    from: head < after.length ? after[head].start : afterLength,
    to: tail > 0 ? after[after.length - tail].start : afterLength,
    delta: afterLength - beforeLength,
  };
}

/** The index of the first block starting at or after `offset`. */
export function firstBlockFrom(doc: DocumentModel, offset: number): number {
  return blocksOf(doc).firstFrom(offset);
}

/** How many blocks the model has: read without making the array of them (see BlockList). */
export function blockCount(doc: DocumentModel): number {
  return blocksOf(doc).length;
}

/** The model's block `i` (undefined past the last), read without making the array of them. */
export function blockAt(doc: DocumentModel, i: number): BlockFact | undefined {
  return blocksOf(doc).at(i);
}

/** Each model's blocks as built; `model.blocks` is their array, made when first read. */
const blockLists = new WeakMap<DocumentModel, BlockList>();

function blocksOf(doc: DocumentModel): BlockList {
  return blockLists.get(doc) ?? new BlockList(doc.blocks);
}

const INVISIBLE = new Set(['heading', 'thematicBreak', 'yaml', 'toml', 'definition']);

/** A chunk's facts at an absolute offset, with its headings' keys. */
interface Placed {
  base: number;
  blocks: BlockFact[];
  brackets: BracketFact[];
  comments: CommentFact[];
  headingKeys: string[];
}

// The document is rebuilt from cached chunk facts after every keystroke; a
// chunk that did not move (every chunk before the edit) keeps its placed facts.
// Placed facts are shared between successive models: never mutate them.
const placedCache = new WeakMap<ChunkFacts, Placed>();

function place(facts: ChunkFacts, base: number): Placed {
  const hit = placedCache.get(facts);
  if (hit && hit.base === base) return hit;
  // Shifted copies keep the facts' object shape (see shiftSpan): a spread
  // with added keys made 40k-block documents several times slower to rebuild.
  const blocks = base === 0 ? facts.blocks : facts.blocks.map((b) => shiftBlock(b, base));
  const headingKeys = hit ? hit.headingKeys : facts.blocks.filter((b) => b.type === 'heading').map((b) => headingKey(b.title ?? ''));
  const p: Placed = {
    base,
    blocks,
    brackets: base === 0 ? facts.brackets : facts.brackets.map((x) => shiftSpan(x, base)),
    comments: base === 0 ? facts.comments : facts.comments.map((x) => shiftSpan(x, base)),
    headingKeys,
  };
  placedCache.set(facts, p);
  return p;
}

/** A model and the chunks it was built from: the next version's model is built from it after an edit. */
export interface BuiltModel {
  model: DocumentModel;
  chunks: ResolvedChunk[];
}

/**
 * `bomIsColumn`: positions count a leading BOM (text synchronized from an editor that keeps it).
 * `lines`: the text's line index when the caller has it already (patched after an edit).
 * `from`: an earlier version's model; the facts of the chunks both share are taken from it
 * (moved by the edit's length after it) instead of placed again chunk by chunk.
 */
export function buildDocument(text: SourceText, chunks: ResolvedChunk[], opts: { bomIsColumn?: boolean; lines?: LineIndex; from?: BuiltModel } = {}): DocumentModel {
  const lines = opts.lines ?? new LineIndex(text, opts);
  const prev = opts.from;
  const shared = prev ? sharedChunks(prev.chunks, prev.model.source.length, chunks, text.length) : { head: 0, tail: 0 };
  if (!prev || shared.head + shared.tail === 0) return fromChunks(text, chunks, lines);
  const { model: old } = prev;
  const delta = text.length - old.source.length;
  const changed = chunks.slice(shared.head, chunks.length - shared.tail);
  const oldChanged = prev.chunks.slice(shared.head, prev.chunks.length - shared.tail);
  // Where the changed chunks start, and where the shared tail starts (in the old text).
  const from = shared.head < chunks.length ? chunks[shared.head].start : text.length;
  const oldTo = shared.tail > 0 ? prev.chunks[prev.chunks.length - shared.tail].start : old.source.length;
  const placed = placeAll(changed);
  const blocks = blocksOf(old).spliced(from, oldTo, placed.blocks, delta);
  const kept = firstStartingFrom(old.headings, from);
  const headings = old.headings.slice(0, kept);
  for (const h of headingsOf(text, lines, placed.blocks, placed.keys)) headings.push(h);
  const fresh = headings.length;
  const tail = firstStartingFrom(old.headings, oldTo);
  movedHeadings(old.headings, tail, delta, lines, headings);
  // Between two headings both before or both after the changed chunks the blocks are the old ones: only the
  // last kept heading's stretch and the placed headings' are read again.
  const oldGaps = visibleGaps.get(old) ?? gapsOf(old.headings, blocksOf(old));
  const gaps = oldGaps.slice(0, Math.max(0, kept - 1));
  for (let i = gaps.length; i < fresh; i++) gaps.push(gapVisible(headings, blocks, i));
  for (let i = tail; i < oldGaps.length; i++) gaps.push(oldGaps[i]);
  const definitionsChanged = changed.some((c) => c.facts.definitions.length > 0) || oldChanged.some((c) => c.facts.definitions.length > 0);
  return modelOf(text, lines, {
    blocks,
    brackets: spliced(old.brackets, from, oldTo, placed.brackets, delta, shiftSpan),
    comments: spliced(old.comments, from, oldTo, placed.comments, delta, shiftSpan),
    definitions: definitionsChanged ? definitionsOf(chunks) : old.definitions,
    degraded: chunks.some((c) => c.facts.degraded),
  }, headings, gaps);
}

/** The model from every chunk's facts placed afresh. */
function fromChunks(text: SourceText, chunks: ResolvedChunk[], lines: LineIndex): DocumentModel {
  const placed = placeAll(chunks);
  const headings = headingsOf(text, lines, placed.blocks, placed.keys);
  const blocks = new BlockList(placed.blocks);
  return modelOf(text, lines, { ...placed, blocks, definitions: definitionsOf(chunks), degraded: chunks.some((c) => c.facts.degraded) }, headings, gapsOf(headings, blocks));
}

/** The facts of chunks at their offsets, and their headings' keys. */
function placeAll(chunks: ResolvedChunk[]): { blocks: BlockFact[]; brackets: BracketFact[]; comments: CommentFact[]; keys: string[] } {
  const blocks: BlockFact[] = [];
  const brackets: BracketFact[] = [];
  const comments: CommentFact[] = [];
  const keys: string[] = [];
  for (const { start: base, facts } of chunks) {
    const p = place(facts, base);
    // Loops, not push(...xs): a chunk may hold more blocks than a call has room for arguments. Indexed, not
    // for-of: at open they run before they are optimised, where an iterator costs more than the copy.
    for (let i = 0; i < p.blocks.length; i++) blocks.push(p.blocks[i]);
    for (let i = 0; i < p.brackets.length; i++) brackets.push(p.brackets[i]);
    for (let i = 0; i < p.comments.length; i++) comments.push(p.comments[i]);
    for (let i = 0; i < p.headingKeys.length; i++) keys.push(p.headingKeys[i]);
  }
  return { blocks, brackets, comments, keys };
}

function definitionsOf(chunks: ResolvedChunk[]): Set<string> {
  const definitions = new Set<string>();
  for (const { facts } of chunks) for (const d of facts.definitions) definitions.add(d);
  return definitions;
}

/** The first index of a list sorted by start whose start is at or after `offset`. */
export function firstStartingFrom(xs: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An old list's items before `from`, the changed ones, and its items from `oldTo` on moved by `delta`. */
function spliced<T extends { start: number }>(old: T[], from: number, oldTo: number, changed: T[], delta: number, shift: (x: T, by: number) => T): T[] {
  const out = old.slice(0, firstStartingFrom(old, from));
  for (const x of changed) out.push(x);
  for (let i = firstStartingFrom(old, oldTo); i < old.length; i++) out.push(delta === 0 ? old[i] : shift(old[i], delta));
  return out;
}

function headingsOf(text: TextRead, lines: LineIndex, blocks: BlockFact[], keys: string[]): Heading[] {
  const headings: Heading[] = [];
  // The blocks are in document order and a heading's title lies within it: its positions are found walking on,
  // each written into one of four objects for every heading (the heading keeps their numbers).
  const at = lines.walker();
  const [start, title, titleTo, end] = [{ line: 0, character: 0 }, { line: 0, character: 0 }, { line: 0, character: 0 }, { line: 0, character: 0 }];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type !== 'heading') continue;
    const titleStart = b.titleStart ?? b.end;
    const titleEnd = b.titleEnd ?? b.end;
    at(b.start, start);
    at(titleStart, title);
    at(titleEnd, titleTo);
    at(b.end, end);
    headings.push(new Heading(b.depth ?? 1, b.title ?? '', keys[headings.length], b.start, b.end, titleStart, titleEnd, isAtx(text, b.start),
      start.line, start.character, end.line, end.character, title.line, title.character, titleTo.line, titleTo.character));
  }
  return headings;
}

/**
 * The headings from `from` on, `by` further on, appended to `out`. A heading keeps
 * its key. Its ranges move by as many lines as the edit added or removed: the text
 * from the first moved heading's line on is the old one moved, so every line start
 * there is the old one moved. That is checked on the first one (its position read
 * from the index: the same column); should it fail, every range is read from the index.
 */
function movedHeadings(old: Heading[], from: number, by: number, lines: LineIndex, out: Heading[]): void {
  if (from >= old.length) return;
  const first = old[from];
  const at = lines.positionAt(first.start + by);
  const d = at.line - first.line;
  if (at.character === first.character) {
    for (let i = from; i < old.length; i++) {
      const h = old[i];
      out.push(new Heading(h.depth, h.title, h.key, h.start + by, h.end + by, h.titleStart + by, h.titleEnd + by, h.atx,
        h.line + d, h.character, h.endLine + d, h.endCharacter, h.titleLine + d, h.titleCharacter, h.titleEndLine + d, h.titleEndCharacter));
    }
    return;
  }
  for (let i = from; i < old.length; i++) {
    const h = old[i];
    const [start, end, title, titleEnd] = [h.start + by, h.end + by, h.titleStart + by, h.titleEnd + by].map((o) => lines.positionAt(o));
    out.push(new Heading(h.depth, h.title, h.key, h.start + by, h.end + by, h.titleStart + by, h.titleEnd + by, h.atx,
      start.line, start.character, end.line, end.character, title.line, title.character, titleEnd.line, titleEnd.character));
  }
}

/** The model of placed facts: sections, fields and front matter read from them. */
function modelOf(
  text: SourceText,
  lines: LineIndex,
  facts: { blocks: BlockList; brackets: BracketFact[]; comments: CommentFact[]; definitions: Set<string>; degraded: boolean },
  headings: Heading[],
  gaps: boolean[],
): DocumentModel {
  const { blocks } = facts;
  const { roots, sections } = buildSections(headings, gaps, text.length);
  const firstH2 = headings.find((h) => h.depth === 2 && !/^\s*title\s*:/i.test(h.title) && headingKey(h.title) !== 'title');
  const fields: Field[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks.at(i)!;
    if (firstH2 && b.start >= firstH2.start) break;
    for (const f of b.fields ?? []) {
      const label = f.label.replace(/:\s*$/, '').trim();
      const value = f.value.replace(/^\s*:/, '').trim();
      fields.push({ label, key: headingKey(label), value, start: f.start, end: f.end, range: lines.range(f.start, f.end) });
    }
  }
  const first = blocks.at(0);
  const fm = first?.type === 'yaml' || first?.type === 'toml' ? text.slice(first.start, first.end) : null;

  const model: DocumentModel = {
    source: text,
    get text() {
      return wholeText(text);
    },
    lines,
    get blocks() {
      return blocks.all();
    },
    headings, roots, sections, fields, brackets: facts.brackets, definitions: facts.definitions, comments: facts.comments, degraded: facts.degraded,
    frontMatter: fm === null ? null : fm.replace(/^(---|\+\+\+)[^\n]*\n?/, '').replace(/\n?(---|\+\+\+|\.\.\.)\s*$/, ''),
  };
  visibleGaps.set(model, gaps);
  blockLists.set(model, blocks);
  return model;
}

/**
 * Per heading: whether a visible block lies between it and the next heading (or
 * the end). A section has content when its heading's stretch or a subsection's
 * has; kept with each model, so that the next one reads again only the stretches
 * an edit changed, not every block.
 */
const visibleGaps = new WeakMap<DocumentModel, boolean[]>();

/** Every heading's gap, in one walk over the blocks (gapVisible for each, without a search for its first block). */
function gapsOf(headings: Heading[], blocks: BlockList): boolean[] {
  const gaps: boolean[] = [];
  let k = 0;
  for (let i = 0; i < headings.length; i++) {
    const from = headings[i].start + 1;
    while (k < blocks.length && blocks.startAt(k) < from) k++;
    gaps.push(visibleFrom(headings, blocks, i, k));
  }
  return gaps;
}

/** Whether a visible block starts after heading `i` and before the next one. */
function gapVisible(headings: Heading[], blocks: BlockList, i: number): boolean {
  return visibleFrom(headings, blocks, i, blocks.firstFrom(headings[i].start + 1));
}

/** Whether a visible block lies from block `k` (the first after heading `i`) up to the next heading. */
function visibleFrom(headings: Heading[], blocks: BlockList, i: number, k: number): boolean {
  const end = i + 1 < headings.length ? headings[i + 1].start : Infinity;
  for (; k < blocks.length && blocks.startAt(k) < end; k++) {
    const b = blocks.unmoved(k);
    if (!INVISIBLE.has(b.type) && !(b.type === 'html' && b.commentOnly)) return true;
  }
  return false;
}

/** Whether the heading at `start` is ATX (`## x`, up to 3 spaces first), not setext. */
function isAtx(text: TextRead, start: number): boolean {
  let i = start;
  while (i < start + 3 && text.charCodeAt(i) === 32) i++;
  return text.charCodeAt(i) === 35;
}

function buildSections(headings: Heading[], gaps: boolean[], docEnd: number): { roots: Section[]; sections: Section[] } {
  const roots: Section[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    while (stack.length > 0 && stack[stack.length - 1].heading.depth >= h.depth) {
      stack.pop()!.end = h.start;
    }
    const parent = stack[stack.length - 1] ?? null;
    const s: Section = { heading: h, start: h.start, end: docEnd, children: [], parent, hasContent: false };
    // A first child gets an array of its own size: a push to an empty array reserves room for 17, and most
    // sections have one subsection or none (a third less memory for 100,000 headings' sections).
    if (!parent) roots.push(s);
    else if (parent.children.length === 0) parent.children = [s];
    else parent.children.push(s);
    sections.push(s);
    stack.push(s);
    // Content after this heading is in its section and every section around it.
    if (gaps[i]) for (const open of stack) open.hasContent = true;
  }
  return { roots, sections };
}
