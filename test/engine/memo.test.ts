// The session's analysis memo (engine/memo.ts): rule results of unchanged text
// reused from the last version. The memo itself (found by text, only what the
// last analysis used kept), and a session typing through guidance, fences and
// labelled lists whose findings equal, at every version, an analysis of the
// same text without any memo (the whole-body reading the CLI does).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createDocumentSession, newDocument, parseChunk, type CheckOptions } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import { TextMemo } from '../../server/src/engine/memo';
import { template } from './helpers';

describe('TextMemo', () => {
  test('finds a value by equal text and by what it accepts; a sweep keeps only what the last analysis used', () => {
    const memo = new TextMemo<number>();
    const doc = 'alpha beta gamma';
    memo.set(doc.slice(0, 5), 1);
    memo.set('gamma', 2);
    memo.set('gamma', 3);
    assert.equal(memo.get('alpha', () => true), 1);
    assert.equal(memo.get('gamma', (v) => v === 3), 3);
    assert.equal(memo.get('delta', () => true), undefined);
    assert.equal(memo.get('alpha', (v) => v === 2), undefined);
    memo.sweep();
    // Only 'alpha' and the gamma that was 3 were asked for since they were set.
    assert.equal(memo.get('alpha', () => true), 1);
    memo.sweep();
    assert.equal(memo.get('alpha', () => true), 1);
    assert.equal(memo.get('gamma', () => true), undefined);
  });
});

const OPTIONS: CheckOptions = { template, rules: {}, force: true };
const filler = (n: number, word: string) => Array.from({ length: n }, (_, i) => `Paragraph ${i} on ${word} leases and fencing tokens, renewed before expiry.`).join('\n\n');

/** A new document from the template with long written sections around the guidance, so sections span many memo blocks. */
function startText(): string {
  return newDocument(template, 'Ledger')
    .replace('## Internals & Architecture\n', `## Internals & Architecture\n\n${filler(60, 'internal')}\n`)
    // Guidance wrapped over lines, read as such only outside a fence: blocks after an opened fence read differently.
    .replace('### Rollout Strategy\n', `### Rollout Strategy\n\n${'- How to deploy\n  changes safely?\n\n'.repeat(600)}`)
    .replace('### Common Failure Scenarios\n', `### Common Failure Scenarios\n\n${filler(60, 'failure')}\n\n1. **Scenario**: split brain\n   - **Impact**: two leaders\n   - **Detection**: fencing token mismatch\n   - **Recovery**: demote the stale leader\n\n`);
}

function withoutMemo(text: string) {
  return analyze(parseDocument(text), template, OPTIONS).findings.map((f) => [f.code, f.range.start.line, f.message]);
}

describe('analysis memo in a session', () => {
  test('every version, typed or pasted, has the findings of an analysis without the memo', () => {
    let text = startText();
    const edits: [string, string][] = [
      // Guidance replaced by the author's own text, then restored.
      ['- Core abstraction\n- Key invariants\n- Critical paths\n', 'A lease table, renewed by heartbeats; a fencing token orders every writer. The leader holds it.\n'],
      ['A lease table, renewed by heartbeats; a fencing token orders every writer. The leader holds it.\n', '- Core abstraction\n- Key invariants\n- Critical paths\n'],
      // A fence opened and never closed inside the long section, then closed.
      ['Paragraph 30 on internal', '```\nParagraph 30 on internal'],
      ['Paragraph 40 on internal', '```\nParagraph 40 on internal'],
      // A fence opened at the top of a subsection of several blocks, closed at its end, then removed.
      ['### Rollout Strategy\n\n', '### Rollout Strategy\n\n```\n'],
      ['- How to deploy changes safely?', '```\n- How to deploy changes safely?'],
      ['### Rollout Strategy\n\n```\n', '### Rollout Strategy\n\n'],
      ['```\n- How to deploy changes safely?', '- How to deploy changes safely?'],
      // A labelled line dropped from a scenario, then written back.
      ['   - **Recovery**: demote the stale leader\n', ''],
      ['   - **Detection**: fencing token mismatch\n', '   - **Detection**: fencing token mismatch\n   - **Recovery**: demote the stale leader\n'],
      // A heading inside a list item: its stretch joins the next mid-line.
      ['Paragraph 10 on failure', '- ### Nested heading\n  Paragraph 10 on failure'],
    ];
    const session = createDocumentSession(OPTIONS);
    const step = (t: string, version: number) => {
      const pending = session.update(t, version);
      for (let round = 0; round < 10 && pending.missing().length; round++) for (const c of pending.missing()) session.provide(c, parseChunk(c));
      return pending.complete();
    };
    let version = 1;
    let snap = step(text, version);
    assert.deepEqual(snap.findings.map((f) => [f.code, f.range.start.line, f.message]), withoutMemo(text));
    const codes = new Set<string>();
    for (const [from, to] of edits) {
      assert.ok(text.includes(from), from);
      text = text.replace(from, to);
      snap = step(text, ++version);
      const expected = withoutMemo(text);
      assert.deepEqual(snap.findings.map((f) => [f.code, f.range.start.line, f.message]), expected, `after '${from.slice(0, 30)}' -> '${to.slice(0, 30)}'`);
      for (const [code] of expected) codes.add(String(code));
      // Typing one character at a time into the long section keeps agreeing too.
      for (const ch of ' ok.') {
        text = text.replace('Paragraph 50 on internal', `Paragraph 50 on internal${ch}`);
        snap = step(text, ++version);
        assert.deepEqual(snap.findings.map((f) => [f.code, f.range.start.line, f.message]), withoutMemo(text));
      }
    }
    // The sequence went through the findings the memo serves.
    assert.ok(codes.has('unfilled-guidance') && codes.has('incomplete-item'), [...codes].join(', '));
  });
});
