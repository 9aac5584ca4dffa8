// A section still holding the template's own guidance for it ("How to deploy
// changes safely? Canary vs blue-green vs rolling?") looks written but says
// nothing. Both texts are cut into sentences (a list item, a paragraph, a
// code line: wrapped lines joined first, then split after `.`, `?`, `!`) and
// normalised (markup, list markers, case and punctuation dropped; the
// template's `[placeholders]` left to the placeholder rule). The share of the
// section's words that sit in sentences of the template's guidance decides:
// more than half is unfilled guidance. One example question kept among the
// author's own stays well below that, and a question of the author's own
// modelled on the template's ("How do we monitor overload?" for "How do we
// monitor this?") is not the template's sentence. In an editor each section's
// text is read in blocks kept in the document's memo, so a keystroke re-reads
// one block, not every section (the same sentences: see separable, blocksOf).
import type { Analysis } from '../analyze';
import { firstStartingFrom, type DocumentModel } from '../document';
import type { AnalysisMemo, AssignmentShares, GuidanceBlock, GuidanceShare, StretchReading } from '../memo';
import type { Assignment, TemplateMatch } from '../match';
import type { TemplateModel, TemplateSection } from '../types';
import { sectionEnd } from '../placement';
import { isPlaceholderText } from './placeholder';
import { quote, type Rule } from './rule';
import { findWithin, type SourceText, type TextRead } from '../textView';

/** More than this share of a section's words in the template's guidance sentences is unfilled guidance. */
export const GUIDANCE_SHARE = 0.5;

const LIST_ITEM = /^[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const FENCE = /^[ \t]*(?:>[ \t]?)*(```|~~~)/;
const BRACKET = /(?<!\\)\[([^[\]\r\n]+)\](?![([])/g;

/** The normalised sentences of markdown text, each as its words joined by single spaces. */
export function guidanceSentences(template: TemplateModel, markdown: string): string[] {
  return sentencesOf(template, markdown, false).sentences;
}

/** The sentences of `markdown` read from inside a fenced block or not, and whether it ends inside one. */
function sentencesOf(template: TemplateModel, markdown: string, fencedAtStart: boolean): { sentences: string[]; words: number[]; fencedAtEnd: boolean } {
  const units: string[] = [];
  let current: string[] = [];
  let fenced = fencedAtStart;
  const flush = () => {
    if (current.length) units.push(current.join(' '));
    current = [];
  };
  for (const line of markdown.replace(BRACKET, (all, inner: string) => (isPlaceholderText(template, inner) ? ' ' : all)).split(/\r\n|\r|\n/)) {
    if (FENCE.test(line)) {
      flush();
      fenced = !fenced;
      continue;
    }
    // Code keeps its lines; prose joins a wrapped paragraph or list item before it is cut into sentences.
    if (fenced || line.trim() === '' || LIST_ITEM.test(line)) flush();
    current.push(line.replace(LIST_ITEM, ' '));
    if (fenced) flush();
  }
  flush();
  const sentences: string[] = [];
  const counts: number[] = [];
  for (const unit of units) {
    for (const sentence of unit.split(/(?<=[.?!])\s+/)) {
      // NFKC leaves ASCII as it is: most sentences skip the normalisation (it reruns on every keystroke's block).
      const words = (ASCII.test(sentence) ? sentence : sentence.normalize('NFKC')).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
      if (words.length > 0) {
        sentences.push(words.join(' '));
        counts.push(words.length);
      }
    }
  }
  return { sentences, words: counts, fencedAtEnd: fenced };
}

/** Printable ASCII and tabs (other text is normalised: the same words). */
const ASCII = /^[\t -~]*$/;

const cache = new WeakMap<TemplateSection, Set<string>>();

/** The guidance of a template section: its own body and, for a `##` section, its subsections' bodies. */
function guidanceOf(template: TemplateModel, t: TemplateSection, whole: boolean): Set<string> {
  let g = cache.get(t);
  if (!g) {
    g = new Set([t.body, ...(whole ? t.children.map((c) => c.body) : [])].flatMap((b) => guidanceSentences(template, b)));
    cache.set(t, g);
  }
  return g;
}

/** Share (0-1) of the words of `sentences` that are in sentences of the guidance. */
function shareOf(sentences: string[], guidance: Set<string>): number {
  let all = 0;
  let kept = 0;
  for (const s of sentences) {
    const n = s.split(' ').length;
    all += n;
    if (guidance.has(s)) kept += n;
  }
  return all === 0 ? 0 : kept / all;
}

/** A stretch [start, end) of a section's text between heading lines, in the text it is read from. */
interface Stretch {
  source: SourceText;
  start: number;
  end: number;
}

/** A stretch's text: copied out of the document only where it is read (a block the memo has not seen). */
const textOf = (s: Stretch): string => s.source.slice(s.start, s.end);

/**
 * The stretches of [start, end) between its heading lines (headings are not a
 * section's content); joined by line breaks they are the section's body.
 */
function stretchesOf(doc: DocumentModel, start: number, end: number): Stretch[] {
  const out: Stretch[] = [];
  let at = start;
  // From the last heading starting before `start` (it may run past it): the ones before end earlier.
  for (let i = Math.max(0, firstStartingFrom(doc.headings, start) - 1); i < doc.headings.length; i++) {
    const h = doc.headings[i];
    if (h.end <= start) continue;
    if (h.start >= end) break;
    out.push({ source: doc.source, start: at, end: Math.max(at, h.start) });
    at = Math.max(at, h.end);
  }
  out.push({ source: doc.source, start: at, end: Math.max(at, end) });
  return out;
}

/**
 * Whether the body's sentences are its stretches' sentences read one after the
 * other: every join leaves a blank line, which ends a paragraph or list item,
 * so no sentence spans two stretches. (A heading in a container can start
 * mid-line; then the body is read whole.)
 */
function separable(stretches: Stretch[]): boolean {
  for (let i = 0; i + 1 < stretches.length; i++) {
    const a = stretches[i];
    const b = stretches[i + 1];
    if (a.start === a.end || b.start === b.end) continue;
    const next = b.source.charCodeAt(b.start);
    if (!(a.source.charCodeAt(a.end - 1) === 10 || next === 10 || next === 13)) return false;
  }
  return true;
}

/** Blocks a stretch is read in: about this many characters, then up to the next empty line. */
const BLOCK_CHARS = 1024;

/**
 * Cuts a stretch into blocks at empty lines, each at least BLOCK_CHARS long
 * (the last aside): the offsets where each block ends. An empty line ends any
 * paragraph or list item, so the blocks' sentences read one after the other
 * are the stretch's; after an edit the cuts past it fall on the same empty
 * lines, so only the edited block is read again. The cuts are searched for in
 * the document's text, not in a copy of the stretch: a block the memo finds by
 * where it stands is never copied.
 */
function blockEnds(s: Stretch): number[] {
  const out: number[] = [];
  const lf = nextMatch(s.source, '\n\n', s.end);
  const crlf = nextMatch(s.source, '\n\r\n', s.end);
  let at = s.start;
  while (s.end - at > BLOCK_CHARS) {
    // The first `\n` followed by an empty line (`\n` or `\r\n`), both inside the stretch.
    const a = lf(at + BLOCK_CHARS);
    const b = crlf(at + BLOCK_CHARS);
    const cut = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (cut < 0) break;
    out.push(cut + 1);
    at = cut + 1;
  }
  out.push(s.end);
  return out;
}

/**
 * The first `search` wholly inside [from, end) of `text`, asked for from ever
 * later `from`s: a match still ahead answers again, so the stretch is searched
 * about once however many blocks it has (a text without `\r` is not searched
 * to its end for every block).
 */
function nextMatch(text: SourceText, search: string, end: number): (from: number) => number {
  let searchedFrom = Infinity;
  let found = -1;
  return (from) => {
    if (from < searchedFrom || (found >= 0 && found < from)) {
      searchedFrom = from;
      found = findWithin(text, search, from, end);
    }
    return found;
  };
}

/** A block read into sentences, from the memo when the same text was read before (same template, same fence state). */
function blockOf(memo: AnalysisMemo, template: TemplateModel, source: TextRead, at: number, end: number, fencedAtStart: boolean): GuidanceBlock {
  const accepts = (s: GuidanceBlock) => s.template === template && s.fencedAtStart === fencedAtStart;
  const placed = memo.guidance.placedAt(at, end, accepts);
  if (placed) return placed;
  const text = source.slice(at, end);
  const hit = memo.guidance.get(text, at, accepts);
  if (hit) return hit;
  const { sentences, words, fencedAtEnd } = sentencesOf(template, text, fencedAtStart);
  const s: GuidanceBlock = { template, fencedAtStart, fencedAtEnd, sentences, words, total: words.reduce((n, w) => n + w, 0), kept: new WeakMap() };
  memo.guidance.set(text, at, s);
  return s;
}

/** Share (0-1) of the words of the body made of `stretches` that are in sentences of the guidance. */
/** Within one analysis, the blocks of each stretch read so far by its start: a `##` section's body holds its subsections'. */
type ReadStretches = Map<number, { length: number; fencedAtStart: boolean; blocks: GuidanceBlock[] }>;

/** The blocks of a stretch read into sentences (from the memo where unchanged), and whether it ends in a fence. */
function readStretch(memo: AnalysisMemo, template: TemplateModel, read: ReadStretches, stretch: Stretch, fencedAtStart: boolean): GuidanceBlock[] {
  const hit = read.get(stretch.start);
  const length = stretch.end - stretch.start;
  if (hit && hit.length === length && hit.fencedAtStart === fencedAtStart) return hit.blocks;
  const blocks: GuidanceBlock[] = [];
  let fenced = fencedAtStart;
  let at = stretch.start;
  for (const end of blockEnds(stretch)) {
    const b = blockOf(memo, template, stretch.source, at, end, fenced);
    blocks.push(b);
    fenced = b.fencedAtEnd;
    at = end;
  }
  read.set(stretch.start, { length, fencedAtStart, blocks });
  return blocks;
}

function shareOfBody(memo: AnalysisMemo | undefined, template: TemplateModel, read: ReadStretches, stretches: Stretch[], guidance: Set<string>): number {
  if (!memo || !separable(stretches)) return shareOf(guidanceSentences(template, stretches.map(textOf).join('\n')), guidance);
  let all = 0;
  let kept = 0;
  let fenced = false;
  for (const stretch of stretches) {
    const r = stretchReading(memo, template, read, stretch, fenced, guidance);
    all += r.all;
    kept += r.kept;
    fenced = r.fencedAtEnd;
  }
  return all === 0 ? 0 : kept / all;
}

/** A stretch's words and those in the guidance: from the memo while the stretch is unchanged, else from its blocks. */
function stretchReading(memo: AnalysisMemo, template: TemplateModel, read: ReadStretches, stretch: Stretch, fencedAtStart: boolean, guidance: Set<string>): StretchReading {
  const end = stretch.end;
  const hit = memo.stretches.get(stretch.start, end, (x) => x.guidance === guidance && x.template === template && x.fencedAtStart === fencedAtStart);
  if (hit) return hit;
  const r: StretchReading = { template, guidance, fencedAtStart, fencedAtEnd: fencedAtStart, all: 0, kept: 0 };
  for (const s of readStretch(memo, template, read, stretch, fencedAtStart)) {
    let k = s.kept.get(guidance);
    if (k === undefined) {
      k = 0;
      for (let i = 0; i < s.sentences.length; i++) if (guidance.has(s.sentences[i])) k += s.words[i];
      s.kept.set(guidance, k);
    }
    r.all += s.total;
    r.kept += k;
    r.fencedAtEnd = s.fencedAtEnd;
  }
  memo.stretches.set(stretch.start, end, r);
  return r;
}

const unfilledCache = new WeakMap<TemplateMatch, UnfilledSection[]>();

export interface UnfilledSection {
  assignment: Assignment;
  share: number;
}

/**
 * The template sections and subsections of the document whose content is
 * mostly the template's guidance. A `##` section is listed whole, alone, when
 * it is mostly guidance and none of its subsections is written; otherwise its
 * subsections that are mostly guidance are listed one by one.
 */
export function unfilledSections({ doc, template, match, memo }: Pick<Analysis, 'doc' | 'template' | 'match' | 'memo'>): UnfilledSection[] {
  // The rule and the completeness count both ask; a match belongs to one document and template.
  const hit = unfilledCache.get(match);
  if (hit) return hit;
  const out: UnfilledSection[] = [];
  unfilledCache.set(match, out);
  const read: ReadStretches = new Map();
  // Only the analysis the memo began last reads its shift, and leaves its shares for the next one.
  const current = memo?.model === doc ? memo : undefined;
  const prior = current && priorShares(current, template);
  const starts: number[] = [];
  const ends: number[] = [];
  const shares: GuidanceShare[] = [];
  /** The share of assignment `i`, `a`: the last analysis's while its span lies outside the edited stretch. */
  const shareAt = (i: number, a: Assignment): number => {
    if (prior && current && i in prior.shares) {
      const { from, to, delta } = current.shift;
      const start = prior.starts[i];
      const end = prior.ends[i];
      // Before the edited stretch a span stands where it stood; after it, moved by the edit's length.
      const by = end <= from ? 0 : start >= to - delta ? delta : undefined;
      if (by !== undefined) {
        const kept = prior.shares[i];
        starts[i] = start + by;
        ends[i] = end + by;
        shares[i] = kept;
        // Kept by position too, for an analysis whose match is made anew (a heading edited).
        current.shares.set(start + by, end + by, kept);
        return kept.share;
      }
    }
    const end = a.templateParent ? a.section.end : sectionEnd(doc, match, a);
    const guidance = guidanceOf(template, a.template, !a.templateParent);
    // A section whose text and headings the edit left alone has the share it had.
    let value = memo?.shares.get(a.section.start, end, (x) => x.guidance === guidance);
    if (!value) {
      value = { guidance, share: shareOfBody(memo, template, read, stretchesOf(doc, a.section.start, end), guidance) };
      memo?.shares.set(a.section.start, end, value);
    }
    starts[i] = a.section.start;
    ends[i] = end;
    shares[i] = value;
    return value.share;
  };
  // Each `##` assignment's subsections, by index.
  const children = new Map<Assignment, number[]>();
  match.assignments.forEach((a, i) => {
    const parent = a.templateParent ? parentAssignment(match, a) : null;
    if (!parent) return;
    const list = children.get(parent);
    if (list) list.push(i);
    else children.set(parent, [i]);
  });
  match.assignments.forEach((a, i) => {
    if (a.templateParent) return;
    const share = shareAt(i, a);
    const subs = (children.get(a) ?? []).map((k) => ({ assignment: match.assignments[k], share: shareAt(k, match.assignments[k]) }));
    const unwritten = subs.every((c) => c.share > GUIDANCE_SHARE || !c.assignment.section.hasContent);
    if (share > GUIDANCE_SHARE && unwritten) out.push({ assignment: a, share });
    else out.push(...subs.filter((c) => c.share > GUIDANCE_SHARE));
  });
  out.sort((x, y) => x.assignment.section.start - y.assignment.section.start);
  const original = current?.match?.match;
  if (current && original) current.assignmentShares = { generation: current.generation, match: original, template, starts, ends, shares };
  return out;
}

/**
 * The shares the last analysis left, when this one's match is the same one moved
 * (matched from the same match, for the same template: the same assignments in
 * the same order), so that an assignment's index names the same section in both.
 */
function priorShares(memo: AnalysisMemo, template: TemplateModel): AssignmentShares | undefined {
  const p = memo.assignmentShares;
  return p && p.generation === memo.generation - 1 && p.template === template && p.match === memo.match?.match ? p : undefined;
}

function parentAssignment(match: TemplateMatch, a: Assignment): Assignment | null {
  for (let s = a.section.parent; s; s = s.parent) {
    const p = match.bySection.get(s);
    if (p && !p.templateParent) return p;
  }
  return null;
}

export const unfilledGuidance: Rule = {
  code: 'unfilled-guidance',
  description: "A section's content is still mostly the template's guidance for it.",
  defaultSeverity: 'warning',
  check(ctx) {
    return unfilledSections(ctx).map(({ assignment: a, share }) => ({
      message: `${a.templateParent ? 'Subsection' : 'Section'} ${quote(a.section.heading.title)} still holds the template's guidance: answer it with the document's own text.`,
      range: a.section.heading.range,
      severity: a.templateParent ? ('information' as const) : undefined,
      data: { section: a.section.heading.title, template: a.template.title, depth: a.section.heading.depth, share: Math.round(share * 100) / 100 },
    }));
  },
};
