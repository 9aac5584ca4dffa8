// After an edit the server re-splits only around it (relayout) and patches the
// line index: both must give exactly what splitting and indexing the new text
// afresh gives, for any edit. Seeded fast-check runs over the project's example and
// a document built here (and five real deep dives when the shared corpus is there), with
// edits made of the characters that decide cut points (line endings, `#`,
// fences, HTML, front matter, list markers).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, parseChunk, type ChunkFacts } from '../../server/src/engine';
import { BATCH_CHUNK_SIZE, EDIT_CHUNK_LIMIT, splitChunks } from '../../server/src/engine/chunks';
import { buildDocument, parseDocument, resolveChunks } from '../../server/src/engine/document';
import { diffSpan, relayout, type Layout } from '../../server/src/engine/relayout';
import { corpusDocs, REPO, sharedCorpus } from '../shared';

// Constructs that a cut next to a heading could split wrongly, many times over.
const TIGHT = Array.from({ length: 60 }, (_, i) =>
  ['- item\n\n    continued\n', '> quote\n', 'para\n', '```\ncode\n```\n', '<div>\n\n</div>\n', '[r]: /u\n', '1. one\n\n'][i % 7] + `## H${i}\n\n`).join('');
const docs = [TIGHT, readFileSync(path.join(REPO, 'examples/rate-limiting.deepdive.md'), 'utf8')];
const corpus = sharedCorpus();
/** The documents the random edits start from, each set in its own runs. */
const DOC_SETS = [
  { name: 'built here and the example', docs, skip: false as string | false },
  { name: 'real deep dives', docs: corpusDocs(corpus).slice(0, 5).map((d) => d.text), skip: corpus.skip },
];
const SEED = Number(process.env.DEEP_DIVE_SEED ?? 20261127);

const FRAGMENTS = ['\n', '\r\n', '\r', '\n\n', '# ', '## Heading\n', '```\n', '~~~', '<!--', '-->', '<div>\n', '</div>', '---\n', '+++\n',
  '- ', '1. ', '    ', '> ', 'text ', '[x]', '[ref]: /u\n', '\ufeff', 'é', '😀', '\t'];
const insertion = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 0, maxLength: 4 }).map((xs) => xs.join(''));
/** `lineStart`: move the edit to the start of its line, where cut points are decided. */
const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat({ max: 300 }), text: insertion, lineStart: fc.boolean() });

function apply(text: string, e: { at: number; len: number; text: string; lineStart: boolean }): string {
  let from = Math.floor(e.at * text.length);
  if (e.lineStart) from = Math.max(text.lastIndexOf('\n', from - 1) + 1, 0);
  const len = e.lineStart ? e.len % 4 : e.len;
  return text.slice(0, from) + e.text + text.slice(Math.min(text.length, from + len));
}

/** Resolves a text from its previous layout as the server does, parsing every chunk it has no facts for. */
function resolveAfter(prev: Layout, text: string, coarse: boolean): { layout: Layout; blocks: unknown } {
  const re = relayout(prev, text, EDIT_CHUNK_LIMIT, coarse ? BATCH_CHUNK_SIZE : undefined);
  const spans = re ? re.spans : splitChunks(text);
  const lookup = (t: string, start: number, end: number): ChunkFacts => {
    const k = re?.known.get(start);
    return k && k.end === end ? k.facts : re?.nearby.get(t) ?? parseChunk(t);
  };
  const { chunks } = resolveChunks(text, lookup, spans);
  const model = buildDocument(text, chunks);
  return { layout: { text, chunks }, blocks: factsOf(model) };
}

const lineStarts = (lines: LineIndex) => Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));

function factsOf(m: ReturnType<typeof parseDocument>) {
  return { blocks: m.blocks, brackets: m.brackets, comments: m.comments, definitions: [...m.definitions].sort(), headings: m.headings };
}

function layoutOf(text: string): Layout {
  const { chunks } = resolveChunks(text, (t) => parseChunk(t));
  return { text, chunks };
}

test('diffSpan finds the replaced stretch', () => {
  assert.deepEqual(diffSpan('abcdef', 'abXYef'), { from: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(diffSpan('abc', 'abc'), { from: 3, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(diffSpan('aaaa', 'aaaaaa'), { from: 4, oldEnd: 4, newEnd: 6 });
  const big = 'x'.repeat(10_000);
  assert.deepEqual(diffSpan(big + 'a' + big, big + big), { from: 10_000, oldEnd: 10_001, newEnd: 10_000 });
});

test('relayout reuses the chunks away from the edit and re-splits a small stretch', () => {
  const text = docs[0];
  const prev = layoutOf(text);
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const next = text.slice(0, at) + ' more' + text.slice(at);
  const re = relayout(prev, next, EDIT_CHUNK_LIMIT)!;
  assert.ok(re, 'an edit in the middle is re-laid out');
  assert.deepEqual(re.edit, { from: at, oldEnd: at, newEnd: at + 5 });
  const fresh = re.spans.filter((s) => !re.known.has(s.start));
  assert.ok(fresh.length >= 1 && fresh.length <= 6, `${fresh.length} fresh spans`);
  assert.ok(fresh.every((s) => s.start <= at && s.end >= at + 5 || s.end <= at || s.start >= at), 'fresh spans tile the edit');
  assert.ok(re.known.size >= prev.chunks.length - 2, 'the other chunks are reused by position');
  // Every cut is a cut point of the new text (splitting with no size limit cuts at all of them).
  const points = new Set(splitChunks(next, 0).map((s) => s.start));
  for (const s of re.spans) assert.ok(points.has(s.start), `cut at ${s.start}`);
});

test('an edit that makes the first line of a chunk no cut point re-splits from the chunk before', () => {
  const filler = 'Some words.\n\n'.repeat(200);
  const cases: [string, string][] = [
    // Indented under a list item, the heading becomes part of the item.
    [`${filler}- item\n\n## H\n\ntext\n`, `${filler}- item\n\n    ## H\n\ntext\n`],
    // Without its `#`, the line continues the paragraph before it.
    [`${filler}para\n## H\n\ntext\n`, `${filler}para\nx## H\n\ntext\n`],
  ];
  for (const [before, after] of cases) {
    const r = resolveAfter(layoutOf(before), after, false);
    assert.deepEqual(r.blocks, factsOf(parseDocument(after)), JSON.stringify(after.slice(filler.length)));
  }
});

test('relayout declines edits at the very start (a BOM may come or go)', () => {
  const prev = layoutOf(docs[0]);
  assert.equal(relayout(prev, '\ufeff' + docs[0], EDIT_CHUNK_LIMIT), null);
});

for (const [n, set] of DOC_SETS.entries()) for (const coarse of [false, true]) {
  test(`successive edits resolved from the previous layout equal a fresh parse${coarse ? ' (coarse chunks)' : ''}: ${set.name}`, { skip: set.skip }, () => {
    fc.assert(
      fc.property(fc.nat({ max: set.docs.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (d, edits) => {
        let text = set.docs[d];
        let layout = layoutOf(text);
        for (const e of edits) {
          text = apply(text, e);
          const r = resolveAfter(layout, text, coarse);
          assert.deepEqual(r.blocks, factsOf(parseDocument(text)));
          layout = r.layout;
        }
      }),
      { seed: SEED + 3 * n + (coarse ? 1 : 0), numRuns: 30 },
    );
  });
}

for (const [n, set] of DOC_SETS.entries()) test(`a patched line index equals one built afresh: ${set.name}`, { skip: set.skip }, () => {
  fc.assert(
    fc.property(fc.nat({ max: set.docs.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 20 }), fc.boolean(), (d, edits, bomIsColumn) => {
      let text = set.docs[d].slice(0, 3000);
      let lines = new LineIndex(text, { bomIsColumn });
      for (const e of edits) {
        const next = apply(text, e);
        const span = diffSpan(text, next);
        lines = lines.patched(next, span.from, span.oldEnd, span.newEnd, { bomIsColumn });
        assert.deepEqual(lineStarts(lines), lineStarts(new LineIndex(next, { bomIsColumn })));
        text = next;
      }
    }),
    { seed: SEED + 3 * n + 2, numRuns: 200 },
  );
});

/** Whether relayout reused every chunk by position (typing in prose: no chunk is parsed again). */
const allKnown = (prev: Layout, text: string) => {
  const re = relayout(prev, text, EDIT_CHUNK_LIMIT);
  return !!re && re.spans.every((s) => re.known.get(s.start)?.end === s.end);
};

test('typing prose into a paragraph reuses every chunk, the paragraph made longer', () => {
  const text = `${docs[1]}\nPlain words in a paragraph\nand a second line.\n\n## Next\n\ntext [x]\nwith a [link\nover three\nlines](../u) and [a bracket].\n`;
  for (const marker of ['paragraph', 'second line.', 'Plain', 'over three', 'a bracket].']) {
    const at = text.indexOf(marker) + marker.length;
    // Parentheses only in a paragraph without brackets.
    for (const typed of marker === 'over three' || marker === 'a bracket].' ? ['x', ' quick', 'é, b.'] : ['x', ' quick', 'é, (b).']) {
      const next = text.slice(0, at) + typed + text.slice(at);
      assert.ok(allKnown(layoutOf(text), next), `${marker} + ${JSON.stringify(typed)}`);
      assert.deepEqual(resolveAfter(layoutOf(text), next, false).blocks, factsOf(parseDocument(next)));
    }
  }
});

test('typing that could change a fact or a block is parsed again, and equals a fresh parse', () => {
  const filler = 'Some words here.\n\n'.repeat(40);
  // [text before, where to type (after this marker's first occurrence past the filler), what to type]
  const cases: [string, string, string][] = [
    ['foo\n* \n', '* ', 'a'], // `* a` interrupts the paragraph: a list
    ['foo\n1. \n', '1. ', 'a'], // `1. a` too
    ['**Label x\n', 'x', '**'], // not prose
    ['**Label **: v\n', 'Label ', 'x'], // a line opening with `**`: `x**` closes the bold, a field
    ['foo **bar\n**Label **: v\n', 'bar', 'x'], // another line of the paragraph opens with `**`
    ['see [the doc\n', 'doc', 'x'], // a `[` on the edited line
    ['see [a] and more\n', 'see', 'x'], // a bracket after the edit on its line
    ['see [a] and more\n', 'see ', '!'], // an image then
    ['a [x](u\n"t") b\n', '(u', ' '], // inside a link's destination: a space ends it
    ['a [x]\nmore text\n', 'more', '('], // a paragraph with a `[`: no parenthesis typed
    ['a [x]\n(../u more\n', 'more', 'x'], // a `(` on the edited line
    ['a [x](../u "t1\nt2\nt3") [y]\n', 't2', '"'], // a quote ending the link's title: `[x]` is a bracket then
    ['a <!-- c\n', 'c', 'x'], // a `<`
    ['- item\n  more\n', 'more', 'x'], // inside a list, not a top-level paragraph
    ['Title\n===\n', 'Title', 'x'], // a heading
    ['  \nfoo\n', '  ', 'x'], // a blank line
  ];
  for (const [tail, marker, typed] of cases) {
    const before = filler + tail + '\nEnd.\n';
    const at = before.indexOf(marker, filler.length) + marker.length;
    const after = before.slice(0, at) + typed + before.slice(at);
    assert.ok(!allKnown(layoutOf(before), after), `${JSON.stringify(tail)} + ${JSON.stringify(typed)} is parsed again`);
    assert.deepEqual(resolveAfter(layoutOf(before), after, false).blocks, factsOf(parseDocument(after)), JSON.stringify(tail));
  }
});

test('keys typed on where the last one ended, in a paragraph with brackets and after edits elsewhere, equal a fresh parse', () => {
  const filler = 'Some words here.\n\n'.repeat(40);
  let text = `${filler}Plain words\nand text [x] then more\n\nEnd.\n`;
  let layout = layoutOf(text);
  let at = text.indexOf('then more') + 'then more'.length;
  const type = (typed: string, known: boolean) => {
    const next = text.slice(0, at) + typed + text.slice(at);
    assert.equal(allKnown(layout, next), known, `${JSON.stringify(typed)} typed at ${at}`);
    const r = resolveAfter(layout, next, false);
    assert.deepEqual(r.blocks, factsOf(parseDocument(next)), JSON.stringify(typed));
    text = next;
    layout = r.layout;
    at += typed.length;
  };
  for (const ch of ' and so') type(ch, true);
  // A parenthesis after the bracket on the line is parsed again, however the line read before,
  // and so is what follows it until it is closed.
  for (const ch of '(on)') type(ch, false);
  for (const ch of ' ok') type(ch, true);
  // A word deleted above moves the paragraph: typing on where it ended still reads its line afresh.
  const cut = text.indexOf('Some words here.');
  text = text.slice(0, cut) + text.slice(cut + 'Some '.length);
  layout = resolveAfter(layout, text, false).layout;
  at -= 'Some '.length;
  for (const ch of ' again') type(ch, true);
});

const PROSE = ['a', 'Z', 'é', '7', ' ', ',', '.', ';', ':', '!', '?', "'", '"', '(', ')', '-'];
const typing = fc.record({
  line: fc.double({ min: 0, max: 1, noNaN: true }),
  col: fc.double({ min: 0, max: 1, noNaN: true }),
  text: fc.array(fc.constantFrom(...PROSE), { minLength: 1, maxLength: 6 }).map((xs) => xs.join('')),
});

for (const [n, set] of DOC_SETS.entries()) test(`prose typed anywhere on any line, resolved from the previous layout, equals a fresh parse: ${set.name}`, { skip: set.skip }, () => {
  let reused = 0;
  fc.assert(
    fc.property(fc.nat({ max: set.docs.length - 1 }), fc.array(typing, { minLength: 1, maxLength: 20 }), (d, keys) => {
      let text = set.docs[d];
      let layout = layoutOf(text);
      for (const k of keys) {
        const lines = new LineIndex(text);
        const line = Math.floor(k.line * lines.lineCount);
        const from = lines.lineStart(line) + Math.round(k.col * lines.lineText(line).length);
        const next = text.slice(0, from) + k.text + text.slice(from);
        if (allKnown(layout, next)) reused++;
        const r = resolveAfter(layout, next, false);
        assert.deepEqual(r.blocks, factsOf(parseDocument(next)));
        text = next;
        layout = r.layout;
      }
    }),
    { seed: SEED + 10 + n, numRuns: 40 },
  );
  assert.ok(reused > 0, 'some keys were typed into prose');
});
