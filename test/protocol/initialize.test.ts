// initialize: answered from the client's parameters before the server itself is made
// (server/src/lsp/initialize.ts), the server made before the next message is read.
// Over stdio the server is a second bundle, dist/server-core.js, run only after the answer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { BROWSER_SERVER, SERVER } from './lspClient';

/** A message as received, loosely typed: the test reads what it expects of each. */
interface Received {
  id?: number;
  method?: string;
  params?: { uri: string; version: number; diagnostics: { code: string }[] };
  result?: { capabilities: { foldingRangeProvider?: boolean } } | unknown[];
  error?: unknown;
}

const frame = (msg: object) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/** Sends `messages` to dist/server.js --stdio in one write; resolves with what it sent once `until` holds. */
function exchange(messages: object[], until: (received: Received[]) => boolean): Promise<Received[]> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const received: Received[] = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`hang guard: got ${JSON.stringify(received).slice(0, 500)}; stderr: ${stderr}`));
    }, 20_000);
    new StreamMessageReader(child.stdout).listen((m) => {
      received.push(m as Received);
      if (!until(received)) return;
      clearTimeout(timer);
      child.kill();
      resolve(received);
    });
    child.stdin.write(messages.map(frame).join(''));
  });
}

const URI = 'file:///eager/doc.md';
const isDiagnostics = (m: Received) => m.method === 'textDocument/publishDiagnostics';

describe('initialize', { skip: BROWSER_SERVER && 'writes raw frames to the stdio server' }, () => {
  it('serves the messages a client sends right behind initialize, in the same write, in order', async () => {
    // A client that does not wait for the answer: the server is made before `initialized` and `didOpen` are read.
    const received = await exchange([
      { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } } },
      { method: 'initialized', params: {} },
      { method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: '---\ntemplate: deep-dive\n---\n# Title\n' } } },
      { id: 2, method: 'textDocument/foldingRange', params: { textDocument: { uri: URI } } },
    ], (r) => r.some((m) => m.id === 2) && r.some(isDiagnostics));
    assert.equal(received[0].id, 1, 'the initialize answer comes first');
    assert.equal((received[0].result as { capabilities: { foldingRangeProvider?: boolean } }).capabilities.foldingRangeProvider, true);
    const diagnostics = received.find(isDiagnostics)!.params!;
    assert.equal(diagnostics.uri, URI);
    assert.equal(diagnostics.version, 1);
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'missing-section'), JSON.stringify(diagnostics.diagnostics));
    const folding = received.find((m) => m.id === 2)!;
    assert.equal(folding.error, undefined);
    assert.ok(Array.isArray(folding.result));
  });
});
