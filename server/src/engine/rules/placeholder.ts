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
/** A template's placeholder keys, and its answers for bracket texts already asked about. */
interface TemplateKeys {
  keys: Set<string>;
  answers: Map<string, boolean>;
}
const known = new WeakMap<TemplateModel, TemplateKeys>();

/**
 * At most this many answers are kept per template. A keystroke asks again about
 * every bracket of the document (about 100 in the generated 30 KB document, the
 * status and the rule both ask): one look-up each instead of four string
 * operations, and the texts asked about do not change while typing.
 */
const KEPT_ANSWERS = 4096;

function templateKeys(t: TemplateModel): TemplateKeys {
  let s = known.get(t);
  if (!s) {
    s = { keys: new Set(allPlaceholders(t).map(placeholderKey)), answers: new Map() };
    known.set(t, s);
  }
  return s;
}

export function isPlaceholderText(t: TemplateModel, text: string): boolean {
  const { keys, answers } = templateKeys(t);
  let answer = answers.get(text);
  if (answer === undefined) {
    const key = placeholderKey(text);
    answer = keys.has(key) || GENERIC.has(key);
    if (answers.size >= KEPT_ANSWERS) answers.clear();
    answers.set(text, answer);
  }
  return answer;
}

/** The document's unfilled placeholders, in document order. */
export function placeholderBrackets(doc: DocumentModel, template: TemplateModel): BracketFact[] {
  const { definitions } = doc;
  return doc.brackets.filter((b) => isPlaceholderText(template, b.text)
    // A bracket that names a link reference definition is a link, wherever the definition is
    // (`[text][label]` names it by its label).
    && (definitions.size === 0 || !definitions.has(normalizeLabel(b.ref ?? b.text))));
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
