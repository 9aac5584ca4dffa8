// deepDive.maxDocumentSize counts UTF-8 bytes, as its documentation says; the
// server and the CLI share this one definition.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { editedByteLength, exceedsDocumentSize, textExceedsDocumentSize, tooLargeNotice, utf8ByteLength } from '../../server/src/engine/documentSize';

describe('utf8ByteLength', () => {
  test('counts what Buffer.byteLength counts: ASCII, 2-, 3- and 4-byte characters, a lone surrogate', () => {
    for (const s of ['', 'abc', 'é', '深い', '🚀', 'a🚀b深é', '\ud800', 'x\udc00y', '\ud83d']) {
      assert.equal(utf8ByteLength(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
    }
  });
});

describe('editedByteLength', () => {
  test('the bytes of an edited text from its base\'s and the edited stretch equal a count of the whole, surrogate pairs split and joined', () => {
    const part = fc.constantFrom('a', 'é', '深', '🚀', '\ud83d', '\ude80', '\n');
    const text = fc.array(part, { maxLength: 30 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.record({ at: fc.nat(), len: fc.nat({ max: 6 }), insert: text }), { minLength: 1, maxLength: 10 }), (start, edits) => {
        let base = start;
        let bytes = utf8ByteLength(base);
        for (const e of edits) {
          const from = e.at % (base.length + 1);
          const oldEnd = Math.min(base.length, from + e.len);
          const next = base.slice(0, from) + e.insert + base.slice(oldEnd);
          bytes = editedByteLength(bytes, base, next, { from, oldEnd, newEnd: from + e.insert.length });
          assert.equal(bytes, Buffer.byteLength(next, 'utf8'), JSON.stringify([base, next]));
          base = next;
        }
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });
});

describe('textExceedsDocumentSize', () => {
  test('over the limit in bytes although under it in characters', () => {
    const text = '深'.repeat(400); // 400 code units, 1,200 bytes
    assert.equal(textExceedsDocumentSize(text, 1000), true);
    assert.equal(textExceedsDocumentSize(text, 1200), false);
    assert.equal(exceedsDocumentSize(1201, 1200), true);
  });
  test('decided by length alone at both ends, and equal to the byte count in between', () => {
    assert.equal(textExceedsDocumentSize('a'.repeat(11), 10), true);
    assert.equal(textExceedsDocumentSize('深'.repeat(3), 9), false);
    assert.equal(textExceedsDocumentSize('a'.repeat(5) + '深', 7), true);
    assert.equal(textExceedsDocumentSize('a'.repeat(5) + '深', 8), false);
  });
});

test('tooLargeNotice: one information finding at the top naming the setting', () => {
  assert.deepEqual(tooLargeNotice(6 * 1048576, 5 * 1048576), {
    code: 'too-large',
    severity: 'information',
    message: 'This document is 6.0 MB, beyond deepDive.maxDocumentSize (5.0 MB): only section-level checks run (no placeholder checks).',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
});
