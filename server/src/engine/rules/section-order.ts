import { assignmentAtRange, moveEdits } from '../edits';
import { quote, type Rule } from './rule';

export type SectionOrderData = {
  section: string;
  /** The present section it belongs after, or before (one of them is set). */
  after: string | null;
  before: string | null;
};

export const sectionOrder: Rule<SectionOrderData> = {
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
  // Not in fix-all: moves are large, and the author may mean the order.
  fix: {
    quickFix(ctx, finding) {
      const a = assignmentAtRange(ctx, finding.range);
      const where = finding.data?.after ? `after ${quote(finding.data.after)}` : `before ${quote(finding.data?.before ?? '')}`;
      const edits = a ? moveEdits(ctx, a) : null;
      return a && edits ? { title: `Move ${quote(a.template.title)} ${where}`, edits } : null;
    },
    safe: false,
  },
};
