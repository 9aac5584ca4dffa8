// How a BufferText (bufferText.ts) turns code units into bytes and back. The
// bytes are one per code unit while the text fits in one (see `fitsOneByte`),
// else two, little-endian, lone surrogates kept. This codec uses only what
// every host has (typed arrays, TextDecoder), so the browser server keeps a
// large document as the Node server does; the Node host passes Node's Buffer
// methods instead (bufferCodec.ts), which copy out faster still.

export interface TextCodec {
  /** Bytes to hold `length` of them, zeroed or not. */
  alloc(length: number): Uint8Array;
  /** Writes `text`'s code units into `bytes` from byte `at`: one byte each, or two with `wide`. */
  write(bytes: Uint8Array, text: string, at: number, wide: boolean): void;
  /** The code units of bytes [start, end) as a string (both even with `wide`). */
  read(bytes: Uint8Array, start: number, end: number, wide: boolean): string;
  /** The first byte offset from `at` where `search` encoded stands wholly inside `bytes`, or -1 (it may begin inside a code unit). */
  indexOf(bytes: Uint8Array, search: string, at: number, wide: boolean): number;
}

/**
 * One byte a code unit holds U+0000-U+007F and U+00A0-U+00FF. The C1 controls
 * U+0080-U+009F are left out because the web's decoders have no Latin-1: the
 * label decodes as windows-1252, which reads those bytes as other characters
 * (0x80 as €) and agrees with Latin-1 everywhere else. A text with one is kept
 * two bytes a code unit, as any text beyond U+00FF is.
 */
export const fitsOneByte = (s: string): boolean => !/[\u0080-\u009f\u0100-\uffff]/.test(s);

/** Below this many code units a stretch is made with String.fromCharCode: a decoder's call costs more. */
const SHORT = 32;
/** Code units per String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 8192;

/** The code units of `units` as a string, in chunks. */
function fromCodes(units: ArrayLike<number> & { subarray(start: number, end: number): ArrayLike<number> }): string {
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode.apply(null, units.subarray(i, i + CHUNK) as unknown as number[]);
  return out;
}

/** The code units of the little-endian bytes [start, end), lone surrogates kept. */
function wideCodes(bytes: Uint8Array, start: number, end: number): string {
  const units = new Uint16Array((end - start) / 2);
  for (let i = 0, b = start; b < end; i++, b += 2) units[i] = bytes[b] | (bytes[b + 1] << 8);
  return fromCodes(units);
}

export function portableCodec(): TextCodec {
  // A byte-order mark is UTF-16's alone (and Node's windows-1252 decoder drops a leading 0xFF when told to keep one).
  const oneByte = new TextDecoder('windows-1252');
  // ignoreBOM: a U+FEFF at the start of a stretch is text, not a mark to drop.
  const twoBytes = new TextDecoder('utf-16le', { ignoreBOM: true });
  const encode = (text: string, wide: boolean): Uint8Array => {
    const out = new Uint8Array(text.length * (wide ? 2 : 1));
    write(out, text, 0, wide);
    return out;
  };
  const write = (bytes: Uint8Array, text: string, at: number, wide: boolean): void => {
    if (!wide) {
      for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
      return;
    }
    for (let i = 0, b = at; i < text.length; i++, b += 2) {
      const c = text.charCodeAt(i);
      bytes[b] = c & 0xff;
      bytes[b + 1] = c >>> 8;
    }
  };
  return {
    alloc: (length) => new Uint8Array(length),
    write,
    read(bytes, start, end, wide) {
      if (!wide) return end - start < SHORT ? fromCodes(bytes.subarray(start, end)) : oneByte.decode(bytes.subarray(start, end));
      const text = twoBytes.decode(bytes.subarray(start, end));
      // The decoder replaces a lone surrogate with U+FFFD: a stretch that shows one is read unit by unit.
      return text.includes('\ufffd') ? wideCodes(bytes, start, end) : text;
    },
    indexOf(bytes, search, at, wide) {
      const needle = encode(search, wide);
      const last = bytes.length - needle.length;
      for (let i = bytes.indexOf(needle[0], at); i >= 0 && i <= last; i = bytes.indexOf(needle[0], i + 1)) {
        let j = 1;
        while (j < needle.length && bytes[i + j] === needle[j]) j++;
        if (j === needle.length) return i;
      }
      return -1;
    },
  };
}
