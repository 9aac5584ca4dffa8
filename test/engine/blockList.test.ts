// A model's blocks after an edit are the last model's, those after the edit moved
// when read (BlockList): after any sequence of edits, typed at one place or
// jumping back and forth, every answer equals the array of blocks spliced and
// moved at once, and a list keeps its answers after the next one is made from it.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BlockList } from '../../server/src/engine/blockList';
import type { BlockFact } from '../../server/src/engine/markdown';

const SEED = Number(process.env.DEEP_DIVE_SEED ?? 20261203);

/** Blocks of 10 characters every 20, some headings with their title span, some paragraphs with fields. */
function blocksAt(from: number, count: number): BlockFact[] {
  return Array.from({ length: count }, (_, i) => {
    const start = from + 20 * i;
    if (i % 3 === 0) return { type: 'heading', start, end: start + 10, depth: 2, title: `H${i}`, titleStart: start + 3, titleEnd: start + 10 };
    if (i % 3 === 1) return { type: 'paragraph', start, end: start + 10, fields: [{ label: 'L', value: 'v', start: start + 1, end: start + 9 }] };
    return { type: 'code', start, end: start + 10, lang: 'mermaid' };
  });
}

/** The eager model: blocks before `from` kept, `placed`, then those from `oldTo` on moved by `delta`. */
function spliced(old: BlockFact[], from: number, oldTo: number, placed: BlockFact[], delta: number): BlockFact[] {
  const moved = old.filter((b) => b.start >= oldTo).map((b) => ({
    ...b, start: b.start + delta, end: b.end + delta,
    ...(b.titleStart === undefined ? {} : { titleStart: b.titleStart + delta, titleEnd: b.titleEnd! + delta }),
    ...(b.fields ? { fields: b.fields.map((f) => ({ ...f, start: f.start + delta, end: f.end + delta })) } : {}),
  }));
  return [...old.filter((b) => b.start < from), ...placed, ...moved];
}

function answers(list: BlockList) {
  const length = list.length;
  const end = length > 0 ? list.startAt(length - 1) + 30 : 30;
  return {
    length,
    blocks: Array.from({ length }, (_, i) => list.at(i)),
    starts: Array.from({ length }, (_, i) => list.startAt(i)),
    types: Array.from({ length }, (_, i) => list.unmoved(i).type),
    firstFrom: Array.from({ length: Math.ceil(end / 7) }, (_, k) => list.firstFrom(k * 7)),
    past: list.at(length),
    all: list.all(),
  };
}

const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat({ max: 120 }), added: fc.nat({ max: 3 }), delta: fc.integer({ min: -40, max: 40 }), read: fc.array(fc.nat(), { maxLength: 5 }) });

describe('BlockList', () => {
  test('after random edits (typed at one place or elsewhere) equals the blocks spliced and moved at once', () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.array(edit, { minLength: 1, maxLength: 30 }), (count, edits) => {
        let eager = blocksAt(0, count);
        let list = new BlockList(eager.slice());
        for (const e of edits) {
          const size = eager.length ? eager[eager.length - 1].end + 10 : 10;
          const from = Math.floor(e.at * size);
          const oldTo = Math.min(size, from + e.removed);
          // The edit replaces [from, oldTo) by a stretch `delta` longer (never shorter than nothing).
          const delta = Math.max(e.delta, from - oldTo);
          const placed = blocksAt(from, e.added).filter((b) => b.end <= oldTo + delta);
          // Blocks read before the next list is made are moved copies it may reuse.
          for (const r of e.read) list.at(r % (list.length + 1));
          const before = answers(list);
          const next = list.spliced(from, oldTo, placed, delta);
          eager = spliced(eager, from, oldTo, placed, delta);
          assert.deepEqual(answers(next), answers(new BlockList(eager)));
          assert.deepEqual(answers(list), before, 'the list it was made from keeps its answers');
          list = next;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('typing at one place moves the blocks after it without copying them, until one is read', () => {
    const blocks = blocksAt(0, 100);
    let list = new BlockList(blocks);
    for (let k = 0; k < 10; k++) list = list.spliced(505 + k, 505 + k, [], 1);
    // The moved blocks are the originals read with the accumulated offset.
    assert.equal(list.unmoved(99), blocks[99]);
    assert.equal(list.startAt(99), blocks[99].start + 10);
    const read = list.at(99)!;
    assert.notEqual(read, blocks[99]);
    assert.equal(read.start, blocks[99].start + 10);
    assert.equal(list.at(99), read, 'a block read twice is one copy');
    assert.equal(list.at(10), blocks[10], 'a block before the edit is the original');
  });
});
