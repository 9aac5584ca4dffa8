import { assignmentAtRange, relevelEdits } from '../edits';
import { quote, type Rule } from './rule';

export type HeadingLevelData = {
  section: string;
  expectedDepth: number;
  actualDepth: number;
  /** Written `## x` (re-levelled by its marker), not setext. */
  atx: boolean;
};

export const headingLevel: Rule<HeadingLevelData> = {
  code: 'heading-level',
  description: 'A template heading is written at the wrong level (e.g. `###` for a `##` section).',
  defaultSeverity: 'warning',
  check({ match }) {
    return match.assignments
      .filter((a) => !a.levelOk && (a.templateParent === null || match.primary.get(a.templateParent)?.levelOk !== false))
      .map((a) => {
        const expected = a.template.depth;
        const actual = a.section.heading.depth;
        return {
          message: `${quote(a.template.title)} is a ${'#'.repeat(expected)} ${a.templateParent ? 'subsection' : 'section'} in the template but is written as ${'#'.repeat(actual)}.`,
          range: a.section.heading.range,
          data: { section: a.template.title, expectedDepth: expected, actualDepth: actual, atx: a.section.heading.atx },
        };
      });
  },
  fix: {
    quickFix(ctx, finding) {
      const a = assignmentAtRange(ctx, finding.range);
      return a ? { title: `Change to ${'#'.repeat(a.template.depth)} ${a.template.title}`, edits: relevelEdits(ctx, a) } : null;
    },
    safe: true,
  },
};
