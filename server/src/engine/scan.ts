// The fallback reader: when the markdown parser cannot be trusted to finish
// (hostile input, deadline passed), a linear line scan still finds the ATX
// headings outside fences, the bold fields and where content is, so the
// section-level findings and the outline stay available. It reports no
// placeholders: without a parse it cannot tell prose from code or links.
import type { BlockFact, ChunkFacts } from './markdown';

const ATX = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FIELD = /^\*\*([^*\r\n]{1,200})\*\*/;
const MAX_SCANNED_LINE = 4096;

export function scanChunk(text: string): ChunkFacts {
  const blocks: BlockFact[] = [];
  let pos = 0;
  let fence: string | null = null;
  let para: BlockFact | null = null;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const lineEnd = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const line = lineEnd - pos > MAX_SCANNED_LINE ? text.slice(pos, pos + MAX_SCANNED_LINE) : text.slice(pos, lineEnd);
    const fm = FENCE.exec(line);
    if (fence) {
      if (fm && fm[1][0] === fence[0] && fm[1].length >= fence.length && line.trim() === fm[1]) fence = null;
      if (para) para.end = lineEnd;
    } else if (line.trim() === '') {
      para = null;
    } else {
      const h = line.length <= 300 ? ATX.exec(line) : null;
      if (h) {
        para = null;
        const title = (h[3] ?? '').trim();
        const titleStart = title ? pos + line.indexOf(title, h[1].length + h[2].length) : lineEnd;
        blocks.push({ type: 'heading', start: pos, end: lineEnd, depth: h[2].length, title, titleStart, titleEnd: title ? titleStart + title.length : lineEnd });
      } else {
        if (fm) fence = fm[1];
        if (!para) {
          para = { type: fm ? 'code' : 'paragraph', start: pos, end: lineEnd };
          const f = FIELD.exec(line);
          if (f && !fm) {
            para.label = f[1].trim();
            para.value = line.slice(f[0].length);
          }
          blocks.push(para);
        } else para.end = lineEnd;
      }
    }
    if (eol >= text.length) break;
    pos = eol + 1;
  }
  return { blocks, brackets: [], definitions: [], comments: [], unclosedAtEnd: false, degraded: true };
}
