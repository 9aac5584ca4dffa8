// The stdio transport (server/src/lsp/stdio.ts): each message framed in one
// buffer, the messages of one turn in one write, messages read in the turn
// their bytes arrive, the process's end with its input, and what the process
// prints with `console` sent to the client's log instead of into the protocol.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { EventEmitter } from 'node:events';
import { documentSymbols, walkOutline } from '../../server/src/engine/features/symbols';
import { outlineJson, toSymbol } from '../../server/src/lsp/convert';
import { EncodedResult } from '../../server/src/lsp/encoded';
import { FrameReader, FrameWriter, type FrameSink } from '../../server/src/lsp/stdio';
import { analyzeText } from '../features/helpers';
import { headings } from './fixtures';
import { BROWSER_SERVER, TestClient } from './lspClient';

class Sink implements FrameSink {
  writes: Buffer[] = [];
  callbacks: ((error?: Error | null) => void)[] = [];
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean {
    this.writes.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.callbacks.push(callback);
    return true;
  }
  on(): this {
    return this;
  }
}

const frame = (msg: object) => {
  const body = JSON.stringify(msg);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

describe('FrameWriter', () => {
  it('writes the messages of one turn as their frames, in order, in one write', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const a = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [{ message: 'Décision manquante' }] } };
    const b = { jsonrpc: '2.0', method: 'deepDive/status', params: { uri: 'file:///a.md', version: 2 } };
    const sent = [w.write(a), w.write(b)];
    assert.equal(sink.writes.length, 0, 'nothing is written before the turn ends');
    await Promise.resolve();
    assert.equal(sink.writes.length, 1);
    // Content-Length counts the UTF-8 bytes of the body: 141 characters, "é" two bytes.
    assert.equal(sink.writes[0].toString('utf8'), frame(a) + frame(b));
    assert.match(sink.writes[0].toString('utf8'), /^Content-Length: 142\r\n\r\n/);
    sink.callbacks[0]();
    await Promise.all(sent);
  });

  it('writes messages of later turns in later writes', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const a = { jsonrpc: '2.0', id: 1, result: null };
    const b = { jsonrpc: '2.0', id: 2, result: [] };
    const first = w.write(a);
    await Promise.resolve();
    const second = w.write(b);
    await Promise.resolve();
    assert.deepEqual(sink.writes.map(String), [frame(a), frame(b)]);
    sink.callbacks.forEach((cb) => cb());
    await Promise.all([first, second]);
  });

  it('writes a large turn frame by frame, in order, resolving once the last is written', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const big = { jsonrpc: '2.0', id: 7, result: 'x'.repeat(300 * 1024) };
    const small = { jsonrpc: '2.0', method: 'deepDive/status', params: {} };
    let resolved = false;
    const sent = Promise.all([w.write(big), w.write(small)]).then(() => (resolved = true));
    await Promise.resolve();
    assert.equal(Buffer.concat(sink.writes).toString('utf8'), frame(big) + frame(small));
    assert.equal(sink.writes.length, 4, 'each header and body as it is (no copy of the large body)');
    sink.callbacks.slice(0, 3).forEach((cb) => cb());
    await new Promise((r) => setImmediate(r));
    assert.equal(resolved, false, 'not before the last write is done');
    sink.callbacks[3]();
    await sent;
  });

  it('rejects the messages of a failed write and reports each with a count', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const reported: [Error, unknown, number | undefined][] = [];
    w.onError((e) => reported.push(e));
    const a = { jsonrpc: '2.0', method: 'a' };
    const b = { jsonrpc: '2.0', method: 'b' };
    const sent = [w.write(a), w.write(b)];
    await Promise.resolve();
    sink.callbacks[0](new Error('EPIPE'));
    for (const p of sent) await assert.rejects(p, /EPIPE/);
    assert.deepEqual(reported.map(([e, m, n]) => [e.message, m, n]), [['EPIPE', a, 1], ['EPIPE', b, 2]]);
  });

  it('says when every message given so far has left, turns apart, and after a failed write too', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    let out = 0;
    const outAt = () => void w.written().then(() => out++);
    await w.written();
    const big = { jsonrpc: '2.0', id: 1, result: 'x'.repeat(300 * 1024) };
    const small = { jsonrpc: '2.0', method: 'deepDive/status', params: {} };
    const first = w.write(big);
    await Promise.resolve();
    const second = w.write(small);
    outAt();
    await Promise.resolve();
    assert.equal(sink.callbacks.length, 3, "the first turn's header and body, the second's frame");
    sink.callbacks.slice(0, 2).forEach((cb) => cb());
    await first;
    await new Promise((r) => setImmediate(r));
    assert.equal(out, 0, 'not while the later message is still being written');
    sink.callbacks[2](new Error('EPIPE'));
    await assert.rejects(second, /EPIPE/);
    await new Promise((r) => setImmediate(r));
    assert.equal(out, 1, 'once the last has left or failed');
  });
});

/** A stdin stand-in: chunks are emitted when the test says. */
class Source extends EventEmitter {
  send(chunk: Buffer | string): void {
    this.emit('data', Buffer.from(chunk));
  }
}

describe('FrameReader', () => {
  const read = () => {
    const source = new Source();
    const reader = new FrameReader(source);
    const got: unknown[] = [];
    const errors: string[] = [];
    reader.onError((e) => errors.push(e.message));
    reader.listen((m) => got.push(m));
    return { source, reader, got, errors };
  };

  it('hands on each message in the turn its last byte arrives, in order, however the bytes are cut', () => {
    const a = { jsonrpc: '2.0', method: 'textDocument/didChange', params: { text: 'Décision 設計 😀' } };
    const b = { jsonrpc: '2.0', id: 1, method: 'shutdown' };
    const bytes = Buffer.from(frame(a) + frame(b), 'utf8');
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const { source, got, errors } = read();
      source.send(bytes.subarray(0, cut));
      source.send(bytes.subarray(cut, cut + 3));
      source.send(bytes.subarray(cut + 3));
      assert.deepEqual(got, [a, b], `cut at ${cut}`);
      assert.deepEqual(errors, []);
    }
    const { source, got } = read();
    source.send(bytes.subarray(0, 30));
    assert.deepEqual(got, [], 'nothing before the body is complete');
    for (let i = 30; i < bytes.length; i++) source.send(bytes.subarray(i, i + 1));
    assert.deepEqual(got, [a, b], 'byte by byte, multi-byte characters split');
  });

  it('takes a Content-Type header in UTF-8 and any header case; notes a shutdown request', () => {
    const { source, reader, got } = read();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'shutdown' });
    assert.equal(reader.shutdownRequested, false);
    source.send(`content-length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`);
    assert.deepEqual(got, [JSON.parse(body)]);
    assert.equal(reader.shutdownRequested, true);
  });

  it('reports a frame it cannot read and goes on with the next one', () => {
    const { source, got, errors } = read();
    source.send('Content-Length: 5\r\n\r\n{nope');
    source.send(frame({ jsonrpc: '2.0', method: 'after' }));
    assert.deepEqual(got, [{ jsonrpc: '2.0', method: 'after' }]);
    assert.match(errors[0], /^A message is not JSON/);
    source.send('Content-Type: application/vscode-jsonrpc; charset=latin1\r\nContent-Length: 2\r\n\r\n{}');
    source.send('X-Nothing: 1\r\n\r\n{}');
    source.send('Content-Length: 1e3\r\n\r\n{}');
    assert.deepEqual(errors.slice(1), ['Messages must be UTF-8, got charset latin1.', 'A message header has no Content-Length.', 'Content-Length must be a number, got "1e3".']);
    source.send(frame({ jsonrpc: '2.0', method: 'still' }));
    assert.deepEqual(got.at(-1), { jsonrpc: '2.0', method: 'still' });
  });
});

describe('FrameWriter with an encoded result', () => {
  /** A document's outline as the LSP answer and as the EncodedResult the server sends over stdio. */
  const outline = (doc: string) => {
    const analysis = analyzeText(doc);
    const value = documentSymbols(analysis).map(toSymbol);
    return { value, encoded: () => new EncodedResult(outlineJson((v) => walkOutline(analysis, v)), () => value) };
  };
  const written = async (sink: Sink, sent: Promise<unknown>[]) => {
    await Promise.resolve();
    sink.callbacks.forEach((cb) => cb());
    await Promise.all(sent);
    return Buffer.concat(sink.writes).toString('utf8');
  };

  it('frames its parts as JSON.stringify frames the message with its value, part by part (numeric and string ids)', async () => {
    const { value, encoded } = outline(headings(2_000));
    for (const id of [7, 'req-é']) {
      const sink = new Sink();
      const result = encoded();
      assert.ok(result.parts.length > 1);
      assert.equal(await written(sink, [new FrameWriter(sink).write({ jsonrpc: '2.0', id, result } as never)]), frame({ jsonrpc: '2.0', id, result: value }));
      assert.equal(sink.writes.length, result.parts.length + 3, 'the header and the message around the parts, each part as it is');
    }
  });

  it('joins a small one with the other messages of the turn, in order, in one write', async () => {
    const { value, encoded } = outline('# Ledger\n\n## Mental Model\n\n### Entries\n');
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const status = { jsonrpc: '2.0', method: 'deepDive/status', params: { version: 1 } };
    const out = await written(sink, [w.write({ jsonrpc: '2.0', id: 1, result: encoded() } as never), w.write(status as never)]);
    assert.equal(sink.writes.length, 1);
    assert.equal(out, frame({ jsonrpc: '2.0', id: 1, result: value }) + frame(status));
  });

  it('is serialised as its value by any other writer, and by this one where the result is not the message\'s last member', async () => {
    const { value, encoded } = outline(headings(50));
    assert.equal(JSON.stringify({ result: encoded() }), JSON.stringify({ result: value }));
    const sink = new Sink();
    const out = await written(sink, [new FrameWriter(sink).write({ jsonrpc: '2.0', result: encoded(), id: 3 } as never)]);
    assert.equal(out, frame({ jsonrpc: '2.0', result: value, id: 3 }));
  });
});

describe('the server over stdio', { skip: BROWSER_SERVER && 'the browser server has no stdio' }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dd-stdio-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sends what the process prints with console to the client log, and keeps answering', async () => {
    const probe = path.join(dir, 'print.cjs');
    // A dependency printing to stdout once the server runs (the main thread only: workers have their own stdout).
    writeFileSync(probe, `if (require('node:worker_threads').isMainThread) setTimeout(() => { console.log('printed by a dependency', { a: 1 }); console.table([{ x: 1 }]); }, 0);\n`);
    const c = new TestClient({ NODE_OPTIONS: `--require ${probe}` });
    try {
      await c.initialize();
      await c.waitFor('the printed line in the log', () => c.logs.includes("printed by a dependency { a: 1 }"));
      await c.waitFor('the printed table in the log', () => c.logs.some((l) => /│ x │/.test(l)));
      c.open('file:///doc.md', '# Title\n\n## Overview\n\nText.\n');
      await c.analysed('file:///doc.md', 1);
    } finally {
      await c.stop();
    }
  });

  for (const shutdown of [true, false]) {
    it(`exits when its input ends, with ${shutdown ? '0 after a shutdown request' : '1 without a shutdown request'}`, async () => {
      const c = new TestClient();
      await c.initialize();
      if (shutdown) await c.conn.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => c.proc.once('exit', (code) => resolve(code)));
      c.proc.stdin!.end();
      assert.equal(await exited, shutdown ? 0 : 1);
      c.conn.dispose();
    });
  }
});
