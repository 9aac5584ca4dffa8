// Human output: one `path:line:col  severity  message  code` line per finding
// (1-based, as editors show positions), then a summary line. Paths are quoted
// and messages escaped (safe-text), so a finding is always exactly one line.
import type { Finding, Severity } from '../engine';
import { escapeText, quotePath } from './safe-text';

export interface Tally {
  checked: number;
  skipped: number;
  withFindings: number;
  bySeverity: Record<Severity, number>;
}

export function newTally(): Tally {
  return { checked: 0, skipped: 0, withFindings: 0, bySeverity: { error: 0, warning: 0, information: 0, hint: 0 } };
}

export function countFindings(tally: Tally, findings: Finding[]): void {
  tally.checked++;
  if (findings.length > 0) tally.withFindings++;
  for (const f of findings) tally.bySeverity[f.severity]++;
}

export function formatTextFile(path: string, findings: Finding[]): string {
  const shown = quotePath(path);
  let out = '';
  for (const f of findings) {
    out += `${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${escapeText(f.message)}  ${f.code}\n`;
  }
  return out;
}

/** Findings counted but not printed (--quiet, --min-severity). */
export interface Hidden {
  hidden: number;
  minSeverity: Severity;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatTextSummary(t: Tally, h: Hidden = { hidden: 0, minSeverity: 'hint' }): string {
  const total = t.bySeverity.error + t.bySeverity.warning + t.bySeverity.information + t.bySeverity.hint;
  const skipped = t.skipped > 0 ? ` (${plural(t.skipped, 'markdown file')} skipped: ${t.skipped === 1 ? 'not a deep dive' : 'not deep dives'})` : '';
  if (total === 0) return `No problems: ${plural(t.checked, 'deep dive')} checked${skipped}.\n`;
  const parts = [plural(t.bySeverity.error, 'error'), plural(t.bySeverity.warning, 'warning'), `${t.bySeverity.information} information`];
  if (t.bySeverity.hint > 0) parts.push(plural(t.bySeverity.hint, 'hint'));
  const hidden = h.hidden > 0 ? `; ${h.hidden} below ${h.minSeverity} not shown` : '';
  return `\n${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(t.withFindings, 'file')}${hidden}; ${plural(t.checked, 'deep dive')} checked${skipped}.\n`;
}
