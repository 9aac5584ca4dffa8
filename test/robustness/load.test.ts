// Load a repository or a client can put on the server stays proportionate:
// settings pulled once per folder, identical workspace/symbol requests sharing
// one walk, only markdown documents analysed, and malformed requests answered
// with InvalidParams in plain words. Against the bundled server.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { completeDoc } from '../protocol/fixtures';
import { SERVER, TestClient } from '../protocol/lspClient';
import { alive, analysed, HANG_GUARD_MS, startServer, symbols, withTimeout } from './harness';
import { tempWorkspace, type TempWorkspace } from './workspace';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function workspace(files: Record<string, string>): TempWorkspace {
  const ws = tempWorkspace(files);
  cleanup.push(() => ws.remove());
  return ws;
}

function track(c: TestClient): TestClient {
  cleanup.push(() => (alive(c) ? c.stop() : undefined));
  return c;
}

/**
 * Sends raw JSON-RPC requests (a client library cannot send `params: null`)
 * after the initialize handshake; resolves with the responses by id.
 */
async function rawRequests(requests: { method: string; params: unknown }[]): Promise<Map<number, { result?: unknown; error?: { code: number; message: string } }>> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  cleanup.push(() => void proc.kill());
  const send = (msg: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  };
  const responses = new Map<number, { result?: unknown; error?: { code: number; message: string } }>();
  let buffer = Buffer.alloc(0);
  const done = new Promise<void>((resolve) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const head = buffer.indexOf('\r\n\r\n');
        if (head < 0) break;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
        if (buffer.length < head + 4 + length) break;
        const msg = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString()) as { id?: number; result?: unknown; error?: { code: number; message: string }; method?: string };
        buffer = buffer.subarray(head + 4 + length);
        if (msg.id === 0 && msg.method === undefined) {
          send({ method: 'initialized', params: {} });
          requests.forEach((r, i) => send({ id: i + 1, method: r.method, params: r.params }));
        } else if (typeof msg.id === 'number' && msg.method === undefined) responses.set(msg.id, msg);
        if (responses.size === requests.length) resolve();
      }
    });
  });
  send({ id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  await withTimeout(done, HANG_GUARD_MS, 'the raw responses');
  return responses;
}

describe('malformed requests', () => {
  test('null, missing or ill-typed params get InvalidParams with a plain message, and the server stays up', async () => {
    const uri = { textDocument: { uri: 'file:///ws/a.md' } };
    const cases: [string, unknown, string][] = [
      ['workspace/executeCommand', null, 'workspace/executeCommand: params must be an object'],
      ['workspace/executeCommand', 7, 'workspace/executeCommand: params must be an object'],
      ['workspace/executeCommand', { command: 5 }, 'workspace/executeCommand: params.command must be a command name'],
      ['workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: 'file:///ws/a.md' }, 'workspace/executeCommand: params.arguments must be an array'],
      ['workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: [{ uri: 42 }] }, 'deepDive.insertMissingSections takes a document URI (or {uri}) as its argument'],
      ['workspace/executeCommand', { command: 'rm -rf' }, 'workspace/executeCommand: unknown command "rm -rf"'],
      ['textDocument/documentSymbol', null, 'textDocument/documentSymbol: params must be an object'],
      ['textDocument/hover', { textDocument: 5, position: { line: 0, character: 0 } }, 'textDocument/hover: params.textDocument.uri must be a string'],
      ['textDocument/completion', { ...uri, position: 'start' }, 'textDocument/completion: params.position must be a {line, character} position'],
      ['textDocument/codeAction', { ...uri, range: null, context: {} }, 'textDocument/codeAction: params.range must be a {start, end} range'],
      ['workspace/symbol', null, 'workspace/symbol: params must be an object'],
      ['workspace/symbol', { query: 1 }, 'workspace/symbol: params.query must be a string'],
      ['deepDive/newDocument', null, 'deepDive/newDocument: params must be an object'],
      ['deepDive/newDocument', { title: [] }, 'deepDive/newDocument: params.title, params.uri and params.template must be strings, params.snippet a boolean'],
    ];
    const responses = await rawRequests([...cases.map(([method, params]) => ({ method, params })), { method: 'deepDive/newDocument', params: { title: 'Still answering' } }]);
    cases.forEach(([method, params, message], i) => {
      assert.deepEqual(responses.get(i + 1)?.error, { code: -32602, message }, `${method} ${JSON.stringify(params)}`);
    });
    assert.match((responses.get(cases.length + 1)?.result as { text: string }).text, /^## Title: Still answering/);
  });
});

describe('load', () => {
  test('workspace/configuration: once per folder for hundreds of documents, once more after a settings change; closing them keeps nothing per document', async () => {
    const ws = workspace({});
    const c = track(new TestClient());
    let asked = 0;
    c.configurationAnswer = (items) => items.map(() => (asked++, {}));
    await c.initialize({ configuration: true, rootUri: ws.uri, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
    const uris = Array.from({ length: 300 }, (_, i) => ws.uriOf(`deep-dives/${i}.md`));
    for (const uri of uris) c.open(uri, '# A\n');
    for (const uri of uris) await analysed(c, uri, 1);
    assert.equal(asked, 1);
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('the re-check', () => asked === 2 && uris.every((u) => c.statuses.filter((s) => s.uri === u).length >= 2));
    for (const uri of uris) c.close(uri);
    // A new document in the same folder after all were closed: the folder's settings, not a new pull.
    const last = ws.uriOf('deep-dives/last.md');
    c.open(last, '# A\n');
    await analysed(c, last, 1);
    assert.equal(asked, 2);
    // deepDive/newDocument for any URI a client names: no settings kept for it.
    for (let i = 0; i < 50; i++) await c.conn.sendRequest('deepDive/newDocument', { uri: `file:///elsewhere/${i}.md` });
    assert.equal(asked, 3, 'one pull for everything outside the folders');
  });

  test('identical workspace/symbol requests in flight share one walk', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`deep-dives/d${i}.md`] = completeDoc().replace('## Title: ', `## Title: Number ${i} `);
    const ws = workspace(files);
    const c = track(await startServer({ rootUri: ws.uri, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'guard.cjs')}`.trim() } }));
    const answers = await withTimeout(Promise.all(Array.from({ length: 50 }, () => c.conn.sendRequest('workspace/symbol', { query: 'Mental' }))), HANG_GUARD_MS, '50 symbol requests');
    for (const a of answers) assert.deepEqual(a, answers[0]);
    assert.ok((answers[0] as unknown[]).length >= 60, 'every file answered');
    const walksOfRoot = c.stderr.split('\n').filter((l) => l.startsWith('[guard] read readdir ') && l.includes(JSON.stringify(ws.dir))).length;
    assert.equal(walksOfRoot, 1, 'the workspace folder was listed once');
    // A later request walks again (files may have changed).
    await c.conn.sendRequest('workspace/symbol', { query: 'Mental' });
    assert.equal(c.stderr.split('\n').filter((l) => l.startsWith('[guard] read readdir ') && l.includes(JSON.stringify(ws.dir))).length, 2);
  });

  test('a document that is not markdown (languageId) is not analysed', async () => {
    const c = track(await startServer());
    const uri = 'file:///ws/deep-dives/not-markdown.md';
    void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: completeDoc() } });
    const md = 'file:///ws/deep-dives/markdown.md';
    c.open(md, completeDoc());
    await analysed(c, md, 1);
    assert.equal((await symbols(c, md)).length > 0, true);
    assert.deepEqual(await symbols(c, uri), []);
    assert.equal(c.status(uri), undefined, 'no status for it');
    assert.equal(c.diagnostics.get(uri), undefined, 'no diagnostics for it');
  });
});
