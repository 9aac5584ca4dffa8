// The start-up reader. Over stdio, dist/server.js answers `initialize` itself, before
// vscode-languageserver is loaded: loading the library (its modules, its code cache, a
// young-generation collection) was most of what a client waited for. It reads the
// input until the first message is complete and, if and only if that message is a
// well-formed `initialize` request, writes the answer the library would write (the same
// bytes: `initializeResult`, framed as stdio.ts frames it). Either way it then hands
// every byte it read, that first message included, to the library's connection
// (`StartInput`, read by stdio.ts's FrameReader before the input itself), which reads
// `initialize` as if it had come first to it: the library sets itself up from the
// parameters (client capabilities, the parent process's watch) and the server is made
// from them, and only its answer, already sent, is not written again (FrameWriter).
// Anything else first (another message, a malformed or oversized frame, an input that
// ends) is left to the library as it came. This handles exactly one message.
import type { InitializeParams } from 'vscode-languageserver';
import { contentLength, frameHeader, HEADER_END } from './frame';
import { initializeResult } from './initialize';

/** What was read before the library's connection took the input over. */
export interface StartInput {
  /** Every byte read so far, the first message's frame included, in order. */
  bytes: Buffer;
  /** Whether the input had already ended (or failed). */
  ended: boolean;
  /** The id of the `initialize` request answered here, if it was: the library's answer to it is not sent. */
  answered?: number | string;
}

/**
 * A first message longer than these is the library's to read (no `initialize` comes
 * near them: an editor's parameters are a few kilobytes), so the reader never holds much.
 */
const MAX_HEADER_BYTES = 1024;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * What the input's first bytes hold: not all of the first message yet (and how many
 * bytes to wait for before looking again), an `initialize` request to answer, or anything else.
 */
type FirstFrame =
  | { kind: 'partial'; needed: number }
  | { kind: 'other' }
  | { kind: 'initialize'; id: number | string; params: InitializeParams };

function firstFrame(bytes: Buffer): FirstFrame {
  const end = bytes.indexOf(HEADER_END);
  if (end < 0) return bytes.length > MAX_HEADER_BYTES ? { kind: 'other' } : { kind: 'partial', needed: bytes.length + 1 };
  if (end > MAX_HEADER_BYTES) return { kind: 'other' };
  const length = contentLength(bytes.toString('ascii', 0, end));
  if (typeof length === 'string' || length > MAX_BODY_BYTES) return { kind: 'other' };
  const start = end + HEADER_END.length;
  if (bytes.length < start + length) return { kind: 'partial', needed: start + length };
  let message: unknown;
  try {
    message = JSON.parse(bytes.toString('utf8', start, start + length));
  } catch {
    return { kind: 'other' };
  }
  return isInitialize(message) ? { kind: 'initialize', id: message.id, params: message.params } : { kind: 'other' };
}

/**
 * An `initialize` request (a number or string id: what the library takes for a request)
 * whose parameters and capabilities are objects, which the library answers with
 * `initializeResult` as it is. Whatever else comes first, it handles in its own way.
 */
function isInitialize(m: unknown): m is { id: number | string; params: InitializeParams } {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return isObject(m) && m.method === 'initialize' && (typeof m.id === 'number' || typeof m.id === 'string')
    && isObject(m.params) && isObject(m.params.capabilities);
}

/** The answer's frame: the message the library makes (jsonrpc, id, result), as stdio.ts's FrameWriter frames it. */
export function initializeAnswer(id: number | string, params: InitializeParams): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, result: initializeResult(params) }), 'utf8');
  return Buffer.concat([frameHeader(body.length), body]);
}

/** The process's stdin, as the reader uses it. */
export interface StartSource {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'end' | 'error', listener: () => void): unknown;
  pause(): unknown;
}

/** The process's stdout. */
export interface StartSink {
  write(chunk: Uint8Array): unknown;
}

/**
 * Reads `source` until its first message is complete (or it ends), answers that message
 * on `sink` if it is an `initialize` request, then stops reading (the stream paused, the
 * reader's listeners gone) and calls `then` with what it read, once, in the same turn.
 */
export function answerFirstInitialize(source: StartSource, sink: StartSink, then: (input: StartInput) => void): void {
  let chunks: Buffer[] = [];
  let bytes = 0;
  /** Bytes the first frame needs before it is looked at again: a large body is joined once, when all of it is in. */
  let needed = 0;
  let done = false;
  const joined = () => {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, bytes)];
    return chunks[0] ?? Buffer.alloc(0);
  };
  const handOver = (ended: boolean, answered?: number | string) => {
    if (done) return;
    done = true;
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onEnd);
    source.pause();
    then({ bytes: joined(), ended, answered });
  };
  const onEnd = () => handOver(true);
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes < needed) return;
    const first = firstFrame(joined());
    if (first.kind === 'partial') {
      needed = first.needed;
      return;
    }
    if (first.kind === 'other') return handOver(false);
    let answer: Buffer;
    try {
      answer = initializeAnswer(first.id, first.params);
    } catch {
      return handOver(false); // the library answers, or reports what failed
    }
    sink.write(answer);
    handOver(false, first.id);
  };
  source.on('data', onData);
  source.on('end', onEnd);
  source.on('error', onEnd);
}
