// The TextMate injection grammar for markdown (generated into
// syntaxes/deepdive.injection.tmLanguage.json by scripts/gen-snippets.ts):
// scopes the template's unfilled `[placeholders]` and its bold field labels
// (`**One-line summary**:`) so themes can colour them.
//
// Placeholders are the template's own (numbers generalised, as the
// placeholder rule compares them) plus the usual fill-in markers: the
// injection reaches every markdown file, where `[text]` alone is often a
// shortcut reference link, so any bracket at all would be too much.
import { allPlaceholders } from '../template';
import type { TemplateModel } from '../types';
import { templateStructures } from './structures';

export const INJECTION_SCOPE = 'markdown.deepdive.injection';

/** Not inside code, HTML, front matter, comments or link/image parts. */
export const INJECTION_SELECTOR = 'L:text.html.markdown -meta.embedded -markup.fenced_code -markup.inline.raw -markup.raw -comment -meta.link -meta.image -string.other.link -markup.underline.link';

/** Fill-in markers any writer leaves (kept in step with the placeholder rule's list). */
export const MARKERS = ['TODO', 'TBD', 'TK', 'FIXME', 'XXX'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** "Benefit 1" -> "Benefit\s+\d+": matches what the placeholder rule treats as the same placeholder. */
function placeholderPattern(p: string): string {
  return p.trim().split(/\s+/).map((w) => w.split(/\d+/).map(escapeRegExp).join('\\d+')).join('\\s+');
}

function alternation(items: string[]): string {
  return [...new Set(items)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
}

/** The bold `**Label**:` labels of the template: its fields and those in its sections' structures. */
export function fieldLabels(template: TemplateModel): string[] {
  const labels = template.fields.map((f) => f.label);
  for (const s of templateStructures(template)) if (s.kind !== 'fence') labels.push(...s.labels);
  return [...new Set(labels)];
}

export function templateGrammar(template: TemplateModel): Record<string, unknown> {
  const placeholders = alternation([...allPlaceholders(template), ...MARKERS].map(placeholderPattern));
  const labels = alternation(fieldLabels(template).map(placeholderPattern));
  return {
    $comment: 'Generated from the deep dive template by scripts/gen-snippets.ts (npm run build:snippets); do not edit by hand.',
    name: 'Deep Dive markdown injection',
    scopeName: INJECTION_SCOPE,
    injectionSelector: INJECTION_SELECTOR,
    patterns: [{ include: '#field-label' }, { include: '#placeholder' }],
    repository: {
      placeholder: {
        // Not an image (`![`), not escaped, not a link (`](`, `][`), not a link definition (`]: url`).
        match: `(?<![!\\\\])(\\[)(?i:(${placeholders}))(\\])(?![(\\[])(?!:[ \\t]*<?[^\\s>]+>?[ \\t]*(?:["'(].*)?$)`,
        name: 'meta.placeholder.deepdive',
        captures: {
          1: { name: 'punctuation.definition.placeholder.begin.deepdive' },
          2: { name: 'variable.other.placeholder.deepdive' },
          3: { name: 'punctuation.definition.placeholder.end.deepdive' },
        },
      },
      'field-label': {
        match: `((\\*\\*)(?i:(${labels}))(\\*\\*))(:)`,
        name: 'meta.field.deepdive',
        captures: {
          1: { name: 'markup.bold.markdown' },
          2: { name: 'punctuation.definition.bold.markdown' },
          3: { name: 'support.type.property-name.field.deepdive' },
          4: { name: 'punctuation.definition.bold.markdown' },
          5: { name: 'punctuation.separator.key-value.deepdive' },
        },
      },
    },
  };
}

export function grammarFileText(template: TemplateModel): string {
  return JSON.stringify(templateGrammar(template), null, 2) + '\n';
}
