// VS Code snippets derived from the template (generated into
// snippets/markdown.json at build time by scripts/gen-snippets.ts): the whole
// template, each `##` section with its subsections, and the recurring
// structures (failure scenario, overload lines, metrics, mermaid flowchart).
import type { TemplateModel } from '../types';
import { newDocument } from './documentLevel';
import { sectionLabel } from './guidance';
import { renderBody, sectionScaffold } from './scaffold';
import { structureText, templateStructures } from './structures';
import { slug } from './util';

export interface SnippetEntry {
  prefix: string | string[];
  /** One string per line, as VS Code snippet files have it. */
  body: string[];
  description: string;
}

export const WHOLE_TEMPLATE_PREFIX = 'deepdive';
const PREFIX = 'dd-';

export function templateSnippets(template: TemplateModel): Record<string, SnippetEntry> {
  const out: Record<string, SnippetEntry> = {};
  const used = new Set<string>([WHOLE_TEMPLATE_PREFIX]);
  const lines = (s: string) => s.split('\n');
  /** Short prefixes first ("dd-failure-modes"), the full one as well when longer; never one already taken. */
  const prefixes = (words: string[]): string[] => {
    const all = [2, words.length].map((n) => PREFIX + words.slice(0, n).join('-')).filter((p, i, a) => a.indexOf(p) === i && !used.has(p));
    const chosen = all.length > 0 ? all : [`${PREFIX}${words.join('-')}-${used.size}`];
    chosen.forEach((p) => used.add(p));
    return chosen;
  };
  const prefixValue = (p: string[]) => (p.length === 1 ? p[0] : p);

  out['Deep dive (whole template)'] = {
    prefix: WHOLE_TEMPLATE_PREFIX,
    body: lines(newDocument(template, '', { snippet: true })).slice(0, -1),
    description: `A new deep dive: every section of the template (${template.name}), placeholders as tab stops.`,
  };
  for (const t of template.sections) {
    const words = slug(t.title).split('-').filter((w) => w !== 'and');
    out[`Deep dive section: ${t.title}`] = {
      prefix: prefixValue(prefixes(words)),
      body: lines(sectionScaffold(t, { snippet: true, guidanceStops: true })),
      description: `Template ${sectionLabel(template, t, null)}${t.children.length ? `, with its ${t.children.length} subsections` : ''} and guidance.`,
    };
  }
  for (const st of templateStructures(template)) {
    const where = st.parent ? `${st.parent.title} > ${st.section.title}` : st.section.title;
    out[`Deep dive ${st.kind === 'fence' ? 'diagram' : 'structure'}: ${st.label}`] = {
      prefix: prefixValue(prefixes([st.name])),
      body: lines(renderBody(structureText(st), { snippet: true })),
      description: st.kind === 'item'
        ? `A numbered ${st.label} item, as in the template's ${where}.`
        : st.kind === 'lines'
          ? `The ${st.labels.join(' / ')} lines of the template's ${where}.`
          : `The ${st.label} diagram of the template's ${where}.`,
    };
  }
  return out;
}

/** A template never changes: its snippets are derived once (completion asks on every `dd-`). */
const byTemplate = new WeakMap<TemplateModel, Record<string, SnippetEntry>>();

/** templateSnippets, shared between callers: do not mutate it. */
export function cachedSnippets(template: TemplateModel): Record<string, SnippetEntry> {
  let out = byTemplate.get(template);
  if (!out) byTemplate.set(template, (out = templateSnippets(template)));
  return out;
}

/** The snippets file's text: stable key order, two-space indent, final newline. */
export function snippetsFileText(template: TemplateModel): string {
  return JSON.stringify(templateSnippets(template), null, 2) + '\n';
}
