// Where a missing section goes in a document, and how inserted text stands
// there as its own block. Shared by the missing-section finding (it points at
// the place) and the fixes that insert or move sections.
import { firstStartingFrom, type DocumentModel } from './document';
import type { Assignment, TemplateMatch } from './match';
import { isTitleHeading } from './template';
import type { Range, TemplateSection } from './types';

export interface Placement {
  offset: number;
  /** The present section the new one goes after / before, for messages. */
  after: Assignment | null;
  before: Assignment | null;
}

/**
 * Present sections to place others against: first occurrences in template
 * order. A `##` section written at another level still marks its place in
 * the document (a heading-level fix keeps it there).
 */
function inOrderPrimaries(match: TemplateMatch, parent: TemplateSection | null, within?: Assignment): Assignment[] {
  return match.assignments.filter(
    (a) => a.templateParent === parent && !a.duplicate && (a.levelOk || parent === null) && !a.order &&
      (!within || (a.section.start >= within.section.start && a.section.start < within.section.end)),
  );
}

/** Start of a trailing thematic break (`---`) that ends [start, end), else end. */
function beforeTrailingBreak(doc: DocumentModel, start: number, end: number): number {
  const last = [...doc.blocks].reverse().find((b) => b.start >= start && b.end <= end && b.start < end);
  return last && last.type === 'thematicBreak' ? last.start : end;
}

/**
 * Where a present `##` section's span ends, for inserting after it or moving
 * it: the next `#`/`##` heading or other template section, whatever its
 * level, skipping its own subsections. So a section written as `#` does not
 * swallow the `##` sections after it, and one written as `###` keeps its
 * subsections (its siblings in the document tree).
 */
export function sectionEnd(doc: DocumentModel, match: TemplateMatch, a: Assignment): number {
  const depth = a.section.heading.depth;
  // Headings are in document order, each opening the section of the same index: the search starts
  // after the section's own heading, and finds a heading's assignment by its section. (Four rules
  // and the completeness count ask on every analysis; a scan of every assignment per heading was
  // most of the status's time.)
  for (let i = firstStartingFrom(doc.headings, a.section.start + 1); i < doc.headings.length; i++) {
    const h = doc.headings[i];
    const s = doc.sections[i];
    const x = s?.heading === h ? match.bySection.get(s) : match.assignments.find((y) => y.section.heading === h);
    if (x && x.templateParent === a.template) continue;
    if (h.depth <= Math.min(depth, 2) || (!!x && x.templateParent === null)) return h.start;
  }
  return doc.source.length;
}

/** Where a missing `##` section's scaffold belongs. */
export function placeSection(doc: DocumentModel, match: TemplateMatch, t: TemplateSection): Placement {
  const present = inOrderPrimaries(match, null);
  const after = present.filter((a) => a.template.index < t.index).sort((a, b) => b.template.index - a.template.index)[0] ?? null;
  const before = present.filter((a) => a.template.index > t.index).sort((a, b) => a.template.index - b.template.index)[0] ?? null;
  if (after) return { offset: sectionEnd(doc, match, after), after, before };
  if (before) return { offset: before.section.start, after, before };
  const firstSection = doc.headings.find((h) => h.depth <= 2 && h !== match.title && !(h.depth === 2 && isTitleHeading(h.title)));
  return { offset: firstSection ? firstSection.start : doc.source.length, after, before };
}

/**
 * How a gap is marked (findings, code lenses, the sections view): a zero-width range at the
 * insertion point; when that starts a line after a blank one (the next section's heading),
 * on the blank line instead, so nothing of the neighbour is marked.
 */
export function gapRange(doc: DocumentModel, offset: number): Range {
  const at = doc.lines.positionAt(offset);
  const pos = at.character === 0 && at.line > 0 && doc.lines.lineText(at.line - 1).trim() === '' ? { line: at.line - 1, character: 0 } : at;
  return { start: pos, end: pos };
}

/** Where a missing `###` subsection of a present section belongs. */
export function placeSubsection(doc: DocumentModel, match: TemplateMatch, parent: Assignment, t: TemplateSection): Placement {
  const present = inOrderPrimaries(match, parent.template, parent);
  const after = present.filter((a) => a.template.index < t.index).sort((a, b) => b.template.index - a.template.index)[0] ?? null;
  const before = present.filter((a) => a.template.index > t.index).sort((a, b) => a.template.index - b.template.index)[0] ?? null;
  if (after) return { offset: beforeTrailingBreak(doc, after.section.start, after.section.end), after, before };
  if (before) return { offset: before.section.start, after, before };
  return { offset: beforeTrailingBreak(doc, parent.section.start, parent.section.end), after, before };
}

/**
 * The text to insert at `offset` so the scaffold stands as its own block:
 * blank lines around it, and the document's `---` separators if it uses them.
 */
export function insertionText(doc: DocumentModel, offset: number, scaffold: string, useSeparator: boolean): string {
  const eol = doc.lines.eol();
  const text = doc.source;
  const beforeText = text.slice(Math.max(0, offset - 4), offset);
  let lead = '';
  if (offset > 0) {
    if (!/(\r\n|\r|\n)$/.test(beforeText)) lead = eol + eol;
    // `\r\n` is one terminator: its `\r` and `\n` must not pass for a blank line.
    else if (!/(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r|\n)$/.test(text.slice(Math.max(0, offset - 8), offset))) lead = eol;
  }
  const atEnd = offset >= text.length;
  if (atEnd) {
    // A document that already ends with its `---` gets no second one.
    const endsWithBreak = doc.blocks[doc.blocks.length - 1]?.type === 'thematicBreak';
    const sep = useSeparator && !endsWithBreak ? `---${eol}${eol}` : '';
    return `${lead}${sep}${scaffold}${eol}`;
  }
  const sep = useSeparator ? `${eol}${eol}---` : '';
  return `${lead}${scaffold}${sep}${eol}${eol}`;
}

/** Whether the document separates its `##` sections with thematic breaks (most of them after the first). */
export function usesSeparators(doc: DocumentModel): boolean {
  let h2 = 0;
  let withBreak = 0;
  // Headings are blocks too: one pass sees what stands right before each `##`.
  doc.blocks.forEach((b, i) => {
    if (b.type !== 'heading' || b.depth !== 2) return;
    if (h2++ > 0 && doc.blocks[i - 1]?.type === 'thematicBreak') withBreak++;
  });
  return h2 >= 2 && withBreak * 2 >= h2 - 1;
}
