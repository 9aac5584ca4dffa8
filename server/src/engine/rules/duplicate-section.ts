import { quote, type Rule } from './rule';

export const duplicateSection: Rule = {
  code: 'duplicate-section',
  description: 'A template section appears more than once at the same level.',
  defaultSeverity: 'warning',
  check({ match }) {
    return match.assignments
      .filter((a) => a.duplicate)
      .map((a) => {
        // Each template (sub)section object has one primary: the first occurrence.
        const first = match.primary.get(a.template)!;
        return {
          message: `${quote(a.template.title)} appears more than once; the first is on line ${first.section.heading.range.start.line + 1}.`,
          range: a.section.heading.range,
          data: { section: a.template.title },
          related: [{ range: first.section.heading.range, message: `First ${quote(a.template.title)}` }],
        };
      });
  },
};
