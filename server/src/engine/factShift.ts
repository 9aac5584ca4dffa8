// Facts moved by an offset: a chunk's facts placed in its document, or a parsed
// stretch's in its chunk (blockwise.ts).
import type { BlockFact } from './markdown';

/**
 * A copy `by` further on. A spread of the object alone clones its shape (about
 * twice as fast as Object.assign for the thousands of blocks after an edit in a
 * large document); keys are only changed after it, never added, so the copy
 * keeps the shape and equals a fact parsed at its place (added undefined keys
 * would make it unequal).
 */
export function shiftSpan<T extends { start: number; end: number }>(x: T, by: number): T {
  const c = { ...x };
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
