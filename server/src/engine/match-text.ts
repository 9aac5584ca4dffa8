// Heading text comparison that holds on real documents: case, `&` vs `and`,
// punctuation and extra words after the template's words all still match.

/**
 * Lower-case words only: "Failure Modes & Blast Radius" -> "failure modes and blast radius".
 * A leading section number ("2. ", "2.1 ", "IV) ") is dropped: numbered headings
 * ("## 1. Mental Model") are common and name the same section.
 */
export function headingKey(title: string): string {
  // Words of letters and digits, one space apart, the first starting with a letter: only the case changes.
  return PLAIN_TITLE.test(title) ? title.toLowerCase() : normalizedKey(title);
}

const PLAIN_TITLE = /^[A-Za-z][A-Za-z\d]*(?: [A-Za-z\d]+)*$/;

/** headingKey of any title. */
export function normalizedKey(title: string): string {
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

/** Distance-table cells filled so far (callers bound their total work by it). */
export const editWork = { cells: 0 };

// Two rows of the distance table, reused: a document of 100,000 headings compares each with the template's.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, bounded: returns max+1 as soon as it must exceed max.
 * Only the cells within `max` of the diagonal can hold a distance within the
 * bound, so only that band is computed: O(length x (2 max + 1)), not
 * O(length²), however long two headings sharing a prefix are.
 */
export function editDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  // A common prefix and suffix do not change the distance: only the differing middle is tabled.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  editWork.cells += start + end;
  if (start > 0 || end > 0) {
    a = a.slice(start, a.length - end);
    b = b.slice(start, b.length - end);
  }
  if (rowA.length <= b.length + 1) {
    rowA = new Int32Array(b.length + 2);
    rowB = new Int32Array(b.length + 2);
  }
  let prev = rowA;
  let cur = rowB;
  const first = Math.min(b.length, max);
  for (let j = 0; j <= first; j++) prev[j] = j;
  prev[first + 1] = over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    // Left of the band, and the cell the next row reads right of it: beyond the bound.
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    cur[hi + 1] = over;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    editWork.cells += hi - lo + 1;
    if (rowMin > max) return over;
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

/** Keys longer than this are not compared for near misses (a typo in a heading this long is no near miss of a section). */
export const MAX_NEAR_MISS_KEY = 200;

export function isNearMiss(doc: string, tpl: string): boolean {
  if (doc.length > MAX_NEAR_MISS_KEY || tpl.length > MAX_NEAR_MISS_KEY) return false;
  const budget = nearMissBudget(tpl);
  return budget > 0 && editDistance(doc, tpl, budget) <= budget;
}
