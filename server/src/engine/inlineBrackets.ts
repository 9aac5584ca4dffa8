// The bracket facts of inline content read without the parser (blockReader.ts),
// for the shapes where they are certain: code spans and simple inline links are
// opaque, every other `[...]` is literal text (the chunk has no definition, so
// `[x]` is no reference), and nothing else can split the text a pair sits in.
// Anything that could (an image, an escape, a literal autolink, emphasis inside
// a pair, a link with a title or an unusual destination) answers false.
import type { BracketFact } from './markdown';

const BACKTICK = 96;

/**
 * Code spans of `s`..`e` as CommonMark pairs backtick runs: a run closes at the
 * next run of the same length, or is literal. With `closedOnly` (one line of
 * a longer paragraph, whose later lines are not seen), a literal run answers
 * null: it could pair with a run on a later line.
 */
export function codeSpans(text: string, s: number, e: number, closedOnly = false): [number, number][] | null {
  // The runs first, then each opener's closer found through a queue per length:
  // linear, however many runs of however many lengths.
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = text.indexOf('`', s); i >= 0 && i < e; i = text.indexOf('`', i)) {
    let j = i;
    while (j < e && text.charCodeAt(j) === BACKTICK) j++;
    starts.push(i);
    lengths.push(j - i);
    i = j;
  }
  const spans: [number, number][] = [];
  if (starts.length === 0) return spans;
  const byLength = new Map<number, number[]>();
  for (let r = 0; r < starts.length; r++) {
    const q = byLength.get(lengths[r]);
    if (q) q.push(r);
    else byLength.set(lengths[r], [r]);
  }
  const next = new Map<number, number>(); // per length, the first queued run not yet passed
  for (let r = 0; r < starts.length; ) {
    const len = lengths[r];
    const q = byLength.get(len)!;
    let k = next.get(len) ?? 0;
    while (k < q.length && q[k] <= r) k++;
    next.set(len, k);
    if (k < q.length) {
      const c = q[k];
      spans.push([starts[r], starts[c] + len]);
      r = c + 1;
    } else {
      if (closedOnly) return null;
      r++;
    }
  }
  return spans;
}

/** A link destination read here: no spaces, parentheses, angle brackets, escapes or quotes. */
const DESTINATION = /^[A-Za-z0-9._~:/?#@$&*+,;=%-]+$/;
/** Characters a link's text may not hold here: code, emphasis, escapes, HTML, images, references. */
const LINK_TEXT_STOP = /[`*_~\\<>![\]]|www\.|:\/\/|@/i;
/** Outside code and links: images, escapes, HTML, full or collapsed references, literal autolinks. */
const TEXT_STOP = /!\[|\\|<[A-Za-z/!?]|\]\[|www\.|:\/\/|@/i;

/**
 * Adds the bracket facts of the inline content `s`..`e` (one paragraph, or one
 * line of a list item with `closedOnly`) to `out`, or answers false when the
 * parser must decide. `spans` are its code spans (codeSpans).
 */
export function inlineBrackets(text: string, s: number, e: number, spans: [number, number][], out: BracketFact[]): boolean {
  // Opaque stretches, in order: code spans and inline links.
  const opaque: [number, number][] = [];
  let si = 0;
  for (let i = text.indexOf('](', s); i >= 0 && i < e; i = text.indexOf('](', i + 2)) {
    while (si < spans.length && spans[si][1] <= i) opaque.push(spans[si++]);
    if (si < spans.length && spans[si][0] <= i) continue; // inside code
    const close = text.indexOf(')', i + 2);
    const open = text.lastIndexOf('[', i);
    // (An image, `![`, is left to the parser.)
    if (close < 0 || close >= e || open < s || text.charCodeAt(open - 1) === 33 || (opaque.length > 0 && open < opaque[opaque.length - 1][1])) return false;
    const label = text.slice(open + 1, i);
    if (label.length === 0 || LINK_TEXT_STOP.test(label) || label.indexOf('\n') >= 0 || !DESTINATION.test(text.slice(i + 2, close))) return false;
    if (si < spans.length && spans[si][0] < close + 1) return false; // a code span starts inside the link
    opaque.push([open, close + 1]);
    i = close - 1;
  }
  while (si < spans.length) opaque.push(spans[si++]);
  let from = s;
  const found: BracketFact[] = [];
  for (let k = 0; k <= opaque.length; k++) {
    const to = k < opaque.length ? opaque[k][0] : e;
    if (to > from) {
      if (TEXT_STOP.test(text.slice(from, to))) return false;
      textBrackets(text, from, to, found);
    }
    if (k < opaque.length) from = opaque[k][1];
  }
  for (const f of found) {
    for (let i = f.start + 1; i < f.end - 1; i++) {
      const c = text.charCodeAt(i);
      // Emphasis or strikethrough delimiters inside a pair might split its text.
      if (c === 42 || c === 95 || c === 126) return false;
    }
    out.push(f);
  }
  return true;
}

const BRACKET = /\[([^[\]\r\n]{1,300})\]/g;

/** `[text]` runs of one text node's source, skipping escaped brackets. */
export function textBrackets(text: string, s: number, e: number, out: BracketFact[]): void {
  const raw = text.slice(s, e);
  let prev: BracketFact | null = null;
  for (const m of raw.matchAll(BRACKET)) {
    const i = m.index ?? 0;
    // `\[` is a literal bracket, but `\\[` is a literal backslash before a real one.
    let slashes = 0;
    while (i - slashes > 0 && raw[i - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    // `[^note]` is a footnote call (its definition may be in another chunk), never a placeholder.
    if (m[1].startsWith('^')) continue;
    const b: BracketFact = { start: s + i, end: s + i + m[0].length, text: m[1] };
    if (raw.startsWith('[]', i + m[0].length)) b.ref = m[1];
    // `[text][label]`: the first bracket links through the second's label.
    if (prev && prev.end === b.start && prev.ref === undefined) prev.ref = b.text;
    out.push(b);
    prev = b;
  }
}
