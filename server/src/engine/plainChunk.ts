// The facts of a chunk that needs no parser: only ATX headings with plain
// titles, paragraphs of plain lines and empty lines (a document of 100,000
// headings is all such chunks). Each shape is recognised from characters alone,
// and whatever could start a construct or carry a fact makes it answer null, so
// the caller parses the chunk as usual: the facts, when given, are exactly
// those of parseChunk (test/engine/mdtree.test.ts compares both with remark).
import { MAX_PARSED_LINE } from './hostile';
import type { BlockFact, ChunkFacts } from './markdown';

/**
 * Characters that make a heading's title other than its source text: escapes,
 * code, emphasis, strikethrough, links, images, footnote calls, HTML,
 * autolinks, character references, and `#` (a closing sequence).
 */
const TITLE_STOP = new Uint8Array(128);
for (const c of '\\`*_~[]<>&!#') TITLE_STOP[c.charCodeAt(0)] = 1;

/** A literal autolink (mdast-util-gfm-autolink-literal) splits a title's text: URLs need `://` or `www.`, emails `@`. */
const LITERAL = /www\.|:\/\/|@/i;

/** Whitespace other than the space, which a title's `\s+` collapses but micromark keeps. */
const OTHER_SPACE = /[^\S ]/;

/**
 * The facts of `text` when every line is empty, an ATX heading at column 0
 * (`#`s, spaces, a plain title, spaces) or a paragraph line starting with an
 * ASCII letter with no `[` or `<`; lines end with `\n` only and are no longer
 * than the parser is given (a longer one is line-scanned, hostile.ts). Null
 * for anything else.
 *
 * Why those lines cannot be anything else: a line that starts with a letter
 * opens no block (lists, quotes, fences, HTML, tables' delimiter rows,
 * setext underlines, thematic breaks, definitions, indented code and front
 * matter all start with another character), an ATX heading interrupts a
 * paragraph, and without `[` or `<` a paragraph has no bracket, comment or
 * definition fact; its fields need bold text opening a line.
 */
export function plainFacts(text: string): ChunkFacts | null {
  const blocks: BlockFact[] = [];
  let para: BlockFact | null = null;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    if (eol - pos > MAX_PARSED_LINE) return null;
    if (eol > pos) {
      const first = text.charCodeAt(pos);
      if (first === 35) {
        const h = heading(text, pos, eol);
        if (!h) return null;
        blocks.push(h);
        para = null;
      } else if (isLetter(first) && plainLine(text, pos, eol)) {
        if (para) para.end = eol;
        else blocks.push((para = { type: 'paragraph', start: pos, end: eol }));
      } else return null;
    } else para = null;
    pos = eol + 1;
  }
  return { blocks, brackets: [], definitions: [], comments: [], unclosedAtEnd: false };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A paragraph line: no control character (`\r` included), `[` or `<`. */
function plainLine(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 91 || c === 60 || c === 127) return false;
  }
  return true;
}

/**
 * `#{1,6}`, one or more spaces, a plain title, spaces; null for any other line
 * starting with `#`. With `brackets`, the title may hold `[` and `]` (the
 * caller reads their facts and refuses links: blockReader.ts).
 */
export function heading(text: string, s: number, e: number, brackets = false): BlockFact | null {
  let i = s;
  while (i < e && text.charCodeAt(i) === 35) i++;
  const depth = i - s;
  if (depth > 6 || text.charCodeAt(i) !== 32) return null;
  while (i < e && text.charCodeAt(i) === 32) i++;
  // The heading runs to the line's end, its title to the last character that is not a space.
  let t = e;
  while (t > i && text.charCodeAt(t - 1) === 32) t--;
  if (t === i) return null;
  // Most titles are plain ASCII words: the patterns below run only when a character calls for them.
  let suspect = false;
  let spaces = false;
  for (let k = i; k < t; k++) {
    const c = text.charCodeAt(k);
    // `&` before a space is no character reference (`Internals & Architecture`).
    if (c < 32 || c === 127 || (c < 128 && TITLE_STOP[c] === 1 && !(c === 38 && text.charCodeAt(k + 1) === 32) && !(brackets && (c === 91 || c === 93)))) return null;
    if (c === 64 || c === 58 || c === 46 || c >= 128) suspect = true; // @ : . and non-ASCII
    else if (c === 32 && text.charCodeAt(k - 1) === 32) spaces = true;
  }
  const raw = text.slice(i, t);
  if (suspect && (LITERAL.test(raw) || OTHER_SPACE.test(raw))) return null;
  return { type: 'heading', start: s, end: e, depth, title: spaces ? raw.replace(/ +/g, ' ') : raw, titleStart: i, titleEnd: t };
}
