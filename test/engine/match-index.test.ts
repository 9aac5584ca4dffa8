// The indexed name lookup gives exactly what scanning the candidates with
// compareKeys gives (exact first, else the longest prefix, first in list order
// on ties), on random templates and headings built to share words and
// prefixes, including empty keys and doubled or edge spaces.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { bestMatch, exactMatch } from '../../server/src/engine/match-index';
import { compareKeys, type MatchKind } from '../../server/src/engine/match-text';
import type { TemplateSection } from '../../server/src/engine/types';

/** The linear scan the index replaces: every candidate compared with compareKeys. */
function linearBestMatch(key: string, candidates: readonly TemplateSection[]): { t: TemplateSection; kind: MatchKind } | null {
  let best: { t: TemplateSection; kind: MatchKind } | null = null;
  for (const t of candidates) {
    const k = compareKeys(key, t.key);
    if (k === 'exact') return { t, kind: k };
    if (k === 'prefix' && (!best || t.key.length > best.t.key.length)) best = { t, kind: k };
  }
  return best;
}

const section = (key: string, index: number): TemplateSection => ({ title: key, key, depth: 2, body: '', placeholders: [], children: [], index });

// Few, short words so that keys share words and prefixes often; sometimes raw characters (edge and double spaces).
const word = fc.constantFrom('a', 'b', 'ab', 'what', 'we', 'gain', 'metrics');
const key = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  fc.string({ unit: fc.constantFrom('a', 'b', ' '), maxLength: 8 }),
);

test('bestMatch and exactMatch agree with a compareKeys scan on random templates and headings', () => {
  fc.assert(
    fc.property(fc.array(key, { maxLength: 12 }), fc.array(key, { minLength: 1, maxLength: 12 }), (keys, headings) => {
      const candidates = keys.map(section);
      for (const h of headings) {
        assert.deepEqual(bestMatch(h, candidates), linearBestMatch(h, candidates), JSON.stringify(h));
        // Asked again (a keystroke matches the same headings): answered from memory, the same.
        assert.deepEqual(bestMatch(h, candidates), linearBestMatch(h, candidates), JSON.stringify(h));
        const odd = (t: TemplateSection) => t.index % 2 === 1;
        const expected = candidates.filter(odd).find((t) => compareKeys(h, t.key) === 'exact') ?? null;
        assert.equal(exactMatch(h, candidates, odd), expected, JSON.stringify(h));
      }
    }),
    { numRuns: 3000 },
  );
});

test('the longest prefix wins, the first on ties, and an exact key beats both', () => {
  const c = ['what we', 'what we gain', 'what we gain', 'metrics to track', 'metrics to watch', 'what we gain with'].map(section);
  assert.deepEqual(bestMatch('what we gain with idempotency', c), { t: c[5], kind: 'prefix' });
  assert.deepEqual(bestMatch('what we gain', c), { t: c[1], kind: 'exact' });
  assert.deepEqual(bestMatch('what we lose', c), { t: c[0], kind: 'prefix' });
  assert.deepEqual(bestMatch('metrics', c), { t: c[3], kind: 'prefix' }, 'a shortened key names the first of equally long sections');
  assert.equal(bestMatch('what', c), null, 'a key under six characters names no longer section');
  assert.equal(bestMatch('', c), null);
});

test('answers kept by heading key stay right for each candidate list, and past the number kept', () => {
  const a = ['what we gain', 'metrics'].map(section);
  const b = ['what we', 'metrics to track'].map(section);
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(bestMatch('what we gain', a), { t: a[0], kind: 'exact' });
    assert.deepEqual(bestMatch('what we gain', b), { t: b[0], kind: 'prefix' });
    assert.deepEqual(bestMatch('metrics to track', a), { t: a[1], kind: 'prefix' });
  }
  // A heading typed character by character asks thousands of keys: the answers stay those of a scan.
  for (let i = 0; i < 5000; i++) {
    const h = `what we gain ${'x'.repeat(i % 7)}${i}`;
    assert.deepEqual(bestMatch(h, a), linearBestMatch(h, a), h);
    assert.deepEqual(bestMatch('what we gain', a), { t: a[0], kind: 'exact' });
  }
});
