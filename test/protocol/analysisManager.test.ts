// The analysis manager's publications, with the server around it replaced by
// recorders: a large publication that waits for the answers of the requests of
// its version is published after them, and never after something newer. The
// yield it waits on is held by the test, so the order is not left to timing.
import { strict as assert } from 'node:assert';
import { beforeEach, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildTemplate, parseChunk } from '../../server/src/engine';
import { AnalysisManager, LARGE_PUBLICATION } from '../../server/src/lsp/analysisManager';
import { toEffective } from '../../server/src/lsp/effective';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import type { Parser } from '../../server/src/node/runtime';
import { reference, TEMPLATE_PATH, TEMPLATE_TEXT } from '../robustness/harness';
import { headings } from './fixtures';

const uri = 'file:///ws/deep-dives/manager.md';
const template = buildTemplate(TEMPLATE_TEXT, TEMPLATE_PATH);
const parser = { parse: async (text: string) => parseChunk(text) } as unknown as Parser;
const LARGE = headings(7_000);
const SMALL = headings(60);

describe('AnalysisManager publications', () => {
  let docs: Map<string, TextDocument>;
  let published: { version: number | undefined; diagnostics: Diagnostic[] }[];
  let statuses: number[];
  let turns: (() => void)[];
  /** Each resolves when the test says the messages sent before it asked have left. */
  let writes: (() => void)[];
  let manager: AnalysisManager;
  /** Lets the publications waiting for a turn go on, then lets their continuations run. */
  const nextTurn = async () => {
    for (const go of turns.splice(0)) go();
    await new Promise((resolve) => setImmediate(resolve));
    for (const go of writes.splice(0)) go();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const open = (text: string, version: number) => docs.set(uri, TextDocument.create(uri, 'markdown', version, text));

  beforeEach(() => {
    docs = new Map();
    published = [];
    statuses = [];
    turns = [];
    writes = [];
    manager = new AnalysisManager({
      get: (u) => docs.get(u),
      effective: async (u) => toEffective(u, null, DEFAULT_SETTINGS, null, template),
      parser,
      publish: (_u, version, diagnostics) => published.push({ version, diagnostics }),
      status: (r) => statuses.push(r.version),
      log: (m) => assert.fail(m),
      yieldToEvents: () => new Promise<void>((resolve) => turns.push(resolve)),
      messagesWritten: () => new Promise<void>((resolve) => writes.push(resolve)),
    });
  });

  test('a large set asked for by a request is published once the request has its result, and equals a fresh analysis', async () => {
    assert.ok(reference(LARGE, uri).diagnostics.length >= LARGE_PUBLICATION);
    open(LARGE, 1);
    const result = await manager.current(uri);
    assert.equal(result?.version, 1);
    assert.deepEqual([published.length, statuses.length], [0, 0], 'nothing published while the request answers');
    await nextTurn();
    assert.deepEqual(published.map((p) => p.version), [1]);
    assert.deepEqual(published[0].diagnostics, reference(LARGE, uri).diagnostics);
    assert.deepEqual(statuses, [1]);
  });

  test('a large set waits for the turn the answers are sent in, then for their bytes to leave', async () => {
    open(LARGE, 1);
    await manager.current(uri);
    for (const go of turns.splice(0)) go();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 1, 'asks after the turn whether the messages have left');
    assert.deepEqual([published.length, statuses.length], [0, 0], 'nothing published while the answer is being written');
    writes.splice(0)[0]();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(published.map((p) => p.version), [1]);
    assert.deepEqual(statuses, [1]);
  });

  test('a newer version published first replaces the waiting one: nothing older goes out after it', async () => {
    open(LARGE, 1);
    await manager.current(uri);
    open(SMALL, 2);
    manager.schedule(uri, 0);
    await manager.current(uri);
    assert.deepEqual(published.map((p) => p.version), [2], 'the newer version, at once (a small set)');
    await nextTurn();
    assert.deepEqual(published.map((p) => p.version), [2]);
    assert.deepEqual(statuses, [2]);
    assert.deepEqual(published[0].diagnostics, reference(SMALL, uri).diagnostics);
  });

  test('closing the document drops the waiting publication', async () => {
    open(LARGE, 1);
    await manager.current(uri);
    docs.delete(uri);
    manager.close(uri);
    await nextTurn();
    assert.deepEqual(published, [{ version: undefined, diagnostics: [] }]);
    assert.deepEqual(statuses, []);
  });

  test('without a request waiting, or below the size, a version is published at once', async () => {
    open(LARGE, 1);
    manager.schedule(uri, 0);
    // Waits as the editor does, for the status, without a request.
    for (let turn = 0; statuses.length === 0; turn++) {
      assert.ok(turn < 100_000, 'the analysis never published its status');
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(published.map((p) => p.version), [1], 'no request waited: at once');
    open(SMALL, 2);
    await manager.current(uri);
    assert.deepEqual(published.map((p) => p.version), [1, 2], 'a request waited, but the set is small: at once');
    assert.deepEqual(turns.length, 0, 'nothing waits for a turn');
  });
});
