// The Node host's TextCodec (textCodec.ts): Node's Buffer encodes and decodes
// Latin-1 and UTF-16LE natively, and a long stretch decoded this way becomes a
// string kept outside V8's heap.
import type { TextCodec } from './textCodec';

/** `bytes` as a Buffer: itself when this codec allocated it, else a view of its memory. */
const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

const encoding = (wide: boolean): 'utf16le' | 'latin1' => (wide ? 'utf16le' : 'latin1');

export const bufferCodec: TextCodec = {
  alloc: (length) => Buffer.allocUnsafe(length),
  write: (bytes, text, at, wide) => void asBuffer(bytes).write(text, at, text.length * (wide ? 2 : 1), encoding(wide)),
  read: (bytes, start, end, wide) => asBuffer(bytes).toString(encoding(wide), start, end),
  indexOf: (bytes, search, at, wide) => asBuffer(bytes).indexOf(search, at, encoding(wide)),
};
