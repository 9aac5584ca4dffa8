// The stdio transport. vscode-jsonrpc's stream writer sends each message as two
// writes (the header, then, once the header's write has called back, the body),
// each a turn of the event loop after the message was sent. Over a pipe every
// write wakes the client, so a keystroke's diagnostics and status cost four
// wake-ups, and on a busy machine the server waits for a core after each. Here
// each message is framed in one buffer, and the messages sent in one turn (the
// diagnostics and the status of an analysis) leave in one write. A result
// already encoded in parts (encoded.ts: a large outline) is framed as it is.
// Its stream reader decodes each message a turn of the event loop after it
// arrived (behind a semaphore that keeps asynchronous decoders in order), before
// the connection's own turn: here a message is decoded as its bytes arrive.
import {
  AbstractMessageReader, AbstractMessageWriter, createConnection, Disposable, ProposedFeatures,
  type Connection, type DataCallback, type Message, type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node';
import { EncodedResult, writesEncodedResults, type PartsWriter } from './encoded';
import type { StartInput } from './firstMessage';
import { contentLength, frameHeader, HEADER_END } from './frame';
import { holdConsole, type HeldConsole } from './stdioConsole';

/** Where frames go: a writable stream (the process's stdout). */
export interface FrameSink {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** Up to this many bytes, the frames of a turn are joined into one buffer for one write. */
const JOIN_LIMIT = 256 * 1024;
const noop = () => {};

/** LSP frames (`Content-Length` header and JSON body), the messages of one turn in one write. */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter, PartsWriter {
  private frames: Uint8Array[] = [];
  private sent: { msg: Message; resolve: () => void; reject: (e: Error) => void }[] = [];
  private errors = 0;
  /** The last message's write: the frames leave in order, so when it has, every one before it has. */
  private last: Promise<void> = Promise.resolve();

  /** `answered`: the id of an `initialize` request answered before this writer existed (firstMessage.ts). */
  constructor(private readonly sink: FrameSink, private answered?: number | string) {
    super();
    sink.on('error', (e) => this.fireError(e));
    sink.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    if (this.answered !== undefined && isResponseTo(msg, this.answered)) {
      // Already sent, with the same bytes: the library answered it only to set itself up as it does.
      this.answered = undefined;
      return Promise.resolve();
    }
    const body = encodedBody(msg) ?? [Buffer.from(JSON.stringify(msg), 'utf8')];
    const length = body.reduce((n, b) => n + b.length, 0);
    if (this.frames.length === 0) queueMicrotask(() => this.flush());
    this.frames.push(frameHeader(length));
    for (const b of body) this.frames.push(b);
    // Kept as it is (its caller handles a failure): only a caller of written() waits on it.
    return (this.last = new Promise<void>((resolve, reject) => this.sent.push({ msg, resolve, reject })));
  }

  written(): Promise<void> {
    return this.last.then(noop, noop);
  }

  end(): void {}

  private flush(): void {
    const frames = this.frames;
    const sent = this.sent;
    this.frames = [];
    this.sent = [];
    const done = (error?: Error | null) => {
      if (error) this.failed(error, sent);
      else for (const s of sent) s.resolve();
    };
    try {
      const bytes = frames.reduce((n, f) => n + f.length, 0);
      // A large answer (an outline of 100,000 headings) is not copied once more to join its header.
      if (bytes > JOIN_LIMIT) frames.forEach((f, i) => this.sink.write(f, i === frames.length - 1 ? done : noop));
      else this.sink.write(Buffer.concat(frames, bytes), done);
    } catch (e) {
      this.failed(e as Error, sent);
    }
  }

  private failed(error: Error, sent: { msg: Message; reject: (e: Error) => void }[]): void {
    for (const s of sent) {
      this.fireError(error, s.msg, ++this.errors);
      s.reject(error);
    }
  }
}

/** Where frames come from: a readable stream (the process's stdin). */
export interface FrameSource {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  /** A stream the start-up reader paused is resumed once this reader listens. */
  resume?(): unknown;
}

/** LSP frames read as they arrive: each message handed on in the turn its last byte came in, in order. */
export class FrameReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private bytes = 0;
  /** The body's length once its header is read. */
  private bodyLength = -1;
  /** Whether a `shutdown` request came: the end of the input is then a clean exit. */
  shutdownRequested = false;

  /** `start`: what the start-up reader read (firstMessage.ts), read here before the source. */
  constructor(private readonly source: FrameSource, private start?: StartInput) {
    super();
    source.on('error', (e) => this.fireError(e));
    source.on('end', () => this.fireClose());
    source.on('close', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.read(chunk, callback);
    this.source.on('data', onData);
    const start = this.start;
    this.start = undefined;
    if (start) {
      if (start.bytes.length > 0) this.read(start.bytes, callback);
      if (start.ended) this.fireClose();
      else this.source.resume?.();
    }
    return Disposable.create(() => this.source.off('data', onData));
  }

  private read(chunk: Buffer, callback: DataCallback): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    for (;;) {
      if (this.bodyLength < 0) {
        const buffer = this.joined();
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) return;
        const length = contentLength(buffer.toString('ascii', 0, end));
        if (typeof length === 'string') {
          // The stream cannot be resynchronised: what came so far is dropped and the error reported.
          this.take(this.bytes);
          this.fireError(new Error(length));
          return;
        }
        this.take(end + HEADER_END.length);
        this.bodyLength = length;
      }
      if (this.bytes < this.bodyLength) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = -1;
      let message: Message;
      try {
        message = JSON.parse(body.toString('utf8')) as Message;
      } catch (e) {
        this.fireError(new Error(`A message is not JSON: ${(e as Error).message}`));
        continue;
      }
      if ((message as { method?: unknown }).method === 'shutdown') this.shutdownRequested = true;
      callback(message);
    }
  }

  /** The bytes not read yet, in one buffer. */
  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.bytes)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  /** Removes and returns the next `n` bytes (all there). */
  private take(n: number): Buffer {
    const buffer = this.joined();
    const rest = buffer.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bytes = rest.length;
    return buffer.subarray(0, n);
  }
}

/** A response (no method) to the request `id`. */
const isResponseTo = (msg: Message, id: number | string): boolean =>
  (msg as { id?: unknown }).id === id && (msg as { method?: unknown }).method === undefined;

/**
 * The body of a response whose result is an EncodedResult: the message's JSON
 * with the result's parts in its place, the text JSON.stringify would give.
 * Undefined for any other message (or one whose result is not its last member,
 * which then goes through JSON.stringify and the result's toJSON).
 */
function encodedBody(msg: Message): Uint8Array[] | undefined {
  const result = (msg as { result?: unknown }).result;
  if (!(result instanceof EncodedResult)) return undefined;
  const shell = JSON.stringify({ ...msg, result: null });
  if (!shell.endsWith('"result":null}')) return undefined;
  return [Buffer.from(shell.slice(0, -'null}'.length), 'utf8'), ...result.parts, Buffer.from('}', 'ascii')];
}

/** What dist/server.js did before the connection: read the input's first message, replace the console. */
export interface StdioStart {
  input?: StartInput;
  /** The process's console, replaced at the start, with what it printed since. */
  printed?: HeldConsole;
}

/**
 * The connection for `--stdio`, as vscode-languageserver makes it from the
 * command line but with FrameReader and FrameWriter, reading first what the
 * start-up reader read (`input`). stdout carries the protocol, so what the
 * process prints with `console` goes to the client's log, as there.
 */
export function stdioConnection({ input, printed = holdConsole() }: StdioStart = {}): Connection {
  const reader = new FrameReader(process.stdin, input);
  const writer = new FrameWriter(process.stdout, input?.answered);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // The client is gone: the server goes too, as the library does for an input stream (cleanly after a shutdown request).
  reader.onClose(() => process.exit(reader.shutdownRequested ? 0 : 1));
  writesEncodedResults(connection, writer);
  printed.sendTo((line) => connection.console.log(line));
  return connection;
}
