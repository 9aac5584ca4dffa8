// Documents for protocol tests, built from the template so they follow it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lspClient';

export const TEMPLATE = readFileSync(path.join(ROOT, 'server/templates/deep-dive.md'), 'utf8');

/**
 * The template turned into a finished document: title, fields and every section filled, and each
 * line of the template's guidance answered (`- How to roll back quickly — answered.`), so no
 * section is still the template's text. Lines keep their place and their start.
 */
export function completeDoc(): string {
  const filled = TEMPLATE
    .replace(/^# Deep Dive Template\n\nUse this template[^\n]*\n\n/, '')
    .replace('## Title: [Topic Name]', '# Rate Limiting')
    .replace(/\[([^\]\n]+)\](?!\()/g, (m, inner: string, offset: number, all: string) => {
      // Keep mermaid node labels (inside the fence) as they are.
      const before = all.slice(0, offset);
      const fences = (before.match(/```/g) ?? []).length;
      return fences % 2 === 1 ? m : inner.replace(/[?]/g, '.');
    });
  let fenced = false;
  return filled.split('\n').map((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced || !/^\s*- (?!\*\*)|^\*\*[^*]+\*\*$/.test(line)) return line;
    return line.replace(/\?*$/, ' — answered.');
  }).join('\n');
}

/** `completeDoc` without one `##` section (heading through the next `---`). */
export function withoutSection(text: string, title: string): string {
  const start = text.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`no section ${title}`);
  const next = text.indexOf('\n## ', start + 3);
  return next < 0 ? text.slice(0, start) : text.slice(0, start) + text.slice(next + 1);
}

export const README = '# My project\n\nSome text with a [placeholder] and [Topic Name].\n\n## Install\n\nRun it.\n';

/** Headings cycling through the six levels (each H1 holds an H2 > H3 > H4 > H5 > H6 chain), as the hostile `headings-100k`. */
export function headings(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${'#'.repeat(1 + (i % 6))} Heading ${i}${i % 7 === 0 ? ' Mental Model' : ''}`);
  return lines.join('\n') + '\n';
}
