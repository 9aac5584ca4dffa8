import { quote, type Rule } from './rule';

export const misnamedSection: Rule = {
  code: 'misnamed-section',
  description: 'A heading is a near miss of a template heading (a typo or small change).',
  defaultSeverity: 'warning',
  check({ match }) {
    return match.assignments
      .filter((a) => a.kind === 'near')
      .map((a) => ({
        message: `${quote(a.section.heading.title)} looks like the template's ${quote(a.template.title)}.`,
        range: a.section.heading.titleRange,
        data: { expected: a.template.title, actual: a.section.heading.title },
      }));
  },
};
