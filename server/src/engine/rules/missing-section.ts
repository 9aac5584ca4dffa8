import { gapRange, placeSection, type Placement } from '../features/scaffold';
import type { DocumentModel } from '../document';
import type { TemplateModel, TemplateSection } from '../types';
import type { TemplateMatch } from '../match';
import { quote, type Rule } from './rule';

export const missingSection: Rule = {
  code: 'missing-section',
  description: 'A `##` section of the template is absent from the document.',
  defaultSeverity: 'warning',
  check({ doc, template, match }) {
    return match.missing.map((t) => {
      const p = placeSection(doc, match, t);
      const where = whereItBelongs(doc, template, match, t, p);
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

/**
 * Words for where a missing section goes: next to a present template section;
 * else (no template section present) after the one before it in the template,
 * and the first one after the document's opening fields or before whatever
 * heading comes first.
 */
function whereItBelongs(doc: DocumentModel, template: TemplateModel, match: TemplateMatch, t: TemplateSection, p: Placement): string {
  if (p.after) return `after ${quote(p.after.template.title)}`;
  if (p.before) return `before ${quote(p.before.template.title)}`;
  const previous = template.sections[t.index - 1];
  if (previous) return `after ${quote(previous.title)}${match.missing.includes(previous) ? ' (also missing)' : ''}`;
  const heading = doc.headings.find((h) => h.start === p.offset);
  if (heading) return `before ${quote(heading.title)}`;
  const lastField = template.fields[template.fields.length - 1];
  return lastField ? `after the ${lastField.label.toLowerCase()}` : 'after the title';
}

