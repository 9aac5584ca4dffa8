import type { DocumentModel } from '../document';
import { normalizeLabel, type BracketFact } from '../markdown';
import { allPlaceholders } from '../template';
import type { TemplateModel } from '../types';
import { quote, type Rule } from './rule';

/** "Benefit 3" is still the template's "Benefit 1": numbers do not tell them apart. */
function placeholderKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

// Markers every writer leaves for "fill in later". Not `[...]`: that is the
// editorial ellipsis in quotations, prose that is complete.
const GENERIC = new Set(['todo', 'tbd', 'tk', 'fixme', 'xxx']);
const known = new WeakMap<TemplateModel, Set<string>>();

function templateKeys(t: TemplateModel): Set<string> {
  let s = known.get(t);
  if (!s) {
    s = new Set(allPlaceholders(t).map(placeholderKey));
    known.set(t, s);
  }
  return s;
}

export function isPlaceholderText(t: TemplateModel, text: string): boolean {
  const key = placeholderKey(text);
  return templateKeys(t).has(key) || GENERIC.has(key);
}

/** The document's unfilled placeholders, in document order. */
export function placeholderBrackets(doc: DocumentModel, template: TemplateModel): BracketFact[] {
  return doc.brackets
    // A bracket that names a link reference definition is a link, wherever the definition is
    // (`[text][label]` names it by its label).
    .filter((b) => !doc.definitions.has(normalizeLabel(b.ref ?? b.text)))
    .filter((b) => isPlaceholderText(template, b.text));
}

export const placeholder: Rule = {
  code: 'placeholder',
  description: 'An unfilled `[placeholder]` from the template is still in the text.',
  defaultSeverity: 'warning',
  check({ doc, template }) {
    return placeholderBrackets(doc, template)
      .map((b) => ({
        message: `Unfilled placeholder [${b.text}]: replace it with the document's own text.`,
        range: doc.lines.range(b.start, b.end),
        data: { placeholder: b.text },
      }));
  },
};

export { quote };
