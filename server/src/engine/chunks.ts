// Splits a document into chunks that can be parsed independently and still
// yield the same top-level blocks as a whole-document parse. A cut is made only
// where CommonMark guarantees a top-level block boundary: before an ATX heading
// at column 0 (no container can hold an unindented `#` line) that is not inside
// front matter, a fenced code block or an HTML block; and, once a chunk is
// large, before an unindented line after a blank line (no open block can
// continue there: list items and footnotes need indentation, blockquotes and
// paragraphs end at a blank line), except a list item (it would continue the
// list before it) or a `---`/`+++` line (front matter at a chunk's start; see
// NO_SOFT_CUT). The scanner errs towards not cutting;
// the one construct whose state it can misjudge (a fence opened inside a
// container) is caught after parsing by `unclosedAtEnd` and the chunks merged.

export interface ChunkSpan {
  start: number;
  end: number;
}

/** Above this size a chunk is also cut between top-level paragraphs. */
export const SOFT_CHUNK_LIMIT = 4 * 1024;

/**
 * Chunk size where an edit re-splits the text: smaller, so that each further
 * keystroke there re-parses about one block (the cost is per character parsed).
 */
export const EDIT_CHUNK_LIMIT = 256;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HTML_START = /^ {0,3}</;
const HTML_RAW = /^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i;

/** End markers of the HTML block kinds that can span blank lines (null: ends at a blank line). */
export function htmlEndMarker(line: string): string | null {
  if (HTML_RAW.test(line)) return 'raw';
  const t = line.trimStart();
  if (t.startsWith('<!--')) return '-->';
  if (t.startsWith('<?')) return '?>';
  if (t.startsWith('<![CDATA[')) return ']]>';
  if (/^<![A-Za-z]/.test(t)) return '>';
  return null;
}

export function rawEnded(line: string): boolean {
  return /<\/(script|pre|style|textarea)>/i.test(line);
}

/**
 * Front matter as remark-frontmatter reads it: `---` (YAML) or `+++` (TOML) on
 * the first line, closed by the same fence; spaces or tabs may follow a fence.
 */
function frontMatterFence(line: string): string | null {
  const m = /^(---|\+\+\+)[ \t]*$/.exec(line);
  return m ? m[1] : null;
}

/**
 * Unindented lines a soft cut must not precede. `---` / `+++` would open front
 * matter at the start of a chunk (and a later `---` in the chunk would close
 * it: a whole region read as YAML). A list item after a blank line continues
 * the list before it; cut there it would parse as two lists, and the chunked
 * blocks would differ from the whole document's.
 */
const NO_SOFT_CUT = /^(?:[-+*]|\d{1,9}[.)])/;

/** An ATX heading line at column 0. Only a space or tab may follow the `#`s (not e.g. U+00A0). */
const ATX_AT_COLUMN_0 = /^#{1,6}([ \t]|$)/;
const BLANK_LINE = /^[ \t]*$/;

/** A blank line as markdown has it: spaces and tabs only (a no-break space is text, which `trim` would drop). */
export function isBlankLine(line: string): boolean {
  return BLANK_LINE.test(line);
}

export function splitChunks(text: string, softLimit = SOFT_CHUNK_LIMIT): ChunkSpan[] {
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return toSpans(first, scanCuts(text, first, softLimit).cuts, text.length);
}

/** Spans from `start` to `end` cut at `cuts` (ascending, inside the range). */
export function toSpans(start: number, cuts: number[], end: number): ChunkSpan[] {
  const spans: ChunkSpan[] = [];
  for (const c of cuts) {
    spans.push({ start, end: c });
    start = c;
  }
  spans.push({ start, end });
  return spans;
}

/**
 * The cut points after `from`, which must be the text's start (after a BOM) or
 * a cut point itself: every cut is made with no fence, HTML block or front
 * matter open, so scanning on from one needs no earlier state. `stopAt` is
 * asked at every line where a cut is allowed (whatever the chunk size): when
 * it answers true the scan cuts there and stops, returning that position as
 * `stoppedAt` (an edit re-splits only until its cuts meet the old ones again).
 */
export function scanCuts(text: string, from: number, softLimit: number, stopAt?: (pos: number) => boolean): { cuts: number[]; stoppedAt: number | null } {
  const cuts: number[] = [];
  let pos = from;
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fence: { ch: string; len: number } | null = null;
  let html: 'blank' | string | null = null;
  let prevBlank = true;
  let chunkStart = from;
  let lineNo = from === first ? 0 : 1;
  let frontMatter: string | null = null;

  while (pos < text.length) {
    let eol = pos;
    while (eol < text.length) {
      const c = text.charCodeAt(eol);
      if (c === 10 || c === 13) break;
      eol++;
    }
    let next = eol;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10 && (next === eol || text.charCodeAt(next - 1) === 13)) next++;
    // Lines far longer than any heading cannot be cut points; avoid regexes on them.
    const line = eol - pos > 4096 ? text.slice(pos, pos + 4096) : text.slice(pos, eol);
    const blank = isBlankLine(line);

    if (lineNo === 0 && frontMatterFence(line)) {
      frontMatter = frontMatterFence(line);
    } else if (frontMatter) {
      // Only the opening fence closes it (`...` does not, in remark-frontmatter).
      if (frontMatterFence(line) === frontMatter) frontMatter = null;
    } else if (fence) {
      const m = FENCE_CLOSE.exec(line);
      if (m && m[1][0] === fence.ch && m[1].length >= fence.len) fence = null;
    } else if (html) {
      if (html === 'blank') {
        if (blank) html = null;
      } else if (html === 'raw' ? rawEnded(line) : line.includes(html)) {
        html = null;
      }
    } else {
      if (pos > chunkStart) {
        const isHeading = line.charCodeAt(0) === 35 && ATX_AT_COLUMN_0.test(line);
        const cuttable = isHeading || (prevBlank && line.length > 0 && line.charCodeAt(0) > 32 && !NO_SOFT_CUT.test(line));
        if (cuttable && stopAt?.(pos)) {
          cuts.push(pos);
          return { cuts, stoppedAt: pos };
        }
        if (isHeading || (cuttable && pos - chunkStart >= softLimit)) {
          cuts.push(pos);
          chunkStart = pos;
        }
      }
      const f = FENCE_OPEN.exec(line);
      if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
        fence = { ch: f[1][0], len: f[1].length };
      } else if (HTML_START.test(line)) {
        const marker = htmlEndMarker(line);
        if (marker === null) html = 'blank';
        else if (!(marker === 'raw' ? rawEnded(line) : line.slice(line.indexOf('<') + 2).includes(marker))) html = marker;
      }
    }
    // An unclosed front matter is no front matter: CommonMark reads a thematic break.
    if (frontMatter && next >= text.length) frontMatter = null;
    prevBlank = blank;
    pos = next;
    lineNo++;
  }
  return { cuts, stoppedAt: null };
}

/**
 * Merges neighbouring chunks until each is at least `min` characters. Every
 * cut of `splitChunks` is a safe block boundary, so any subset of them is
 * too: the merged chunks parse to the same facts. Fewer, larger chunks cost
 * less in per-parse setup when a whole document is read once (the CLI); the
 * editor keeps the fine cuts, so an edit re-parses only a small chunk.
 */
export function coarsen(spans: ChunkSpan[], min: number): ChunkSpan[] {
  const out: ChunkSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.end - last.start < min) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** Chunk size for reading whole documents once (see coarsen): past the per-parse setup, below remark's super-linear range. */
export const BATCH_CHUNK_SIZE = 2 * 1024;
