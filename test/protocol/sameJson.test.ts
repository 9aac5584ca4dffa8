// sameJson decides whether a document's diagnostics changed since they were
// published (analysisManager.ts): a wrong "same" leaves the client showing stale
// findings, a wrong "different" re-sends them all.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { sameJson } from '../../server/src/lsp/sameJson';

const diagnostic = () => ({
  range: { start: { line: 3, character: 0 }, end: { line: 3, character: 12 } },
  severity: 2,
  code: 'empty-section',
  codeDescription: { href: 'https://example.com/docs/rules/empty-section.md' },
  source: 'deep-dive',
  message: "Section 'Heading 3' is empty.",
  data: { section: 'Heading 3', depth: 4 },
});

describe('sameJson', () => {
  test('equal values built apart are the same; any changed member, nested or not, is not', () => {
    assert.ok(sameJson([diagnostic(), diagnostic()], [diagnostic(), diagnostic()]));
    const changes: ((d: ReturnType<typeof diagnostic>) => void)[] = [
      (d) => (d.range.end.character = 13),
      (d) => (d.range.start.line = 4),
      (d) => (d.severity = 3),
      (d) => (d.message += ' '),
      (d) => (d.data.depth = 5),
      (d) => ((d.data as Record<string, unknown>).extra = 0),
      (d) => delete (d as Partial<typeof d>).data,
    ];
    for (const change of changes) {
      const d = diagnostic();
      change(d);
      assert.equal(sameJson([diagnostic(), d], [diagnostic(), diagnostic()]), false, JSON.stringify(d));
      assert.equal(sameJson([diagnostic(), diagnostic()], [diagnostic(), d]), false, JSON.stringify(d));
    }
  });

  test('lists of other lengths or order differ; an empty list is the same as an empty list only', () => {
    const a = diagnostic();
    const b = { ...diagnostic(), message: 'other' };
    assert.equal(sameJson([a], [a, a]), false);
    assert.equal(sameJson([a, b], [b, a]), false);
    assert.ok(sameJson([], []));
    assert.equal(sameJson([], [a]), false);
    assert.equal(sameJson([], {}), false);
  });

  test('as JSON.stringify writes them: undefined members are absent, member order is not compared, types are', () => {
    assert.ok(sameJson({ a: 1, b: undefined }, { a: 1 }));
    assert.ok(sameJson({ a: 1 }, { a: 1, b: undefined }));
    assert.ok(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }));
    assert.equal(sameJson({ a: 1 }, { a: '1' }), false);
    assert.equal(sameJson({ a: null }, { a: {} }), false);
    assert.equal(sameJson({ a: null }, {}), false);
    assert.equal(sameJson({ 0: 'x' }, ['x']), false);
    assert.equal(sameJson(['x'], { 0: 'x' }), false);
  });
});
