// initialize: answered from the client's parameters before the server itself is made
// (server/src/lsp/initialize.ts), the server made before the next message is read.
// Over stdio dist/server.js answers it before loading vscode-languageserver at all
// (server/src/lsp/firstMessage.ts) and hands what it read to the library's connection;
// the server is a further bundle, dist/server-core.js, run only after the answer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type Message } from 'vscode-languageserver/node';
import { answerFirstInitialize, initializeAnswer, type StartInput } from '../../server/src/lsp/firstMessage';
import { initializeResult } from '../../server/src/lsp/initialize';
import { FrameReader, FrameWriter, type FrameSink } from '../../server/src/lsp/stdio';
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

/** An initialize request with multi-byte UTF-8 characters in its body, and what a client sends right behind it. */
const PARAMS = {
  processId: null, rootUri: null, capabilities: { general: { positionEncodings: ['utf-16'] } },
  clientInfo: { name: 'Éditeur 設計 😀' }, initializationOptions: { documentSymbols: false, settings: { deepDive: { diagnosticsDelay: 0 } } },
} as InitializeParams;
const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: PARAMS };
const BEHIND = [
  { jsonrpc: '2.0', method: 'initialized', params: {} },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: '---\ntemplate: deep-dive\n---\n# Décision 😀\n' } } },
  { jsonrpc: '2.0', id: 2, method: 'textDocument/foldingRange', params: { textDocument: { uri: URI } } },
];
const rawFrame = (msg: object) => {
  const body = JSON.stringify(msg);
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'utf8');
};
const INPUT = Buffer.concat([INITIALIZE, ...BEHIND].map(rawFrame));

/** A stdin stand-in: chunks arrive when the test says; counts pause() and resume(). */
class Stdin extends EventEmitter {
  paused = 0;
  resumed = 0;
  pause(): this {
    this.paused++;
    return this;
  }
  resume(): this {
    this.resumed++;
    return this;
  }
  send(chunk: Buffer | string): void {
    this.emit('data', Buffer.from(chunk));
  }
}

/** The start-up reader on a stand-in stdin, handing over to stdio.ts's FrameReader as dist/server.js does. */
function startUp() {
  const stdin = new Stdin();
  const written: Buffer[] = [];
  const inputs: StartInput[] = [];
  const got: Message[] = [];
  const errors: string[] = [];
  let answeredBeforeHandOver: boolean | undefined;
  let closed = 0;
  answerFirstInitialize(stdin, { write: (chunk) => written.push(Buffer.from(chunk)) }, (input) => {
    answeredBeforeHandOver = written.length > 0;
    inputs.push(input);
    const reader = new FrameReader(stdin, input);
    reader.onError((e) => errors.push(e.message));
    reader.onClose(() => closed++);
    reader.listen((m) => got.push(m));
  });
  return { stdin, written, inputs, got, errors, answeredBeforeHandOver: () => answeredBeforeHandOver, closed: () => closed };
}

describe('initialize answered before the library is loaded (the start-up reader)', () => {
  it('writes the answer the library would, the message framed as the server frames every message', () => {
    assert.deepEqual(initializeAnswer(1, PARAMS), rawFrame({ jsonrpc: '2.0', id: 1, result: initializeResult(PARAMS) }));
    assert.deepEqual(initializeAnswer('a-é', PARAMS), rawFrame({ jsonrpc: '2.0', id: 'a-é', result: initializeResult(PARAMS) }));
  });

  it('answers with the library\'s constants, without loading the library', () => {
    const { capabilities } = initializeResult(PARAMS);
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } });
    assert.equal((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds[0], CodeActionKind.QuickFix);
  });

  it('answers initialize once, then hands every byte to the library\'s reader, however the input is cut', () => {
    // Every cut in two: inside the header, between header and body, inside a multi-byte character, inside the next frame.
    for (let cut = 1; cut < INPUT.length; cut++) {
      const s = startUp();
      s.stdin.send(INPUT.subarray(0, cut));
      s.stdin.send(INPUT.subarray(cut));
      assert.deepEqual(s.written, [initializeAnswer(1, PARAMS)], `cut at ${cut}`);
      assert.equal(s.answeredBeforeHandOver(), true);
      assert.deepEqual(s.inputs.map((i) => [i.answered, i.ended]), [[1, false]]);
      assert.deepEqual(s.got, [INITIALIZE, ...BEHIND], `cut at ${cut}: the library reads initialize too, then the rest, in order`);
      assert.deepEqual(s.errors, []);
      assert.deepEqual([s.stdin.paused, s.stdin.resumed, s.stdin.listenerCount('data')], [1, 1, 1], 'paused by one reader, resumed by the other');
    }
    const s = startUp();
    for (let i = 0; i < INPUT.length; i++) s.stdin.send(INPUT.subarray(i, i + 1));
    assert.deepEqual(s.written, [initializeAnswer(1, PARAMS)], 'byte by byte');
    assert.deepEqual(s.got, [INITIALIZE, ...BEHIND]);
  });

  it('answers nothing when another message comes first, and the library reads them all', () => {
    const hover = { jsonrpc: '2.0', id: 0, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } };
    const firsts = [
      hover,
      { jsonrpc: '2.0', method: 'initialize', params: PARAMS }, // a notification
      { jsonrpc: '2.0', id: 1, method: 'initialize' }, // no parameters
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null } }, // no capabilities
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: [PARAMS] },
      { jsonrpc: '2.0', id: null, method: 'initialize', params: PARAMS },
    ];
    for (const first of firsts) {
      const s = startUp();
      s.stdin.send(Buffer.concat([rawFrame(first), rawFrame(INITIALIZE)]));
      assert.deepEqual(s.written, [], JSON.stringify(first));
      assert.deepEqual(s.inputs.map((i) => [i.answered, i.ended]), [[undefined, false]]);
      assert.deepEqual(s.got, [first, INITIALIZE]);
    }
  });

  it('leaves a malformed first frame to the library, which reports it as before', () => {
    // The reader drops what came with a header it cannot read (the stream cannot be resynchronised), and reads on after a body that is not JSON.
    const cases: [string, RegExp, Message[]][] = [
      ['Content-Length: abc\r\n\r\n{}', /^Content-Length must be a number, got "abc"\.$/, []],
      ['X-Nothing: 1\r\n\r\n{}', /^A message header has no Content-Length\.$/, []],
      ['Content-Length: 5\r\n\r\n{nope', /^A message is not JSON: /, [INITIALIZE]],
    ];
    for (const [first, error, got] of cases) {
      const s = startUp();
      s.stdin.send(Buffer.concat([Buffer.from(first), rawFrame(INITIALIZE)]));
      assert.deepEqual(s.written, [], first);
      assert.equal(s.inputs.length, 1);
      assert.equal(s.errors.length, 1);
      assert.match(s.errors[0], error);
      assert.deepEqual(s.got, got);
    }
  });

  it('hands a huge first message to the library as soon as its header is read, and a header with no end past 1 KB', () => {
    const huge = { ...INITIALIZE, params: { ...PARAMS, initializationOptions: { padding: 'x'.repeat(1024 * 1024) } } };
    const bytes = rawFrame(huge);
    const s = startUp();
    s.stdin.send(bytes.subarray(0, 100));
    assert.equal(s.inputs.length, 1, 'handed over before the body is in');
    s.stdin.send(bytes.subarray(100));
    assert.deepEqual(s.written, []);
    assert.deepEqual(s.got, [huge]);

    const t = startUp();
    t.stdin.send(`X-Long: ${'y'.repeat(1100)}`);
    assert.equal(t.inputs.length, 1);
    assert.deepEqual(t.written, []);
  });

  it('hands over an input that ends before its first message is complete: the library closes', () => {
    const s = startUp();
    s.stdin.send(INPUT.subarray(0, 40));
    s.stdin.emit('end');
    assert.deepEqual(s.inputs.map((i) => [i.answered, i.ended, i.bytes.length]), [[undefined, true, 40]]);
    assert.deepEqual([s.written, s.got, s.closed()], [[], [], 1]);
  });
});

describe('FrameWriter after an initialize answered before it existed', () => {
  it('does not send the library\'s answer to that request, once; sends requests with the same id and every other message', async () => {
    const writes: Buffer[] = [];
    const sink: FrameSink = {
      write: (chunk, done) => {
        writes.push(Buffer.from(chunk));
        queueMicrotask(() => done());
        return true;
      },
      on: () => sink,
    };
    const w = new FrameWriter(sink, 1);
    const request = { jsonrpc: '2.0', id: 1, method: 'workspace/configuration', params: { items: [] } };
    const answer = { jsonrpc: '2.0', id: 1, result: initializeResult(PARAMS) };
    const log = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 4, message: 'é' } };
    await Promise.all([w.write(request as Message), w.write(answer as Message), w.write(log as Message), w.write(answer as Message)]);
    assert.equal(Buffer.concat(writes).toString('utf8'), Buffer.concat([request, log, answer].map(rawFrame)).toString('utf8'));
  });
});

/** Writes `pieces` to dist/server.js --stdio one after another; resolves with its raw output once `until` holds for the frames read. */
function rawExchange(pieces: Buffer[], until: (frames: Buffer[]) => boolean): Promise<Buffer[]> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = Buffer.alloc(0);
  const frames: Buffer[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`hang guard: got ${Buffer.concat(frames).toString().slice(0, 500)}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out = Buffer.concat([out, d]);
      for (;;) {
        const end = out.indexOf('\r\n\r\n');
        const length = Number(/Content-Length: (\d+)/.exec(out.toString('ascii', 0, Math.max(end, 0)))?.[1]);
        if (end < 0 || out.length < end + 4 + length) break;
        frames.push(out.subarray(0, end + 4 + length));
        out = out.subarray(end + 4 + length);
      }
      if (!until(frames)) return;
      clearTimeout(timer);
      child.kill();
      resolve(frames);
    });
    // One piece per write, each once the previous one is written and a turn has passed (the server may still read them together).
    const write = (i: number) => {
      if (i < pieces.length) child.stdin.write(pieces[i], () => setImmediate(() => write(i + 1)));
    };
    write(0);
  });
}
const bodyOf = (frame: Buffer) => JSON.parse(frame.subarray(frame.indexOf('\r\n\r\n') + 4).toString('utf8')) as Received;

describe('initialize over stdio (dist/server.js)', { skip: BROWSER_SERVER && 'writes raw frames to the stdio server' }, () => {
  it('answers with the same bytes as the library does when another message came first', async () => {
    const answered = (frames: Buffer[]) => frames.some((f) => bodyOf(f).id === 1);
    const early = await rawExchange([rawFrame(INITIALIZE)], answered);
    const cancel = rawFrame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 99 } });
    const library = await rawExchange([Buffer.concat([cancel, rawFrame(INITIALIZE)])], answered);
    assert.equal(early[0].toString('utf8'), library.find((f) => bodyOf(f).id === 1)!.toString('utf8'));
    assert.deepEqual(bodyOf(early[0]).result, initializeResult(PARAMS));
  });

  it('serves what comes behind initialize written in pieces cut at awkward bytes', async () => {
    const first = rawFrame(INITIALIZE);
    const headerEnd = first.indexOf('\r\n\r\n') + 4;
    const multiByte = first.indexOf(Buffer.from('設', 'utf8')) + 1;
    const cuts = [[7], [headerEnd - 2, headerEnd], [multiByte], [first.length + 5, first.length + 40]];
    const done = (frames: Buffer[]) => frames.some((f) => bodyOf(f).id === 2) && frames.some((f) => bodyOf(f).method === 'textDocument/publishDiagnostics');
    await Promise.all(cuts.map(async (at) => {
      const pieces = [0, ...at].map((from, i) => INPUT.subarray(from, [...at, INPUT.length][i]));
      const frames = (await rawExchange(pieces, done)).map(bodyOf);
      assert.equal(frames[0].id, 1, `cuts at ${at}: the answer first`);
      assert.equal(frames.filter((m) => m.id === 1).length, 1, 'answered once');
      assert.equal(Object.hasOwn((frames[0].result as { capabilities: object }).capabilities, 'documentSymbolProvider'), false, 'the initialization options were read');
      const diagnostics = frames.find(isDiagnostics)!.params!;
      assert.deepEqual([diagnostics.uri, diagnostics.version], [URI, 1]);
      assert.ok(diagnostics.diagnostics.some((d) => d.code === 'missing-section'));
      assert.ok(Array.isArray(frames.find((m) => m.id === 2)!.result));
    }));
  });

  it('leaves a request that comes before initialize to the library, which answers it as before (no handler yet), then serves initialize', async () => {
    const hover = { jsonrpc: '2.0', id: 0, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 0 } } };
    const frames = (await rawExchange([Buffer.concat([rawFrame(hover), INPUT])], (f) => f.some((x) => bodyOf(x).id === 2))).map(bodyOf);
    assert.deepEqual(frames.map((m) => m.id).filter((id) => id !== undefined), [0, 1, 2]);
    assert.deepEqual(frames[0].error, { code: -32601, message: 'Unhandled method textDocument/hover' });
    assert.deepEqual(frames[1].result, initializeResult(PARAMS));
  });

  it('exits, answering nothing, when its input is a malformed header or ends before any message', async () => {
    for (const input of ['Content-Length: abc\r\n\r\n{}', '']) {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', resolve);
        child.stdin.end(input);
      });
      assert.deepEqual([code, out], [1, ''], JSON.stringify(input));
    }
  });
});
