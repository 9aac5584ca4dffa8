// The edits that fix findings, in offsets: sections and subsections inserted
// where they belong, headings renamed or re-levelled, sections moved, fields
// inserted. Rules declare their fixes with these (see rules/rule.ts); every edit
// touches only what it fixes, and added text uses the document's own line
// terminator.
import type { DocumentModel, Heading } from './document';
import type { Assignment } from './match';
import { insertionText, placeSection, placeSubsection, sectionEnd, usesSeparators } from './placement';
import type { RuleContext } from './rules/rule';
import { sectionScaffold } from './scaffold';
import type { Range, TemplateField, TemplateSection, TextEdit } from './types';

/** An edit in offsets, converted to positions once all are known. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** The assignment whose heading a finding points at (findings carry the heading's range). */
export function assignmentAtRange({ match }: RuleContext, range: Range): Assignment | undefined {
  const same = (a: Range) => a.start.line === range.start.line && a.start.character === range.start.character &&
    a.end.line === range.end.line && a.end.character === range.end.character;
  return match.assignments.find((a) => same(a.section.heading.range) || same(a.section.heading.titleRange));
}

/** Offset edits as position edits. */
export function toTextEdits(doc: DocumentModel, edits: OffsetEdit[]): TextEdit[] {
  // Nothing goes before a BOM: text inserted there would push it into the first line, un-heading it.
  const bom = doc.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return edits.map((e) => ({ range: doc.lines.range(Math.max(e.start, bom), Math.max(e.end, bom)), newText: e.text }));
}

/**
 * Sorted, with an insertion merged into the edit that starts where it is
 * inserted (clients order same-position edits differently), exact repeats
 * dropped, and any edit overlapping an earlier one left out.
 */
export function disjoint(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || (a.e.end - a.e.start) - (b.e.end - b.e.start) || a.i - b.i).map((x) => x.e);
  const out: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.text === e.text) continue;
    if (last && last.start === last.end && last.start === e.start) {
      out[out.length - 1] = { start: e.start, end: e.end, text: last.text + e.text };
      continue;
    }
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out;
}

export function insertSections(analysis: RuleContext, list: TemplateSection[]): OffsetEdit[] {
  const { doc, match } = analysis;
  const eol = doc.lines.eol();
  const sep = usesSeparators(doc);
  const groups = new Map<number, TemplateSection[]>();
  for (const t of list) {
    const { offset } = placeSection(doc, match, t);
    groups.set(offset, [...(groups.get(offset) ?? []), t]);
  }
  const joiner = sep ? `${eol}${eol}---${eol}${eol}` : eol + eol;
  return [...groups].sort((a, b) => a[0] - b[0]).map(([offset, ts]) => {
    const scaffold = ts.sort((a, b) => a.index - b.index).map((t) => sectionScaffold(t, { eol })).join(joiner);
    return { start: offset, end: offset, text: insertionText(doc, offset, scaffold, sep) };
  });
}

export function insertSubsections(analysis: RuleContext, a: Assignment, list: TemplateSection[]): OffsetEdit[] {
  const { doc, match } = analysis;
  const eol = doc.lines.eol();
  // Under a section written at another level, subsections go one below it; a heading-level fix shifts them all.
  const depth = Math.min(6, a.section.heading.depth + 1);
  const groups = new Map<number, TemplateSection[]>();
  for (const t of list) {
    const { offset } = placeSubsection(doc, match, a, t);
    groups.set(offset, [...(groups.get(offset) ?? []), t]);
  }
  return [...groups].sort((x, y) => x[0] - y[0]).map(([offset, ts]) => {
    const scaffold = ts.sort((x, y) => x.index - y.index).map((t) => sectionScaffold({ ...t, depth }, { eol })).join(eol + eol);
    return { start: offset, end: offset, text: insertionText(doc, offset, scaffold, false) };
  });
}

/** Renames the heading whose title starts at `titleRange`'s start to `expected`. */
export function renameEdits({ doc }: RuleContext, titleRange: Range, expected: string): OffsetEdit[] {
  const h = doc.headings.find((x) => x.titleRange.start.line === titleRange.start.line && x.titleRange.start.character === titleRange.start.character);
  return h ? [{ start: h.titleStart, end: h.titleEnd, text: expected }] : [];
}

/** Re-levels a heading: its `#` marker, or an ATX heading in place of a setext one. */
function relevel(doc: DocumentModel, h: Heading, depth: number): OffsetEdit | null {
  const d = Math.max(1, Math.min(6, depth));
  if (d === h.depth) return null;
  if (h.atx) {
    const m = /^( {0,3})(#+)/.exec(doc.text.slice(h.start, h.start + 10))!;
    const start = h.start + m[1].length;
    return { start, end: start + m[2].length, text: '#'.repeat(d) };
  }
  const title = doc.text.slice(h.titleStart, h.titleEnd).replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, ' ');
  return { start: h.start, end: h.end, text: `${'#'.repeat(d)} ${title}` };
}

/**
 * Fixes a template heading's level and the headings under it: its template
 * subsections go to their template level, other headings move with the
 * nearest heading above them. A section's span runs to the next template
 * section (a `#` section swallows every `##` after it in the document tree).
 */
export function relevelEdits({ doc, match }: RuleContext, a: Assignment): OffsetEdit[] {
  const end = a.templateParent ? a.section.end : sectionEnd(doc, match, a);
  const own = (h: Heading) => match.assignments.find((x) => x.section.heading === h && x.templateParent === a.template);
  const edits = [relevel(doc, a.section.heading, a.template.depth)];
  const stack: { depth: number; delta: number }[] = [{ depth: a.section.heading.depth, delta: a.template.depth - a.section.heading.depth }];
  for (const h of doc.headings) {
    if (h.start <= a.section.start || h.start >= end) continue;
    while (stack.length > 1 && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const sub = own(h);
    const delta = sub ? sub.template.depth - h.depth : stack[stack.length - 1].delta;
    stack.push({ depth: h.depth, delta });
    edits.push(relevel(doc, h, h.depth + delta));
  }
  return edits.filter((e): e is OffsetEdit => e !== null);
}

/** End of the last block in [start, end) that is not a `---` separator (`start` if none). */
function contentEnd(doc: DocumentModel, start: number, end: number): number {
  let out = start;
  for (const b of doc.blocks) {
    if (b.start >= end) break;
    if (b.start >= start && b.type !== 'thematicBreak') out = Math.max(out, b.end);
  }
  return out;
}

/** Start of the `---` that closes [start, end), else end. */
function breakStart(doc: DocumentModel, start: number, end: number): number {
  const last = doc.blocks.filter((b) => b.start >= start && b.start < end).pop();
  return last?.type === 'thematicBreak' ? last.start : end;
}

/** Moves a section (heading, body, subsections) to where template order puts it. */
export function moveEdits(analysis: RuleContext, a: Assignment): OffsetEdit[] | null {
  const { doc, match } = analysis;
  const { text } = doc;
  const order = a.order;
  if (!order || (!order.after && !order.before)) return null;
  const sub = a.templateParent !== null;
  const start = a.section.start;
  // A subsection's span is its document section; a section's runs over its subsections whatever their level.
  const end = sub ? a.section.end : sectionEnd(doc, match, a);
  const core = text.slice(start, contentEnd(doc, start, end));

  let rmStart = start;
  let rmEnd = sub ? breakStart(doc, start, end) : end;
  if (end >= text.length) {
    // The last section takes the separator and blank lines before it along, so nothing dangles at the end.
    const prev = doc.blocks.filter((b) => b.end <= start && b.type !== 'thematicBreak').pop();
    if (prev) rmStart = prev.end + (/^(\r\n|\r|\n)/.exec(text.slice(prev.end, prev.end + 2))?.[0].length ?? 0);
    rmEnd = text.length;
  }

  let target: number;
  if (order.after) target = sub ? breakStart(doc, order.after.section.start, order.after.section.end) : sectionEnd(doc, match, order.after);
  else target = order.before!.section.start;
  if (target >= rmStart && target <= rmEnd) return null;

  const insert = insertionText(doc, target, core, !sub && usesSeparators(doc));
  return disjoint([{ start: rmStart, end: rmEnd, text: '' }, { start: target, end: target, text: insert }]);
}

/**
 * Inserts template fields where they belong among the fields present: after
 * the nearest earlier one, before the nearest later one, else under the title.
 */
export function insertFields(analysis: RuleContext, fields: TemplateField[]): OffsetEdit[] {
  const { doc, template, match } = analysis;
  const eol = doc.lines.eol();
  const groups = new Map<number, { after: boolean; lines: string[] }>();
  for (const f of fields) {
    const i = template.fields.indexOf(f);
    const present = (t: TemplateField) => doc.fields.find((d) => d.key === t.key);
    const prev = template.fields.slice(0, i).reverse().map(present).find(Boolean);
    const next = template.fields.slice(i + 1).map(present).find(Boolean);
    let offset: number;
    let after = true;
    if (prev) offset = prev.end;
    else if (next) {
      offset = next.start;
      after = false;
    } else if (match.title) offset = match.title.end;
    else {
      offset = 0;
      after = false;
    }
    const g = groups.get(offset) ?? { after, lines: [] };
    g.lines.push(f.line);
    groups.set(offset, g);
  }
  return [...groups].sort((x, y) => x[0] - y[0]).map(([offset, g]) => {
    const block = g.lines.join(eol + eol);
    if (!g.after) return { start: offset, end: offset, text: block + eol + eol };
    // After a block: keep a blank line before whatever follows on the next line.
    const rest = doc.text.slice(offset, offset + 400);
    const nextLine = /^(?:\r\n|\r|\n)([^\r\n]*)/.exec(rest);
    const tail = nextLine && nextLine[1].trim() !== '' ? eol : '';
    return { start: offset, end: offset, text: eol + eol + block + tail };
  });
}
