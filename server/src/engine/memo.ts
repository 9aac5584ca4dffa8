// What one document's analyses carry over from version to version: results that
// depend only on a stretch of its text, kept with that text and reused while it
// is unchanged. A keystroke changes one stretch, so the rules that read every
// section's text re-read only the edited one. The document session owns one
// memo; an analysis without one (the CLI reads each file once) computes
// everything.

type Entry<V> = { text: string; value: V };

/**
 * Values by text, where texts are compared only with texts of the same length:
 * a lookup never hashes a long text (looking up the chunks of a 3 MB document by
 * their text would hash all of it).
 */
export class TextMap<V> {
  private buckets = new Map<number, Entry<V>[]>();

  /** The value kept for `text` that `accepts` (it may depend on more than the text). */
  get(text: string, accepts: (value: V) => boolean = () => true): V | undefined {
    return this.entry(text, accepts)?.value;
  }

  entry(text: string, accepts: (value: V) => boolean): Entry<V> | undefined {
    return this.buckets.get(text.length)?.find((e) => e.text === text && accepts(e.value));
  }

  /** Keeps an entry beside any other kept for its text. */
  add(e: Entry<V>): void {
    const bucket = this.buckets.get(e.text.length);
    if (bucket) bucket.push(e);
    else this.buckets.set(e.text.length, [e]);
  }

  /** Keeps `value` for `text` (a copy of it that does not hold its document), instead of any other. */
  set(text: string, value: V): void {
    const old = this.entry(text, () => true);
    if (old) old.value = value;
    else this.add({ text: detached(text), value });
  }

  clear(): void {
    this.buckets.clear();
  }
}

/**
 * Values computed from stretches of text, found again by their text (a
 * TextMap); the values one analysis did not ask for are dropped when it ends
 * (`sweep`), so the memo holds about one version's worth of text.
 */
export class TextMemo<V> {
  private last = new TextMap<V>();
  private used = new TextMap<V>();

  /** The value kept for `text` that `accepts` (it may depend on more than the text). */
  get(text: string, accepts: (value: V) => boolean): V | undefined {
    const hit = this.used.get(text, accepts);
    if (hit) return hit;
    const old = this.last.entry(text, accepts);
    if (old) this.used.add(old);
    return old?.value;
  }

  set(text: string, value: V): void {
    this.used.add({ text: detached(text), value });
  }

  /** An analysis is over: what it did not use is dropped. */
  sweep(): void {
    this.last = this.used;
    this.used = new TextMap();
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
