// Expected positions, computed from the fixture text itself (JS strings are
// UTF-16, so an index into a line is an LSP column). Kept independent of the
// engine so the tests check the server rather than restate it.
import type { ClientEdit, Pos, Range } from './probe';

export const lines = (text: string): string[] => text.split('\n');

/** Line index of the only line equal to `line` (or starting with it, when `prefix`). */
export function lineOf(text: string, line: string, prefix = false): number {
  const found = lines(text).flatMap((l, i) => (prefix ? l.startsWith(line) : l === line) ? [i] : []);
  if (found.length !== 1) throw new Error(`expected one line ${JSON.stringify(line)}, found ${found.length}`);
  return found[0];
}

/** Range of the only occurrence of `needle` (within one line). */
export function rangeOf(text: string, needle: string): Range {
  const ls = lines(text);
  const hits = ls.flatMap((l, i) => (l.includes(needle) ? [i] : []));
  if (hits.length !== 1 || ls[hits[0]].indexOf(needle) !== ls[hits[0]].lastIndexOf(needle)) {
    throw new Error(`expected one occurrence of ${JSON.stringify(needle)}`);
  }
  const line = hits[0];
  const character = ls[line].indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** Whole-line range of the heading line written exactly as `heading`. */
export function headingRange(text: string, heading: string): Range {
  const line = lineOf(text, heading);
  return { start: { line, character: 0 }, end: { line, character: heading.length } };
}

/** Where a missing section before `heading` is marked: zero-width on the blank line above it. */
export function gapBefore(text: string, heading: string): Range {
  const line = lineOf(text, heading) - 1;
  if (lines(text)[line].trim() !== '') throw new Error(`no blank line before ${heading}`);
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

export interface Outline { depth: number; title: string; line: number; endLine: number; children: Outline[] }

/**
 * ATX headings nested by level, each with the last non-blank line of its
 * section (up to the next heading of the same or higher level). The fixtures
 * have no code fences, so every `#` line start is a heading.
 */
export function outline(text: string): Outline[] {
  const ls = lines(text);
  const flat: Outline[] = [];
  ls.forEach((l, i) => {
    const m = /^(#{1,6}) (.*)$/.exec(l);
    if (m) flat.push({ depth: m[1].length, title: m[2].trim(), line: i, endLine: i, children: [] });
  });
  for (const [k, h] of flat.entries()) {
    const next = flat.slice(k + 1).find((o) => o.depth <= h.depth);
    let end = (next ? next.line : ls.length) - 1;
    while (end > h.line && ls[end].trim() === '') end--;
    h.endLine = end;
  }
  const roots: Outline[] = [];
  const stack: Outline[] = [];
  for (const h of flat) {
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].children : roots).push(h);
    stack.push(h);
  }
  return roots;
}

/** Applies a client edit (UTF-16 columns) to text, as the client's buffer does. */
export function applyEdit(text: string, e: ClientEdit): string {
  const at = (p: Pos) => lines(text).slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const start = at({ line: e.line, character: e.col });
  const end = at({ line: e.end_line ?? e.line, character: e.end_col ?? e.col });
  return text.slice(0, start) + e.text + text.slice(end);
}

/** A client edit that deletes whole lines [from, to). */
export function deleteLines(from: number, to: number): ClientEdit {
  return { line: from, col: 0, end_line: to, end_col: 0, text: '' };
}
