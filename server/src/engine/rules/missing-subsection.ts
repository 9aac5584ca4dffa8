import { quote, type Rule } from './rule';

export const missingSubsection: Rule = {
  code: 'missing-subsection',
  description: 'A present section lacks some of the template\'s `###` subsections (one finding lists them all).',
  defaultSeverity: 'information',
  check({ match }) {
    const out = [];
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
};
