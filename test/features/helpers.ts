// Shared by the feature tests: the built-in template, analysis of inline
// text, and applying LSP-shaped edits the way a client does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTemplate, LineIndex, type Analysis, type Finding, type TextEdit } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';

export const ROOT = join(__dirname, '..', '..');
export const TEMPLATE_TEXT = readFileSync(join(ROOT, 'server', 'templates', 'deep-dive.md'), 'utf8');
export const template = buildTemplate(TEMPLATE_TEXT, 'deep-dive.md');

export function analyzeText(text: string): Analysis {
  return analyze(parseDocument(text), template);
}

export const md = (...lines: string[]): string => lines.join('\n');

/** Applies edits as LSP clients must: all ranges against the original text, none overlapping. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i].start >= spans[i - 1].end, `edits overlap: ${JSON.stringify(spans[i - 1])} and ${JSON.stringify(spans[i])}`);
    assert.ok(!(spans[i].start === spans[i - 1].start && spans[i - 1].start === spans[i - 1].end), 'two edits start at the same place, which clients order differently');
  }
  let out = text;
  for (const s of [...spans].reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** A finding without its position, for "the same findings, lines shifted" comparisons. */
export const findingKey = (f: Finding): string => `${f.code} ${JSON.stringify({ ...f.data, insertAt: undefined })}`;

/** Snippet text as the editor would insert it with every placeholder left as is. */
export function expandSnippet(snippet: string): string {
  let out = snippet;
  for (let i = 0; i < 5; i++) out = out.replace(/\$\{\d+:((?:\\.|[^\\}$])*)\}/g, '$1');
  return out.replace(/\$\d+/g, '').replace(/\\([\\$}])/g, '$1');
}
