// Small helpers the editor features share: section spans, positions in
// range, and finding the template assignment of a heading.
import type { Analysis } from '../analyze';
import { isBlankLine } from '../chunks';
import { firstStartingFrom, type DocumentModel, type Heading } from '../document';
import type { Assignment } from '../match';
import type { Position, Range } from '../types';

/**
 * End of [start, end) with trailing blank lines cut off: just after the last
 * non-blank line's terminator (or at its end when the text stops there). A
 * span of only blank lines keeps its first line.
 */
export function trimmedEnd(doc: DocumentModel, start: number, end: number): number {
  const { lines } = doc;
  const first = lines.positionAt(start).line;
  let line = lines.positionAt(Math.max(start, end - 1)).line;
  while (line > first && isBlankLine(lines.lineText(line))) line--;
  return Math.min(end, line + 1 < lines.lineCount ? lines.lineStart(line + 1) : doc.source.length);
}

/** The last non-blank line of [start, end) (by the same rule as trimmedEnd), for folding a section to it. */
export function lastNonBlankLineIn(doc: DocumentModel, start: number, end: number): number {
  const e = trimmedEnd(doc, start, end);
  const pos = doc.lines.positionAt(e);
  return pos.character === 0 && e > start && pos.line > 0 ? pos.line - 1 : pos.line;
}

/**
 * The end of a section's whole span (heading and body, subsections included)
 * without its trailing blank lines, for a section spanning [start, end) whose
 * range starts on `startLine`: `lines.range(start, trimmedEnd(doc, start, end)).end`
 * with at most one line lookup instead of four (an outline of 100,000 headings
 * asks for 100,000 of these), written into `into` (the outline's walk reuses one
 * position).
 */
export function sectionRangeEnd(doc: DocumentModel, start: number, end: number, startLine: number, into: Position = { line: 0, character: 0 }): Position {
  const { lines, source: text } = doc;
  const next = doc.headings[firstStartingFrom(doc.headings, end)];
  if (next?.start === end && next.character === 0) {
    // Nearly every section runs to a heading at the start of its line: the lines before that one are read
    // backwards in the text, without a line looked up. `line` is the line after the last non-blank one so far,
    // `at` where it starts.
    let line = next.line;
    let at = end;
    while (line - 1 > startLine) {
      // The line before ends with `\n`, `\r\n` or `\r` at `at`; it is blank when only spaces and tabs come before that back to the terminator of the line before it.
      let i = at - (text.charCodeAt(at - 1) === 10 && text.charCodeAt(at - 2) === 13 ? 3 : 2);
      while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i--;
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) break;
      line--;
      at = i + 1;
    }
    return at0(into, line);
  }
  let line = lines.positionAt(Math.max(start, end - 1)).line;
  while (line > startLine && isBlankLine(lines.lineText(line))) line--;
  // Cut just after that line's terminator: the start of the next line, when the section reaches it.
  if (line + 1 < lines.lineCount && lines.lineStart(line + 1) <= end) return at0(into, line + 1);
  const p = lines.positionAt(Math.min(end, doc.source.length));
  into.line = p.line;
  into.character = p.character;
  return into;
}

function at0(into: Position, line: number): Position {
  into.line = line;
  into.character = 0;
  return into;
}

/** Offset of an LSP position, or null when the line is outside the document. */
export function offsetOf(doc: DocumentModel, pos: Position): number | null {
  if (!pos || !Number.isInteger(pos.line) || pos.line < 0 || pos.line >= doc.lines.lineCount) return null;
  return doc.lines.offsetAt({ line: pos.line, character: Math.max(0, pos.character | 0) });
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character &&
    a.end.line === b.end.line && a.end.character === b.end.character;
}

export function assignmentOf(analysis: Analysis, heading: Heading): Assignment | undefined {
  return analysis.match.assignments.find((a) => a.section.heading === heading);
}

/** The assignment whose heading a finding points at (findings carry the heading's range). */
export function assignmentAtRange(analysis: Analysis, range: Range): Assignment | undefined {
  return analysis.match.assignments.find((a) => sameRange(a.section.heading.range, range) || sameRange(a.section.heading.titleRange, range));
}

/** Sort keys that keep template order as text: "007". */
export function orderKey(n: number): string {
  return String(n).padStart(3, '0');
}

/** Lower-case dash-separated words, for snippet prefixes: "Overload Behavior" -> "overload-behavior". */
export function slug(words: string): string {
  return words.toLowerCase().replace(/&/g, ' ').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}
