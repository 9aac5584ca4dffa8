// A document's text as the session reads it: a string, or a view of a host's
// buffer that reads characters and stretches without making one string of the
// whole text. A keystroke reads only around its edit (the relayout, the line
// index patch, the size check, the rules' edited stretch); a string of a 3 MB
// text made for every version was a copy into fresh memory that only a full
// garbage collection gave back. Whatever needs the whole text as a string (a
// re-split, a regular expression over all of it, a request's answer) asks
// for it once per version with `wholeText`.

/** Reading a text by offsets (UTF-16 code units): a string is one. */
export interface TextRead {
  readonly length: number;
  /** NaN outside the text. */
  charCodeAt(index: number): number;
  /** As String.prototype.slice for 0 <= start <= end. */
  slice(start: number, end: number): string;
}

/** A text held elsewhere: read in pieces, made into one string only when asked for. */
export interface TextView extends TextRead {
  /** The whole text: the same string every time. */
  whole(): string;
  /** Where `search` first stands wholly inside [from, end) (0 <= from <= end <= length), or -1. */
  find(search: string, from: number, end: number): number;
}

/** What the session is given as a version's text. */
export type SourceText = string | TextView;

/** The whole text as one string. */
export function wholeText(text: SourceText): string {
  return typeof text === 'string' ? text : text.whole();
}

/** Where `search` first stands wholly inside [from, end) of `text` (0 <= from <= end <= length), or -1: nothing past `end` is searched. */
export function findWithin(text: SourceText, search: string, from: number, end: number): number {
  if (typeof text !== 'string') return text.find(search, from, end);
  // A slice of a string is a view of it in V8, not a copy.
  const i = text.slice(from, end).indexOf(search);
  return i < 0 ? -1 : from + i;
}
