import { quote, type Rule } from './rule';

export const sectionOrder: Rule = {
  code: 'section-order',
  description: 'A template section stands out of the template\'s order.',
  defaultSeverity: 'warning',
  check({ match }) {
    return match.assignments
      .filter((a) => a.order)
      .map((a) => {
        const { after, before } = a.order!;
        const where = after ? `after ${quote(after.template.title)}` : `before ${quote(before!.template.title)}`;
        const anchor = after ?? before!;
        return {
          message: `${quote(a.template.title)} is out of template order: it belongs ${where}.`,
          range: a.section.heading.range,
          data: {
            section: a.template.title,
            after: after?.template.title ?? null,
            before: before?.template.title ?? null,
          },
          related: [{ range: anchor.section.heading.range, message: `${quote(a.template.title)} belongs ${after ? 'after' : 'before'} this section` }],
        };
      });
  },
};
