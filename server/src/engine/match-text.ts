// Heading text comparison that holds on real documents: case, `&` vs `and`,
// punctuation and extra words after the template's words all still match.

/**
 * Lower-case words only: "Failure Modes & Blast Radius" -> "failure modes and blast radius".
 * A leading section number ("2. ", "2.1 ", "IV) ") is dropped: numbered headings
 * ("## 1. Mental Model") are common and name the same section.
 */
export function headingKey(title: string): string {
  return title
    .replace(/^\s*(?:\d+(?:\.\d+)*[.):]?|[ivxlc]+[.)])\s+(?=\S)/i, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type MatchKind = 'exact' | 'prefix' | 'near';

/**
 * How a document heading relates to a template heading, both as keys.
 * `prefix`: the document adds words after the template's ("What We Gain with
 * Idempotency"), or shortens a multi-word template heading to its leading
 * words ("Metrics" for "Metrics to Track").
 */
export function compareKeys(doc: string, tpl: string): 'exact' | 'prefix' | null {
  if (doc === '' || tpl === '') return null;
  if (doc === tpl) return 'exact';
  // Called for every heading against every template heading: no concatenated strings.
  if (doc.length > tpl.length && doc.charCodeAt(tpl.length) === 32 && doc.startsWith(tpl)) return 'prefix';
  // Shortened to its leading words: "Metrics" is Metrics to Track, but "What" is no section of its own.
  if (doc.length >= 6 && tpl.length > doc.length && tpl.charCodeAt(doc.length) === 32 && tpl.startsWith(doc)) return 'prefix';
  return null;
}

// Two rows of the distance table, reused: a document of 100,000 headings compares each with the template's.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

/** Typos a near miss may carry: none for tiny words, then about one per eight letters. */
export function nearMissBudget(key: string): number {
  if (key.length < 5) return 0;
  if (key.length < 10) return 1;
  return Math.min(3, 1 + Math.floor(key.length / 10));
}

export function isNearMiss(doc: string, tpl: string): boolean {
  const budget = nearMissBudget(tpl);
  return budget > 0 && editDistance(doc, tpl, budget) <= budget;
}
