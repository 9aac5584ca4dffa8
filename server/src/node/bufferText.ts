// An open document's text in a buffer, edited in place (the Node host's
// EditableText). A string edit makes a string of slices that the next read
// flattens, a copy V8 makes into fresh memory for each version: 2-5 ms for
// 3 MB. Here an edit moves the bytes after it inside the buffer (a memmove) and
// the text is copied out once per version read, into reused memory (Node keeps a
// string this long outside V8's heap). One byte per code unit while every
// character fits in Latin-1, two (UTF-16LE, lone surrogates kept) from the first
// that does not.
import type { EditableText } from './runtime';

/** Below this many code units a string edit costs no more than a copy out of a buffer: the document keeps a string. */
export const BUFFERED_TEXT_MIN = 512 * 1024;

/** Every code unit below 256 (surrogates are code units above it). */
const isLatin1 = (s: string): boolean => !/[\u0100-\uffff]/.test(s);

export class BufferText implements EditableText {
  private bytes: Buffer;
  private wide: boolean;
  private cached: string | undefined;
  length: number;

  constructor(text: string) {
    this.wide = !isLatin1(text);
    this.length = text.length;
    this.bytes = Buffer.allocUnsafe(this.room(text.length));
    this.bytes.write(text, 0, this.encoding);
    this.cached = text;
  }

  private get encoding(): 'latin1' | 'utf16le' {
    return this.wide ? 'utf16le' : 'latin1';
  }

  private get unit(): number {
    return this.wide ? 2 : 1;
  }

  /** Bytes for `units` code units, with room to type into. */
  private room(units: number): number {
    return Math.ceil(units * 1.25 + 4096) * this.unit;
  }

  charCodeAt(offset: number): number {
    if (!(offset >= 0 && offset < this.length)) return NaN;
    const i = Math.floor(offset);
    return this.wide ? this.bytes.readUInt16LE(i * 2) : this.bytes[i];
  }

  replace(start: number, end: number, text: string): void {
    if (!this.wide && !isLatin1(text)) this.widen();
    const u = this.unit;
    const length = this.length - (end - start) + text.length;
    if (length * u > this.bytes.length) {
      const grown = Buffer.allocUnsafe(this.room(length));
      this.bytes.copy(grown, 0, 0, start * u);
      this.bytes.copy(grown, (start + text.length) * u, end * u, this.length * u);
      this.bytes = grown;
    } else if (end !== start + text.length) {
      this.bytes.copyWithin((start + text.length) * u, end * u, this.length * u);
    }
    this.bytes.write(text, start * u, text.length * u, this.encoding);
    this.length = length;
    this.cached = undefined;
  }

  substring(start: number, end: number): string {
    if (this.cached !== undefined) return this.cached.substring(start, end);
    // As String.prototype.substring: clamped to the text, the ends in either order.
    const a = Math.max(0, Math.min(start, this.length)) || 0;
    const b = Math.max(0, Math.min(end, this.length)) || 0;
    return this.bytes.toString(this.encoding, Math.min(a, b) * this.unit, Math.max(a, b) * this.unit);
  }

  text(): string {
    return (this.cached ??= this.bytes.toString(this.encoding, 0, this.length * this.unit));
  }

  /** From one byte per code unit to two, at the first character beyond Latin-1. */
  private widen(): void {
    const text = this.text();
    this.wide = true;
    this.bytes = Buffer.allocUnsafe(this.room(this.length));
    this.bytes.write(text, 0, 'utf16le');
  }
}
