// Facts moved by an offset: a chunk's facts placed in its document, or a parsed
// stretch's in its chunk (blockwise.ts).
import type { BlockFact } from './markdown';

/** A copy `by` further on. Object.assign keeps the shape (a spread with added undefined keys is slow and unequal). */
export function shiftSpan<T extends { start: number; end: number }>(x: T, by: number): T {
  const c = Object.assign({}, x);
  c.start += by;
  c.end += by;
  return c;
}

export function shiftBlock(b: BlockFact, by: number): BlockFact {
  const c = shiftSpan(b, by);
  if (c.titleStart !== undefined) c.titleStart += by;
  if (c.titleEnd !== undefined) c.titleEnd += by;
  if (c.fields) c.fields = c.fields.map((f) => shiftSpan(f, by));
  return c;
}
