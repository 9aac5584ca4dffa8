// An LSP text model written independently of vscode-languageserver-textdocument
// (which the server uses), so the tests check the server's text handling
// instead of repeating it: lines end at \r\n, \n or a lone \r; columns are
// UTF-16 code units; a BOM sent by the client is an ordinary character.
import type { Position, Range } from 'vscode-languageserver-protocol';

export interface ContentChange {
  range?: Range;
  text: string;
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** Length of line `line` without its terminator. */
function lineLength(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end - starts[line];
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  if (pos.line >= starts.length) return text.length;
  return starts[pos.line] + Math.min(pos.character, lineLength(text, starts, pos.line));
}

export function rangeOf(text: string, start: number, end: number): Range {
  const starts = lineStarts(text);
  return { start: positionAt(text, start, starts), end: positionAt(text, end, starts) };
}

/** Applies one `contentChanges` entry: a range edit, or the whole text when no range is given. */
export function applyChange(text: string, change: ContentChange): string {
  if (!change.range) return change.text;
  const starts = lineStarts(text);
  return text.slice(0, offsetAt(text, change.range.start, starts)) + change.text + text.slice(offsetAt(text, change.range.end, starts));
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves an offset off the middle of a \r\n pair or a surrogate pair (editors never put a cursor there). */
export function snap(text: string, offset: number): number {
  let o = Math.max(0, Math.min(offset, text.length));
  if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--;
  if (o > 0 && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) o--;
  return o;
}

/**
 * Why `range` is not a valid range of `text` (null when it is): lines exist,
 * columns lie within the line (terminator excluded), start <= end, and no end
 * falls between the two halves of a surrogate pair.
 */
export function rangeProblem(text: string, range: Range, starts = lineStarts(text)): string | null {
  for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${name} ${JSON.stringify(p)} is not a position`;
    if (p.line >= starts.length) return `${name} line ${p.line} beyond the last line ${starts.length - 1}`;
    const len = lineLength(text, starts, p.line);
    if (p.character > len) return `${name} ${p.line}:${p.character} beyond the line's length ${len}`;
    const o = starts[p.line] + p.character;
    if (o > 0 && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) return `${name} ${p.line}:${p.character} splits a surrogate pair`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
    return `start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`;
  }
  return null;
}

export function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}
