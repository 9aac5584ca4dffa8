// The document model: chunk facts placed at absolute offsets, then headings,
// the section tree and the top-of-document fields. Building it from cached
// chunk facts is cheap, so it is rebuilt whole after every edit.
import { splitChunks, type ChunkSpan } from './chunks';
import { LineIndex } from './lines';
import { parseChunk, shiftBlock, shiftSpan, type BlockFact, type BracketFact, type ChunkFacts, type CommentFact } from './markdown';
import { headingKey } from './match-text';
import type { Range } from './types';

export interface Heading {
  depth: number;
  title: string;
  key: string;
  start: number;
  end: number;
  titleStart: number;
  titleEnd: number;
  range: Range;
  titleRange: Range;
  /** ATX (`## x`) headings can be re-levelled by editing their marker; setext ones cannot. */
  atx: boolean;
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
  text: string;
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
export function resolveChunks(text: string, lookup: ChunkLookup, spans: ChunkSpan[] = splitChunks(text)): { chunks: ResolvedChunk[]; missing: string[] } {
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

/** The index of the first block starting at or after `offset`. */
export function firstBlockFrom(doc: DocumentModel, offset: number): number {
  let lo = 0;
  let hi = doc.blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.blocks[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/**
 * `bomIsColumn`: positions count a leading BOM (text synchronized from an editor that keeps it).
 * `lines`: the text's line index when the caller has it already (patched after an edit).
 */
export function buildDocument(text: string, chunks: ResolvedChunk[], opts: { bomIsColumn?: boolean; lines?: LineIndex } = {}): DocumentModel {
  const lines = opts.lines ?? new LineIndex(text, opts);
  const blocks: BlockFact[] = [];
  const brackets: BracketFact[] = [];
  const comments: CommentFact[] = [];
  const definitions = new Set<string>();
  const keys: string[] = [];
  let degraded = false;
  for (const { start: base, facts } of chunks) {
    degraded ||= !!facts.degraded;
    const p = place(facts, base);
    // Loops, not push(...xs): a chunk may hold more blocks than a call has room for arguments.
    for (const b of p.blocks) blocks.push(b);
    for (const x of p.brackets) brackets.push(x);
    for (const c of p.comments) comments.push(c);
    for (const k of p.headingKeys) keys.push(k);
    for (const d of facts.definitions) definitions.add(d);
  }

  const headings: Heading[] = [];
  for (const b of blocks) {
    if (b.type !== 'heading') continue;
    const titleStart = b.titleStart ?? b.end;
    const titleEnd = b.titleEnd ?? b.end;
    headings.push({
      depth: b.depth ?? 1,
      title: b.title ?? '',
      key: keys[headings.length],
      start: b.start,
      end: b.end,
      titleStart,
      titleEnd,
      range: lines.range(b.start, b.end),
      titleRange: lines.range(titleStart, titleEnd),
      atx: isAtx(text, b.start),
    });
  }

  const { roots, sections } = buildSections(headings, blocks, text.length);
  const firstH2 = headings.find((h) => h.depth === 2 && !/^\s*title\s*:/i.test(h.title) && headingKey(h.title) !== 'title');
  const fields: Field[] = [];
  for (const b of blocks) {
    if (firstH2 && b.start >= firstH2.start) break;
    for (const f of b.fields ?? []) {
      const label = f.label.replace(/:\s*$/, '').trim();
      const value = f.value.replace(/^\s*:/, '').trim();
      fields.push({ label, key: headingKey(label), value, start: f.start, end: f.end, range: lines.range(f.start, f.end) });
    }
  }
  const fm = blocks[0]?.type === 'yaml' || blocks[0]?.type === 'toml' ? text.slice(blocks[0].start, blocks[0].end) : null;

  return {
    text, lines, blocks, headings, roots, sections, fields, brackets, definitions, comments, degraded,
    frontMatter: fm === null ? null : fm.replace(/^(---|\+\+\+)[^\n]*\n?/, '').replace(/\n?(---|\+\+\+|\.\.\.)\s*$/, ''),
  };
}

/** Whether the heading at `start` is ATX (`## x`, up to 3 spaces first), not setext. */
function isAtx(text: string, start: number): boolean {
  let i = start;
  while (i < start + 3 && text.charCodeAt(i) === 32) i++;
  return text.charCodeAt(i) === 35;
}

function buildSections(headings: Heading[], blocks: BlockFact[], docEnd: number): { roots: Section[]; sections: Section[] } {
  const roots: Section[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  let bi = 0;
  const markContent = (upTo: number) => {
    for (; bi < blocks.length && blocks[bi].start < upTo; bi++) {
      const b = blocks[bi];
      if (INVISIBLE.has(b.type) || (b.type === 'html' && b.commentOnly)) continue;
      for (const s of stack) s.hasContent = true;
    }
  };
  for (const h of headings) {
    markContent(h.start);
    while (stack.length > 0 && stack[stack.length - 1].heading.depth >= h.depth) {
      stack.pop()!.end = h.start;
    }
    const parent = stack[stack.length - 1] ?? null;
    const s: Section = { heading: h, start: h.start, end: docEnd, children: [], parent, hasContent: false };
    (parent ? parent.children : roots).push(s);
    sections.push(s);
    stack.push(s);
    // The heading block itself is not content.
    while (bi < blocks.length && blocks[bi].start <= h.start) bi++;
  }
  markContent(docEnd + 1);
  return { roots, sections };
}
