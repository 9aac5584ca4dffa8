// The fallback reader: when the markdown parser cannot be trusted to finish
// (hostile input, deadline passed), a linear line scan still finds the ATX
// headings outside front matter, fences and HTML comments, the bold fields,
// suppression comments, fences and their language, and where content is, so the section-level findings
// and the outline stay available. It reports no placeholders: without a parse
// it cannot tell prose from code or links.
import type { BlockFact, ChunkFacts, CommentFact } from './markdown';
import { isBlankLine } from './chunks';

const ATX = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FIELD = /^[ \t]*\*\*([^*\r\n]{1,200})\*\*/;
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*$/;
const COMMENT = /<!--([\s\S]*?)-->/g;
const MAX_SCANNED_LINE = 4096;

export function scanChunk(text: string): ChunkFacts {
  const blocks: BlockFact[] = [];
  const comments: CommentFact[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fence: string | null = null;
  let frontMatter: string | null = null;
  /** Inside an HTML comment that spans lines (its text may hold anything, `## x` too). */
  let comment: BlockFact | null = null;
  let para: BlockFact | null = null;
  let lineNo = 0;
  while (pos <= text.length) {
    // `\r\n`, `\n` and a lone `\r` each end a line, as in LineIndex.
    let lineEnd = pos;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const next = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
    const line = lineEnd - pos > MAX_SCANNED_LINE ? text.slice(pos, pos + MAX_SCANNED_LINE) : text.slice(pos, lineEnd);
    const fm = FENCE.exec(line);
    if (lineNo === 0 && FRONT_MATTER.test(line) && closesLater(text, next, line.slice(0, 3))) {
      frontMatter = line.slice(0, 3);
      para = { type: frontMatter === '---' ? 'yaml' : 'toml', start: pos, end: lineEnd };
      blocks.push(para);
    } else if (frontMatter) {
      para!.end = lineEnd;
      if (FRONT_MATTER.test(line) && line.startsWith(frontMatter)) frontMatter = para = null;
    } else if (comment) {
      comment.end = lineEnd;
      if (line.includes('-->')) {
        addComments(text, comment, comments);
        comment = para = null;
      }
    } else if (fence) {
      if (fm && fm[1][0] === fence[0] && fm[1].length >= fence.length && line.trim() === fm[1]) fence = null;
      if (para) para.end = lineEnd;
    } else if (isBlankLine(line)) {
      para = null;
    } else {
      const h = line.length <= 300 ? ATX.exec(line) : null;
      if (h) {
        para = null;
        const title = (h[3] ?? '').trim();
        const titleStart = title ? pos + line.indexOf(title, h[1].length + h[2].length) : lineEnd;
        blocks.push({ type: 'heading', start: pos, end: lineEnd, depth: h[2].length, title, titleStart, titleEnd: title ? titleStart + title.length : lineEnd });
      } else if (/^ {0,3}<!--/.test(line)) {
        // An HTML block: invisible when it is only comments (as the parser's commentOnly).
        para = { type: 'html', start: pos, end: lineEnd };
        blocks.push(para);
        const open = line.lastIndexOf('<!--') > line.lastIndexOf('-->');
        if (open) comment = para;
        else {
          addComments(text, para, comments);
          para.commentOnly = line.replace(COMMENT, '').trim() === '';
          para = null;
        }
      } else {
        if (fm) fence = fm[1];
        // A fence opens its own block with its language (missing-diagram looks for a mermaid one).
        if (fm) {
          const lang = /^[^\s`]+/.exec(line.slice(line.indexOf(fm[1]) + fm[1].length).trim())?.[0];
          para = { type: 'code', start: pos, end: lineEnd, ...(lang ? { lang } : {}) };
          blocks.push(para);
        } else if (!para || para.type === 'html') {
          para = { type: 'paragraph', start: pos, end: lineEnd };
          blocks.push(para);
        } else para.end = lineEnd;
        const f = fm ? null : FIELD.exec(line);
        if (f && para.type === 'paragraph') {
          (para.fields ??= []).push({ label: f[1].trim(), value: line.slice(f[0].length), start: pos + f[0].length - f[1].length - 4, end: lineEnd });
        }
      }
    }
    if (next > text.length) break;
    pos = next;
    lineNo++;
  }
  if (comment) comment.commentOnly = false;
  return { blocks, brackets: [], definitions: [], comments, unclosedAtEnd: false, degraded: true };
}

/** Whether a line equal to the front matter fence follows (else `---` is a thematic break). */
function closesLater(text: string, from: number, fence: string): boolean {
  const re = fence === '---' ? /^---[ \t]*$/m : /^\+\+\+[ \t]*$/m;
  return re.test(text.slice(from));
}

function addComments(text: string, block: BlockFact, out: CommentFact[]): void {
  const raw = text.slice(block.start, block.end);
  block.commentOnly = raw.replace(COMMENT, '').trim() === '';
  for (const m of raw.matchAll(COMMENT)) {
    const s = block.start + (m.index ?? 0);
    out.push({ start: s, end: s + m[0].length, text: m[1] });
  }
}
