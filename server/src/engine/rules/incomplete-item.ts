// A recurring item of the template written with only some of its labelled
// lines: a failure scenario with Impact and Detection but no Recovery, a
// metrics list without Errors. The items and their labels are the template's
// own (templateStructures reads them from its bold labels): an ordered item
// with labelled sub-lines, or a list whose every line is labelled. A group in
// the document is a list item holding two or more of an item's labels, else a
// whole list holding two or more; one label alone is an author's own scheme
// that happens to share a word ("**Impact**" among Cause / Blast radius /
// Prevention), not the template's item.
import { blockAt, blockCount, firstBlockFrom, type DocumentModel } from '../document';
import { splitItems, templateStructures, type TemplateStructure } from '../features/structures';
import { sectionEnd } from '../placement';
import { headingKey } from '../match-text';
import type { TemplateMatch } from '../match';
import type { AnalysisMemo, ListReading, SectionItems } from '../memo';
import type { Position, Range } from '../types';
import type { Rule, RuleFinding } from './rule';

/** A line opening with a bold label, list marker or not: its prefix (indent and marker) and the label. */
const LABEL_LINE = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)\*\*([^*\r\n]+?)\*\*/;

export interface IncompleteItem {
  structure: TemplateStructure;
  /** The template labels the group lacks, in template order. */
  missing: string[];
  range: Range;
  /** Where the missing lines go (the end of the group's last line) and the text to insert there. */
  insertAt: number;
  insertText: string;
}

interface Group {
  start: number;
  end: number;
  /** Label keys written in the group, with the prefix of the line each opens. */
  labels: ReadonlyMap<string, string>;
}

function labelsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = LABEL_LINE.exec(line);
    if (m && !out.has(headingKey(m[2]))) out.set(headingKey(m[2]), m[1]);
  }
  return out;
}

/** The first word, a plural `s` dropped: "Error rate" writes the template's "Errors". */
function stem(key: string): string {
  return key.split(' ')[0].replace(/(?<=\p{L}{3})s$/u, '');
}

const QUESTION = /^(?:what|how|why|when|who|which|where|another)\b/;
const names = new WeakMap<TemplateStructure, Map<string, Set<string>>>();

/**
 * The words that write a template label: its own first word, and the answers
 * its prompt suggests ("**Throughput**: [QPS? Bandwidth?]" is written by a
 * **QPS** line; a question such as "What happens?" suggests none).
 */
function namesOf(s: TemplateStructure, label: string): Set<string> {
  let byLabel = names.get(s);
  if (!byLabel) {
    byLabel = new Map();
    names.set(s, byLabel);
  }
  let out = byLabel.get(label);
  if (!out) {
    out = new Set([stem(headingKey(label))]);
    const prompt = /\[([^\]]+)\]/.exec(templateLine(s, label))?.[1] ?? '';
    for (const alt of prompt.split(/[?/,]|\bor\b/)) {
      const key = headingKey(alt);
      if (key && !QUESTION.test(key)) out.add(stem(key));
    }
    byLabel.set(label, out);
  }
  return out;
}

const labelKeys = new Map<string, string>();
const stems = new WeakMap<ReadonlyMap<string, string>, [string, string][]>();

/** The prefix of the group's line writing template label `label`, if it has one. */
function lineOf(s: TemplateStructure, g: Group, label: string): string | undefined {
  let key = labelKeys.get(label);
  if (key === undefined) labelKeys.set(label, (key = headingKey(label)));
  const exact = g.labels.get(key);
  if (exact !== undefined) return exact;
  const words = namesOf(s, label);
  // A list's labels are read once while its text is unchanged (see readList), and their stems with them.
  let byStem = stems.get(g.labels);
  if (!byStem) stems.set(g.labels, (byStem = [...g.labels].map(([k, prefix]) => [stem(k), prefix])));
  for (const [k, prefix] of byStem) if (words.has(k)) return prefix;
  return undefined;
}

/** What a list's text says: its labels, and its items with theirs. */
function readList(text: string): ListReading {
  let items: ListReading['items'] = [];
  let at = 0;
  for (const item of splitItems(text)) {
    const from = text.indexOf(item, at);
    if (from < 0) {
      items = null;
      break;
    }
    at = from + item.length;
    items.push({ start: from, end: at, labels: labelsOf(item) });
  }
  return { trimmedLength: text.replace(/\s+$/, '').length, labels: labelsOf(text), items };
}

/** The list's reading, from the document's memo when its text is unchanged. */
function listReading(memo: AnalysisMemo | undefined, text: string, at: number): ListReading {
  const hit = memo?.lists.get(text, at, () => true);
  if (hit) return hit;
  const r = readList(text);
  memo?.lists.set(text, at, r);
  return r;
}

/** Labels a group must hold: an item's own label names it; its sub-lines are what it gives. */
function required(s: TemplateStructure): string[] {
  return s.kind === 'item' ? s.labels.slice(1) : s.labels;
}

/** The template line of `label` in the structure (an item's sub-line, or a list line), without its prefix. */
function templateLine(s: TemplateStructure, label: string): string {
  const key = headingKey(label);
  const lines = s.items.flatMap((i) => i.split(/\r\n|\r|\n/));
  const line = lines.find((l) => {
    const m = LABEL_LINE.exec(l);
    return !!m && headingKey(m[2]) === key;
  }) ?? `- **${label}**:`;
  return line.replace(/^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?/, '');
}

/**
 * The groups of [start, end): list items holding two or more of the structure's labels, else whole
 * lists holding two or more. A list structure (the metrics) written as several lists in the
 * subsection of its name (Request Metrics, Storage Metrics…) is one group. `exact`: the groups
 * were read from the lists' own text (else some item was looked for in the document's).
 */
function groupsIn(doc: DocumentModel, s: TemplateStructure, start: number, end: number, own: { start: number; end: number } | null, memo?: AnalysisMemo): { groups: Group[]; exact: boolean } {
  const uses = (g: Group) => s.labels.filter((l) => lineOf(s, g, l) !== undefined).length >= 2;
  const out: Group[] = [];
  let exact = true;
  let merged: { start: number; end: number; labels: Map<string, string> } | null = null;
  for (let i = firstBlockFrom(doc, start); i < blockCount(doc); i++) {
    const b = blockAt(doc, i)!;
    if (b.start >= end) break;
    if (b.type !== 'list') continue;
    const text = doc.source.slice(b.start, b.end);
    const read = listReading(memo, text, b.start);
    const whole: Group = { start: b.start, end: b.start + read.trimmedLength, labels: read.labels };
    if (s.kind === 'lines' && own && b.start >= own.start && b.start < own.end) {
      if (!s.labels.some((l) => lineOf(s, whole, l) !== undefined)) continue;
      if (!merged) merged = { ...whole, labels: new Map() };
      merged.end = whole.end;
      for (const [k, v] of whole.labels) if (!merged.labels.has(k)) merged.labels.set(k, v);
      continue;
    }
    const items: Group[] = read.items ? read.items.map((x) => ({ start: b.start + x.start, end: b.start + x.end, labels: x.labels })) : [];
    if (!read.items) {
      exact = false;
      let at = b.start;
      for (const item of splitItems(text)) {
        const from = doc.text.indexOf(item, at);
        at = from + item.length;
        items.push({ start: from, end: at, labels: labelsOf(item) });
      }
    }
    const labelled = items.filter(uses);
    out.push(...(labelled.length > 0 ? labelled : uses(whole) ? [whole] : []));
  }
  if (merged && uses(merged)) out.push(merged);
  return { groups: out.sort((x, y) => x.start - y.start), exact };
}

/**
 * The groups of a template item in [start, end) that lack some of its labels, with offsets from
 * `start`: kept in the document's memo while the section's text is unchanged (a keystroke re-reads
 * the edited `##` section only).
 */
function sectionItems(doc: DocumentModel, s: TemplateStructure, start: number, end: number, sub: { start: number; end: number } | null, memo?: AnalysisMemo): SectionItems['groups'] {
  // Only blocks starting before `end` are read: the subsection's part past it does not matter.
  const own = sub ? { start: sub.start - start, end: Math.min(sub.end, end) - start } : null;
  const hit = memo?.items.get(start, end, (x) => x.structure === s && (x.own === null ? own === null : own !== null && x.own.start === own.start && x.own.end === own.end));
  if (hit) return hit.groups;
  const { groups, exact } = groupsIn(doc, s, start, end, own && { start: start + own.start, end: start + own.end }, memo);
  const out: SectionItems['groups'] = [];
  for (const g of groups) {
    const missing = required(s).filter((l) => lineOf(s, g, l) === undefined);
    if (missing.length === 0) continue;
    // The missing lines take the prefix of the group's own lines of the same kind.
    const prefix = required(s).map((l) => lineOf(s, g, l)).find((p) => p !== undefined) ?? '- ';
    out.push({ start: g.start - start, end: g.end - start, missing, prefix });
  }
  if (exact) memo?.items.set(start, end, { structure: s, own, groups: out });
  return out;
}

/** Every group of the document that holds some labels of a template item but not all. */
export function incompleteItems(doc: DocumentModel, match: TemplateMatch, templateStructuresOf: TemplateStructure[], memo?: AnalysisMemo): IncompleteItem[] {
  const out: IncompleteItem[] = [];
  const eol = doc.lines.eol();
  for (const s of templateStructuresOf) {
    if (s.kind === 'fence') continue;
    // Authors often name their own subsections: the item is looked for in the whole `##` section.
    const a = match.primary.get(s.parent ?? s.section);
    if (!a) continue;
    const start = a.section.start;
    const end = sectionEnd(doc, match, a);
    const sub = s.parent ? match.assignments.find((x) => x.template === s.section && x.section.start > start && x.section.start < end) : undefined;
    for (const g of sectionItems(doc, s, start, end, sub ? sub.section : null, memo)) {
      const gStart = start + g.start;
      const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(gStart).line);
      const line = doc.source.slice(gStart, lineEnd);
      out.push({
        structure: s,
        missing: [...g.missing],
        range: doc.lines.range(gStart + (line.length - line.trimStart().length), lineEnd),
        insertAt: start + g.end,
        insertText: g.missing.map((l) => eol + g.prefix + templateLine(s, l)).join(''),
      });
    }
  }
  return out;
}

export type IncompleteItemData = {
  /** The item's name (its first label, or the section of a labelled list). */
  item: string;
  /** The template labels the group lacks, in template order. */
  missing: string[];
  /** Where the missing lines go, and the lines (the template's prompts, the group's own list markers). */
  insertAt: Position;
  insertText: string;
};

export const incompleteItem: Rule<IncompleteItemData> = {
  code: 'incomplete-item',
  description: 'A recurring item of the template (a failure scenario, the overload levels, the metrics) lacks some of its labelled lines.',
  defaultSeverity: 'information',
  check({ doc, template, match, memo }) {
    return incompleteItems(doc, match, templateStructures(template), memo).map((x): RuleFinding<IncompleteItemData> => {
      const name = x.structure.kind === 'item' ? x.structure.labels[0] : x.structure.section.title;
      return {
        message: `${name} lacks ${x.missing.join(', ')}: the template gives ${required(x.structure).join(', ')}.`,
        range: x.range,
        data: { item: name, missing: x.missing, insertAt: doc.lines.positionAt(x.insertAt), insertText: x.insertText },
      };
    });
  },
  fix: {
    quickFix({ doc }, finding) {
      const d = finding.data;
      if (!d || d.missing.length === 0) return null;
      const offset = doc.lines.offsetAt(d.insertAt);
      return { title: `Insert ${d.missing.map((l) => `**${l}**`).join(', ')}`, edits: [{ start: offset, end: offset, text: d.insertText }] };
    },
    // Adds lines only, but which labels an author's scheme needs is theirs to say.
    safe: false,
  },
};
