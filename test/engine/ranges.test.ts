// Ranges are LSP positions: 0-based lines, UTF-16 characters; any line ending; no BOM column.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine';
import { parseDocument } from '../../server/src/engine/document';
import { completeDoc, findings, r, run } from './helpers';

const summary = (text: string) => run(text).findings.map((f) => [f.code, f.range, f.data?.insertAt ?? null]);

describe('line endings and BOM give the same ranges', () => {
  const base = completeDoc({ skip: ['Security Boundaries', 'Logs'] })
    .replace('## Tradeoffs', '## Tradeofs')
    .replace('About Exercises.', 'About [Exercise 1: Apply concept to scenario].');
  const expected = summary(base);
  test('the LF baseline has the findings the variants are compared with', () => {
    assert.deepEqual(expected.map((f) => f[0]), ['missing-subsection', 'missing-section', 'misnamed-section', 'placeholder']);
  });
  for (const [name, text] of [
    ['CRLF', base.replace(/\n/g, '\r\n')],
    ['lone CR', base.replace(/\n/g, '\r')],
    ['BOM', '\uFEFF' + base],
    ['BOM + CRLF', '\uFEFF' + base.replace(/\n/g, '\r\n')],
  ] as const) {
    test(name, () => assert.deepEqual(summary(text), expected));
  }
  test('a BOM is not a column of the first line', () => {
    const f = findings('\uFEFF# [Topic Name]\r\n', 'placeholder');
    assert.deepEqual(f[0].range, r(0, 2, 0, 14));
    const doc = parseDocument('\uFEFF# Title\n');
    assert.deepEqual(doc.headings[0].range, r(0, 0, 0, 7));
    assert.deepEqual(doc.headings[0].titleRange, r(0, 2, 0, 7));
  });
});

describe('characters earlier on the line count in UTF-16 units', () => {
  const at = (line: string) => findings(`# Ledger\n\n${line}\n`, 'placeholder').map((f) => f.range);
  test('emoji (a surrogate pair: 2 units)', () => assert.deepEqual(at('- 🚀 [Benefit 1]'), [r(2, 5, 2, 16)]));
  test('CJK (1 unit each)', () => assert.deepEqual(at('- 設計の [Benefit 1]'), [r(2, 6, 2, 17)]));
  test('combining marks (their own units)', () => assert.deepEqual(at('- e\u0301te\u0301 [Benefit 1]'), [r(2, 8, 2, 19)]));
  test('a tab is one unit', () => assert.deepEqual(at('-\t[Benefit 1]\t[Cost 2]'), [r(2, 2, 2, 13), r(2, 14, 2, 22)]));
  test('a flag emoji (two pairs) and ZWJ sequences', () => assert.deepEqual(at('🇩🇪 👩‍💻 [Cost 1]'), [r(2, 11, 2, 19)]));
  test('heading text after an emoji', () => {
    const text = completeDoc().replace('## Observability Contract', '## 📈 Obervability Contract');
    const f = findings(text, 'misnamed-section');
    const line = text.split('\n').indexOf('## 📈 Obervability Contract');
    assert.deepEqual(f[0].range, r(line, 3, line, 27));
    assert.equal(f[0].data?.expected, 'Observability Contract');
  });
});

describe('LineIndex', () => {
  test('line starts for LF, CRLF and lone CR, mixed', () => {
    const li = new LineIndex('a\nbb\r\nccc\rd');
    assert.equal(li.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => li.lineText(l)), ['a', 'bb', 'ccc', 'd']);
    assert.deepEqual(li.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(li.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(li.positionAt(11), { line: 3, character: 1 });
  });
  test('an offset inside a CRLF pair is the end of its line', () => {
    const li = new LineIndex('ab\r\ncd');
    assert.deepEqual(li.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  });
  test('offsetAt is the inverse, clamped to the line', () => {
    const text = 'ab\r\n🚀d\rx\n';
    const li = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a pair
      assert.equal(li.offsetAt(li.positionAt(o)), o, `offset ${o}`);
    }
    assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(li.offsetAt({ line: 99, character: 0 }), text.length);
    assert.equal(li.offsetAt({ line: -1, character: 0 }), 0);
  });
  test('a BOM: positions as if it were absent, offsets into the text with it', () => {
    const li = new LineIndex('\uFEFFab\ncd');
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(1), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(3), { line: 0, character: 2 });
    assert.equal(li.offsetAt({ line: 0, character: 0 }), 1);
    assert.equal(li.lineText(0), 'ab');
    assert.deepEqual(li.range(1, 6), r(0, 0, 1, 2));
  });
  test('eol() follows the document', () => {
    assert.equal(new LineIndex('a\r\nb\nc').eol(), '\r\n');
    assert.equal(new LineIndex('a\nb').eol(), '\n');
    assert.equal(new LineIndex('a\rb').eol(), '\r');
    assert.equal(new LineIndex('ab').eol(), '\n');
  });
  test('an empty text has one empty line', () => {
    const li = new LineIndex('');
    assert.equal(li.lineCount, 1);
    assert.deepEqual(li.positionAt(5), { line: 0, character: 0 });
  });
});
