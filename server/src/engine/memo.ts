// What one document's analyses carry over from version to version: results that
// depend only on a stretch of its text, kept with that stretch and reused while
// it is unchanged. A keystroke changes one stretch, so the rules that read every
// section's text re-read only the edited one. The document session owns one
// memo; an analysis without one (the CLI reads each file once) computes
// everything.
//
// A stretch is found again by where it stands: each analysis begins with the
// chunks its model was built from, and chunks of the last analysis found again
// (the same facts at the same place, or moved by the edit's length after it)
// say which stretches of the text, and of the facts read from it, are
// unchanged (`chunkShift` in document.ts). A stretch the edit touched is found by its text,
// compared only with texts of the same length.
import { chunkShift, type ResolvedChunk, type Section, type TextShift } from './document';
import type { TemplateMatch } from './match';

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

/** Nothing is known unchanged (a first analysis, or one of a text not built from the last one's chunks). */
const ALL_CHANGED: TextShift = { from: 0, to: Infinity, delta: 0 };

/** Where [start, end) of this analysis's text stood in the last one's, if it is unchanged. */
function before(shift: TextShift, start: number, end: number): number | undefined {
  if (end <= shift.from) return start;
  if (start >= shift.to) return start - shift.delta;
  return undefined;
}

type Placed<V> = { end: number; value: V };

/**
 * Values computed over stretches of the text, kept by where each stretch
 * stands; the values one analysis did not ask for are dropped when the next
 * begins, so the memo holds about one version's worth.
 */
export class SpanMemo<V> {
  private last = new Map<number, Placed<V>[]>();
  private used = new Map<number, Placed<V>[]>();
  private shift = ALL_CHANGED;

  /** A new analysis: what the last one used is what this one may find, through `shift`. */
  begin(shift: TextShift): void {
    this.last = this.used;
    this.used = new Map();
    this.shift = shift;
  }

  /** The value kept for [start, end) that `accepts` (it may depend on more than the stretch), when the stretch is unchanged. */
  get(start: number, end: number, accepts: (value: V) => boolean): V | undefined {
    const at = before(this.shift, start, end);
    if (at === undefined) return undefined;
    const hit = this.last.get(at)?.find((e) => e.end === end + at - start && accepts(e.value));
    if (hit) this.set(start, end, hit.value);
    return hit?.value;
  }

  set(start: number, end: number, value: V): void {
    const list = this.used.get(start);
    if (list) list.push({ end, value });
    else this.used.set(start, [{ end, value }]);
  }
}

/**
 * Values computed from stretches of text, found again by where they stand
 * (a SpanMemo) or else by their text (a TextMap: a stretch the edit moved
 * within it, or a text not built from the last one's chunks).
 */
export class TextMemo<V> {
  private last = new TextMap<V>();
  private used = new TextMap<V>();
  private placed = new SpanMemo<Entry<V>>();

  begin(shift: TextShift): void {
    this.last = this.used;
    this.used = new TextMap();
    this.placed.begin(shift);
  }

  /** The value kept for the text standing at [start, end), found by where it stands alone (its text need not be read). */
  placedAt(start: number, end: number, accepts: (value: V) => boolean): V | undefined {
    const placed = this.placed.get(start, end, (e) => accepts(e.value));
    if (placed) this.used.add(placed);
    return placed?.value;
  }

  /** The value kept for `text`, standing at `at`, that `accepts` (it may depend on more than the text). */
  get(text: string, at: number, accepts: (value: V) => boolean): V | undefined {
    const end = at + text.length;
    const placed = this.placedAt(at, end, accepts);
    if (placed) return placed;
    const now = this.used.entry(text, accepts);
    const hit = now ?? this.last.entry(text, accepts);
    if (hit) {
      if (!now) this.used.add(hit);
      this.placed.set(at, end, hit);
    }
    return hit?.value;
  }

  set(text: string, at: number, value: V): void {
    const e = { text: detached(text), value };
    this.used.add(e);
    this.placed.set(at, at + text.length, e);
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

/** unfilled-guidance: a stretch between headings read against the guidance of a template section. */
export interface StretchReading {
  template: object;
  guidance: ReadonlySet<string>;
  /** Whether the stretch starts inside a fenced block, and ends inside one. */
  fencedAtStart: boolean;
  fencedAtEnd: boolean;
  /** Words of its sentences, and of those in the guidance. */
  all: number;
  kept: number;
}

/** unfilled-guidance: the share of a section's words in the guidance of its template section. */
export interface GuidanceShare {
  guidance: ReadonlySet<string>;
  share: number;
}

/** incomplete-item: the groups of a template item in a `##` section lacking labels (offsets from the section's start). */
export interface SectionItems {
  structure: object;
  /** The template subsection's own part of the section, where a list structure's lists merge. */
  own: { start: number; end: number } | null;
  groups: { start: number; end: number; missing: string[]; prefix: string }[];
}

/** missing-diagram: whether a section holds a diagram of a language. */
export interface SectionDiagram {
  lang: string;
  found: boolean;
}

/**
 * unfilled-guidance: the last analysis's share of each assignment by its index in
 * the match, with its span. The next analysis, whose match is the same one moved
 * (the same headings: matched from `match` as well), finds each assignment's share
 * by index while its span lies outside the stretch the edit changed, without
 * looking it up by position or searching for its section's end.
 */
export interface AssignmentShares {
  /** The analysis these were read in (the memo's `generation` then). */
  generation: number;
  /** The match its assignments are (or were moved from): `match.match` of the memo then. */
  match: object;
  template: object;
  starts: number[];
  ends: number[];
  shares: GuidanceShare[];
}

export interface AnalysisMemo {
  guidance: TextMemo<GuidanceBlock>;
  lists: TextMemo<ListReading>;
  stretches: SpanMemo<StretchReading>;
  shares: SpanMemo<GuidanceShare>;
  items: SpanMemo<SectionItems>;
  diagrams: SpanMemo<SectionDiagram>;
  /** The last match, and the sections and template it was made for (analyze.ts reuses it while the headings stay). */
  match?: { template: object; sections: readonly Section[]; match: TemplateMatch };
  assignmentShares?: AssignmentShares;
  /** Counts the analyses begun. */
  generation: number;
  /** Where this analysis's text changed from the last one's (nothing known unchanged before a first analysis). */
  shift: TextShift;
  /** The model of the analysis begun last: a rule asked about an older one does not read `shift` or `generation`. */
  model?: object;
  /** An analysis of `model` begins, its text built from `chunks`: what the last one used may be found again. */
  begin(chunks: readonly ResolvedChunk[], length: number, model?: object): void;
}

export function createAnalysisMemo(): AnalysisMemo {
  let last: { chunks: readonly ResolvedChunk[]; length: number } | null = null;
  const memo: AnalysisMemo = {
    guidance: new TextMemo(),
    lists: new TextMemo(),
    stretches: new SpanMemo(),
    shares: new SpanMemo(),
    items: new SpanMemo(),
    diagrams: new SpanMemo(),
    generation: 0,
    shift: ALL_CHANGED,
    begin(chunks, length, model) {
      const shift = last ? chunkShift(last.chunks, last.length, chunks, length) : ALL_CHANGED;
      last = { chunks, length };
      memo.generation++;
      memo.shift = shift;
      memo.model = model;
      for (const m of [memo.guidance, memo.lists, memo.stretches, memo.shares, memo.items, memo.diagrams]) m.begin(shift);
    },
  };
  return memo;
}

/**
 * A copy of a stretch of text that does not keep the whole document alive: V8
 * makes `text.slice()` a view of its parent string, so a memo (or parse results)
 * kept by text would otherwise hold every version's full text.
 */
export function detached(t: string): string {
  return (' ' + t).slice(1);
}
