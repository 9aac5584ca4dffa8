// A chunk's facts with the parser run only where it is needed: the chunk is cut
// at every block boundary splitChunks could cut at (chunks.ts), the stretches
// the block reader reads (blockReader.ts: headings, paragraphs, simple lists,
// fenced code) are read without it, and each run of the other stretches is
// parsed as one text. Any set of those cuts is safe, as for chunks: a stretch
// parsed alone yields the blocks the whole chunk's parse does, and a parsed run
// left open at its end (a fence the cut scanner misjudged) sends the whole chunk
// to the parser. The one state a parse carries from block to block, link and
// footnote definitions, never arises: a chunk with `]:` is parsed whole.
import { scanCuts } from './chunks';
import { readBlocks } from './blockReader';
import { shiftBlock, shiftSpan } from './factShift';
import type { ChunkFacts } from './markdown';

/** The facts of `text`, equal to `parse(text)`'s, reading what can be read without it. */
export function blockwiseFacts(text: string, parse: (text: string) => ChunkFacts): ChunkFacts {
  if (text.charCodeAt(0) === 0xfeff || text.indexOf('\r') >= 0 || mayDefine(text)) return parse(text);
  // Most chunks of real documents are read whole: cut them only when that fails.
  const whole = readBlocks(text, 0, text.length);
  if (whole) return { blocks: whole.blocks, brackets: whole.brackets, definitions: [], comments: [], unclosedAtEnd: false };
  const cuts = scanCuts(text, 0, 0).cuts;
  cuts.push(text.length);
  const facts: ChunkFacts = { blocks: [], brackets: [], definitions: [], comments: [], unclosedAtEnd: false };
  let pending = -1; // start of the run of stretches to parse
  let start = 0;
  let read = false;
  const flush = (end: number): boolean => {
    if (pending < 0) return true;
    const f = parse(text.slice(pending, end));
    if (f.unclosedAtEnd && end < text.length) return false;
    for (const b of f.blocks) facts.blocks.push(shiftBlock(b, pending));
    for (const b of f.brackets) facts.brackets.push(shiftSpan(b, pending));
    for (const c of f.comments) facts.comments.push(shiftSpan(c, pending));
    for (const d of f.definitions) facts.definitions.push(d);
    facts.unclosedAtEnd = f.unclosedAtEnd;
    pending = -1;
    return true;
  };
  for (const end of cuts) {
    const r = readBlocks(text, start, end);
    if (r) {
      read = true;
      if (!flush(start)) return parse(text);
      facts.unclosedAtEnd = false;
      for (const b of r.blocks) facts.blocks.push(b);
      for (const b of r.brackets) facts.brackets.push(b);
    } else if (pending < 0) pending = start;
    start = end;
  }
  if (!read) return parse(text);
  if (!flush(text.length)) return parse(text);
  return facts;
}

/**
 * Whether a link or footnote definition may be in `text`. Each `]:` is one
 * unless what follows it on its line rules a definition out: a destination
 * (not in `<>`) then, after spaces, something that opens no title
 * (`- [Option]: [when to use it]`). With `[^` anywhere, any `]:` may end a
 * footnote definition's label (its content is free).
 */
export function mayDefine(text: string): boolean {
  let i = text.indexOf(']:');
  if (i < 0) return false;
  if (text.indexOf('[^') >= 0) return true;
  for (; i >= 0; i = text.indexOf(']:', i + 2)) {
    let j = i + 2;
    while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
    const d = j;
    while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
    if (j === d || text.charCodeAt(d) === 60) return true;
    while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
    const c = text.charCodeAt(j);
    if (j >= text.length || c === 10 || c === 13 || c === 34 || c === 39 || c === 40) return true;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
