import { assignmentAtRange, insertSubsections } from '../edits';
import { quote, type Rule, type RuleFinding } from './rule';

export type MissingSubsectionData = {
  /** The present section's template title. */
  section: string;
  /** Titles of its absent subsections, in template order. */
  subsections: string[];
};

export const missingSubsection: Rule<MissingSubsectionData> = {
  code: 'missing-subsection',
  description: 'A present section lacks some of the template\'s `###` subsections (one finding lists them all).',
  defaultSeverity: 'information',
  check({ match }) {
    const out: RuleFinding<MissingSubsectionData>[] = [];
    for (const [a, absent] of match.missingChildren) {
      const names = absent.map((t) => quote(t.title)).join(', ');
      out.push({
        message: `${quote(a.template.title)} lacks the template's subsection${absent.length > 1 ? 's' : ''} ${names}.`,
        range: a.section.heading.range,
        data: { section: a.template.title, subsections: absent.map((t) => t.title) },
      });
    }
    return out;
  },
  // Not in fix-all: documents often organise a section their own way.
  fix: {
    quickFix(ctx, finding) {
      const a = assignmentAtRange(ctx, finding.range);
      if (!a) return null;
      const names = finding.data?.subsections ?? [];
      const ts = a.template.children.filter((t) => names.includes(t.title));
      const title = ts.length === 1 ? `Insert subsection ${quote(ts[0].title)}` : `Insert missing subsections of ${quote(a.template.title)}`;
      return { title, edits: insertSubsections(ctx, a, ts) };
    },
    safe: false,
  },
};
