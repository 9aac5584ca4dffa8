// The session's analysis memo (engine/memo.ts): rule results of unchanged text
// reused from the last version. The memo itself (found by text, only what the
// last analysis used kept), and a session typing through guidance, fences and
// labelled lists whose findings equal, at every version, an analysis of the
// same text without any memo (the whole-body reading the CLI does).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createDocumentSession, newDocument, parseChunk, type CheckOptions, type DocumentSnapshot, type Finding } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import type { TemplateMatch } from '../../server/src/engine/match';
import { chunkShift, type TextShift } from '../../server/src/engine/document';
import { SpanMemo, TextMemo } from '../../server/src/engine/memo';
import { template } from './helpers';
import { completeDoc } from '../protocol/fixtures';

const shiftOf = (from: number, to: number, delta: number): TextShift => ({ from, to, delta });

describe('TextMemo', () => {
  test('finds a value by equal text and by what it accepts; the next analysis keeps only what the last one used', () => {
    const memo = new TextMemo<number>();
    const doc = 'alpha beta gamma';
    memo.set(doc.slice(0, 5), 0, 1);
    memo.set('gamma', 11, 2);
    memo.set('gamma', 11, 3);
    assert.equal(memo.get('alpha', 0, () => true), 1);
    assert.equal(memo.get('gamma', 11, (v) => v === 3), 3);
    assert.equal(memo.get('delta', 11, () => true), undefined);
    assert.equal(memo.get('alpha', 0, (v) => v === 2), undefined);
    // Nothing known unchanged: found by text only, wherever it stands now.
    memo.begin(shiftOf(0, Infinity, 0));
    // Only 'alpha' and the gamma that was 3 were asked for since they were set.
    assert.equal(memo.get('alpha', 40, () => true), 1);
    memo.begin(shiftOf(0, Infinity, 0));
    assert.equal(memo.get('alpha', 7, () => true), 1);
    assert.equal(memo.get('gamma', 11, () => true), undefined);
  });

  test('a stretch the edit left alone is found by where it stands, without its text compared', () => {
    const memo = new TextMemo<string>();
    memo.set('first', 0, 'one');
    memo.set('third', 20, 'three');
    // An edit in [10, 15) that added 4 characters: 'first' stayed, 'third' moved to 24.
    memo.begin(shiftOf(10, 19, 4));
    // Found by place even though the text given differs: the place says it is unchanged.
    assert.equal(memo.get('FIRST', 0, () => true), 'one');
    assert.equal(memo.get('THIRD', 24, () => true), 'three');
    // Not where it stood, nor overlapping the edit: only its text finds it.
    assert.equal(memo.get('THIRD', 20, () => true), undefined);
    assert.equal(memo.get('third', 2, () => true), 'three');
  });
});

describe('SpanMemo', () => {
  test('a value is found again for its stretch before the edit, or after it moved; never across the edit', () => {
    const memo = new SpanMemo<string>();
    memo.set(0, 10, 'head');
    memo.set(10, 20, 'middle');
    memo.set(30, 40, 'tail');
    memo.set(30, 35, 'tail start');
    memo.set(40, 45, 'not asked again');
    memo.begin(shiftOf(12, 18, -2));
    assert.equal(memo.get(0, 10, () => true), 'head');
    assert.equal(memo.get(10, 20, () => true), undefined);
    assert.equal(memo.get(28, 38, () => true), 'tail');
    assert.equal(memo.get(28, 33, () => true), 'tail start');
    assert.equal(memo.get(28, 37, () => true), undefined, 'same start, other end');
    assert.equal(memo.get(30, 40, () => true), undefined, 'where it stood before the edit moved it');
    assert.equal(memo.get(0, 10, (v) => v !== 'head'), undefined);
    // The next analysis finds only what this one used.
    memo.begin(shiftOf(50, 50, 0));
    assert.equal(memo.get(0, 10, () => true), 'head');
    assert.equal(memo.get(28, 38, () => true), 'tail');
    assert.equal(memo.get(38, 43, () => true), undefined);
  });
});

describe('chunkShift', () => {
  const facts = () => ({ blocks: [], brackets: [], definitions: [], comments: [], unclosedAtEnd: false });
  const [a, b, c, d, e] = [facts(), facts(), facts(), facts(), facts()];
  test('the chunks both versions begin and end with bound the stretch that may have changed', () => {
    const before = [{ start: 0, facts: a }, { start: 10, facts: b }, { start: 20, facts: c }, { start: 30, facts: d }];
    // b re-read as e, 3 characters longer: c and d moved by 3.
    const after = [{ start: 0, facts: a }, { start: 10, facts: e }, { start: 23, facts: c }, { start: 33, facts: d }];
    assert.deepEqual(chunkShift(before, 40, after, 43), { from: 10, to: 23, delta: 3 });
    // The same facts at a place the length change does not explain are not the same chunk.
    const moved = [{ start: 0, facts: a }, { start: 10, facts: e }, { start: 22, facts: c }, { start: 33, facts: d }];
    assert.deepEqual(chunkShift(before, 40, moved, 43), { from: 10, to: 33, delta: 3 });
    // A chunk of the head whose end moved (the next chunk starts elsewhere) is not the same chunk.
    const grown = [{ start: 0, facts: a }, { start: 12, facts: e }, { start: 23, facts: c }, { start: 33, facts: d }];
    assert.deepEqual(chunkShift(before, 40, grown, 43), { from: 0, to: 23, delta: 3 });
    // Unchanged: nothing may have changed.
    assert.deepEqual(chunkShift(before, 40, before, 40), { from: 40, to: 40, delta: 0 });
    // Nothing in common.
    assert.deepEqual(chunkShift(before, 40, [{ start: 0, facts: e }], 5), { from: 0, to: 5, delta: -35 });
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

/** Every finding in full (range and data too). */
const full = (findings: Finding[]) => findings.map((f) => JSON.stringify([f.code, f.range, f.message, f.data ?? null]));

/** A session given one version after another: each version's snapshot, whose findings must equal an analysis without the memo. */
function checkedSession(): (text: string) => DocumentSnapshot {
  const session = createDocumentSession(OPTIONS);
  let version = 0;
  return (t) => {
    const pending = session.update(t, ++version);
    for (let round = 0; round < 10 && pending.missing().length; round++) for (const c of pending.missing()) session.provide(c, parseChunk(c));
    const snap = pending.complete();
    assert.deepEqual(full(snap.findings), full(analyze(parseDocument(t), template, OPTIONS).findings), `version ${version}`);
    return snap;
  };
}

describe('analysis memo across sections', () => {
  // Section B's findings (an incomplete scenario, guidance left in a subsection, a diagram
  // missing) are kept while B's text is unchanged; edits elsewhere change them all the same.
  const written = 'A ledger of leases, renewed by heartbeats; a fencing token orders writers.\n';
  const startText = () => newDocument(template, 'Ledger')
    .replace(/## Mental Model\n[^]*?\n---\n/, `## Mental Model\n\n${written}\n---\n`)
    .replace(/### Common Failure Scenarios\n[^]*?\n### Overload/, '### Common Failure Scenarios\n1. **Scenario**: split brain\n   - **Impact**: two leaders\n   - **Detection**: token mismatch\n\n### Overload');
  const inB = (text: string, findings: Finding[]) => {
    const line = text.slice(0, text.indexOf('## Failure Modes')).split('\n').length - 1;
    return new Set(findings.filter((f) => f.range.start.line >= line && f.code !== 'duplicate-section').map((f) => f.code));
  };

  test('an edit in one section changes the findings of another whose text it left alone', () => {
    const complete = checkedSession();
    const step = (t: string) => inB(t, complete(t).findings);
    const start = startText();
    const before = step(start);
    assert.ok(['incomplete-item', 'unfilled-guidance'].every((c) => before.has(c)), [...before].join(', '));
    // Typed in the section above: B moves by a character, then by a line.
    let text = start.replace(written, `${written.trimEnd()} More\n`);
    assert.deepEqual(step(text), before);
    text = text.replace(' More\n', ' More\n\nAnother line.\n');
    assert.deepEqual(step(text), before);
    // A fence opened above and never closed: B is code, its findings go.
    const fenced = text.replace('Another line.\n', 'Another line.\n```\n');
    assert.ok(!step(fenced).has('incomplete-item'));
    assert.deepEqual(step(text), before);
    // B's title written above: the first one is the section, B a duplicate of it.
    const duplicated = text.replace('Another line.\n', 'Another line.\n\n## Failure Modes & Blast Radius\n\nOur own words.\n');
    assert.notDeepEqual(step(duplicated), before);
    assert.deepEqual(step(text), before);
    // The section after B loses its heading: B now runs on over its text.
    const merged = text.replace('## Observability Contract\n', 'Observability, in a paragraph.\n');
    step(merged);
    assert.deepEqual(step(text), before);
  });

  test('an edit that keeps every section where it stands is read again where it falls', () => {
    const complete = checkedSession();
    const step = (t: string) => complete(t).findings.map((f) => f.message);
    const start = startText().replace('## Mental Model\n', '## Mental Models\n').replace('## Failure Modes & Blast Radius\n', '## Failure Modes\n');
    const messages = step(start);
    // Same-length edits in B: a label swapped, guidance answered (letters replaced).
    const swapped = start.replace('   - **Detection**: token mismatch', '   - **Recovery**:  token mismatch');
    assert.notDeepEqual(step(swapped), messages);
    const cascading = /### Cascading Failures\n([^]*?)\n\n/.exec(start)![1];
    const answered = start.replace(cascading, cascading.replace(/[a-z]/gi, 'z'));
    assert.notDeepEqual(step(answered), messages);
    assert.deepEqual(step(start), messages);
    // A heading put before the paragraph that outweighs the guidance in B's last subsection: the
    // subsection now ends there, at the same start, and is mostly guidance.
    const paragraph = 'Cascades stop at the cell boundary: each cell sheds its own load first. '.repeat(3);
    const own = start.replace(cascading, `${cascading}\n\n${paragraph}`);
    const ownMessages = step(own);
    assert.notDeepEqual(step(own.replace(paragraph, `### Notes\n\n${paragraph}`)), ownMessages);
    assert.deepEqual(step(own), ownMessages);
    // A's title renamed in place to B's: A is the section, B a duplicate of it.
    assert.notDeepEqual(step(start.replace('## Mental Models\n', '## Failure Modes\n')), messages);
    assert.deepEqual(step(start), messages);
  });
});

describe('guidance shares kept by index while the headings stay', () => {
  // While the match is the last one moved, a section's share is the last analysis's, by the
  // assignment's index, unless its span holds the stretch the edit changed.
  test('typed into one subsection until it is written, then deleted key by key: every version equals an analysis without the memo', () => {
    const complete = checkedSession();
    const guidance = '- How can failures propagate?\n- What prevents cascades?\n- What makes cascades worse?\n\nNotes.\n';
    const start = completeDoc().replace(/(### Cascading Failures\n)[^]*?(?=\n---)/, `$1${guidance}`);
    const at = start.indexOf('Notes.') + 'Notes.'.length;
    const typed = ' Each cell sheds its own load first and retries go to the next region only';
    const unfilled = (t: string) => complete(t).findings.filter((f) => f.code === 'unfilled-guidance').map((f) => f.message);
    const before = unfilled(start);
    assert.ok(before.some((m) => m.includes('Cascading Failures')), before.join('\n'));
    const seen = new Set<string>();
    for (let i = 1; i <= typed.length; i++) seen.add(unfilled(start.slice(0, at) + typed.slice(0, i) + start.slice(at)).join('\n'));
    for (let i = typed.length - 1; i >= 0; i--) seen.add(unfilled(start.slice(0, at) + typed.slice(0, i) + start.slice(at)).join('\n'));
    // The subsection was written for a while (its finding gone, the others kept), and is guidance again at the end.
    assert.ok(seen.has(''), [...seen].join('\n---\n'));
    assert.deepEqual(unfilled(start), before);
  });
});

describe('match reused while the headings stay', () => {
  const shape = (m: TemplateMatch) => ({
    title: m.title && [m.title.start, m.title.range],
    assignments: m.assignments.map((a) => [a.template.title, a.templateParent?.title, a.section.start, a.section.end, a.section.heading.range, a.kind, a.levelOk, a.duplicate, a.order?.after?.section.start, a.order?.before?.section.start]),
    bySection: [...m.bySection].map(([s, a]) => [s.start, m.assignments.indexOf(a)]),
    primary: [...m.primary].map(([t, a]) => [t.title, m.assignments.indexOf(a)]),
    missing: m.missing.map((t) => t.title),
    missingChildren: [...m.missingChildren].map(([a, ts]) => [m.assignments.indexOf(a), ts.map((t) => t.title)]),
  });

  test('typing moves the last match onto the new sections; a heading renamed or re-levelled in place is matched again', () => {
    const complete = checkedSession();
    const step = (t: string) => {
      const match = complete(t).analysis!.match;
      // Every match refers to this model's sections, and equals a fresh one.
      assert.deepEqual(shape(match), shape(analyze(parseDocument(t), template, OPTIONS).match));
      return match;
    };
    // Tradeoffs written before Security Boundaries: out of order, so the moved match carries `order` too.
    let text = newDocument(template, 'Ledger').replace(/(## Security Boundaries\n[^]*?)(## Tradeoffs\n[^]*?)(## Operational)/, '$2$1$3');
    const first = step(text);
    assert.ok(first.assignments.some((a) => a.order), 'some section out of order');
    text = text.replace('- Core abstraction', '- Core abstraction, typed');
    step(text);
    text = text.replace('- Core abstraction, typed', '- Core abstraction, typed\n\nAnd a paragraph.');
    step(text);
    // As many sections, at the same levels: another template section's title.
    step(text.replace('## Tradeoffs\n', '## Exercises\n'));
    // As many sections, with the same titles: another level.
    step(text.replace('### Rollout Strategy\n', '#### Rollout Strategy\n'));
    step(text);
  });
});

