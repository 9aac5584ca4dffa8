// Quick fixes for findings, "Insert all missing sections" and fix-all. Every
// edit touches only what it fixes: the rest of the document stays byte for
// byte, and added text uses the document's own line terminator.
//
// Safe for fix-all (they add text or change heading markup only, never move
// or drop the author's text): misnamed-section renames, heading-level fixes,
// inserting missing sections and missing fields. Not in fix-all: section-order
// moves (large, and the author may mean the order) and missing subsections
// (documents often organise a section their own way).
import type { Analysis } from '../analyze';
import type { DocumentModel, Heading } from '../document';
import type { Assignment } from '../match';
import type { Finding, Position, Range, TemplateField, TemplateSection, TextEdit } from '../types';
import { insertionText, placeSection, placeSubsection, sectionEnd, sectionScaffold, usesSeparators } from './scaffold';
import { assignmentAtRange } from './util';

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  isPreferred?: boolean;
  edits: TextEdit[];
  /** The findings the action fixes (for the diagnostics the client shows). */
  findings: Finding[];
}

/** An edit in offsets, converted to positions once all are known. */
interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export const INSERT_ALL_TITLE = 'Insert all missing sections';

/** Quick fixes for one finding (none for codes without a mechanical fix). */
export function quickFixes(analysis: Analysis, finding: Finding): CodeAction[] {
  const { doc, template } = analysis;
  const data = finding.data ?? {};
  const action = (title: string, edits: OffsetEdit[] | null, isPreferred = true): CodeAction[] =>
    edits && edits.length > 0 ? [{ title, kind: 'quickfix', isPreferred, edits: toTextEdits(doc, edits), findings: [finding] }] : [];
  switch (finding.code) {
    case 'missing-section': {
      const t = template.sections.find((s) => s.title === data.section);
      return t ? action(`Insert section '${t.title}'`, insertSections(analysis, [t])) : [];
    }
    case 'missing-subsection': {
      const a = assignmentAtRange(analysis, finding.range);
      const names = Array.isArray(data.subsections) ? data.subsections : [];
      const ts = a ? a.template.children.filter((t) => names.includes(t.title)) : [];
      const title = ts.length === 1 ? `Insert subsection '${ts[0].title}'` : `Insert missing subsections of '${a?.template.title}'`;
      return a ? action(title, insertSubsections(analysis, a, ts)) : [];
    }
    case 'misnamed-section':
      return typeof data.expected === 'string' ? action(`Rename to '${data.expected}'`, renameEdits(analysis, finding)) : [];
    case 'heading-level': {
      const a = assignmentAtRange(analysis, finding.range);
      return a ? action(`Change to ${'#'.repeat(a.template.depth)} ${a.template.title}`, relevelEdits(analysis, a)) : [];
    }
    case 'section-order': {
      const a = assignmentAtRange(analysis, finding.range);
      const where = data.after ? `after '${data.after}'` : `before '${data.before}'`;
      return a ? action(`Move '${a.template.title}' ${where}`, moveEdits(analysis, a)) : [];
    }
    case 'missing-field': {
      const f = template.fields.find((x) => x.label === data.field);
      return f && typeof data.line === 'string' ? action(`Insert field **${f.label}**`, insertFields(analysis, [f])) : [];
    }
    case 'incomplete-item': {
      // The rule computed the lines and their place (the template's prompts, the group's own list markers).
      const at = data.insertAt as Position | undefined;
      const missing = Array.isArray(data.missing) ? data.missing : [];
      if (!at || typeof data.insertText !== 'string' || missing.length === 0) return [];
      const offset = doc.lines.offsetAt(at);
      return action(`Insert ${missing.map((l) => `**${l}**`).join(', ')}`, [{ start: offset, end: offset, text: data.insertText }]);
    }
    default:
      return [];
  }
}

/** The quick fixes for the findings touching `range`, and "Insert all missing sections" when one of them is a missing section. */
export function codeActions(analysis: Analysis, range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  const touching = analysis.findings.filter((f) => overlaps(f.range, range));
  for (const f of touching) out.push(...quickFixes(analysis, f));
  const missing = analysis.findings.filter((f) => f.code === 'missing-section');
  if (missing.length > 1 && touching.some((f) => f.code === 'missing-section')) {
    out.push({ title: INSERT_ALL_TITLE, kind: 'quickfix', isPreferred: false, edits: insertMissingSections(analysis), findings: missing });
  }
  return out;
}

/** One edit set inserting every missing `##` section (or those of them titled in `only`) where it belongs. */
export function insertMissingSections(analysis: Analysis, only?: readonly string[]): TextEdit[] {
  const list = only ? analysis.match.missing.filter((t) => only.includes(t.title)) : analysis.match.missing;
  return toTextEdits(analysis.doc, insertSections(analysis, list));
}

/** The safe fixes (see the file comment) as one edit set with no overlapping edits. */
export function fixAll(analysis: Analysis): TextEdit[] {
  const { doc, template } = analysis;
  const edits: OffsetEdit[] = [];
  for (const f of analysis.findings) {
    if (f.code === 'misnamed-section') edits.push(...renameEdits(analysis, f));
    if (f.code === 'heading-level') {
      const a = assignmentAtRange(analysis, f.range);
      if (a) edits.push(...relevelEdits(analysis, a));
    }
  }
  // Fields before sections: both may be inserted right after a title that ends the document.
  const fields = template.fields.filter((t) => analysis.findings.some((f) => f.code === 'missing-field' && f.data?.field === t.label && typeof f.data?.line === 'string'));
  edits.push(...insertFields(analysis, fields));
  edits.push(...insertSections(analysis, analysis.match.missing));
  return toTextEdits(doc, disjoint(edits));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function toTextEdits(doc: DocumentModel, edits: OffsetEdit[]): TextEdit[] {
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

function insertSections(analysis: Analysis, list: TemplateSection[]): OffsetEdit[] {
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

function insertSubsections(analysis: Analysis, a: Assignment, list: TemplateSection[]): OffsetEdit[] {
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

function renameEdits({ doc }: Analysis, f: Finding): OffsetEdit[] {
  const expected = f.data?.expected;
  if (typeof expected !== 'string') return [];
  const h = doc.headings.find((x) => x.titleRange.start.line === f.range.start.line && x.titleRange.start.character === f.range.start.character);
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
function relevelEdits({ doc, match }: Analysis, a: Assignment): OffsetEdit[] {
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
function moveEdits(analysis: Analysis, a: Assignment): OffsetEdit[] | null {
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
function insertFields(analysis: Analysis, fields: TemplateField[]): OffsetEdit[] {
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
