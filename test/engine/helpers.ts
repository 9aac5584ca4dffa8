// Shared helpers of the engine tests: the built-in template, analysis of an
// inline document, and compact range literals (0-based line, UTF-16 character).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildTemplate, type Analysis, type Finding, type Range, type SeveritySetting } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';

export const REPO = path.resolve(__dirname, '../..');
export const TEMPLATE_PATH = path.join(REPO, 'server/templates/deep-dive.md');
export const FIXTURES = path.join(REPO, 'test/fixtures');

export const template = buildTemplate(readFileSync(TEMPLATE_PATH, 'utf8'), TEMPLATE_PATH);

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function run(text: string, rules?: Record<string, SeveritySetting>): Analysis {
  return analyze(parseDocument(text), template, { rules });
}

export function findings(text: string, code?: string): Finding[] {
  const all = run(text).findings;
  return code ? all.filter((f) => f.code === code) : all;
}

export function r(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** A document with every template section (and its subsections), each with a line of text; the template's diagram where it recommends one. */
export function completeDoc(opts: { title?: string; skip?: string[]; eol?: string } = {}): string {
  const lines = [`# ${opts.title ?? 'Payments Ledger'}`, '', '**One-line summary**: A ledger.', '', '**Prerequisites**: Accounting.', ''];
  for (const s of template.sections) {
    if (opts.skip?.includes(s.title)) continue;
    lines.push(`## ${s.title}`, '', `About ${s.title}.`, '');
    if (s.body.includes('```mermaid')) lines.push('```mermaid', 'flowchart TD', '  A --> B', '```', '');
    for (const c of s.children) {
      if (opts.skip?.includes(c.title)) continue;
      lines.push(`### ${c.title}`, '', `About ${c.title}.`, '');
    }
  }
  return lines.join(opts.eol ?? '\n');
}

/** Line number (0-based) of the first line equal to `line`. */
export function lineOf(text: string, line: string): number {
  const i = text.split(/\r\n|\r|\n/).indexOf(line);
  if (i < 0) throw new Error(`no line ${JSON.stringify(line)}`);
  return i;
}
