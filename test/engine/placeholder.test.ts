// The placeholder rule: template `[placeholders]` left in prose, and only in prose.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findings, fixture, r, template } from './helpers';
import { buildTemplate, parseChunk } from '../../server/src/engine';
import { isPlaceholderText } from '../../server/src/engine/rules/placeholder';
import { splitChunks } from '../../server/src/engine/chunks';
import { parseDocument } from '../../server/src/engine/document';
import { allPlaceholders } from '../../server/src/engine/template';

const placeholders = (text: string) => findings(text, 'placeholder').map((f) => [f.data?.placeholder, f.range]);

describe('placeholder', () => {
  // Each template keeps its answers for bracket texts (a keystroke asks about every bracket again).
  test('answers kept per template: the same text is asked of two templates, and again after many others', () => {
    const other = buildTemplate('# Other\n\n## Gains\n\n- [Gain 1]\n', 'other.md');
    const ask = () => ['Benefit 1', 'Benefit 7', 'Gain 3', 'TODO', 'earliest, latest'].map((t) => [isPlaceholderText(template, t), isPlaceholderText(other, t)]);
    const want = [[true, false], [true, false], [false, true], [true, true], [false, false]];
    assert.deepEqual(ask(), want);
    for (let i = 0; i < 10_000; i++) isPlaceholderText(template, `note ${i} of many`);
    assert.deepEqual(ask(), want);
    assert.equal(isPlaceholderText(template, 'note 12 of many'), false);
  });
  test('the fixture: exactly the prose placeholders, nothing in code, HTML, links, images, tasks or escapes', () => {
    assert.deepEqual(placeholders(fixture('rules/placeholders.md')), [
      ['Topic Name', r(0, 2, 0, 14)],
      ['What is this and why does it matter?', r(2, 22, 2, 60)],
      ['Papers', r(4, 27, 4, 35)],
      ['Benefit 2', r(25, 2, 25, 13)],
      ['TODO', r(26, 8, 26, 14)],
      ['Benefit 3', r(26, 19, 26, 30)],
      ['Cost 1', r(26, 34, 26, 42)],
      ['Anti-pattern 1', r(34, 2, 34, 18)],
      ['When to use instead', r(34, 21, 34, 42)],
    ]);
  });
  test('message, severity and data', () => {
    const [f] = findings('# Ledger\n\n- [Benefit 1]\n', 'placeholder');
    assert.equal(f.message, 'Unfilled placeholder [Benefit 1]: replace it with the document\'s own text.');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, r(2, 2, 2, 13));
  });
  test('brackets that are not template placeholders are prose', () => {
    assert.deepEqual(placeholders('# Ledger\n\nThe interval [earliest, latest] and [1] and [see below].\n'), []);
  });
  test('a link reference defined in another chunk is a link', () => {
    // Many headings put the definitions in a later chunk than their uses.
    const body = Array.from({ length: 30 }, (_, i) => `## Part ${i}\n\nText ${i}.\n`).join('\n');
    const text = `# Ledger\n\nSee [Papers] and [Blog posts][bp] and [Documentation][].\n\n${body}\n[papers]: https://a\n[BP]: https://b\n[documentation]: https://c\n`;
    assert.ok(splitChunks(text).length > 10);
    assert.deepEqual(placeholders(text), []);
    // Without the definitions they are placeholders.
    const bare = text.slice(0, text.indexOf('[papers]:'));
    assert.deepEqual(placeholders(bare).map((p) => p[0]), ['Papers', 'Blog posts', 'Documentation']);
  });
  test('a URL or email that only the autolink-literal transform finds stays opaque, and the text around it prose', () => {
    // micromark does not take `www.` after `"` as a link; the transform does, splitting the text node.
    assert.deepEqual(placeholders('# Ledger\n\n"www.example.com" [TODO]\n'), [['TODO', r(2, 18, 2, 24)]]);
    assert.deepEqual(placeholders('# Ledger\n\n"www.example.com/[TODO]" and "ops@example.com" [Benefit 2]\n'), [['Benefit 2', r(2, 47, 2, 58)]]);
    // Over lines, in containers and with entities and escapes between source and text.
    assert.deepEqual(placeholders('# Ledger\n\n- see &quot;www.example.com&quot;\n  and \\[x] [TODO]\n> "https://x.io/a" [Cost 1]\n'), [
      ['TODO', r(3, 11, 3, 17)],
      ['Cost 1', r(4, 19, 4, 27)],
    ]);
  });
  test('every template placeholder is recognised, with any number', () => {
    for (const p of allPlaceholders(template)) {
      const text = `# Ledger\n\nText [${p.replace(/\d+/, '7')}] here.\n`;
      assert.equal(findings(text, 'placeholder').length, 1, p);
    }
  });
  test('the brackets fact of the parser matches the whole-document parse', () => {
    const text = fixture('rules/placeholders.md');
    assert.deepEqual(parseDocument(text).brackets, parseChunk(text).brackets);
  });
});
