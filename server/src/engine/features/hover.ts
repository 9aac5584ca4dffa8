// Hover: on a template heading, the template's guidance for that section and
// how complete it is here; on an unfilled placeholder, what belongs there
// (the template text around it).
import type { Analysis } from '../analyze';
import { normalizeLabel } from '../markdown';
import type { Assignment } from '../match';
import { isPlaceholderText } from '../rules/placeholder';
import type { Position, Range, TemplateSection } from '../types';
import { guidanceAround, sectionLabel } from './guidance';
import { offsetOf } from './util';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

export function hover(analysis: Analysis, position: Position): HoverResult | null {
  const { doc, match, template } = analysis;
  const offset = offsetOf(doc, position);
  if (offset === null) return null;

  const b = doc.brackets.find((x) => x.start <= offset && offset < x.end);
  // As the placeholder rule judges it: a bracket naming a link definition is a link.
  if (b && !doc.definitions.has(normalizeLabel(b.ref ?? b.text)) && isPlaceholderText(template, b.text)) {
    return { contents: placeholderHover(analysis, b.text, offset), range: doc.lines.range(b.start, b.end) };
  }

  const h = doc.headings.find((x) => x.start <= offset && offset <= x.end);
  if (!h) return null;
  const range = h.range;
  if (h === match.title) return { contents: titleHover(analysis), range };
  const a = match.assignments.find((x) => x.section.heading === h);
  return a ? { contents: sectionHover(analysis, a), range } : null;
}

function titleHover({ template, match }: Analysis): string {
  const total = template.sections.filter((t) => !t.optional || match.primary.has(t)).length;
  const lines = [`**Deep dive** · ${total - match.missing.length}/${total} template sections`];
  if (match.missing.length > 0) lines.push('', `Missing: ${match.missing.map((t) => t.title).join(', ')}`);
  return lines.join('\n');
}

function sectionHover({ template, match }: Analysis, a: Assignment): string {
  const t = a.template;
  const head = [`**${t.title}** · template ${sectionLabel(template, t, a.templateParent)}`];
  const notes: string[] = [];
  if (a.kind === 'near') notes.push(`The template spells it "${t.title}".`);
  if (!a.levelOk) notes.push(`The template writes it as \`${'#'.repeat(t.depth)}\`.`);
  if (a.order) notes.push(`Out of template order: it belongs ${a.order.after ? `after ${a.order.after.template.title}` : `before ${a.order.before!.template.title}`}.`);
  if (a.duplicate) notes.push('A repeat: the first one counts.');
  const parts = [head.join(''), ...(notes.length ? [notes.join(' ')] : [])];
  if (t.body) parts.push(t.body);
  if (t.children.length > 0) {
    const absent = new Set<TemplateSection>(a.duplicate ? [] : match.missingChildren.get(a) ?? []);
    const required = t.children.filter((c) => !c.optional);
    const have = required.length - absent.size;
    const mark = (c: TemplateSection) => (absent.has(c) ? ' *(missing)*' : c.optional ? ' *(optional)*' : '');
    parts.push([`Subsections (${a.duplicate ? '' : `${have}/`}${required.length}):`, ...t.children.map((c) => `- ${c.title}${mark(c)}`)].join('\n'));
  }
  return parts.join('\n\n');
}

/** Template placeholders compare as the placeholder rule does: case and numbers aside. */
function key(s: string): string {
  return s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

function placeholderHover({ doc, template, match }: Analysis, text: string, offset: number): string {
  const k = key(text);
  const head = `**Unfilled placeholder** \`[${text}]\``;
  if (k === key(template.titlePlaceholder)) return `${head}\n\nThe document's topic: its title.`;
  const field = template.fields.find((f) => key(f.placeholder) === k);
  if (field) return `${head}\n\nThe template's field **${field.label}** asks: ${field.placeholder}`;

  // Prefer the template section the placeholder stands in, then any that has it.
  const here = doc.sections.filter((s) => s.start <= offset && offset < s.end).reverse()
    .map((s) => match.bySection.get(s)?.template).filter((t): t is TemplateSection => !!t);
  const all = template.sections.flatMap((s) => [s, ...s.children]);
  const holders = (list: TemplateSection[]) => list.flatMap((s) => [s, ...s.children]).find((s) => s.placeholders.some((p) => key(p) === k));
  const t = holders(here) ?? all.find((s) => s.placeholders.some((p) => key(p) === k));
  if (!t) return `${head}\n\nReplace it with the document's own text.${here[0]?.body ? `\n\nThe template's guidance for ${here[0].title}:\n\n${here[0].body}` : ''}`;
  const original = t.placeholders.find((p) => key(p) === k)!;
  const around = guidanceAround(t.body, `[${original}]`) ?? t.body;
  return `${head}\n\nIn the template's **${t.title}** it asks for: *${original}*\n\n${around}`;
}
