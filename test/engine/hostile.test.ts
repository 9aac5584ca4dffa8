// Chunks that would stall the parser are recognised before parsing.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { beyondParser } from '../../server/src/engine';

test('ordinary markdown, long paragraphs and moderate nesting are parsed', () => {
  assert.equal(beyondParser('# A\n\n' + 'word '.repeat(1500) + '\n\n- a\n  - b\n    - c\n> > quote\n'), null);
  assert.equal(beyondParser(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')), null);
});

test('the measured hostile shapes are refused, with the reason', () => {
  assert.match(beyondParser('>'.repeat(50_000) + '\n')!, /a line of 50000 characters/);
  assert.match(beyondParser('*a'.repeat(500_000))!, /a line of/);
  assert.match(beyondParser('[a]('.repeat(100_000) + '\n')!, /a line of/);
  const nested = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
  assert.equal(beyondParser(nested), 'nesting hundreds of levels deep');
  assert.match(beyondParser('> '.repeat(16_000) + 'deep\n')!, /a line of 32004 characters/);
});

test('CRLF and lone CR end lines too', () => {
  assert.equal(beyondParser('a\r\n'.repeat(5000)), null);
  assert.equal(beyondParser('a\r'.repeat(5000)), null);
});
