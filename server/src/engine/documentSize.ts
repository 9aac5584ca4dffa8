// deepDive.maxDocumentSize, one definition for the server and the CLI: a
// document over the limit (counted in UTF-8 bytes, as the setting says) is
// line-scanned only, and one information finding says so.
import type { TextRead } from './textView';
import type { Finding } from './types';

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * Bytes of `text` in UTF-8 (what the file on disk holds, BOM aside), without
 * encoding it. The regular expression skips ASCII runs several times faster
 * than a loop over every code unit (a 3 MB document is sized on every edit).
 */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 code units, 4 bytes
      NON_ASCII.lastIndex = i + 2;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * The UTF-8 bytes of `text`, made from `base` (of `baseBytes` bytes) by replacing
 * `[from, oldEnd)` with `[from, newEnd)`: only the edited stretch is counted, so
 * a keystroke does not size the whole document again. The stretch is widened to
 * whole surrogate pairs at its ends, where a pair counts 4 bytes and each half
 * alone 3.
 */
export function editedByteLength(baseBytes: number, base: TextRead, text: TextRead, edit: { from: number; oldEnd: number; newEnd: number }): number {
  let { from, oldEnd, newEnd } = edit;
  if (from > 0 && (base.charCodeAt(from - 1) & 0xfc00) === 0xd800) from--;
  if (oldEnd < base.length && (base.charCodeAt(oldEnd) & 0xfc00) === 0xdc00) {
    oldEnd++;
    newEnd++;
  }
  return baseBytes - utf8ByteLength(base.slice(from, oldEnd)) + utf8ByteLength(text.slice(from, newEnd));
}

/** Whether a document of `byteLength` UTF-8 bytes is over the limit. */
export function exceedsDocumentSize(byteLength: number, limit: number): boolean {
  return byteLength > limit;
}

/**
 * The same for text: most texts are decided by their length alone (1 to 3 UTF-8
 * bytes per code unit); `byteLength` counts the others (a session counts only an
 * edit's stretch: editedByteLength).
 */
export function textExceedsDocumentSize(text: string, limit: number): boolean;
export function textExceedsDocumentSize<T extends TextRead>(text: T, limit: number, byteLength: (text: T) => number): boolean;
export function textExceedsDocumentSize(text: TextRead, limit: number, byteLength = (t: TextRead) => utf8ByteLength(t as string)): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return exceedsDocumentSize(byteLength(text), limit);
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/** The information finding at the top of a document over the limit. */
export function tooLargeNotice(byteLength: number, limit: number): Finding {
  return {
    code: 'too-large',
    severity: 'information',
    message: `This document is ${mb(byteLength)} MB, beyond deepDive.maxDocumentSize (${mb(limit)} MB): only section-level checks run (no placeholder checks).`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
