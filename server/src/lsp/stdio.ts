// The stdio transport. vscode-jsonrpc's stream writer sends each message as two
// writes (the header, then, once the header's write has called back, the body),
// each a turn of the event loop after the message was sent. Over a pipe every
// write wakes the client, so a keystroke's diagnostics and status cost four
// wake-ups, and on a busy machine the server waits for a core after each. Here
// each message is framed in one buffer, and the messages sent in one turn (the
// diagnostics and the status of an analysis) leave in one write. A result
// already encoded in parts (encoded.ts: a large outline) is framed as it is.
import { Writable } from 'node:stream';
import { AbstractMessageWriter, createConnection, ProposedFeatures, type Connection, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { EncodedResult, writesEncodedResults } from './encoded';

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
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private frames: Uint8Array[] = [];
  private sent: { msg: Message; resolve: () => void; reject: (e: Error) => void }[] = [];
  private errors = 0;

  constructor(private readonly sink: FrameSink) {
    super();
    sink.on('error', (e) => this.fireError(e));
    sink.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const body = encodedBody(msg) ?? [Buffer.from(JSON.stringify(msg), 'utf8')];
    const length = body.reduce((n, b) => n + b.length, 0);
    if (this.frames.length === 0) queueMicrotask(() => this.flush());
    this.frames.push(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'));
    for (const b of body) this.frames.push(b);
    return new Promise((resolve, reject) => this.sent.push({ msg, resolve, reject }));
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

/**
 * The connection for `--stdio`, as vscode-languageserver makes it from the
 * command line but with FrameWriter. stdout carries the protocol, so what the
 * process prints with `console` goes to the client's log, as there.
 */
export function stdioConnection(): Connection {
  // The library takes a stream as input beside a writer (and exits when it ends); its types pair streams with streams.
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new FrameWriter(process.stdout));
  writesEncodedResults(connection);
  const toLog = new Writable({
    write(chunk: Buffer, _encoding, done) {
      connection.console.log(String(chunk).replace(/\n$/, ''));
      done();
    },
  });
  globalThis.console = new console.Console({ stdout: toLog, stderr: process.stderr });
  return connection;
}
