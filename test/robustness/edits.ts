// Random editing sessions for the incremental-sync property: abstract edits
// (positions as fractions of the current text) that turn into LSP didChange
// notifications against whatever the text is when they are applied.
import fc from 'fast-check';
import { applyChange, lineStarts, rangeOf, snap, type ContentChange } from './text';

const EOLS = ['\n', '\r\n', '\r'] as const;
type Eol = (typeof EOLS)[number];

/** Pieces a deep dive is typed from, with every line ending and some non-BMP, CJK and combining text. */
const TOKENS = [
  'word', ' ', ' ', 'replica', 'quorum', '.', ',', '\n', '\n', '\n\n', '\r\n', '\r', '\t', '  ',
  '## ', '### ', '# ', '#', '[Topic Name]', '[placeholder]', '[x]', '[ref]', '(https://example.com)', '**One-line summary**: ', '**',
  '```', '~~~', '`', '<!--', '-->', '<!-- deep-dive-disable placeholder -->', '[ref]: https://example.com/a "t"',
  '---', '> ', '- ', '1. ', '| a | b |', '|---|---|', '\\', '*', '_', '<div>', '</div>',
  '😀', '👩‍💻', '𝕏', '設計', 'データ', 'é', 'e\u0301', 'ñ', '\u200b', '\u00a0', '\u2028', '\0',
];

const HEADINGS = ['Mental Model', 'Tradeoffs', 'Tradeofs', 'Security Boundaries', 'Change Safety', 'Exercises', 'What We Gain', 'Logs', 'Notes'];

/** Text snippets typed one character at a time: the constructs that change how the rest of the document parses. */
const TYPED = [
  ...HEADINGS.flatMap((h) => [`## ${h}\n`, `### ${h}\n`]),
  '```\ncode [not a placeholder]\n```\n', '```mermaid\n', '~~~\n', '<!-- a comment\n', '-->\n',
  '[Topic Name]', '[ref]: https://example.com\n', '---\ntemplate: deep-dive\n---\n', '\n---\n', 'Setext\n===\n', '> quote\n', '- [ ] task\n',
];

const textArb = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const at = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);
const len = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 400 }));

export type Edit =
  | { k: 'insert'; at: number; text: string }
  | { k: 'delete'; at: number; len: number }
  | { k: 'replace'; at: number; len: number; text: string }
  | { k: 'eol'; at: number; eol: Eol }
  | { k: 'eolAll'; eol: Eol }
  | { k: 'move'; from: number; to: number }
  | { k: 'type'; at: number; text: string }
  | { k: 'batch'; edits: { at: number; len: number; text: string }[] };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('insert' as const), at, text: textArb }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('delete' as const), at, len }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('replace' as const), at, len, text: textArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('eol' as const), at, eol: fc.constantFrom(...EOLS) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('eolAll' as const), eol: fc.constantFrom(...EOLS) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('move' as const), from: at, to: at }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('type' as const), at, text: fc.constantFrom(...TYPED) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('batch' as const), edits: fc.array(fc.record({ at, len, text: textArb }), { minLength: 2, maxLength: 4 }) }) },
);

/** Keystrokes: one character typed or deleted somewhere (what holding a key or fast typing sends). */
export const keystrokeArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('insert' as const), at, text: fc.constantFrom('a', ' ', '#', '[', ']', '`', '\n', 'é', '😀') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), at, len: fc.constant(1) }) },
);

const offset = (text: string, f: number) => snap(text, Math.floor(f * (text.length + 1)));

function ranged(text: string, start: number, end: number, newText: string): ContentChange {
  return { range: rangeOf(text, start, end), text: newText };
}

function span(text: string, a: number, n: number): [number, number] {
  const s = offset(text, a);
  return [s, snap(text, Math.min(text.length, s + n))];
}

/** Section starts: offsets of lines beginning with `#` (what a user would cut and paste). */
function headingStarts(text: string): number[] {
  return lineStarts(text).filter((o) => text.charCodeAt(o) === 35);
}

/**
 * The notifications one edit sends: each inner array is the contentChanges of one
 * didChange (applied in order, each against the text the previous one left).
 */
export function toNotifications(text: string, e: Edit): ContentChange[][] {
  switch (e.k) {
    case 'insert': {
      const o = offset(text, e.at);
      return [[ranged(text, o, o, e.text)]];
    }
    case 'delete': {
      const [s, end] = span(text, e.at, e.len);
      return [[ranged(text, s, end, '')]];
    }
    case 'replace': {
      const [s, end] = span(text, e.at, e.len);
      return [[ranged(text, s, end, e.text)]];
    }
    case 'eol': {
      // Replace the line break nearest to the point with another kind (this can join \r and \n).
      const starts = lineStarts(text).slice(1);
      if (starts.length === 0) return [];
      const o = offset(text, e.at);
      const next = starts.find((s) => s >= o) ?? starts[starts.length - 1];
      const brk = text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? 2 : 1;
      return [[ranged(text, next - brk, next, e.eol)]];
    }
    case 'eolAll':
      // A full-text change (no range), as clients send when they give up on diffing.
      return [[{ text: text.replace(/\r\n|\r|\n/g, e.eol) }]];
    case 'move': {
      const hs = headingStarts(text);
      if (hs.length < 2) return [];
      const i = Math.floor(e.from * hs.length);
      const start = hs[i];
      const end = hs[i + 1] ?? text.length;
      const cut = text.slice(start, end);
      const del = ranged(text, start, end, '');
      const mid = text.slice(0, start) + text.slice(end);
      const targets = headingStarts(mid).concat(mid.length);
      const to = targets[Math.floor(e.to * targets.length)];
      // Moving the last section (no trailing break) ahead of another needs a break of its own.
      const piece = /[\r\n]$/.test(cut) ? cut : cut + '\n';
      return [[del, ranged(mid, to, to, piece)]];
    }
    case 'type': {
      const o = offset(text, e.at);
      const out: ContentChange[][] = [];
      let t = text;
      let pos = o;
      for (const ch of Array.from(e.text)) {
        const c = ranged(t, pos, pos, ch);
        out.push([c]);
        t = applyChange(t, c);
        pos += ch.length;
      }
      return out;
    }
    case 'batch': {
      const changes: ContentChange[] = [];
      let t = text;
      for (const b of e.edits) {
        const [s, end] = span(t, b.at, b.len);
        const c = ranged(t, s, end, b.text);
        changes.push(c);
        t = applyChange(t, c);
      }
      return [changes];
    }
  }
}

export function applyAll(text: string, changes: ContentChange[]): string {
  return changes.reduce(applyChange, text);
}
