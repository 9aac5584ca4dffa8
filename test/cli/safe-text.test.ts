// Escaping for the text output: what a repository controls never reaches a terminal raw.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeText, quotePath } from '../../server/src/cli/safe-text';

describe('escapeText', () => {
  test('leaves ordinary text, non-ASCII letters and emoji alone', () => {
    for (const s of ['Missing section \'Tradeoffs\'.', 'Café 深い 🚀', 'a\\b "q"']) assert.equal(escapeText(s), s);
  });
  test('writes C0, DEL and C1 visibly, named where C has a name', () => {
    assert.equal(escapeText('a\x1b[2Jb'), 'a\\033[2Jb');
    assert.equal(escapeText('\t\n\r\x07\b\v\f'), '\\t\\n\\r\\a\\b\\v\\f');
    assert.equal(escapeText('\x00\x7f\u0085\u009b'), '\\000\\177\\302\\205\\302\\233');
  });
  test('writes the line and paragraph separators and every bidi embedding, override and isolate as UTF-8 octal', () => {
    assert.equal(escapeText('\u2028\u2029'), '\\342\\200\\250\\342\\200\\251');
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const c of bidi) assert.match(escapeText(`x${c}y`), /^x(\\[0-7]{3}){3}y$/);
    assert.equal(escapeText('\u202e'), '\\342\\200\\256');
  });
});

describe('quotePath', () => {
  test('a safe path is unchanged, spaces and non-ASCII included', () => {
    assert.equal(quotePath('docs/my design 深.md'), 'docs/my design 深.md');
  });
  test('a path with a control character is quoted as git quotes it', () => {
    assert.equal(quotePath('a\x1bb.md'), '"a\\033b.md"');
    assert.equal(quotePath('x.md\nforged.md:1:1  error'), '"x.md\\nforged.md:1:1  error"');
  });
  test('a double quote or backslash inside a quoted path is escaped; a double quote alone forces quoting', () => {
    assert.equal(quotePath('say "hi".md'), '"say \\"hi\\".md"');
    assert.equal(quotePath('a\\b\x07.md'), '"a\\\\b\\a.md"');
  });
});
