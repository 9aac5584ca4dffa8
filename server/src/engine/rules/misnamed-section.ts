import { renameEdits } from '../edits';
import { quote, type Rule } from './rule';

export type MisnamedSectionData = {
  /** The template heading it is a near miss of. */
  expected: string;
  /** The heading as written. */
  actual: string;
};

export const misnamedSection: Rule<MisnamedSectionData> = {
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
  fix: {
    quickFix(ctx, finding) {
      const expected = finding.data?.expected;
      return typeof expected === 'string' ? { title: `Rename to ${quote(expected)}`, edits: renameEdits(ctx, finding.range, expected) } : null;
    },
    safe: true,
  },
};
