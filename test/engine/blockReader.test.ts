// The block reader (blockReader.ts, inlineBrackets.ts) gives the facts of
// headings, paragraphs, simple lists and fenced code without the parser, and
// blockwise.ts parses only the stretches of a chunk it cannot read. Both must
// equal the parse (and remark): on random documents of those shapes and their
// near misses, and on the shapes each one claims or refuses.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { factsOf, parseChunk, type ChunkFacts } from '../../server/src/engine/markdown';
import { leanTree } from '../../server/src/engine/mdtree';
import { readBlocks } from '../../server/src/engine/blockReader';
import { blockwiseFacts, mayDefine } from '../../server/src/engine/blockwise';
import { codeSpans } from '../../server/src/engine/inlineBrackets';
import { parseChunkMdast } from '../oracle/markdown-mdast';

const parsed = (t: string): ChunkFacts => factsOf(t, leanTree);
/** What the reader answers for a whole text, as chunk facts (null: refused). */
function read(t: string): ChunkFacts | null {
  const r = readBlocks(t, 0, t.length);
  return r && { blocks: r.blocks, brackets: r.brackets, definitions: [], comments: [], unclosedAtEnd: false };
}

const WORDS = ['lease', 'Quorum', 'token', 'a', '2', '(b)', '"c"', 'e;', 'f:', 'x|y', '%', '?', '/', '.', '-', '+', '='];
const INLINE = [
  '[TODO]', '[a b]', '[x](../y.md)', '[x & y: z](#z)', '[x](http://y.z)', '[x](y "t")', '[x]()', '[](y)', '`code`', '`[c]`', '``a ` [b]``',
  '`', '``', '**b**', '*e*', '_e_', 'snake_case', '~~d~~', '~s~', '&amp;', '&', '\\', '\\[', '!', '![i](x)', 'www.x.com', 'a@b.co',
  'http://q.r', '[^1]', '[a][b]', '[a][]', ']', '[', '<b>', '<!-- c -->', '(', ')', ':', '[*a*]', '[a_b]', '[a\u00e9]', '[[n]]',
  '\u00e9', '\t', '*', '**', '[ ]', '[x]', '<', 'a < b', '<= 5', '<1@b.co>', '<a@b.co>', '<?x?>', ']: [x y]', '[a]: b c', '[a]: b "t"', '[a]:', '[b]: <c d> e',
];
const STARTS = ['', '', '', '', '', '', '1. ', '2) ', '- ', '* ', '+ ', '> ', '    ', '  ', ' ', '#', '# ', '| ', '`', '```', '[', '!', '\t', '-', '=', '***', '__', '_', '\u00e9', '1', '&'];

const word = fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 12 }, { arbitrary: fc.constantFrom(...INLINE), weight: 1 });
const inline = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const rare = <T>(usual: T, ...others: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 16 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
const line = fc.tuple(rare('', ...STARTS), inline, rare('', ' ', '  ', '\\', ' #')).map(([a, b, c]) => a + b + c);
const heading = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.constantFrom('Model', 'A', '&', 'B', 'x&y', '&amp;', '[t]'), { minLength: 1, maxLength: 3 }))
  .map(([n, ws]) => '#'.repeat(n) + ' ' + ws.join(' '));
const para = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const label = fc.constantFrom('Label', 'Two words', 'L:', 'a*b', 'é', ' sp', 'x ', '`c`', '[t]', 'www.x.y', 'L', 'Q?');
const field = fc.tuple(rare('', '  ', '\t', '*'), label, rare(':', '', ':x', '**', '*'), inline).map(([a, l, c, v]) => `${a}**${l}**${c} ${v}`);
const fields = fc.array(fc.oneof(field, line), { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const marker = rare('- ', '* ', '+ ', '1. ', '1) ', '2. ', '10. ', '-  ', '-\t', '-');
const nested = rare('  ', '  - ', '   - ', '    ', '      ', ' ', '', '  1. ', '  > ', '  ```', '  ---', '  | a |', '  # ');
const item = fc.tuple(marker, inline, fc.array(fc.tuple(nested, inline), { maxLength: 2 }), rare('\n', '\n\n', '\n\n  '))
  .map(([m, first, more, gap]) => m + first + more.map(([n, t]) => '\n' + n + t).join('') + gap);
const list = fc.array(item, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('').replace(/\n+$/, ''));
const fence = fc.tuple(rare('```', '~~~', '````', '``'), rare('js', '', ' mermaid', 'a b', 'x`y', 'a\\b', '&amp;'), fc.array(line, { maxLength: 3 }),
  rare('```', '~~~', '  ```', '    ```', '`````', '``` x', '```  ', ''))
  .map(([f, info, body, close]) => [f + info, ...body, close].join('\n'));
const cell = fc.oneof({ arbitrary: inline, weight: 4 }, { arbitrary: fc.constantFrom('', ' ', '`a|b`', '`[c]', 'd]`', '[x', 'y]', '\\|', '<b>'), weight: 1 })
  .map((c) => c.replace(/\n/g, ' '));
const row = fc.array(cell, { minLength: 1, maxLength: 3 }).chain((cs) => rare('|', '', ' |', '| ').map((edge) => `|${cs.join('|')}${edge}`));
const table = fc.tuple(row, rare('|---|---|', '|:-|-:|', '| --- | :-: |', '|---|', '|---|---|---|', '|-|-', '---|---', '|--|x|'), fc.array(row, { maxLength: 3 }), rare('', 'not a row', '  ', '# H'))
  .map(([head, delimiter, body, after]) => [head, delimiter, ...body, after].join('\n').replace(/\n$/, ''));
const misc = fc.constantFrom('---', '***', '- - -', '___', '| a | b |\n|---|---|\n| c | d |', 'a\n===', 'a\n---', '> quote [q]', '<div>\n[x]\n</div>', '[a]: http://x', '    code [x]', '<!-- c -->', 'lazy');
const block = fc.oneof({ arbitrary: heading, weight: 2 }, { arbitrary: para, weight: 3 }, { arbitrary: fields, weight: 2 }, { arbitrary: list, weight: 3 },
  { arbitrary: fence, weight: 2 }, { arbitrary: table, weight: 2 }, { arbitrary: misc, weight: 1 });
// Mostly shapes it reads, now and then one it must refuse.
const sep = rare('\n\n', '\n', '\n\n\n', '\n  \n');
const doc = fc.array(fc.tuple(block, sep), { minLength: 1, maxLength: 5 }).map((xs) => xs.map(([b, s]) => b + s).join(''));

describe('the block reader and the blockwise parse', () => {
  test('random documents of its shapes and their near misses equal the parse and remark', () => {
    let whole = 0;
    let runs = 0;
    fc.assert(fc.property(doc, (d) => {
      runs++;
      const expected = parsed(d);
      const r = read(d);
      if (r && !mayDefine(d)) {
        whole++;
        assert.deepStrictEqual(r, expected, `read: ${JSON.stringify(d)}`);
      }
      assert.deepStrictEqual(blockwiseFacts(d, parsed), expected, `blockwise: ${JSON.stringify(d)}`);
      assert.deepStrictEqual(parseChunk(d), parseChunkMdast(d), `remark: ${JSON.stringify(d)}`);
    }), { numRuns: 1500 });
    assert.ok(whole > runs / 10, `only ${whole} of ${runs} documents were read whole`);
    assert.ok(whole < runs - runs / 10, `${whole} of ${runs} documents were read whole: the refusals are not exercised`);
  });

  test('the shapes it claims are read, and equal the parse', () => {
    for (const t of CLAIMED) {
      const r = read(t);
      assert.ok(r, `refused: ${JSON.stringify(t)}`);
      assert.deepStrictEqual(r, parsed(t), JSON.stringify(t));
      assert.deepStrictEqual(parseChunk(t), parseChunkMdast(t), JSON.stringify(t));
    }
  });

  test('near misses are refused, and the parse answers', () => {
    for (const t of REFUSED) {
      assert.equal(read(t), null, JSON.stringify(t));
      assert.deepStrictEqual(parseChunk(t), parseChunkMdast(t), JSON.stringify(t));
    }
  });

  test('code spans pair backtick runs of the same length; a run without one is literal', () => {
    const spans = (t: string, closedOnly = false) => codeSpans(t, 0, t.length, closedOnly);
    assert.deepEqual(spans('`a` ``b`` `c'), [[0, 3], [4, 9]]);
    assert.deepEqual(spans('``a`b``'), [[0, 7]]);
    assert.deepEqual(spans('` `` ``` `` `'), [[0, 13]]);
    assert.deepEqual(spans('``` a `` b ` c `` d'), [[6, 17]]);
    assert.equal(spans('`a` `b', true), null);
    assert.deepEqual(spans('no code'), []);
  });

  test('a `]:` is taken for a definition unless what follows it on its line rules one out', () => {
    for (const t of ['[a]: x', '[a]: x "t"', "[a]: x 't'", '[a]: x (t)', '[a]:\nx', '[a]: <x y> z', '[a]:', '- [a]: x\n', '[a] [^1]\n\n[^1]: free text']) assert.ok(mayDefine(t), t);
    for (const t of ['- [Alternative 1]: [When to use instead]', 'a [b]: c d', 'no colon [a] b', '[a]:b c']) assert.equal(mayDefine(t), false, t);
    // Read without the parser, and as the parser reads it: no definition, two placeholders.
    const t = '- [Alternative 1]: [When to use instead]\n';
    assert.deepStrictEqual(read(t), parsed(t));
    assert.deepEqual(parseChunk(t).brackets.map((b) => b.text), ['Alternative 1', 'When to use instead']);
  });

  test('a chunk with a definition, a carriage return or a BOM is parsed whole', () => {
    const calls: string[] = [];
    const spy = (t: string) => (calls.push(t), parsed(t));
    for (const t of ['[x]\n\nsee [x]\n\n[x]: http://y\n', 'a [b]\r\n\r\nc\r\n', '\uFEFFa [b]\n\nc\n']) {
      calls.length = 0;
      assert.deepStrictEqual(blockwiseFacts(t, spy), parsed(t));
      assert.deepEqual(calls, [t]);
    }
    // `[x]` is a link here: read without the definition it would be a bracket fact.
    assert.deepEqual(parseChunk('[x]\n\n[x]: http://y\n').brackets, []);
  });

  test('only the stretches it cannot read (a quote, HTML) are parsed, and the facts are stitched in place', () => {
    const calls: string[] = [];
    const spy = (t: string) => (calls.push(t), parsed(t));
    const t = '# Title\n\n- item [c]\n\nA [TODO] here.\n\n| a | [b] |\n|---|---|\n\n> quote [q]\n\nMiddle [m].\n\n<!-- note -->\n\nEnd [d].\n';
    const f = blockwiseFacts(t, spy);
    assert.deepStrictEqual(f, parsed(t));
    assert.deepEqual(calls, ['> quote [q]\n\n', '<!-- note -->\n\n']);
    assert.deepEqual(f.brackets.map((b) => [b.text, t.slice(b.start, b.end)]), [['c', '[c]'], ['TODO', '[TODO]'], ['b', '[b]'], ['q', '[q]'], ['m', '[m]'], ['d', '[d]']]);
    assert.deepEqual(f.comments.map((c) => t.slice(c.start, c.end)), ['<!-- note -->']);
  });

  test('a parsed stretch left open at its end sends the whole chunk to the parser', () => {
    const calls: string[] = [];
    const spy = (t: string) => (calls.push(t), parsed(t));
    // The cut scanner misses the fence opened in the list item, takes its closing line for an
    // opening one and the next fence's opening line for a closing one, and cuts inside that fence.
    const t = '- ```\n  x\n  ```\n\n```\ncode\n\nplain [a]\n';
    assert.deepStrictEqual(blockwiseFacts(t, spy), parsed(t));
    assert.deepEqual(calls, ['- ```\n  x\n  ```\n\n```\ncode\n\n', t]);
    assert.deepEqual(parsed(t).brackets, []);
  });
});

/** Read without the parser. */
const CLAIMED = [
  '# Internals & Architecture\n\nWords [TODO] and `[not]` and [a link](../x.md), then [b].\n',
  '**One-line summary**: [One sentence]\n**Prerequisites**: [basics](../intro/a.md), more\n',
  '**Benefits**:\n- **Scaling**: separately\n- **Speed**: [fast](#speed)\n  - nested `[c]` [d]\n',
  'Steps:\n1. first [x]\n2. second\n\n   continued\n3. third\n',
  '```mermaid\nflowchart TD\n  A[a] --> B[b]\n```\n\nAfter [e].\n\n---\n\n* star\n* list\n',
  '~~~\n```\n~~~\n', '```js  meta\n```', '| a | [b] `c|d` |\n|---|:-:|---|\n| [e] | f |\n\nafter [g]\n', 'a\n\n***\n', 'a `code\nspan [x]` b [y]\n', 'x **b** _e_ ~~d~~ snake_case [z]\n',
  '## Title: [Topic Name]\n\n**One-line summary**: [What is it?]\n', '**L:** v\n  **M** - w\n', '**A**: x **bold** y *em* z\n**B**: [TBD] **c**\n', '"Quoted" start, (paren) start\n', '2024 was a year [y]\n', '[Placeholder] at the start\n',
];

/** Each is a line or a character away from a CLAIMED shape. */
const REFUSED = [
  '- [ ] task\n', '- a\nlazy\n', 'a\n2. not an item\n', '- a\n\n  [b]\n', '- a\n  ```\n  [b]\n  ```\n', '- a\n  # h\n',
  '**L*: v\n', '**L:**x: v\n', '*a\n**L**: b*\n', '**L**: a **b**c\n**M**: d\n', '**L**: a **b\n**M**: d**\n', 'a (**b**)\n**M**: d\n', '**L**: v _e_\n', '__L__: v\n', '`a\n**L**: v`\n',
  'a [b](c "t")\n', 'a ![i](x) [b]\n', 'a \\[b]\n', 'a [b][c]\n', 'a [*b*]\n', 'see www.x.com [a]\n', 'a <b> [c]\n',
  '# A [b](c)\n', '# A ![b]\n', '# A [b][c]\n', 'a\n===\n', 'a\n---\n', 'a | b\n--|--\n', '---\n', '  a\n', '\ta\n', '```\nopen\n', '  ```\n  x\n  ```\n', '```a`b\n```\n',
  '| a |\n|---|---|\n', '| a | b\n|---|---|\n', '| a | b |\n|---|---|\nlazy row\n', '| a | \\| |\n|---|---|\n', '| a |\n', '-  two spaces\n', '-\tx\n', '- - -\n', '10. a\n  - b\n', '> quote\n', '&amp; start\n', 'a [b\nc](d)\n',
];
