// Finding a heading's template section by name in time that does not grow
// with the template: a template of thousands of long sections sharing their
// first words, against a document of thousands of such headings, must not
// cost headings x sections x key length.
//
// The keys of a candidate list go into a trie of words (one map entry per
// word of the list, built once per list), and a heading walks it word by
// word: O(heading key length) per heading. The answer is exactly
// compareKeys' over the list: an exact key wins (the first in list order),
// else the longest prefix match (the first in list order among equally long
// ones). Keys are compared as words separated by single spaces, which is how
// compareKeys' "followed by a space" reads once `headingKey` has normalised them.
import type { MatchKind } from './match-text';
import { detached } from './memo';
import type { TemplateSection } from './types';

const ROOT = 0;
/** Shortest document key that may name a longer template heading by its leading words (as in compareKeys). */
const MIN_SHORTENED_KEY = 6;

interface KeyIndex {
  /** Node reached from a node by a word: keyed `${node} ${word}` (node ids hold no space). */
  child: Map<string, number>;
  /** Per node: the first candidate whose key ends there. */
  terminal: (TemplateSection | null)[];
  /** Per node: the best candidate whose key ends strictly below it (longest key, then first). */
  below: (TemplateSection | null)[];
  /** Every candidate with a key, by key, in list order. */
  byKey: Map<string, TemplateSection[]>;
  /** bestMatch's answers by heading key: a keystroke matches the same headings again. */
  answers: Map<string, Best>;
}

type Best = { t: TemplateSection; kind: MatchKind } | null;

/** Answers kept per candidate list; a document whose headings keep changing (typing one) starts over past this. */
const MAX_ANSWERS = 4096;

const indexes = new WeakMap<readonly TemplateSection[], KeyIndex>();

function build(candidates: readonly TemplateSection[]): KeyIndex {
  const ix: KeyIndex = { child: new Map(), terminal: [null], below: [null], byKey: new Map(), answers: new Map() };
  /** The length of the key each `below` entry was reached by (an alias may be longer or shorter than the title). */
  const belowLength: number[] = [0];
  // A template section is found by its title's key and by each of its aliases' keys.
  const entries = candidates.flatMap((t) => [t.key, ...(t.aliasKeys ?? [])].map((key) => ({ t, key })));
  for (const { t, key } of entries) {
    if (key === '') continue;
    const same = ix.byKey.get(key);
    if (same) same.push(t);
    else ix.byKey.set(key, [t]);
    let node = ROOT;
    for (const word of key.split(' ')) {
      // A later candidate replaces an earlier one only when strictly longer: the first wins ties.
      const b = ix.below[node];
      if (!b || key.length > belowLength[node]) {
        ix.below[node] = t;
        belowLength[node] = key.length;
      }
      const edge = `${node} ${word}`;
      let next = ix.child.get(edge);
      if (next === undefined) {
        next = ix.terminal.length;
        ix.terminal.push(null);
        ix.below.push(null);
        belowLength.push(0);
        ix.child.set(edge, next);
      }
      node = next;
    }
    ix.terminal[node] ??= t;
  }
  return ix;
}

/**
 * The list looked up last and its index: a match asks about one list for thousands of
 * headings in a row. It holds that list until another is asked about (one template's at most).
 */
let last: { candidates: readonly TemplateSection[]; ix: KeyIndex } | null = null;

function indexOf(candidates: readonly TemplateSection[]): KeyIndex {
  if (last?.candidates === candidates) return last.ix;
  let ix = indexes.get(candidates);
  if (!ix) indexes.set(candidates, (ix = build(candidates)));
  last = { candidates, ix };
  return ix;
}

/**
 * The candidate a document heading key names: what a scan of the list with
 * compareKeys would choose (exact first, else the longest prefix), or null.
 * `candidates` should be a list that lives as long as its template (its index
 * is kept with it).
 */
export function bestMatch(key: string, candidates: readonly TemplateSection[]): Best {
  if (key === '') return null;
  const ix = indexOf(candidates);
  let answer = ix.answers.get(key);
  if (answer === undefined) {
    if (ix.answers.size >= MAX_ANSWERS) ix.answers.clear();
    // Kept by a copy of the key: a heading's key may be a slice of a whole document's text.
    ix.answers.set(detached(key), (answer = walk(ix, key)));
  }
  return answer;
}

/** The trie walk behind bestMatch. */
function walk(ix: KeyIndex, key: string): Best {
  let node = ROOT;
  // The deepest candidate whose words are a proper prefix of the key's: the longest such key.
  let shorter: TemplateSection | null = null;
  // Word by word as far as the trie goes (most headings name no section: one word), not split whole.
  for (let from = 0; ;) {
    const space = key.indexOf(' ', from);
    const next = ix.child.get(`${node} ${key.slice(from, space < 0 ? key.length : space)}`);
    if (next === undefined) return shorter ? { t: shorter, kind: 'prefix' } : null;
    node = next;
    if (space < 0) break;
    shorter = ix.terminal[node] ?? shorter;
    from = space + 1;
  }
  const exact = ix.terminal[node];
  if (exact) return { t: exact, kind: 'exact' };
  // A key that is the leading words of longer candidates: those are longer than any shorter one.
  const longer = key.length >= MIN_SHORTENED_KEY ? ix.below[node] : null;
  if (longer) return { t: longer, kind: 'prefix' };
  return shorter ? { t: shorter, kind: 'prefix' } : null;
}

/** The first candidate (in list order) whose key is exactly `key` and that `ok` accepts, or null. */
export function exactMatch(key: string, candidates: readonly TemplateSection[], ok: (t: TemplateSection) => boolean): TemplateSection | null {
  if (key === '') return null;
  return indexOf(candidates).byKey.get(key)?.find(ok) ?? null;
}
