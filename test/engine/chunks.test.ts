// Chunked parsing must be invisible: cut points only at top-level block
// boundaries, and a document parsed chunk by chunk has the same headings,
// blocks, brackets, comments and fields as the whole text parsed at once.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseChunk, scanChunk, type DocumentModel } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { splitChunks } from '../../server/src/engine/chunks';
import { buildDocument, parseDocument, resolveChunks } from '../../server/src/engine/document';
import { normalizeLabel } from '../../server/src/engine/markdown';
import { corpusDocs, sharedCorpus } from '../shared';
import { template } from './helpers';

const corpus = sharedCorpus();

const cutsOf = (text: string, soft?: number) => splitChunks(text, soft).map((s) => s.start);
const at = (text: string, ...lines: string[]) => lines.map((l) => text.indexOf(l));

describe('splitChunks cut points', () => {
  test('before each column-0 ATX heading; spans cover the text', () => {
    const text = '# A\n\ntext\n\n## B\ntext\n### C\n';
    assert.deepEqual(splitChunks(text), [{ start: 0, end: 11 }, { start: 11, end: 21 }, { start: 21, end: text.length }]);
  });
  test('a BOM is left out of the first chunk', () => {
    assert.deepEqual(splitChunks('\uFEFF# A\n## B\n'), [{ start: 1, end: 5 }, { start: 5, end: 10 }]);
  });
  test('not inside fenced code (backticks, tildes, longer fences)', () => {
    const text = '# A\n```md\n## no\n```\n~~~~\n```\n## no\n~~~\n## no\n~~~~\n## B\n';
    assert.deepEqual(cutsOf(text), [0, ...at(text, '## B')]);
  });
  test('not inside an HTML comment, <pre> or <div> block', () => {
    const text = '# A\n<!--\n\n## no\n\n-->\n## B\n<pre>\n\n# no\n</pre>\n## C\n<div>\n## no\n\n## D\n';
    assert.deepEqual(cutsOf(text), [0, ...at(text, '## B', '## C', '## D')]);
  });
  test('not inside YAML or TOML front matter (a `# comment` there is no heading)', () => {
    const yaml = '---\n# comment\ntitle: x\n---\n# A\n';
    assert.deepEqual(cutsOf(yaml), [0, yaml.indexOf('# A')]);
    const toml = '+++\n# comment\ntitle = "x"\n+++  \n# A\n';
    assert.deepEqual(cutsOf(toml), [0, toml.indexOf('# A')]);
  });
  test('`...` does not close front matter (remark-frontmatter needs the opening fence)', () => {
    const text = '---\na: 1\n...\n# in front matter\n---\n# A\n';
    assert.deepEqual(cutsOf(text), [0, text.indexOf('# A')]);
  });
  test('lines that are not ATX headings are not cut points', () => {
    const text = 'Intro\n#hashtag\n####### seven\n #indented\n#\u00a0nbsp\n## Real\n';
    assert.deepEqual(cutsOf(text), [0, text.indexOf('## Real')]);
  });
  test('soft cuts once a chunk is large: before an unindented paragraph after a blank line', () => {
    const para = 'Some prose that fills the chunk up.\n\n';
    const text = para.repeat(3) + '- a list\n\n    indented code\n\n1. ordered\n\nNext paragraph.\n';
    const cuts = cutsOf(text, 60);
    assert.deepEqual(cuts, [0, para.length * 2, text.indexOf('Next paragraph.')]);
    // Never before a list item (it continues the list) or `---`/`+++` (front matter at a chunk's start).
    const rules = 'x'.repeat(80) + '\n\n---\n\n+++\n\n* a\n\n2) b\n\n---\n\nEnd.\n';
    assert.deepEqual(cutsOf(rules, 10), [0, rules.indexOf('End.')]);
    // Other unindented lines after a blank line are cut points: tables, quotes, HTML, fences, definitions.
    const others = 'x\n\n| a |\n\n> q\n\n<div>\n\n```\n```\n\n[d]: /u\n';
    assert.deepEqual(cutsOf(others, 1), [0, ...at(others, '| a |', '> q', '<div>', '```', '[d]: /u')]);
    // Not inside a fence even when large.
    const fenced = 'x'.repeat(80) + '\n\n```\n\nletters\n```\n';
    assert.deepEqual(cutsOf(fenced, 10), [0, fenced.indexOf('```')]);
  });
  test('a line of no-break spaces is text, not a blank line: the paragraph goes on after it', () => {
    const text = 'x'.repeat(80) + '\n\n\u00a0\n####### Mental\n\n\u00a0\u00a0\nNext\n';
    // Cut before each line of no-break spaces (after a blank line), never after one.
    assert.deepEqual(cutsOf(text, 10), [0, text.indexOf('\u00a0'), text.indexOf('\u00a0\u00a0')]);
    for (const t of ['\u00a0\n####### Mental\n', '\u00a0\nMental\n', '  \u00a0\nMental\n']) {
      assert.deepEqual(parseChunk(t).blocks, [{ type: 'paragraph', start: t.indexOf('\u00a0'), end: t.length - 1 }], JSON.stringify(t));
      assert.deepEqual(scanChunk(t).blocks.map((b) => [b.type, b.end]), [['paragraph', t.length - 1]], `line scanner: ${JSON.stringify(t)}`);
    }
  });
  test('line endings: CRLF and lone CR cut the same places', () => {
    const lf = '# A\n\n```\n# no\n```\n## B\n';
    for (const eol of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, eol);
      assert.deepEqual(cutsOf(text).length, 2);
      assert.equal(text.slice(cutsOf(text)[1], cutsOf(text)[1] + 4), '## B');
    }
  });
});

// What the chunked parse must agree on (brackets that a definition anywhere makes links are links either way).
function shape(doc: DocumentModel) {
  const linked = (b: { text: string; ref?: string }) => doc.definitions.has(normalizeLabel(b.ref ?? b.text));
  return {
    blocks: doc.blocks,
    headings: doc.headings.map(({ depth, title, start, end, titleStart, titleEnd, atx }) => ({ depth, title, start, end, titleStart, titleEnd, atx })),
    brackets: doc.brackets.filter((b) => !linked(b)).map(({ start, end, text }) => ({ start, end, text })),
    definitions: [...doc.definitions].sort(),
    comments: doc.comments,
    fields: doc.fields.map(({ label, value, start, end }) => ({ label, value, start, end })),
    sections: doc.sections.map((s) => [s.start, s.end, s.hasContent]),
    frontMatter: doc.frontMatter,
  };
}
const whole = (text: string) => buildDocument(text, [{ start: 0, facts: parseChunk(text) }]);
const chunked = (text: string, soft?: number) => buildDocument(text, resolveChunks(text, parseChunk, splitChunks(text, soft)).chunks);

function assertSameAsWhole(text: string, name: string) {
  const expected = shape(whole(text));
  assert.deepEqual(shape(parseDocument(text)), expected, `${name}: default chunks`);
  assert.deepEqual(shape(chunked(text, 1)), expected, `${name}: a soft cut at every paragraph`);
}

const TRICKY: Record<string, string> = {
  'fences holding `## x`': '# T\n\n## A\n\n```md\n## not a heading\n```\n\n~~~~\n```\n## still not\n~~~~\n\n## B\n\ntext\n',
  'an HTML comment holding `## x` across blank lines': '# T\n\n## A\n\n<!--\n\n## hidden\n\nletters\n-->\n\n## B\n\nx\n',
  '`<div>` followed directly by `## x`': '# T\n\n## A\n\n<div>\n## inside html\n</div>\n\n## B\n\nx\n',
  'a list item with an indented fence and a column-0 line': '# T\n\n- item\n\n  ```\n  ## indented\n# col0 heading\n  ```\n\n## B\n\nx\n\n## C\n```\n',
  'an ordered list fence left open by a column-0 heading': '# T\n\n1. step\n\n   ```\n   code\n## cut\n   ```\n\nletters\n\n## D\n\nx\n',
  'a misjudged fence hiding an HTML comment': '- a\n\n  ```\n<!--\n\n```\n\n# x\n-->\n\n# y\n',
  'setext headings': 'Title\n=====\n\nSection\n-------\n\ntext\n\n## ATX\n\nMore\n===\n',
  'YAML front matter with `# comment`': '---\n# comment\ntemplate: deep-dive\n---\n\n# Title\n\n## Mental Model\n\nx\n',
  'TOML front matter with `# comment`': '+++\n# comment\ntemplate = "deep-dive"\n+++\n\n# Title\n\n## A\n\nx\n',
  'unclosed front matter is a thematic break': '---\n# comment\n\n## A\n\nx\n',
  '<pre> with blank lines and `# x`': '# T\n\n<pre>\n\n# inside pre\n\n</pre>\n\n## B\n\nx\n',
  'a fence never closed': '# T\n\n```\n\n## in code\n\nletters\n\n## also code\n',
  'blockquote with a fence, then a heading': '# T\n\n> ```\n> code\n# out\n\nx\n',
  'a heading right after a table and after a paragraph': '# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n## B\nprose\n## C\n',
  'a `#` with a no-break space continues the paragraph': 'para\n#\u00a0x\n\n## B\n',
  'link definitions in a later chunk': '# T\n\n- [Papers] and [Blog posts][bp] and [Documentation][]\n\n## A\n\nx\n\n[papers]: https://a\n[bp]: https://b\n\n## B\n\n[documentation]: https://c\n',
  'fields on consecutive lines': '# T\n**One-line summary**: s\n**Prerequisites**: p\n\n## A\n\nx\n',
  'suppression comments in several chunks': '# T\n\n<!-- deep-dive-disable placeholder -->\n\n## A\n\n[Benefit 1] <!-- deep-dive-enable -->\n\n## B\n\n- [Cost 1]\n',
  'inline HTML and escapes': '# T\n\nA <kbd>[Cost 1]</kbd> and \\[Cost 2] and \\\\[Cost 3].\n\n## B\n\nx\n',
  'a huge line': '# T\n\n' + 'word '.repeat(5000) + '\n\n## B\n\nx\n',
};

describe('the chunked parse equals the whole-text parse', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    test(name, () => {
      for (const [variant, t] of [['LF', text], ['CRLF', text.replace(/\n/g, '\r\n')], ['CR', text.replace(/\n/g, '\r')], ['BOM', '\uFEFF' + text]]) {
        assertSameAsWhole(t, `${name} (${variant})`);
      }
    });
  }

  test('every corpus document', { skip: corpus.skip }, () => {
    const docs = corpusDocs(corpus);
    assert.ok(docs.length >= 28);
    for (const { name: f, text } of docs) {
      assert.ok(splitChunks(text).length > 10, f);
      // With a soft cut at every paragraph too (assertSameAsWhole's second variant).
      assert.ok(splitChunks(text, 1).some((s) => text[s.start] !== '#'), f);
      assertSameAsWhole(text, f);
    }
  });

  test('random documents from tricky lines (property)', () => {
    const line = fc.constantFrom(
      '', '', '', '# H1', '## Mental Model', '### Logs', 'Setext', '===', '---', '+++', '...', 'prose [Benefit 1] here',
      '```', '```md', '~~~', '````', '  ```', '    ```', '    code', '- item', '  - nested', '1. step', '   ```', '> quote', '> ```',
      '<!--', '-->', '<!-- deep-dive-disable placeholder -->', '<div>', '</div>', '<pre>', '</pre>', '<span>', '<kbd>[Cost 1]</kbd>',
      '| a | b |', '|---|---|', '[papers]: https://x', '[Papers] and [Cost 1][papers]', '**One-line summary**: s', '**Prerequisites**:',
      '#\u00a0nbsp', '#hashtag', 'letters', 'Letters after', '\\[Cost 2]', '- [ ] task', '![img](x.png)', '# comment',
      '<!-- c -->', '<?php', '?>', '<script>', '</script>', '<![CDATA[', ']]>', '<!DOCTYPE html>', '[^1]', '[^1]: note',
      '   # three spaces', '\t# tab', '>', '***', '- ---', '  ', '\t', '~~~ md', '``` ```', '## Tradeoffs ##', '#', '##', '![alt][papers]',
    );
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), eol, fc.boolean(), (lines, e, bom) => {
        const text = (bom ? '\uFEFF' : '') + lines.join(e) + e;
        assertSameAsWhole(text, JSON.stringify(text));
      }),
      { seed: 20261127, numRuns: 400 },
    );
  });
});

describe('the line-scanner fallback', () => {
  const scanned = (text: string) => buildDocument(text, splitChunks(text).map((s) => ({ start: s.start, facts: scanChunk(text.slice(s.start, s.end)) })));
  // Placeholders and incomplete items are read from the parse (brackets, lists), which the scanner does not give.
  const sectionFindings = (doc: DocumentModel) => analyze(doc, template).findings.filter((f) => f.code !== 'placeholder' && f.code !== 'incomplete-item');

  test('gives the same section-level findings as the parser on every corpus document', { skip: corpus.skip }, () => {
    for (const { name: f, text } of corpusDocs(corpus)) {
      const doc = scanned(text);
      assert.equal(doc.degraded, true);
      assert.deepEqual(doc.brackets, []);
      assert.deepEqual(sectionFindings(doc), sectionFindings(parseDocument(text)), f);
      assert.deepEqual(doc.headings.map((h) => [h.depth, h.title, h.range]), parseDocument(text).headings.map((h) => [h.depth, h.title, h.range]), f);
    }
  });
  test('skips front matter, fences and HTML comments; keeps fields, comments and line endings', () => {
    const text = '\uFEFF---\n# yaml comment\n---\n# T\r\n**One-line summary**: s\r\n**Prerequisites**:\r\n\r\n<!--\r\n## hidden\r\n-->\r\n```\r## code\r```\r## Mental Model\r<!-- deep-dive-disable -->\r';
    const doc = scanned(text);
    assert.deepEqual(doc.headings.map((h) => [h.depth, h.title, h.range.start.line]), [[1, 'T', 3], [2, 'Mental Model', 13]]);
    assert.deepEqual(doc.fields.map((f) => [f.label, f.value, f.range]), [
      ['One-line summary', 's', { start: { line: 4, character: 0 }, end: { line: 4, character: 23 } }],
      ['Prerequisites', '', { start: { line: 5, character: 0 }, end: { line: 5, character: 18 } }],
    ]);
    assert.deepEqual(doc.comments.map((c) => c.text.trim()), ['## hidden', 'deep-dive-disable']);
    assert.equal(doc.frontMatter, '# yaml comment');
    // Mental Model holds only a comment: empty, as the parser would say.
    assert.equal(doc.sections[1].hasContent, false);
    assert.deepEqual(sectionFindings(doc), sectionFindings(parseDocument(text)));
  });
});
