import { gapRange, placeSection } from '../features/scaffold';
import { quote, type Rule } from './rule';

export const missingSection: Rule = {
  code: 'missing-section',
  description: 'A `##` section of the template is absent from the document.',
  defaultSeverity: 'warning',
  check({ doc, match }) {
    return match.missing.map((t) => {
      const p = placeSection(doc, match, t);
      const where = p.after ? `after ${quote(p.after.template.title)}` : p.before ? `before ${quote(p.before.template.title)}` : 'in the document';
      const neighbour = p.after ?? p.before;
      return {
        message: `Missing section ${quote(t.title)}: it belongs ${where}.`,
        // The gap itself, not a neighbour's heading (which reads as if that section were wrong).
        range: gapRange(doc, p.offset),
        data: { section: t.title, insertAt: doc.lines.positionAt(p.offset) },
        related: neighbour
          ? [{ range: neighbour.section.heading.range, message: `${quote(t.title)} belongs ${p.after ? 'after' : 'before'} this section` }]
          : undefined,
      };
    });
  },
};
