// How far a deep dive is written, section by section. A template section is
// `written` when it is present, has content, and holds no unfilled
// placeholder and no unfilled guidance; `scaffolded` when it is present but
// not written (empty, or still the template's text); `missing` when absent.
// The status item, the outline, the CLI summary, the report and the
// workspace's document list all count from here.
import type { Analysis } from '../analyze';
import { firstStartingFrom } from '../document';
import type { Assignment } from '../match';
import { placeholderBrackets } from '../rules/placeholder';
import { unfilledSections } from '../rules/unfilled-guidance';
import type { Range, TemplateSection } from '../types';
import { sectionEnd } from '../placement';

export type SectionState = 'written' | 'scaffolded' | 'missing';

export interface SectionCompleteness {
  /** The template's title of the section. */
  title: string;
  state: SectionState;
  /** The heading in the document, when present. */
  range?: Range;
  /** Why a present section is not written: `empty`, `placeholder`, `guidance`. */
  reasons: string[];
}

/** How far a document is written, in numbers (the CLI's summary, the workspace's document list). */
export interface CompletenessCounts {
  /** Template `##` sections: written, scaffolded (present, not written), missing. */
  written: number;
  scaffolded: number;
  missing: number;
  total: number;
  /** Unfilled placeholders anywhere in the document. */
  placeholders: number;
  /** Written sections as a whole percentage of the template's (rounded down: 100 only when all are). */
  percent: number;
}

export interface DocumentCompleteness extends CompletenessCounts {
  /** One per template `##` section, in template order, with its template subsections. */
  sections: (SectionCompleteness & { subsections: SectionCompleteness[] })[];
}

const cache = new WeakMap<Analysis, DocumentCompleteness>();

export function completeness(analysis: Analysis): DocumentCompleteness {
  const hit = cache.get(analysis);
  if (hit) return hit;
  const { doc, template, match } = analysis;
  // Both in document order: whether one starts within a span is a binary search (this runs on every keystroke).
  const placeholders = placeholderBrackets(doc, template);
  const unfilledList = unfilledSections(analysis).map((u) => u.assignment);
  const unfilledStarts = unfilledList.map((u) => u.section);
  const unfilled = new Set(unfilledList);
  const startsWithin = (xs: readonly { start: number }[], start: number, stop: number) => {
    const i = firstStartingFrom(xs, start);
    return i < xs.length && xs[i].start < stop;
  };
  const stateOf = (t: TemplateSection, a: Assignment | undefined, stop: number, parentUnfilled: boolean): SectionCompleteness => {
    if (!a) return { title: t.title, state: 'missing', reasons: [] };
    const start = a.section.start;
    const reasons: string[] = [];
    if (!a.section.hasContent) reasons.push('empty');
    if (startsWithin(placeholders, start, stop)) reasons.push('placeholder');
    if (parentUnfilled || startsWithin(unfilledStarts, start, stop)) reasons.push('guidance');
    return { title: t.title, state: reasons.length ? 'scaffolded' : 'written', range: a.section.heading.range, reasons };
  };
  // Each template section's assignments, in document order.
  const assigned = new Map<TemplateSection, Assignment[]>();
  for (const x of match.assignments) {
    const list = assigned.get(x.template);
    if (list) list.push(x);
    else assigned.set(x.template, [x]);
  }
  // An optional section counts only when it is written down.
  const counted = (t: TemplateSection) => !t.optional || match.primary.has(t);
  const sections = template.sections.filter(counted).map((t) => {
    const a = match.primary.get(t);
    const end = a ? sectionEnd(doc, match, a) : 0;
    const own = stateOf(t, a, end, false);
    const whole = !!a && unfilled.has(a);
    const subsections = t.children.filter((c) => !c.optional || assigned.has(c)).map((c) => {
      const sub = a && assigned.get(c)?.find((x) => !x.duplicate && x.section.start > a.section.start && x.section.start < end);
      return stateOf(c, sub || undefined, sub ? sub.section.end : 0, whole);
    });
    return { ...own, subsections };
  });
  const count = (s: SectionState) => sections.filter((x) => x.state === s).length;
  const total = sections.length;
  const written = count('written');
  const out: DocumentCompleteness = {
    written, scaffolded: count('scaffolded'), missing: count('missing'), total,
    placeholders: placeholders.length,
    percent: total === 0 ? 100 : Math.floor((written / total) * 100),
    sections,
  };
  cache.set(analysis, out);
  return out;
}

/** Only the numbers of a completeness. */
export function completenessCounts(c: CompletenessCounts): CompletenessCounts {
  return { written: c.written, scaffolded: c.scaffolded, missing: c.missing, total: c.total, placeholders: c.placeholders, percent: c.percent };
}
