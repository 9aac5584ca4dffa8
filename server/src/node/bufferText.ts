// An open document's text in a buffer, edited in place (the hosts'
// EditableText). A string edit makes a string of slices that the next read
// flattens, a copy the JavaScript engine makes into fresh memory for each
// version: 2-5 ms for 3 MB, and garbage a collection has to free. Here an edit
// moves the bytes after it inside the buffer (a memmove). Each version is read
// through a view (`snapshot`) that copies out only the stretches asked for: a
// string of the whole text is made only when something needs all of it. One
// byte per code unit while the text fits in one (textCodec.ts: `fitsOneByte`),
// two (UTF-16LE, lone surrogates kept) from the first character that does not.
// No Node built-in here: both hosts keep their large documents in it, each
// with its codec (the Node host Buffer's, the browser host the portable one).
import { findWithin, type TextView } from '../engine';
import type { EditableText } from './runtime';
import { fitsOneByte, type TextCodec } from './textCodec';

/** Below this many code units a string edit costs no more than a copy out of a buffer: the document keeps a string. */
export const BUFFERED_TEXT_MIN = 512 * 1024;

/** A host's `Runtime.editableText`: a text of `min` code units or more is kept in a buffer, with `codec`. */
export function bufferedTexts(codec: TextCodec, min = BUFFERED_TEXT_MIN): (text: string) => BufferText | undefined {
  return (text) => (text.length >= min ? new BufferText(text, codec) : undefined);
}

/**
 * Edits across which a whole text is composed from the last one made (a copy of
 * the stretches between them); after more, it is read out of the buffer again.
 */
const MAX_COMPOSED_EDITS = 256;

/** `pieces` (a text in parts) with [start, end) replaced by `inserted`; the parts are slices, not copies. */
function spliced(pieces: readonly string[], start: number, end: number, inserted: string): string[] {
  const out: string[] = [];
  let at = 0;
  let placed = false;
  for (const p of pieces) {
    const pEnd = at + p.length;
    if (at < start) out.push(pEnd <= start ? p : p.slice(0, start - at));
    if (!placed && pEnd >= start) {
      if (inserted) out.push(inserted);
      placed = true;
    }
    if (pEnd > end) out.push(at >= end ? p : p.slice(end - at));
    at = pEnd;
  }
  if (!placed && inserted) out.push(inserted);
  return out;
}

/** `x` as String.prototype.slice takes an index: from the end when negative, then clamped to [0, length]. */
function sliceIndex(x: number, length: number): number {
  const i = Math.trunc(x) || 0;
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}

export class BufferText implements EditableText {
  private bytes: Uint8Array;
  private wide: boolean;
  /** The current version's view, once handed out; an edit detaches it onto the version after it. */
  private current: BufferVersion | undefined;
  /** The last whole text made while its version was current, and the edits since: the next one is composed from it. */
  private lastWhole: { version: BufferVersion; text: string; edits: number } | undefined;
  length: number;

  constructor(
    text: string,
    private readonly codec: TextCodec,
  ) {
    this.wide = !fitsOneByte(text);
    this.length = text.length;
    this.bytes = codec.alloc(this.room(text.length));
    codec.write(this.bytes, text, 0, this.wide);
    this.current = new BufferVersion(this, text);
    this.lastWhole = { version: this.current, text, edits: 0 };
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
    return this.wide ? this.bytes[i * 2] | (this.bytes[i * 2 + 1] << 8) : this.bytes[i];
  }

  replace(start: number, end: number, text: string): void {
    // The version read so far keeps its text: what the edit removes, and where the next version has the rest.
    const before = this.current;
    const removed = before ? this.substring(start, end) : '';
    if (!this.wide && !fitsOneByte(text)) this.widen();
    const u = this.unit;
    const length = this.length - (end - start) + text.length;
    if (length * u > this.bytes.length) {
      const grown = this.codec.alloc(this.room(length));
      grown.set(this.bytes.subarray(0, start * u), 0);
      grown.set(this.bytes.subarray(end * u, this.length * u), (start + text.length) * u);
      this.bytes = grown;
    } else if (end !== start + text.length) {
      this.bytes.copyWithin((start + text.length) * u, end * u, this.length * u);
    }
    this.codec.write(this.bytes, text, start * u, this.wide);
    this.length = length;
    this.current = undefined;
    before?.detach(this.snapshot(), start, start + text.length, removed);
    if (this.lastWhole && ++this.lastWhole.edits > MAX_COMPOSED_EDITS) this.lastWhole = undefined;
  }

  substring(start: number, end: number): string {
    const cached = this.current?.cached;
    if (cached !== undefined) return cached.substring(start, end);
    // As String.prototype.substring: clamped to the text, the ends in either order.
    const a = Math.max(0, Math.min(start, this.length)) || 0;
    const b = Math.max(0, Math.min(end, this.length)) || 0;
    return this.read(Math.min(a, b), Math.max(a, b));
  }

  text(): string {
    return this.snapshot().whole();
  }

  snapshot(): BufferVersion {
    return (this.current ??= new BufferVersion(this));
  }

  /**
   * `version`'s whole text from the last whole text made and the edits since, or
   * undefined (none kept, or `version` is older). Joining slices of a string is a
   * copy; reading the buffer is a decode, many times slower in a browser for a text
   * two bytes a code unit (20 ms for 3 MB in Chromium, where a join takes 1-2).
   */
  composed(version: BufferVersion): string | undefined {
    const last = this.lastWhole;
    if (!last) return undefined;
    let pieces = [last.text];
    for (let v = last.version; v !== version; ) {
      const edit = v.editAfter();
      if (!edit) return undefined;
      pieces = spliced(pieces, edit.start, edit.start + edit.removed.length, edit.next.slice(edit.start, edit.insertedEnd));
      v = edit.next;
    }
    return pieces.length === 1 ? pieces[0] : pieces.join('');
  }

  /** Called when `version`'s whole text was made: kept while `version` is current, to compose the next. */
  madeWhole(version: BufferVersion, text: string): void {
    if (version === this.current) this.lastWhole = { version, text, edits: 0 };
  }

  /** Where `search` first stands wholly inside [from, end) (0 <= from <= end <= length), or -1: searched in the buffer, without a copy. */
  find(search: string, from: number, end: number): number {
    if (search === '') return from <= end ? from : -1;
    // A one-byte text has no character that needs two (and the encoder would cut it to a byte that fits one).
    if (!this.wide && !fitsOneByte(search)) return -1;
    const u = this.unit;
    const within = this.bytes.subarray(0, end * u);
    for (let at = from * u; ; ) {
      const i = this.codec.indexOf(within, search, at, this.wide);
      if (i < 0) return -1;
      // Two bytes a code unit: a match from the middle of one is none.
      if (i % u === 0) return i / u;
      at = i + 1;
    }
  }

  /** The code units [start, end) of the buffer as it is now (0 <= start <= end <= length). */
  read(start: number, end: number): string {
    return this.codec.read(this.bytes, start * this.unit, end * this.unit, this.wide);
  }

  /** From one byte per code unit to two, at the first character that needs two. */
  private widen(): void {
    const text = this.text();
    this.wide = true;
    this.bytes = this.codec.alloc(this.room(this.length));
    this.codec.write(this.bytes, text, 0, true);
  }
}

/** How a detached version differs from the one after it: `[start, insertedEnd)` there was `removed` here. */
interface Undo {
  next: BufferVersion;
  start: number;
  insertedEnd: number;
  removed: string;
}

/**
 * One version of a BufferText, readable after later edits. While it is the
 * current one it reads the buffer; an edit detaches it, and from then on it
 * reads the next version's text with the edit undone (the removed characters
 * are all it keeps), so a session can still compare it with the new version.
 */
export class BufferVersion implements TextView {
  readonly length: number;
  /** The whole text, once made (or given at the start). */
  cached: string | undefined;
  private undo: Undo | undefined;

  constructor(
    private readonly owner: BufferText,
    whole?: string,
  ) {
    this.length = owner.length;
    this.cached = whole;
  }

  /** Called by the owner when an edit made `next` the current version. */
  detach(next: BufferVersion, start: number, insertedEnd: number, removed: string): void {
    this.undo = { next, start, insertedEnd, removed };
  }

  charCodeAt(index: number): number {
    const i = Math.floor(index);
    return i >= 0 && i < this.length ? BufferVersion.codeAt(this, i) : NaN;
  }

  slice(start: number, end: number = this.length): string {
    const a = sliceIndex(start, this.length);
    const b = sliceIndex(end, this.length);
    return a < b ? BufferVersion.read(this, a, b) : '';
  }

  whole(): string {
    if (this.cached === undefined) {
      this.cached = this.owner.composed(this) ?? BufferVersion.read(this, 0, this.length);
      this.owner.madeWhole(this, this.cached);
    }
    return this.cached;
  }

  /** The edit that made the version after this one (none while this one is current). */
  editAfter(): Undo | undefined {
    return this.undo;
  }

  find(search: string, from: number, end: number): number {
    // The current version searches the buffer; an older one (an analysis that began before the last edit) its own text.
    if (this.cached === undefined && !this.undo) return this.owner.find(search, from, end);
    return findWithin(this.whole(), search, from, end);
  }

  /** The code unit at `index` of `version` (inside it), followed through later versions in a loop: a version may be many edits old. */
  private static codeAt(version: BufferVersion, index: number): number {
    let i = index;
    for (let v = version; ; ) {
      if (v.cached !== undefined) return v.cached.charCodeAt(i);
      const u = v.undo;
      if (!u) return v.owner.charCodeAt(i);
      if (i >= u.start) {
        if (i - u.start < u.removed.length) return u.removed.charCodeAt(i - u.start);
        i += u.insertedEnd - u.start - u.removed.length;
      }
      v = u.next;
    }
  }

  /** The code units [start, end) of `version` (0 <= start < end <= length). */
  private static read(version: BufferVersion, start: number, end: number): string {
    let a = start;
    let b = end;
    for (let v = version; ; ) {
      if (v.cached !== undefined) return v.cached.slice(a, b);
      const u = v.undo;
      if (!u) return v.owner.read(a, b);
      const removedEnd = u.start + u.removed.length;
      const shift = u.insertedEnd - removedEnd;
      if (a >= removedEnd) {
        a += shift;
        b += shift;
      } else if (b > u.start) {
        // Across the edit: the part before it, the removed characters, the part after it.
        const before = a < u.start ? BufferVersion.read(u.next, a, u.start) : '';
        const after = b > removedEnd ? BufferVersion.read(u.next, u.insertedEnd, b + shift) : '';
        return before + u.removed.slice(Math.max(0, a - u.start), Math.min(b, removedEnd) - u.start) + after;
      }
      v = u.next;
    }
  }
}
