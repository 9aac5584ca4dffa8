// A response's result already written as JSON, in parts. An outline of 100,000
// headings is 22 MB of JSON: as LSP objects, then one string of the whole
// message, then one buffer of it, the answer was held three times over and took
// longer to serialise than to build. Over stdio the writer frames the parts as
// they are (stdio.ts); a connection whose writer does not know them is never
// given one (the browser's posts objects, which would lose the parts' meaning).
import type { Connection } from 'vscode-languageserver';

/** A result as the UTF-8 bytes of its JSON, in parts, and the same value as objects for any other writer. */
export class EncodedResult {
  constructor(
    readonly parts: Uint8Array[],
    private readonly value: () => unknown,
  ) {}

  /** What JSON.stringify writes in its place (a traced message, a transport without parts): the same answer. */
  toJSON(): unknown {
    return this.value();
  }
}

/** A writer that frames an EncodedResult's parts, and says when what it was given is out. */
export interface PartsWriter {
  /** Resolves once every message written so far has left (its bytes handed to the transport), or failed to. */
  written(): Promise<void>;
}

/** Connections whose writer frames an EncodedResult's parts (stdio.ts adds its own). */
const takesParts = new WeakMap<Connection, PartsWriter>();

export function writesEncodedResults(connection: Connection, writer: PartsWriter): void {
  takesParts.set(connection, writer);
}

export function acceptsEncodedResults(connection: Connection): boolean {
  return takesParts.has(connection);
}

/**
 * Resolves once the messages already given to the connection's writer have left
 * it, where the writer says so (stdio.ts), else at once. A 22 MB answer leaves a
 * pipe only as fast as the client reads it, and only while the server's thread is
 * free to write the next piece: work started before then delays its last byte.
 */
export function messagesWritten(connection: Connection): Promise<void> {
  return takesParts.get(connection)?.written() ?? Promise.resolve();
}

/** Text is encoded a piece of about this many characters at a time: few parts, and no second copy of the whole. */
const PIECE = 64 * 1024;

/** JSON text appended piece by piece, kept as UTF-8 parts. */
export class JsonParts {
  private readonly encoder = new TextEncoder();
  private readonly parts: Uint8Array[] = [];
  private text = '';

  add(json: string): void {
    this.text += json;
    if (this.text.length >= PIECE) this.flush();
  }

  done(): Uint8Array[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    if (this.text) this.parts.push(this.encoder.encode(this.text));
    this.text = '';
  }
}
