// A model's blocks, built from the last model's after an edit: those before the
// changed chunks as they were, the placed ones, then the last model's from the
// end of the changed chunks on, moved by the edit's length when read. Typing in
// a 3 MB document would otherwise copy the 3,000 blocks after the edit (their
// offsets) on every keystroke, most of a keystroke's allocations, when the rules
// read only a few of them.
import { shiftBlock } from './factShift';
import type { BlockFact } from './markdown';

export class BlockList {
  readonly length: number;
  /** Moved copies of tail blocks read so far, by their index in the tail. */
  private moved: Map<number, BlockFact> | undefined;
  private whole: BlockFact[] | undefined;

  /** Blocks `head`, then `tail` from `tailFrom` on, each `delta` further on. */
  constructor(
    private readonly head: BlockFact[],
    private readonly tail: readonly BlockFact[] = [],
    private readonly tailFrom = 0,
    private readonly delta = 0,
  ) {
    this.length = head.length + tail.length - tailFrom;
  }

  at(i: number): BlockFact | undefined {
    const head = this.head;
    if (i < head.length) return head[i];
    if (i >= this.length) return undefined;
    const k = i - head.length;
    const b = this.tail[this.tailFrom + k];
    if (this.delta === 0) return b;
    const moved = (this.moved ??= new Map());
    let c = moved.get(k);
    if (!c) moved.set(k, (c = shiftBlock(b, this.delta)));
    return c;
  }

  /** Block `i` where the last model had it: read only what a move leaves alone (its type, its flags). */
  unmoved(i: number): BlockFact {
    return i < this.head.length ? this.head[i] : this.tail[this.tailFrom + i - this.head.length];
  }

  startAt(i: number): number {
    return i < this.head.length ? this.head[i].start : this.tail[this.tailFrom + i - this.head.length].start + this.delta;
  }

  /** The index of the first block starting at or after `offset` (length when none does). */
  firstFrom(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.startAt(mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every block as an array, made once (the head itself when nothing is moved). */
  all(): BlockFact[] {
    if (this.length === this.head.length) return this.head;
    if (!this.whole) {
      const whole = this.head.slice();
      for (let i = this.head.length; i < this.length; i++) whole.push(this.at(i)!);
      this.whole = whole;
    }
    return this.whole;
  }

  /**
   * The blocks of a text made from this list's by an edit: those starting before
   * `from` kept, then `placed`, then this list's from `oldTo` on moved by `delta`.
   */
  spliced(from: number, oldTo: number, placed: readonly BlockFact[], delta: number): BlockList {
    const kept = this.firstFrom(from);
    const head = kept <= this.head.length ? this.head.slice(0, kept) : this.head.slice();
    for (let i = head.length; i < kept; i++) head.push(this.at(i)!);
    for (const b of placed) head.push(b);
    const t = this.firstFrom(oldTo);
    // Still inside the moved tail (typing on at the same place): move it further, copying nothing.
    if (t >= this.head.length) return new BlockList(head, this.tail, this.tailFrom + t - this.head.length, this.delta + delta);
    const rest: BlockFact[] = [];
    for (let i = t; i < this.length; i++) rest.push(this.at(i)!);
    return new BlockList(head, rest, 0, delta);
  }
}
