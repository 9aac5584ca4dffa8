// The template's view of one document, section by section in template order: which
// sections are present (with their completeness, as the outline's details have it)
// and where each missing one belongs. Behind the editor's "Deep Dive" sections view,
// which stands in for the server's outline where the editor has its own.
import type { Analysis } from '../analyze';
import type { Range } from '../types';
import { gapRange, placeSection } from '../placement';
import { assignmentDetail } from './symbols';

export interface SectionOverview {
  title: string;
  present: boolean;
  /** Present: "3/4 subsections · out of order" (may be empty); missing: where it belongs. */
  detail: string;
  /** Present: the heading; missing: the zero-width gap where it belongs. */
  range: Range;
}

export interface DocumentOverview {
  present: number;
  total: number;
  sections: SectionOverview[];
}

export function documentOverview(analysis: Analysis): DocumentOverview {
  const { doc, match, template } = analysis;
  const sections = template.sections.map((t): SectionOverview => {
    const a = match.primary.get(t);
    if (a) return { title: t.title, present: true, detail: assignmentDetail(analysis, a), range: a.section.heading.range };
    const p = placeSection(doc, match, t);
    const where = p.after ? `after ${p.after.template.title}` : p.before ? `before ${p.before.template.title}` : '';
    const state = t.optional ? 'optional' : 'missing';
    return { title: t.title, present: false, detail: where ? `${state} · belongs ${where}` : state, range: gapRange(doc, p.offset) };
  });
  // An optional section left out counts towards neither number.
  const counted = sections.filter((s, i) => s.present || !template.sections[i].optional);
  return { present: counted.filter((s) => s.present).length, total: counted.length, sections };
}
