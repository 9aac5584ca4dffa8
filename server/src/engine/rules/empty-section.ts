import { quote, type Rule } from './rule';

export const emptySection: Rule = {
  code: 'empty-section',
  description: 'A heading has no content before the next heading of the same or higher level.',
  defaultSeverity: 'warning',
  check({ doc }) {
    const out = [];
    for (const s of doc.sections) {
      // An empty section's empty subsections add nothing to its own finding.
      if (s.hasContent || (s.parent && !s.parent.hasContent)) continue;
      // A bare `##` is a heading being typed (completion is about to fill it), not an empty section.
      if (s.heading.title === '') continue;
      out.push({
        message: `Section ${quote(s.heading.title)} is empty.`,
        range: s.heading.range,
        // `###` and deeper are lighter: an author often adds the heading first.
        severity: s.heading.depth <= 2 ? undefined : ('information' as const),
        data: { section: s.heading.title, depth: s.heading.depth },
      });
    }
    return out;
  },
};
