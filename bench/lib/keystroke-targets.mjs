// The keystroke targets, shared by the Node bench (bench/run.mjs) and the browser
// bench (bench/browser.mjs): the baselines they are judged against, run the same
// way, and the target rows, judged the same way.
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';
import { summarize } from './stats.mjs';
import { ms } from './table.mjs';

const BASELINE_CHILD = fileURLToPath(new URL('./baseline-child.mjs', import.meta.url));

/**
 * A baseline (`markdownlint`: MD043 only; `remark`: a naive re-parse) on `file` with the
 * bench's edits, in a child process bounded by `timeoutMs`: open, per keystroke, per heading edit.
 */
export async function runBaseline(kind, file, typed, timeoutMs) {
  const r = await runChild([process.execPath, BASELINE_CHILD, kind, file, String(typed)], { timeoutMs });
  const of = (phase) => r.lines.filter((l) => l.phase === phase).map((l) => l.ms);
  return {
    open: of('open')[0] ?? null, keystrokes: of('keystroke'), headingEdits: of('heading'),
    timedOut: r.timedOut, elapsedMs: r.ms, peakRssKb: r.peakRssKb, ...(r.code && !r.timedOut ? { error: r.stderr.slice(-500) } : {}),
  };
}

/**
 * Target rows [measure, target, measured, verdict] for the sizes measured:
 * `bySize[s] = { keystroke: summarize(...) of the server, mdl: MD043's median keystroke (else its open), cpuMs? }`.
 * 30 KB and 300 KB are ratios to MD043; 3 MB is absolute.
 */
export function keystrokeTargetRows(bySize, prefix = '') {
  const rows = [];
  const cpu = (s) => (bySize[s]?.cpuMs !== undefined ? ` (cpu ${ms(bySize[s].cpuMs)})` : '');
  for (const [s, k] of [['30k', 50], ['300k', 200]]) {
    const server = bySize[s]?.keystroke?.median;
    const mdl = bySize[s]?.mdl;
    const ok = server && mdl ? mdl / server >= k : null;
    rows.push([`${prefix}keystroke ${s}`, `>= ${k}x faster than MD043`, ok === null ? '-' : `${ms(server)} vs ${ms(mdl)}: ${(mdl / server).toFixed(1)}x${cpu(s)}`, verdict(ok)]);
  }
  const k3 = bySize['3m']?.keystroke;
  const ok3 = k3?.n ? k3.median <= 3 && k3.p95 <= 10 : null;
  rows.push([`${prefix}keystroke 3m`, 'median <= 3 ms, p95 <= 10 ms', ok3 === null ? '-' : `median ${ms(k3.median)}, p95 ${ms(k3.p95)}${cpu('3m')}`, verdict(ok3)]);
  return rows;
}

/** The row of keys typed while a large document opens (`e`: typeDuringOpen's result with its `size`, or undefined). */
export function typingDuringOpenRow(e, prefix = '') {
  const s = e ? summarize(e.keystrokes) : null;
  const ok = s?.n ? s.median <= 50 && !e.unanswered : null;
  return [`${prefix}key typed while ${e?.size ?? '3m'} opens`, '<= 50 ms to a publish including it',
    ok === null ? '-' : `median ${ms(s.median)}, p95 ${ms(s.p95)}${e.unanswered ? `, ${e.unanswered} never answered` : ''}`, verdict(ok)];
}

const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');
