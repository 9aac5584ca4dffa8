// Folding ranges: every section (heading through its last non-blank line),
// fenced code blocks, multi-line HTML comments and `<!-- #region -->` pairs.
import type { DocumentModel } from '../document';
import { lastNonBlankLineIn } from './util';

export type FoldKind = 'comment' | 'region';

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: FoldKind;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const REGION = /^\s*#?region\b/i;
const END_REGION = /^\s*#?endregion\b/i;

export function foldingRanges(doc: DocumentModel): FoldRange[] {
  const out: FoldRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldKind) => {
    if (endLine > startLine) out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const lineOf = (offset: number) => doc.lines.positionAt(offset).line;

  for (const s of doc.sections) add(s.heading.range.start.line, lastNonBlankLineIn(doc, s.start, s.end));

  for (const b of doc.blocks) {
    if (b.type === 'code' && FENCE.test(doc.text.slice(b.start, b.start + 8))) add(lineOf(b.start), lineOf(b.end));
  }

  const open: number[] = [];
  for (const c of doc.comments) {
    if (REGION.test(c.text)) open.push(lineOf(c.start));
    else if (END_REGION.test(c.text)) {
      const start = open.pop();
      if (start !== undefined) add(start, lineOf(c.end), 'region');
    } else add(lineOf(c.start), lineOf(c.end), 'comment');
  }

  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.filter((r, i) => i === 0 || r.startLine !== out[i - 1].startLine || r.endLine !== out[i - 1].endLine);
}
