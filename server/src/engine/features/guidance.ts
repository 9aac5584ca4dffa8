// The template's guidance as markdown for hover and completion documentation.
// Subsection titles are shown bold rather than as headings: hover panes render
// headings large.
import type { TemplateModel, TemplateSection } from '../types';

export function sectionLabel(template: TemplateModel, t: TemplateSection, parent: TemplateSection | null): string {
  return parent
    ? `subsection ${t.index + 1} of ${parent.children.length} in ${parent.title}`
    : `section ${t.index + 1} of ${template.sections.length}`;
}

/** The section's body followed by each subsection's title and body: what a scaffold of it holds. */
export function guidanceMarkdown(t: TemplateSection): string {
  const parts: string[] = [];
  if (t.body) parts.push(t.body);
  for (const c of t.children) parts.push(c.body ? `**${c.title}**\n\n${c.body}` : `**${c.title}**`);
  return parts.join('\n\n');
}

/** The template's guidance around a line of the template: the list item or paragraph holding `needle`. */
export function guidanceAround(body: string, needle: string): string | null {
  const lines = body.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) return null;
  // Climb to the enclosing top-level list item (a scenario's Impact line belongs to its Scenario).
  let start = i;
  while (start > 0 && /^\s+\S/.test(lines[start]) && lines[start - 1].trim() !== '') start--;
  let end = i + 1;
  while (end < lines.length && /^\s+\S/.test(lines[end])) end++;
  return lines.slice(start, end).join('\n');
}
