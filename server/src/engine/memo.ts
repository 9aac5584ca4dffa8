// What one document's analyses carry over from version to version: results that
// depend only on a stretch of its text, kept with that text and reused while it
// is unchanged. A keystroke changes one stretch, so the rules that read every
// section's text re-read only the edited one. The document session owns one
// memo; an analysis without one (the CLI reads each file once) computes
// everything.

/**
 * Values computed from stretches of text, found again by their text. Texts are
 * compared only with texts of the same length, so a lookup never hashes a long
 * text; the values one analysis did not ask for are dropped when it ends
 * (`sweep`), so the memo holds about one version's worth of text.
 */
export class TextMemo<V> {
  private last = new Map<number, { text: string; value: V }[]>();
  private used = new Map<number, { text: string; value: V }[]>();

  /** The value kept for `text` that `accepts` (it may depend on more than the text). */
  get(text: string, accepts: (value: V) => boolean): V | undefined {
    const hit = this.used.get(text.length)?.find((e) => e.text === text && accepts(e.value));
    if (hit) return hit.value;
    const old = this.last.get(text.length)?.find((e) => e.text === text && accepts(e.value));
    if (old) this.keep(old);
    return old?.value;
  }

  set(text: string, value: V): void {
    this.keep({ text: detached(text), value });
  }

  /** An analysis is over: what it did not use is dropped. */
  sweep(): void {
    this.last = this.used;
    this.used = new Map();
  }

  private keep(e: { text: string; value: V }): void {
    const bucket = this.used.get(e.text.length);
    if (bucket) bucket.push(e);
    else this.used.set(e.text.length, [e]);
  }
}

/** unfilled-guidance: a block of a section's text read into normalised sentences. */
export interface GuidanceBlock {
  /** The template whose placeholders were left out of it. */
  template: object;
  /** Whether the block starts inside a fenced block, and ends inside one. */
  fencedAtStart: boolean;
  fencedAtEnd: boolean;
  sentences: string[];
  /** Words of each sentence, and of all of them. */
  words: number[];
  total: number;
  /** Words of its sentences that are in a guidance set, by set. */
  kept: WeakMap<ReadonlySet<string>, number>;
}

/** incomplete-item: what a list's text says wherever it stands (offsets from the list's start). */
export interface ListReading {
  /** The list without its trailing white space. */
  trimmedLength: number;
  /** Label keys written in the list, with the prefix of the line each opens. */
  labels: ReadonlyMap<string, string>;
  /** Its items and their labels; null when an item is not found as written in the list's text. */
  items: { start: number; end: number; labels: ReadonlyMap<string, string> }[] | null;
}

export interface AnalysisMemo {
  guidance: TextMemo<GuidanceBlock>;
  lists: TextMemo<ListReading>;
}

export function createAnalysisMemo(): AnalysisMemo {
  return { guidance: new TextMemo(), lists: new TextMemo() };
}

/**
 * A copy of a stretch of text that does not keep the whole document alive: V8
 * makes `text.slice()` a view of its parent string, so a memo (or parse results)
 * kept by text would otherwise hold every version's full text.
 */
export function detached(t: string): string {
  return (' ' + t).slice(1);
}
