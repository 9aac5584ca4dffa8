// parseChunk builds its tree from micromark's events (mdtree.ts) instead of
// running the unified + remark pipeline. The facts must be identical to the
// pipeline's (markdown-mdast.ts, the oracle): on the corpus whole and chunk by
// chunk, the templates, the fixtures, hostile shapes, and random documents
// assembled from the constructs whose edges decide the facts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseChunk } from '../../server/src/engine';
import { factsOf } from '../../server/src/engine/markdown';
import { plainFacts } from '../../server/src/engine/plainChunk';
import { MAX_PARSED_LINE } from '../../server/src/engine/hostile';
import { splitChunks } from '../../server/src/engine/chunks';
import { parseChunkMdast } from '../oracle/markdown-mdast';
import { events, leanTree } from '../../server/src/engine/mdtree';
import { corpusDocs, sharedCorpus } from '../shared';
import { FIXTURES, REPO, TEMPLATE_PATH } from './helpers';

function same(text: string, what: string): void {
  assert.deepStrictEqual(parseChunk(text), parseChunkMdast(text), `${what}: ${JSON.stringify(text.slice(0, 200))}`);
}

function wholeAndChunks(text: string, what: string): void {
  same(text, what);
  for (const c of splitChunks(text)) same(text.slice(c.start, c.end), `${what} @${c.start}`);
}

describe('parseChunk equals the remark pipeline', () => {
  const corpus = sharedCorpus();
  test('every corpus document, whole and per chunk', { skip: corpus.skip }, () => {
    const docs = corpusDocs(corpus);
    assert.ok(docs.length > 0);
    for (const { name, text } of docs) wholeAndChunks(text, name);
  });

  test('templates, fixtures and the example', () => {
    const paths = [
      TEMPLATE_PATH,
      path.join(FIXTURES, 'rules/placeholders.md'),
      path.join(FIXTURES, 'templates/rfc.md'),
      ...readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, 'examples', f)),
    ];
    for (const p of paths) wholeAndChunks(readFileSync(p, 'utf8'), p);
  });

  test('tricky single constructs', () => {
    for (const t of TRICKY) same(t, 'tricky');
  });

  test('paragraphs and cells left untokenized (no `[`, `<`, or `**`/`__` opening a top-level line)', () => {
    for (const t of SKIP) same(t, 'skip');
  });

  test('the skip happens exactly where the triggers are absent', () => {
    const raw = (t: string) => events(t).filter(([kind, token]) => kind === 'enter' && token.type === 'chunkText').length;
    assert.equal(raw('plain words\nand more'), 2); // one chunk a line
    assert.equal(raw('| a | b |\n|---|---|\n| c | d |'), 4);
    assert.equal(raw('- **Label**: nested, never a field'), 1);
    assert.equal(raw('x **bold** mid-line, _em_, `code`, &#91;, \\*, www.x.com'), 1);
    for (const t of ['a [b]', 'a <b>', '**L**: v', 'a\n  __L__: v', '# heading', 'Setext\n===', '| [a] |\n|---|']) assert.equal(raw(t), 0, t);
    // With every inline content tokenized, nothing stays raw.
    assert.equal(events('plain words', true).filter(([, token]) => token.type === 'chunkText').length, 0);
  });

  test('text the autolink-literal transform splits keeps its positions; the links are opaque', () => {
    const [h] = parseChunk('# "www.example.com" now\n').blocks;
    assert.deepEqual([h.title, h.titleStart, h.titleEnd], ['"www.example.com" now', 2, 23]);
    assert.deepEqual(parseChunk('"www.example.com" [a] "www.x.com/[b]" a@b.co [c]').brackets.map((b) => b.text), ['a', 'c']);
    // A value the source cannot be lined up with (a tab's leftover columns) loses the node's positions, as before.
    assert.deepEqual(parseChunk('>\t\t"www.x.com" [a]').brackets, []);
  });

  test('nothing of one parse leaks into the next (definitions, footnote labels)', () => {
    parseChunk('[a]: http://x\n\n[^1]: note\n');
    const after = parseChunk('[a] [^1]\n');
    assert.deepStrictEqual(after, parseChunkMdast('[a] [^1]\n'));
    assert.deepStrictEqual(after.brackets.map((b) => b.text), ['a']);
  });

  test('hostile shapes (small)', () => {
    for (const t of [
      '>'.repeat(2000), '- '.repeat(2000), '*a'.repeat(3000), '[a]('.repeat(1000), '['.repeat(3000), '`'.repeat(5000),
      Array.from({ length: 200 }, (_, i) => '  '.repeat(i) + '- x').join('\n'), '\0\0[a]\0', '\uFFFD[x]\uFFFD', '&#0; &#x110000; &bogus; [a]',
    ]) same(t, 'hostile');
  });

  test('random documents from tricky fragments', () => {
    const piece = fc.constantFrom(...FRAGMENTS);
    const sep = fc.constantFrom('', ' ', '\n', '\n\n', '\r\n', '\r', '\t', '  \n', '\\\n', '\n> ', '\n- ', '\n  ', '\n    ');
    const doc = fc.array(fc.tuple(piece, sep), { maxLength: 24 }).map((xs) => xs.map(([p, s]) => p + s).join(''));
    const bom = fc.boolean();
    fc.assert(fc.property(doc, bom, (d, b) => same(b ? '\uFEFF' + d : d, 'random')), { numRuns: 1500 });
  });

  test('random documents of headings and plain lines, most of them read without the parser', () => {
    // Lines of plain words, now and then with a character, a start or an end that the fast path must refuse.
    const word = fc.oneof({ arbitrary: fc.constantFrom(...PLAIN_WORDS), weight: 15 }, { arbitrary: fc.constantFrom(...EDGE_WORDS), weight: 1 });
    const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
    const rare = <T>(usual: T, ...others: T[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 12 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
    const heading = fc.tuple(fc.integer({ min: 1, max: 7 }), rare(' ', '  ', '', '\t'), words, rare('', ' ', ' #', '\t'))
      .map(([n, gap, title, tail]) => '#'.repeat(n) + gap + title + tail);
    const para = fc.tuple(rare('', ' ', '    ', '- ', '1. ', '> ', '* ', '| ', '2024 ', '\u00e9'), words, rare('', ' ', '  ', '\\')).map(([a, b, c]) => a + b + c);
    const line = fc.oneof({ arbitrary: heading, weight: 3 }, { arbitrary: para, weight: 3 }, { arbitrary: rare('', '===', '---', '   '), weight: 2 });
    const doc = fc.array(fc.tuple(line, rare('\n', '\r\n', '\r')), { maxLength: 8 }).map((xs) => xs.map(([l, e]) => l + e).join(''));
    let fast = 0;
    let runs = 0;
    fc.assert(fc.property(doc, (d) => {
      runs++;
      const plain = plainFacts(d);
      if (plain) {
        fast++;
        // Taken: exactly the parser's facts (and, through `same`, remark's).
        assert.deepStrictEqual(plain, factsOf(d, leanTree), `fast path: ${JSON.stringify(d)}`);
      }
      same(d, 'random plain');
    }), { numRuns: 3000 });
    assert.ok(fast > runs / 10, `only ${fast} of ${runs} documents took the fast path`);
    assert.ok(fast < runs - runs / 10, `${fast} of ${runs} documents took the fast path: the refusals are not exercised`);
  });
});

describe('chunks read without the parser (plainChunk.ts)', () => {
  const parsed = (t: string) => factsOf(t, leanTree);

  test('headings, plain paragraphs and empty lines take the fast path and equal the parse', () => {
    for (const t of PLAIN) {
      const f = plainFacts(t);
      assert.ok(f, `not taken: ${JSON.stringify(t)}`);
      assert.deepStrictEqual(f, parsed(t), JSON.stringify(t));
      assert.deepStrictEqual(parseChunk(t), parseChunkMdast(t), JSON.stringify(t));
    }
    assert.deepEqual(plainFacts('## Mental  Model\nWords here\nand here\n\n# Next')!.blocks, [
      { type: 'heading', start: 0, end: 16, depth: 2, title: 'Mental Model', titleStart: 3, titleEnd: 16 },
      { type: 'paragraph', start: 17, end: 36 },
      { type: 'heading', start: 38, end: 44, depth: 1, title: 'Next', titleStart: 40, titleEnd: 44 },
    ]);
  });

  test('anything that could start a construct or carry a fact is left to the parser', () => {
    for (const t of NOT_PLAIN) {
      assert.equal(plainFacts(t), null, JSON.stringify(t));
      same(t, 'not plain');
    }
  });
});

const TRICKY = [
  '', '\uFEFF', '\uFEFF# A [x]\n', '# A\r\n[b]\r\n', 'a\rb [c]\r',
  '"www.example.com" [TODO]', '# "www.example.com" now', '# Visit www.example.com', '[www.x.com] [B]', 'a/www.x.com [C]',
  '-foo@bar.com [D]', 'mailto:a@b.com [E]', 'xmpp:a@b.com/res [F]', 'xmpp:a@b.com/res@ [F]', '(https://x.com/a_(b)) [G]',
  '*www.x.com* [H]', '**[I]** https://x.y/z?q=1. [J]', 'a@b.c_ [K]', 'a@b.co- [L]', '&quot;www.x.com [M]', '\\www.x.com [N]',
  '- [ ] task [x]\n- [x] done\n-  [ ]  two spaces [y]', '- [ ]\n- [ ] \n', '> - [ ] quoted [q]', '- > [ ] nested [z]', '1. [ ] www.x.com [o]',
  '[a]: http://x\n[a] [b][a] [c][] [d][e]', '[^1]\n\n[^1]: note [n]', '![img [i]](x) [after]', '![alt][a]\n\n[a]: y',
  '<kbd>[Enter]</kbd> [real]', '<span>www.x.com</span> [I]', '<!-- c [x] -->\n\n[y] <!-- d -->', '<div>\n[a]\n</div>\n\n[b]',
  '`[code]` [text] ``a ` [b]``', '| a | [b] |\n|---|---|\n| `c\\|d` | [e] |', '~~[del]~~ [x]', 'Title [x]\n===\n\n[y]\n---',
  '**Label**: value [x]\n**Two**: v2\n  **not**: x', '# H1 #\n## \n###### six [x] ######', '```js\n[a]\n```\n[b]', '~~~\n[open',
  '    indented [x]\n\n[y]', '---\ntitle: [x]\n---\n[y]', '+++\nt = "[x]"\n+++\n[y]', '\\[x] \\\\[y] [z\\]', 'a  \nb\\\nc [d]',
  '[link](http://x "t") [after] <http://auto> <a@b.co> [z]', '[a]\n\n[a]: <> "t"', '* a\n\n  b [x]\n* c', '<?php [x] ?>\n\n[y]',
  '[x]: https://a\n\t[y]: b', '- a\n\t- b [c]', '>\ta [b]', '-\t<!--x-->', '1)\t```\n\tcode\n\t```', '- [ ]\ttab [t]',
  '- a &quot;www.x.com&quot;\n  [TODO] more', '> a "www.x.com"\n> [b]', 'a "www.x.com" \\[x] &#91;y] [z]', '"www.x.com"\t[a]', 'x "a@b.co" [c]',
  '**"www.x.com"**: v [d]', '| "www.x.com" [e] |\n|---|', '"www.x.com/[p]" [q]', '"www.x.com" \n  [r]', '"www.x.com"  \n[s]', '>\t\t"www.x.com" [t]',
  '"www.x.com" &amp;amp; &bogus; &#0; [u]', '"www.x.com" \u0000 [v]', '# "www.x.com" [w] "a@b.co"', '"mailto:a@b.co" [x] "xmpp:a@b.co/r" [y]',
];

/** Inputs around the untokenized-paragraph shortcut: each trigger present or absent, in each place. */
const SKIP = [
  'plain words only\nsecond line', 'a &lsqb;TODO&rsqb; b &#91;x&#93; &lbrack;y&rbrack; &#x5B;z&#x5D;', '&lt;!-- no --&gt; &lt;b&gt;',
  '&ast;&ast;L&ast;&ast;: v', '\\**L**: x', '\\[x] and \\<b>', 'a `[code]` b', 'a `code` b [c]', 'a  \nb\\\nc', 'a \\_b\\_ c snake_case 2 * 3',
  'see www.x.com and a@b.co', 'see www.x.com [a]', 'see https://x.io/[p] q', 'text <!-- c --> more', 'text <!-- [c] --> [d]', '<b>[x]</b>',
  '**Label**: v\nplain', 'plain\n**Label**: v', 'plain\n   **L**: v', 'plain\n__L__: v', 'x **not a field** y', 'x\n*em* **b**: v',
  '***L***: v', '** L**: v', '**L** : v\n\n__M__\n', 'a\r\n**L**: v', 'a\r**L**: v', '\uFEFF**L**: v\nplain', '\uFEFFplain\n**L**: v',
  '> **L**: v\n> **M**: w', '- **L**: v\n  **M**: w', '1. a\n\n   **L**: v', '> a\n**L**: b', '> a\nb [c]', '- a\nlazy **L**: b',
  '[^1]: **L**: v\n    **M**: w', '[a]: http://x\n**L**: v', '[a]: http://x\nplain', '[a]\n\n[a]: http://x\nplain',
  'plain\n===', 'plain **L**\n---', '**L**: x\n---', 'a\n**L**: x\n===', '\t**L**: v', 'a\n\t**L**: v', '   **L**: v', 'a\n    **L**: v',
  '| a | b |\n|---|---|\n| plain | cell |', '| a | [b] |\n|---|---|\n| <!-- c --> | d |', '| **L**: a |\n|---|\n| x |',
  '> | a |\n> |---|\n> | [b] |', '- | a |\n  |---|\n  | b |', '- [ ] plain task\n- [x] done', '- plain\n  - nested\n    > quoted',
  '<div>\nplain\n</div>\n\nplain', 'a\n<!-- c -->\nb', '```\n[x]\n```\nplain', 'plain\n\n    code [x]\n\nplain',
];

const FRAGMENTS = [
  '[TODO]', '[a]', '[b][a]', '[c][]', '[^1]', '[^note]: footnote [x]', '[a]: http://x.com', '[A]: <y> "title"', '![i](x)', '![alt [n]][a]',
  '[t](u)', '[x](<y z>)', '\\[', '\\]', '\\\\', '[', ']', '[]', '- [ ] ', '- [x] ', '* ', '1. ', '> ', '#', '# ', '## T', '===', '---',
  '***', '```', '```js', '~~~', '`c`', '`` ` ``', '<kbd>', '</kbd>', '<br>', '<span class="x">', '</span>', '<!-- c -->', '<!--', '-->',
  '<div>', '</div>', '<pre>', '</pre>', '**Label**:', '**B**', '*e*', '_u_', '~~d~~', '| a | b |', '|---|:-:|', '| [c] | `d|e` |',
  'www.x.com', 'www.x.com/[p]', 'http://y.org/a(b)', 'https://z.io.', 'a@b.co', 'mailto:m@n.io', 'xmpp:q@r.io/s', '"www.q.com"',
  '(www.w.io)', 'x.y@z', '&amp;', '&#91;', '&#x5D;', '&nbsp;', '&bogus;', 'text', 'more words', '    ', '\t', '  ', 'é', '😀',
  '+++', 'title: x', '\\*', '***bold-em***', '<http://a.b>', '<a@b.c>', '\u0000',
  '__Label__:', '**', '__', '*', '_', 'snake_case', '&lsqb;', '&lbrack;', '&#x5B;', '&lt;', '\\<', '\\_', 'plain words', '| x | y |', '|---|---|',
];

/** Chunks the fast path reads. */
const PLAIN = [
  '', '\n', '\n\n\n', '# A', '# A\n', '###### Six', '#   Spaced   title', '## Mental Model\n### Sub\n#### Deeper\n',
  'Plain words.\nMore words, (and) "quotes" \'too\'; 2 * 3 = 6 - 1 + 0 % $ ^ | ~ ` _ \\ & ! @ www.x.com',
  '# Title\nA paragraph\nof two lines\n\nAnother\n# Next\nafter', 'a\n\n\nb\n', '# é 😀 ü', 'é word after a letter'.slice(2),
  '# Heading 12 Mental Model\n## Heading 13\n', '# a.b, c; d: e (f) "g" \'h\' - i + j = k % l $ m ^ n | o / p ? q',
  'x **bold** mid-line and _em_ and `code` and trailing backslash\\', 'line ending in a backslash\\\n# then a heading',
  '# Trailing spaces  \nand a hard break  \nin a paragraph \n', 'a'.repeat(MAX_PARSED_LINE),
];

/** Chunks it refuses; each is one character or line away from a PLAIN one. */
const NOT_PLAIN = [
  '#A', '####### seven', '#', '# ', '#  ', '# A #', '# A#', '# A\t', '#\tA', '# `code`', '# *em*', '# _em_', '# ~~del~~',
  '# [x]', '# a]', '# <b>', '# a > b', '# &amp;', '# \\*', '# !x', '# www.x.com', '# http://x', '# a@b.co', '# a\u00a0b', '# a\u0000',
  ' # indented', ' a', '\ta', '1. list', '- list', '* list', '+ list', '> quote', '```', '~~~', '    code', '<div>',
  '[a]: http://x', '[a]', 'a [b]', 'a <b>', 'a\n===', 'a\n---', '---\nt: x\n---', '| a |', 'a\r\nb', 'a\rb', '\uFEFFa', '\uFEFF# A',
  '**L**: v', '_a_ b', 'a\u0000b', 'a'.repeat(MAX_PARSED_LINE + 1), `# ${'a'.repeat(MAX_PARSED_LINE)}`, '\u00e9 starts with a non-ASCII letter', '2024 starts with a digit', '"quoted" start', '(paren) start',
];

/** Words of plain lines, and words the fast path refuses somewhere (in a title, in a paragraph, or both). */
const PLAIN_WORDS = ['Mental', 'Model', 'lease', 'quorum.', 'a,', '(b)', '"c"', "'d'", 'e;', 'f:', '1.2', '2', '-', '+', '=', '%', '$', '/', '?', 'x|y', '^'];
const EDGE_WORDS = [
  '[b]', '<b>', '`c`', '*e*', '**s**', '_u_', 'snake_case', '~~d~~', '&amp;', '\\', '\\*', '!', '#', 'C#', 'www.x.com', 'a@b.co', 'http://x.io',
  '\u00a0', '\t', '\u0000', '\u00e9', '😀', ']:', '[a]:', '<!-- c -->',
];
