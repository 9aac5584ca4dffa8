// Reads the facts of the common block shapes of real documents without the
// parser, line by line: ATX headings with plain titles, paragraphs (with their
// `**Label**:` fields and `[placeholder]` brackets), bullet and ordered lists
// holding no `[` or `<`, and fenced code at column 0. Each shape is accepted
// only where the facts are certain from the characters alone; anything else
// (a list item continuing a paragraph, a lazy line, a link, emphasis that could
// swallow a field, an entity or escape where it could matter...) makes the
// reader answer null and the caller parses. The facts, when given, equal
// parseChunk's (test/engine/blockReader.test.ts compares them on random
// documents of these shapes and their near misses, and with remark).
import { heading } from './plainChunk';
import type { BlockFact, BracketFact, FieldFact } from './markdown';
import { codeSpans, inlineBrackets } from './inlineBrackets';

export interface ReadFacts {
  blocks: BlockFact[];
  brackets: BracketFact[];
}

const SPACE = 32;
const TAB = 9;
const STAR = 42;
const BACKTICK = 96;
const TILDE = 126;
const OPEN_BRACKET = 91;
const LESS_THAN = 60;
const PIPE = 124;

/** A list being read: its block, the marker that continues it and the content column of its last item. */
interface OpenList {
  block: BlockFact;
  /** `-`, `*`, `+`, or `.`/`)` for ordered lists: another marker starts another list. */
  marker: number;
  width: number;
  /** A blank line since the last line of the list. */
  blank: boolean;
  /**
   * An indented line came right after a blank one since the last item's marker
   * line: it, and what follows it in the item, may be indented code, so
   * brackets there are left to the parser.
   */
  maybeCode: boolean;
}

/**
 * The facts of `text` from `from` to `to` (a chunk, or a stretch of one cut at
 * a block boundary: see blockwise.ts), with offsets into `text`; null when any
 * line is not one of the shapes read here. Lines end with `\n` only; the caller
 * refuses chunks with a `\r`, a link reference definition or a BOM.
 */
export function readBlocks(text: string, from: number, to: number): ReadFacts | null {
  const out: ReadFacts = { blocks: [], brackets: [] };
  let para: BlockFact | null = null;
  let list: OpenList | null = null;
  let pos = from;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > to) eol = to;
    const next = eol + 1;
    let k = pos;
    while (k < eol && text.charCodeAt(k) === SPACE) k++;
    const indent = k - pos;
    if (k === eol) {
      // A blank line (spaces only) ends a paragraph; a list may go on after it.
      if (para && !closeParagraph(text, para, out)) return null;
      para = null;
      if (list) list.blank = true;
      pos = next;
      continue;
    }
    const first = text.charCodeAt(k);
    if (first === TAB || first < SPACE) return null;
    if (list && indent >= list.width) {
      // Inside the open item.
      if (list.blank) list.maybeCode = true;
      if (!listLine(text, k, eol, list, out)) return null;
      list.block.end = eol;
      list.blank = false;
      pos = next;
      continue;
    }
    if (indent > 0) {
      // An indented line continues a paragraph (if it could start a block or a table's delimiter row, the parser decides).
      if (!para || !startsParagraph(text, k, eol) || !paragraphLine(text, k, eol)) return null;
      para.end = eol;
      pos = next;
      continue;
    }
    if (first === 35) {
      const h = heading(text, pos, eol, true);
      if (!h || !headingBrackets(text, h, out)) return null;
      if (para && !closeParagraph(text, para, out)) return null;
      para = null;
      list = null;
      out.blocks.push(h);
      pos = next;
      continue;
    }
    const fence = fenceEnd(text, pos, eol, to);
    if (fence !== 0) {
      if (fence < 0) return null;
      if (para && !closeParagraph(text, para, out)) return null;
      para = null;
      list = null;
      out.blocks.push(fence_(text, pos, eol, fence));
      pos = fence + 1;
      continue;
    }
    if (pos > 0 && !para && (!list || list.blank) && thematicBreak(text, pos, eol)) {
      // (At the text's start `---` may open front matter.)
      list = null;
      out.blocks.push({ type: 'thematicBreak', start: pos, end: eol });
      pos = next;
      continue;
    }
    if (first === PIPE && !para && (!list || list.blank)) {
      const end = table(text, pos, to, out);
      if (end < 0) return null;
      list = null;
      pos = end + 1;
      continue;
    }
    const item = listItem(text, pos, eol);
    if (item) {
      // A bullet item interrupts a paragraph, an ordered one only from 1 (else it is a paragraph line).
      if (para) {
        if (item.marker !== 45 && item.marker !== STAR && item.marker !== 43 && !(item.width === 3 && text.charCodeAt(pos) === 49)) return null;
        if (!closeParagraph(text, para, out)) return null;
        para = null;
      }
      if (list && list.marker === item.marker) {
        list.width = item.width;
        list.maybeCode = false;
      } else {
        // Another marker right after a list (no blank line) starts another list; after a blank line too.
        list = { block: { type: 'list', start: pos, end: eol }, marker: item.marker, width: item.width, blank: false, maybeCode: false };
        out.blocks.push(list.block);
      }
      if (!listLine(text, pos + item.width, eol, list, out)) return null;
      list.block.end = eol;
      list.blank = false;
      pos = next;
      continue;
    }
    // A paragraph line at column 0: it starts one after a blank line or a closed block, else continues one.
    if (list && !list.blank) return null; // a lazy line of the list's last paragraph, or not
    list = null;
    if (!startsParagraph(text, k, eol) || !paragraphLine(text, k, eol)) return null;
    if (para) para.end = eol;
    else out.blocks.push((para = { type: 'paragraph', start: pos, end: eol }));
    pos = next;
  }
  if (para && !closeParagraph(text, para, out)) return null;
  return out;
}

/**
 * The bracket facts of a heading's title (`## Title: [Topic Name]`): its text
 * keeps its brackets when they make no link, which needs `](` here (the chunk
 * has no definition; images, code and escapes are no plain title).
 */
function headingBrackets(text: string, h: BlockFact, out: ReadFacts): boolean {
  const a = h.titleStart!;
  const b = h.titleEnd!;
  const title = text.slice(a, b);
  if (title.indexOf('[') < 0 && title.indexOf(']') < 0) return true;
  return title.indexOf('](') < 0 && inlineBrackets(text, a, b, [], out.brackets);
}

/** The end of the code fenced by the line at `s` (its closing line's end), 0 if the line opens no fence, -1 if it is not read here. */
function fenceEnd(text: string, s: number, e: number, to: number): number {
  const ch = text.charCodeAt(s);
  if (ch !== BACKTICK && ch !== TILDE) return 0;
  let i = s;
  while (i < e && text.charCodeAt(i) === ch) i++;
  const len = i - s;
  if (len < 3) return 0;
  // The info string: no backtick after a backtick fence (else it is no fence), no escape or character reference in it.
  for (let j = i; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKTICK && ch === BACKTICK) return 0;
    if (c === 92 || c === 38 || c < SPACE) return -1;
  }
  let pos = e + 1;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > to) eol = to;
    let k = pos;
    while (k < eol && k - pos < 4 && text.charCodeAt(k) === SPACE) k++;
    if (k - pos < 4) {
      let j = k;
      while (j < eol && text.charCodeAt(j) === ch) j++;
      if (j - k >= len) {
        while (j < eol && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
        if (j === eol) return eol;
      }
    }
    pos = eol + 1;
  }
  return -1; // open to the end: the next chunk may hold its end
}

function fence_(text: string, s: number, e: number, end: number): BlockFact {
  let i = s;
  const ch = text.charCodeAt(s);
  while (text.charCodeAt(i) === ch) i++;
  while (i < e && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  let j = i;
  while (j < e && text.charCodeAt(j) !== SPACE && text.charCodeAt(j) !== TAB) j++;
  // blockFact sets `lang` from the node's, null (no info string) included.
  return { type: 'code', start: s, end, lang: j > i ? text.slice(i, j) : undefined };
}

/** A table's delimiter row with leading and trailing pipes: `|---|:-:|`. */
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;

/**
 * A table whose rows all start and end with `|` at column 0, its delimiter row
 * second with as many cells as its header, ended by a blank line or the end
 * of the text: adds its block and the brackets of its cells, and answers the
 * end of its last row; -1 for any other shape (a row without its pipes would
 * be a row, or not, by rules left to the parser).
 */
function table(text: string, s: number, to: number, out: ReadFacts): number {
  const rows: [number, number][] = [];
  let pos = s;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > to) eol = to;
    if (eol === pos) break;
    if (text.charCodeAt(pos) !== PIPE || text.charCodeAt(eol - 1) !== PIPE || eol - pos < 2) return -1;
    rows.push([pos, eol]);
    pos = eol + 1;
  }
  // A blank line with spaces, or a header alone, is left to the parser.
  if (rows.length < 2 || (pos < to && text.charCodeAt(pos) !== 10)) return -1;
  const delimiter = text.slice(rows[1][0], rows[1][1]);
  if (!DELIMITER_ROW.test(delimiter) || pipes(text, rows[0][0], rows[0][1]) !== pipes(text, rows[1][0], rows[1][1])) return -1;
  const brackets: BracketFact[] = [];
  for (let r = 0; r < rows.length; r++) {
    const [a, b] = rows[r];
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      // Escaped pipes, HTML and control characters are left to the parser.
      if (c < SPACE || c === 127 || c === 92 || (c === LESS_THAN && tagStart(text.charCodeAt(i + 1)))) return -1;
    }
    if (r === 1) continue;
    // Each cell's content is inline content of its own: pipes split code spans too.
    for (let c = a + 1; c < b; ) {
      const next = text.indexOf('|', c);
      if (text.slice(c, next).indexOf('[') >= 0 && !inlineBrackets(text, c, next, codeSpans(text, c, next)!, brackets)) return -1;
      c = next + 1;
    }
  }
  const end = rows[rows.length - 1][1];
  out.blocks.push({ type: 'table', start: s, end });
  for (const b of brackets) out.brackets.push(b);
  return end;
}

function pipes(text: string, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) if (text.charCodeAt(i) === PIPE) n++;
  return n;
}

/** A list item's marker line at column 0: the marker kind and the content's column, or null. */
function listItem(text: string, s: number, e: number): { marker: number; width: number } | null {
  const c = text.charCodeAt(s);
  let i = s;
  let marker: number;
  if (c === 45 || c === STAR || c === 43) {
    marker = c;
    i++;
  } else if (c >= 48 && c <= 57) {
    while (i < e && i - s < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const d = text.charCodeAt(i);
    if (i - s > 9 || (d !== 46 && d !== 41)) return null;
    marker = d;
    i++;
  } else return null;
  // One space, then content: an empty item, more spaces (a wider or code item) or a tab are left to the parser.
  if (text.charCodeAt(i) !== SPACE) return null;
  const t = text.charCodeAt(i + 1);
  if (i + 1 >= e || t === SPACE || t === TAB) return null;
  if (thematicBreak(text, s, e)) return null;
  return { marker, width: i + 1 - s };
}

/** `***`, `- - -`, `___`: three or more of one of them, with spaces or tabs only. */
function thematicBreak(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  if (c !== 45 && c !== STAR && c !== 95) return false;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i);
    if (d === c) n++;
    else if (d !== SPACE && d !== TAB) return false;
  }
  return n >= 3;
}

/**
 * A line of a list item from its content's start `k` (after the item's
 * marker, or the continuation's indentation): nested markers, then paragraph
 * text, with no control character but tabs or `<` that may open HTML, and its
 * bracket facts added. Any other block in an item (a heading, fence, quote,
 * thematic break, table) could make a later indented line code, so the list is
 * left to the parser.
 */
function listLine(text: string, k: number, e: number, list: OpenList, out: ReadFacts): boolean {
  let bracket = false;
  let backtick = false;
  for (let i = k; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c < SPACE && c !== TAB) || c === 127 || (c === LESS_THAN && tagStart(text.charCodeAt(i + 1)))) return false;
    if (c === OPEN_BRACKET || c === 93) bracket = true;
    else if (c === BACKTICK) backtick = true;
  }
  // Lines are read one at a time: a code span left open on one could hide a later line's brackets.
  const spans = backtick ? codeSpans(text, k, e, true) : [];
  if (!spans) return false;
  // Nested items: one space after each marker, as at the top.
  for (;;) {
    const n = nestedMarker(text, k, e);
    if (n < 0) break;
    k = n;
  }
  if (!startsParagraph(text, k, e)) return false;
  if (!bracket) return true;
  // A task item's check, and an indented line after a blank one (perhaps code), are left to the parser.
  if (list.maybeCode || taskCheck(text, k, e)) return false;
  return inlineBrackets(text, k, e, spans, out.brackets);
}

/** `[ ]`, `[x]` or `[X]` then a space, a tab or the line's end: a task item's check. */
function taskCheck(text: string, k: number, e: number): boolean {
  const c = text.charCodeAt(k + 1);
  const after = text.charCodeAt(k + 3);
  return text.charCodeAt(k) === OPEN_BRACKET && (c === SPACE || c === 120 || c === 88) && text.charCodeAt(k + 2) === 93 && (k + 3 >= e || after === SPACE || after === TAB);
}

/** After a nested list marker at `k` (`-`, `*`, `+` or `1.` then one space and content), the content's start; else -1. */
function nestedMarker(text: string, k: number, e: number): number {
  const c = text.charCodeAt(k);
  let i = k;
  if (c === 45 || c === STAR || c === 43) i++;
  else {
    while (i < e && i - k < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const d = text.charCodeAt(i);
    if (i === k || i - k > 9 || (d !== 46 && d !== 41)) return -1;
    i++;
  }
  if (text.charCodeAt(i) !== SPACE) return -1;
  const t = text.charCodeAt(i + 1);
  if (i + 1 >= e || t === SPACE || t === TAB) return -1;
  return i + 1;
}

/**
 * Whether a line whose first character is at `k` is paragraph text: it cannot
 * start a block or, after a paragraph line, interrupt it or underline it.
 */
function startsParagraph(text: string, k: number, e: number): boolean {
  const c = text.charCodeAt(k);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128) return true;
  if (c >= 48 && c <= 57) {
    // `1.` or `1)` then a space or the line's end is an ordered item.
    let i = k;
    while (i < e && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const d = text.charCodeAt(i);
    if (i - k <= 9 && (d === 46 || d === 41)) return !(i + 1 >= e || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB);
    return true;
  }
  if (c === STAR) {
    const d = text.charCodeAt(k + 1);
    return k + 1 < e && d !== SPACE && d !== TAB && !thematicBreak(text, k, e);
  }
  // One or two backticks open a code span; three a fence.
  if (c === BACKTICK) return !(text.charCodeAt(k + 1) === BACKTICK && text.charCodeAt(k + 2) === BACKTICK);
  // A placeholder `[...]` may open a line: no definition is in the chunk (the caller checks), so it is no block.
  // Punctuation that starts no block.
  return c === OPEN_BRACKET || c === 40 || c === 34 || c === 39 || c === 36 || c === 47 || c === 46 || c === 44 || c === 63 || c === 37 || c === 59;
}

/** A paragraph line: no control character (tabs aside) and no `<` that may open HTML, a comment or an autolink. */
function paragraphLine(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c < SPACE && c !== TAB) || c === 127 || (c === LESS_THAN && tagStart(text.charCodeAt(i + 1)))) return false;
  }
  return true;
}

/**
 * Adds the paragraph's fields and brackets, or answers false when they need
 * the parser. Only top-level paragraphs are read here, so fields apply.
 */
function closeParagraph(text: string, p: BlockFact, out: ReadFacts): boolean {
  const s = p.start;
  const e = p.end;
  let brackets = false;
  let stars = 0;
  let backticks = false;
  let otherEmphasis = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET || c === 93) brackets = true;
    else if (c === STAR) stars++;
    else if (c === BACKTICK) backticks = true;
    else if (c === TILDE || (c === 95 && !intraword(text, i, s, e))) otherEmphasis = true;
  }
  const fields: FieldFact[] = [];
  const valueStarts: number[] = [];
  if (stars > 0 || otherEmphasis) {
    for (let ls = s; ls < e; ) {
      let le = text.indexOf('\n', ls);
      if (le < 0 || le > e) le = e;
      let k = ls;
      while (k < le && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
      const c = text.charCodeAt(k);
      if (c === 95 && text.charCodeAt(k + 1) === 95) return false; // `__Label__`
      if (c === STAR && text.charCodeAt(k + 1) === STAR) {
        const close = fieldLabelEnd(text, k, le);
        if (close < 0) return false;
        fields.push({ label: text.slice(k + 2, close).trim(), value: '', start: k, end: e });
        valueStarts.push(close + 2);
      }
      ls = le + 1;
    }
  }
  const spans = backticks ? codeSpans(text, s, e)! : [];
  if (fields.length > 0) {
    // A code span around a field's label would hide it.
    if (spans.length > 0 && overlaps(fields, valueStarts, spans)) return false;
    // Emphasis opened before a field and closed after it would hold it: then it is no child of the
    // paragraph. Before the last field, only fields and plain pairs such as `**word**` are allowed.
    if (otherEmphasis || (stars !== 4 * fields.length && !plainPairs(text, s, fields[fields.length - 1].start, fields, valueStarts, spans))) return false;
  }
  if (brackets && !inlineBrackets(text, s, e, spans, out.brackets)) return false;
  for (let i = 0; i < fields.length; i++) {
    const stop = i + 1 < fields.length ? fields[i + 1].start : e;
    fields[i].value = text.slice(valueStarts[i], stop);
    fields[i].end = valueStarts[i] + fields[i].value.trimEnd().length;
  }
  if (fields.length > 0) p.fields = fields;
  return true;
}

/**
 * Whether every `*` run from `s` to `e` outside code spans is a field's or one
 * of a pair on one line that can only match each other: `**words**` or
 * `*words*`, the opener after a space or the line's start and before a letter
 * or digit, the closer after one and before a space, punctuation or the line's
 * end, nothing but plain text between.
 */
function plainPairs(text: string, s: number, e: number, fields: FieldFact[], valueStarts: number[], spans: [number, number][]): boolean {
  let f = 0;
  let sp = 0;
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) !== STAR) continue;
    while (f < fields.length && valueStarts[f] <= i) f++;
    if (f < fields.length && fields[f].start <= i) {
      i = valueStarts[f] - 1; // a field's label, delimiters included
      continue;
    }
    while (sp < spans.length && spans[sp][1] <= i) sp++;
    if (sp < spans.length && spans[sp][0] <= i) continue; // in code
    let j = i;
    while (j < e && text.charCodeAt(j) === STAR) j++;
    const len = j - i;
    const before = i > s ? text.charCodeAt(i - 1) : 10;
    if (len > 2 || !(before === SPACE || before === 10) || !isAlnum(text.charCodeAt(j))) return false;
    let k = j;
    while (k < e && PAIR_TEXT[text.charCodeAt(k)] === 1) k++;
    if (k + len > e || !isAlnum(text.charCodeAt(k - 1))) return false;
    for (let m = k; m < k + len; m++) if (text.charCodeAt(m) !== STAR) return false;
    const after = k + len < e ? text.charCodeAt(k + len) : 10;
    if (!(after === SPACE || after === 10 || after === 46 || after === 44 || after === 58 || after === 59 || after === 41)) return false;
    i = k + len - 1;
  }
  return true;
}

/** Whether a code span (in order, apart) meets a field's label, `**` included. */
function overlaps(fields: FieldFact[], valueStarts: number[], spans: [number, number][]): boolean {
  let k = 0;
  for (let i = 0; i < fields.length; i++) {
    while (k < spans.length && spans[k][1] <= fields[i].start) k++;
    if (k < spans.length && spans[k][0] < valueStarts[i]) return true;
  }
  return false;
}

/** Characters of a plain pair's text: ASCII letters, digits, spaces and `-`, `'`. */
const PAIR_TEXT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) PAIR_TEXT[c] = 1;
for (let c = 65; c <= 90; c++) PAIR_TEXT[c] = PAIR_TEXT[c + 32] = 1;
PAIR_TEXT[SPACE] = PAIR_TEXT[45] = PAIR_TEXT[39] = 1;

/** After `<`, a character that may start HTML or an autolink: a letter, `/`, `!` or `?` (`a < b`, `<= 5` are text). */
function tagStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An `_` between two ASCII letters or digits (snake_case) opens and closes nothing. */
function intraword(text: string, i: number, s: number, e: number): boolean {
  return i > s && i + 1 < e && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
}

/**
 * The offset of the `**` closing a field's label opened by the `**` at `k`,
 * or -1 when the label is not plain (emphasis, code, escapes, references,
 * brackets, literal autolinks in it) or the pair may not be strong emphasis.
 */
function fieldLabelEnd(text: string, k: number, le: number): number {
  const a = k + 2;
  const first = text.charCodeAt(a);
  if (a >= le || first === SPACE || first === TAB || first === STAR) return -1;
  const close = text.indexOf('**', a);
  if (close < 0 || close >= le) return -1;
  for (let i = a; i < close; i++) {
    const c = text.charCodeAt(i);
    if (c === STAR || c === 95 || c === BACKTICK || c === 92 || c === 38 || c === TILDE || c === OPEN_BRACKET || c === 93 || c === 64 || c === 33 || c >= 128) return -1;
  }
  if (/www\.|:\/\//i.test(text.slice(a, close))) return -1;
  const before = text.charCodeAt(close - 1);
  const after = close + 2 < le ? text.charCodeAt(close + 2) : SPACE;
  if (before === SPACE || before === TAB || after === STAR) return -1;
  // A closer after punctuation must be followed by a space or punctuation to close.
  if (isPunct(before) && !(after === SPACE || after === TAB || isPunct(after))) return -1;
  return close;
}

function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
