// How far each checked file is written, for the CLI's per-file summary
// (text: one line; JSON: a `summary` object) and `deep-dive report`.
import { completeness, type Analysis } from '../engine';

export interface FileSummary {
  /** Template `##` sections written (content, no placeholder, no unfilled guidance). */
  written: number;
  /** Present but not written: empty, or still holding placeholders or the template's guidance. */
  scaffolded: number;
  missing: number;
  total: number;
  /** Unfilled placeholders anywhere in the document. */
  placeholders: number;
  /** Written sections as a whole percentage of the template's. */
  percent: number;
}

export function fileSummary(analysis: Analysis): FileSummary {
  const c = completeness(analysis);
  return { written: c.written, scaffolded: c.scaffolded, missing: c.missing, total: c.total, placeholders: c.placeholders, percent: c.percent };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `docs/ledger.md: 7/11 written (63%); 2 scaffolded, 2 missing, 3 placeholders` */
export function formatSummaryLine(path: string, s: FileSummary): string {
  const rest = [s.scaffolded ? `${s.scaffolded} scaffolded` : '', s.missing ? `${s.missing} missing` : '', s.placeholders ? plural(s.placeholders, 'placeholder') : '']
    .filter((x) => x !== '');
  return `${path}: ${s.written}/${s.total} written (${s.percent}%)${rest.length ? `; ${rest.join(', ')}` : ''}\n`;
}
