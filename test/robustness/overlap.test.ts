// Cancellation and overlap: cancelled requests are still answered and leave the
// server working; bursts of changes never show an older version after a newer
// one and end on the diagnostics of the final text; closing or reopening a
// document while its analysis runs leaves nothing stale behind.
import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { completeDoc, withoutSection } from '../protocol/fixtures';
import type { TestClient } from '../protocol/lspClient';
import { tempWorkspace, type TempWorkspace } from './workspace';
import { applyAll, editArb, keystrokeArb, toNotifications, type Edit } from './edits';
import { analysed, HANG_GUARD_MS, normalise, reference, seedFor, SOAK, startServer, symbols, withTimeout } from './harness';

/** A deep dive well above the 256 KB structure-first threshold: its first analysis publishes twice. */
function largeDoc(): string {
  const base = withoutSection(completeDoc(), 'Tradeoffs');
  const filler = Array.from({ length: 2400 }, (_, i) => `Paragraph ${i} about quorum leases, fencing tokens and [links](https://example.com/${i}).\n\n- item *a* ${i}\n- item **b** ${i}\n\n`).join('');
  return base.replace('## Mental Model\n', `## Mental Model\n\n${filler}`);
}

const nondecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

describe('bursts of changes', () => {
  let c: TestClient;
  before(async () => (c = await startServer({ env: { DEEP_DIVE_PARSE_DEADLINE_MS: '120000' } })));
  after(() => c.stop());

  /** 100 didChange notifications from the random edit model, sent without waiting. */
  function burst(uri: string, from: { text: string; version: number }, seed: number, edits: fc.Arbitrary<Edit>, count = 100): { text: string; version: number } {
    let { text, version } = from;
    let sent = 0;
    for (const e of fc.sample(edits, { seed, numRuns: count * 2 })) {
      for (const changes of toNotifications(text, e)) {
        if (sent++ === count) return { text, version };
        c.change(uri, ++version, changes);
        text = applyAll(text, changes);
      }
    }
    return { text, version };
  }

  // Random edits (whole-document line-ending changes, unclosed fences...) on a normal document; keystrokes on
  // the large one, where every random edit re-parsing 300 KB per version would only measure the parser.
  const cases: { name: string; text: () => string; edits: fc.Arbitrary<Edit>; delay?: number }[] = [
    { name: 'normal document, random edits analysed on every change (delay 0)', text: completeDoc, edits: editArb },
    { name: 'normal document, random edits debounced (delay 150 ms)', text: completeDoc, edits: editArb, delay: 150 },
    { name: 'large document, keystrokes while its first analysis runs (structure-first publish, delay 150 ms)', text: largeDoc, edits: keystrokeArb, delay: 150 },
    // Once took 25-45 s: every version redid the whole-document work until one full analysis finished.
    // Soak mode adds bursts after the first analysis, where superseded versions are still parsed (docs/reliability.md).
    { name: 'large document, keystrokes while its first analysis runs, analysed on every change (delay 0)', text: largeDoc, edits: keystrokeArb },
  ];
  for (const [i, k] of cases.entries()) {
    test(`${k.name}: versions never go backwards, the final text's diagnostics stay`, async () => {
      const uri = `file:///ws/deep-dives/burst-${i}.md`;
      if (k.delay !== undefined) void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { diagnosticsDelay: k.delay } } });
      try {
        const text = k.text();
        c.open(uri, text);
        if (k.text !== largeDoc) await analysed(c, uri, 1);
        const seed = seedFor(`burst ${i}`);
        let current = { text, version: 1 };
        // Soak mode: ten bursts, each checked once it has settled.
        for (let r = 0; r < (SOAK ? 10 : 1); r++) {
          current = burst(uri, current, seed + r, k.edits);
          await analysed(c, uri, current.version);
          // documentSymbol waits for the full analysis of the current version (a large document first
          // publishes a structure-only result): afterwards the diagnostics shown are the final ones.
          const syms = await symbols(c, uri);
          const shown = c.current(uri);
          const published = (c.diagnostics.get(uri) ?? []).map((p) => p.version ?? -1);
          const statuses = c.statuses.filter((s) => s.uri === uri).map((s) => s.version);
          assert.ok(nondecreasing(published), `publishDiagnostics versions went backwards: ${published.join(',')}`);
          assert.ok(nondecreasing(statuses), `deepDive/status versions went backwards: ${statuses.join(',')}`);
          assert.equal(published.at(-1)! <= current.version, true);
          assert.deepEqual(normalise(shown, uri), normalise(reference(current.text, uri).diagnostics, uri), 'the diagnostics shown are those of the final text');
          assert.deepEqual(normalise(syms, uri), normalise(reference(current.text, uri).symbols, uri));
        }
      } finally {
        if (k.delay !== undefined) void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { diagnosticsDelay: 0 } } });
        c.close(uri);
      }
    });
  }
});

describe('cancellation', () => {
  let c: TestClient;
  // A chunk that keeps the analysis busy until its 4 s deadline, so requests wait on it.
  before(async () => (c = await startServer({ env: { DEEP_DIVE_PARSE_DEADLINE_MS: '4000' } })));
  after(() => c.stop());
  const SLOW = completeDoc().replace('## Change Safety\n', `## Change Safety\n\n${'>'.repeat(50_000)}\n`);

  /** Settles with the result, or with the error code of a rejected request. */
  const settle = (p: Promise<unknown>) => withTimeout(p.then((r) => ({ result: r }), (e: { code?: number }) => ({ error: e.code })), HANG_GUARD_MS, 'a cancelled request');

  test('$/cancelRequest on requests waiting for a slow analysis: each is still answered, the server keeps working', async (t) => {
    const uri = 'file:///ws/deep-dives/slow.md';
    c.open(uri, SLOW);
    const doc = { textDocument: { uri } };
    const pos = { line: 2, character: 0 };
    const sent: [string, unknown][] = [
      ['textDocument/documentSymbol', doc],
      ['textDocument/foldingRange', doc],
      ['textDocument/hover', { ...doc, position: pos }],
      ['textDocument/completion', { ...doc, position: pos }],
      ['textDocument/codeAction', { ...doc, range: { start: pos, end: pos }, context: { diagnostics: [] } }],
    ];
    const cancelled = sent.map(([method, params]) => {
      const source = new CancellationTokenSource();
      const p = c.conn.sendRequest(method, params, source.token);
      source.cancel();
      return settle(p);
    });
    // The same request, not cancelled, alongside: it gets the full answer.
    const kept = symbols(c, uri);
    const outcomes = await Promise.all(cancelled);
    t.diagnostic(outcomes.map((o, i) => `${sent[i][0]}: ${'error' in o ? `error ${o.error}` : 'result'}`).join('; '));
    for (const [i, outcome] of outcomes.entries()) {
      if ('error' in outcome) assert.equal(outcome.error, -32800, `${sent[i][0]} answered with RequestCancelled, not another error`);
    }
    const syms = await kept;
    assert.equal(syms[0]?.name, 'Rate Limiting');
    assert.ok(syms.length >= 11, 'the full outline: the title and the sections beside it');
    await analysed(c, uri, 1);
    // Still working: an edit is analysed, and a fresh request answered.
    c.change(uri, 2, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 6 } }, text: 'Fast' }]);
    await analysed(c, uri, 2);
    assert.equal((await symbols(c, uri))[0]?.name, 'Fast Limiting');
    c.close(uri);
  });

  test('a request cancelled before the server reads it is answered too', async () => {
    const uri = 'file:///ws/deep-dives/precancel.md';
    c.open(uri, completeDoc());
    const source = new CancellationTokenSource();
    source.cancel();
    const outcome = await settle(c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token));
    if ('error' in outcome) assert.equal(outcome.error, -32800);
    assert.equal((await symbols(c, uri))[0]?.name, 'Rate Limiting');
    c.close(uri);
  });
});

describe('closing and reopening while an analysis runs', () => {
  let ws: TempWorkspace;
  let c: TestClient;
  // A workspace folder, so the first analysis waits on reading .deepdive.json from disk.
  before(async () => {
    ws = tempWorkspace();
    c = await startServer({ rootUri: ws.uri, env: { DEEP_DIVE_PARSE_DEADLINE_MS: '120000' } });
  });
  after(async () => {
    await c.stop();
    ws.remove();
  });

  test('a large document closed right after opening gets no diagnostics after its close', async () => {
    const uri = ws.uriOf('deep-dives/closed.md');
    c.open(uri, largeDoc());
    c.close(uri);
    // Barrier: a second document's analysis waits on the same config read, then parses in a worker.
    const other = ws.uriOf('deep-dives/other.md');
    c.open(other, completeDoc());
    await analysed(c, other, 1);
    await symbols(c, other);
    const published = c.diagnostics.get(uri) ?? [];
    assert.deepEqual(published.at(-1)?.diagnostics ?? [], [], `last publish for the closed document: ${published.length} publishes, versions ${published.map((p) => p.version).join(',')}`);
    // The server may report the open document before it reads the close (its options come quickly); after the
    // close's empty publication, nothing more about it.
    const mine = c.received.filter((m) => m.uri === uri).map((m) => m.method);
    assert.deepEqual(mine.slice(mine.lastIndexOf('textDocument/publishDiagnostics') + 1), [], `no analysis reported after the close: ${mine.join(', ')}`);
    c.close(other);
  });

  test('reopening a document (same uri and version, new text) never shows the old text\'s diagnostics', async () => {
    const uri = ws.uriOf('deep-dives/reopened.md');
    c.open(uri, largeDoc());
    await analysed(c, uri, 1); // the structure-first result; the full parse is still running
    c.close(uri);
    const fresh = completeDoc();
    c.open(uri, fresh);
    // Barrier: another large document's parse queues behind the closed one's.
    const barrier = ws.uriOf('deep-dives/barrier.md');
    c.open(barrier, largeDoc().replace('Paragraph 1 ', 'Another paragraph 1 '));
    await symbols(c, barrier);
    await symbols(c, uri);
    assert.deepEqual(normalise(c.current(uri), uri), normalise(reference(fresh, uri).diagnostics, uri), 'the reopened text\'s diagnostics are shown last');
    c.close(uri);
    c.close(barrier);
  });
});

describe('protocol misuse', () => {
  test('changes and requests for unknown documents, out-of-range positions, bad parameters: answered, nothing crashes', async () => {
    const c = await startServer();
    try {
      const uri = 'file:///ws/deep-dives/misuse.md';
      const ghost = 'file:///ws/deep-dives/never-opened.md';
      c.change(ghost, 2, [{ text: 'x' }]);
      c.close(ghost);
      assert.deepEqual(await symbols(c, ghost), []);
      assert.deepEqual(await withTimeout(c.conn.sendRequest('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), HANG_GUARD_MS, 'hover'), null);
      c.open(uri, completeDoc());
      await analysed(c, uri, 1);
      // Far beyond the end, and a range whose end comes before its start.
      c.change(uri, 2, [{ range: { start: { line: 1_000_000, character: 5 }, end: { line: 1_000_000, character: 9 } }, text: '\n## Exercises\n' }]);
      c.change(uri, 3, [{ range: { start: { line: 3, character: 9_999 }, end: { line: 2, character: 0 } }, text: '' }]);
      await analysed(c, uri, 3);
      for (const position of [{ line: -1, character: -1 }, { line: 1_000_000, character: 0 }, { line: 0, character: 1_000_000 }]) {
        const doc = { textDocument: { uri } };
        await withTimeout(Promise.all([
          c.conn.sendRequest('textDocument/hover', { ...doc, position }),
          c.conn.sendRequest('textDocument/completion', { ...doc, position }),
          c.conn.sendRequest('textDocument/codeAction', { ...doc, range: { start: position, end: position }, context: { diagnostics: [] } }),
        ]).catch((e: { code?: number }) => assert.notEqual(e.code, undefined, 'a JSON-RPC error, not a dropped connection')), HANG_GUARD_MS, `requests at ${JSON.stringify(position)}`);
      }
      // Unknown methods and malformed parameters get errors, not silence.
      await assert.rejects(withTimeout(c.conn.sendRequest('deepDive/noSuchRequest', {}), HANG_GUARD_MS, 'unknown request'));
      const invalid = { code: -32602 };
      await assert.rejects(withTimeout(c.conn.sendRequest('deepDive/newDocument', { title: { not: 'a string' } }), HANG_GUARD_MS, 'newDocument with a bad title'), invalid);
      await assert.rejects(withTimeout(c.conn.sendRequest('workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: [42] }), HANG_GUARD_MS, 'command with a bad argument'), invalid);
      c.change(uri, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
      await analysed(c, uri, 4);
      assert.equal(c.proc.exitCode, null, 'server alive');
    } finally {
      await c.stop();
    }
  });

  test('a second didOpen of an open uri (a client error) replaces the document, and the new text is analysed', async () => {
    const c = await startServer();
    try {
      const uri = 'file:///ws/deep-dives/reopened-without-close.md';
      c.open(uri, completeDoc());
      await analysed(c, uri, 1);
      const before = c.statuses.length;
      const text = completeDoc().replace('- Core abstraction', '- Core [TODO] abstraction');
      c.open(uri, text, 1);
      await c.waitFor('analysis of the re-sent text', () => c.statuses.slice(before).some((s) => s.uri === uri), HANG_GUARD_MS);
      assert.deepEqual(c.current(uri).map((d) => d.code), ['placeholder']);
    } finally {
      await c.stop();
    }
  });
});
