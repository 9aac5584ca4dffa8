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
import { parseChunk, splitChunks } from '../../server/src/engine';
import { parseChunkMdast } from '../../server/src/engine/markdown-mdast';
import { CORPUS, FIXTURES, REPO, TEMPLATE_PATH } from './helpers';

function same(text: string, what: string): void {
  assert.deepStrictEqual(parseChunk(text), parseChunkMdast(text), `${what}: ${JSON.stringify(text.slice(0, 200))}`);
}

function wholeAndChunks(text: string, what: string): void {
  same(text, what);
  for (const c of splitChunks(text)) same(text.slice(c.start, c.end), `${what} @${c.start}`);
}

describe('parseChunk equals the remark pipeline', () => {
  test('every corpus document, whole and per chunk', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.md'));
    assert.ok(files.length > 0);
    for (const f of files) wholeAndChunks(readFileSync(path.join(CORPUS, f), 'utf8'), f);
  });

  test('templates, fixtures and the example', () => {
    const paths = [
      path.resolve(REPO, '../shared/template/deep-dive-template.md'),
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
];

const FRAGMENTS = [
  '[TODO]', '[a]', '[b][a]', '[c][]', '[^1]', '[^note]: footnote [x]', '[a]: http://x.com', '[A]: <y> "title"', '![i](x)', '![alt [n]][a]',
  '[t](u)', '[x](<y z>)', '\\[', '\\]', '\\\\', '[', ']', '[]', '- [ ] ', '- [x] ', '* ', '1. ', '> ', '#', '# ', '## T', '===', '---',
  '***', '```', '```js', '~~~', '`c`', '`` ` ``', '<kbd>', '</kbd>', '<br>', '<span class="x">', '</span>', '<!-- c -->', '<!--', '-->',
  '<div>', '</div>', '<pre>', '</pre>', '**Label**:', '**B**', '*e*', '_u_', '~~d~~', '| a | b |', '|---|:-:|', '| [c] | `d|e` |',
  'www.x.com', 'www.x.com/[p]', 'http://y.org/a(b)', 'https://z.io.', 'a@b.co', 'mailto:m@n.io', 'xmpp:q@r.io/s', '"www.q.com"',
  '(www.w.io)', 'x.y@z', '&amp;', '&#91;', '&#x5D;', '&nbsp;', '&bogus;', 'text', 'more words', '    ', '\t', '  ', 'é', '😀',
  '+++', 'title: x', '\\*', '***bold-em***', '<http://a.b>', '<a@b.c>', '\u0000',
];
