// The line index patched after edits keeps its line starts in pieces (an edit
// rebuilds the pieces around it and moves the later ones): after any sequence of
// edits it must answer exactly as an index built afresh on the new text, and an
// index must keep its answers after the next version's index is patched from it.
// Small pieces make every edit cross piece boundaries.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine';

const SEED = Number(process.env.DEEP_DIVE_SEED ?? 20261203);

const PARTS = ['\n', '\r\n', '\r', 'a', 'bc ', '\n\n', '\r\r\n', '\ufeff', '😀', 'line\n'];
const chunk = fc.array(fc.constantFrom(...PARTS), { minLength: 0, maxLength: 40 }).map((xs) => xs.join(''));
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 60 }), text: chunk });

/** Everything an index answers about `text`, position by position. */
function answers(lines: LineIndex, text: string) {
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const positions = Array.from({ length: text.length + 2 }, (_, o) => lines.positionAt(o));
  const offsets = starts.map((_, line) => [0, 1, 3, 1000].map((character) => lines.offsetAt({ line, character })));
  const ends = starts.map((_, line) => lines.lineEnd(line));
  return { count: lines.lineCount, starts, positions, offsets, ends, past: lines.offsetAt({ line: lines.lineCount, character: 0 }) };
}

function edited(text: string, e: { at: number; len: number; text: string }) {
  const from = Math.floor(e.at * text.length);
  const oldEnd = Math.min(text.length, from + e.len);
  return { next: text.slice(0, from) + e.text + text.slice(oldEnd), from, oldEnd, newEnd: from + e.text.length };
}

describe('LineIndex.patched', () => {
  for (const piece of [2, 3, 8, undefined]) {
    test(`answers as a fresh index after random edits (pieces of ${piece ?? 'the default size'})`, () => {
      fc.assert(
        fc.property(fc.array(chunk, { minLength: 1, maxLength: 12 }), fc.array(edit, { minLength: 1, maxLength: 25 }), fc.boolean(), (parts, edits, bomIsColumn) => {
          let text = parts.join('');
          let lines = new LineIndex(text, { bomIsColumn, piece });
          for (const e of edits) {
            const before = answers(lines, text);
            const { next, from, oldEnd, newEnd } = edited(text, e);
            const prev = lines;
            lines = lines.patched(next, from, oldEnd, newEnd, { bomIsColumn });
            assert.deepEqual(answers(lines, next), answers(new LineIndex(next, { bomIsColumn }), next));
            // The index it was patched from shares its pieces and still answers for its own text.
            assert.deepEqual(answers(prev, text), before);
            text = next;
          }
        }),
        { seed: SEED + (piece ?? 0), numRuns: 150 },
      );
    });
  }

  test('typing, pasting and deleting lines in a long document keeps every start', () => {
    let text = Array.from({ length: 5000 }, (_, i) => `line ${i}${i % 7 === 0 ? '\r\n' : '\n'}`).join('');
    let lines = new LineIndex(text, { piece: 64 });
    const steps: [number, number, string][] = [];
    for (let k = 0; k < 300; k++) steps.push([text.length / 2 + k, 0, 'x']);
    steps.push([1000, 0, 'a\nb\n'.repeat(400)], [5000, 3000, ''], [text.length - 10, 5, '\r'], [20, 40_000, 'joined']);
    for (const [at, len, insert] of steps) {
      const from = Math.min(Math.floor(at), text.length);
      const oldEnd = Math.min(text.length, from + len);
      const next = text.slice(0, from) + insert + text.slice(oldEnd);
      lines = lines.patched(next, from, oldEnd, from + insert.length);
      text = next;
    }
    const fresh = new LineIndex(text);
    assert.equal(lines.lineCount, fresh.lineCount);
    for (let i = 0; i < fresh.lineCount; i++) assert.equal(lines.lineStart(i), fresh.lineStart(i), `line ${i}`);
  });
});

/** The position of every offset by a plain scan of the text: the LSP's lines (`\r\n`, `\n`, a lone `\r`), a BOM not a column unless said. */
function scannedPositions(text: string, bomIsColumn: boolean) {
  const first = text.charCodeAt(0) === 0xfeff && !bomIsColumn ? 1 : 0;
  const out = [];
  let line = 0;
  let start = first;
  for (let o = 0; o <= text.length + 1; o++) {
    const at = Math.max(first, Math.min(o, text.length));
    // A line ends after `\n`, or after a `\r` not followed by `\n`.
    if (at > start && (text[at - 1] === '\n' || (text[at - 1] === '\r' && text[at] !== '\n'))) {
      line++;
      start = at;
    }
    // Inside a `\r\n` pair: the end of the line.
    out.push({ line, character: at > start && text[at - 1] === '\r' ? at - 1 - start : at - start });
  }
  return out;
}

describe('LineIndex.walker', () => {
  for (const piece of [2, 3, undefined]) {
    test(`answers as positionAt and as a plain scan, for offsets in ascending order and after a step back (pieces of ${piece ?? 'the default size'})`, () => {
      fc.assert(
        fc.property(fc.array(chunk, { minLength: 1, maxLength: 12 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true })), fc.boolean(), (parts, picks, bomIsColumn) => {
          const text = parts.join('');
          const lines = new LineIndex(text, { bomIsColumn, piece });
          const scanned = scannedPositions(text, bomIsColumn);
          assert.deepEqual(Array.from({ length: text.length + 2 }, (_, o) => lines.positionAt(o)), scanned);
          // Every offset in order, then offsets in any order: a step back is searched, and the walk goes on from where it was.
          const at = lines.walker();
          assert.deepEqual(Array.from({ length: text.length + 2 }, (_, o) => at(o, { line: -1, character: -1 })), scanned);
          // One object written into for every offset, as the model's headings are built.
          const walk = lines.walker();
          const into = { line: -1, character: -1 };
          for (const p of picks) {
            const o = Math.min(text.length + 1, Math.floor(p * (text.length + 2)));
            assert.equal(walk(o, into), into);
            assert.deepEqual(into, scanned[o], `offset ${o}`);
          }
        }),
        { seed: SEED + 7, numRuns: 200 },
      );
    });
  }
});
