// A bench run's record: what it ran on, the load it ran under, and where its raw numbers go.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** The start of a run's record (`fields` added). */
export function startResults(fields) {
  return { startedAt: new Date().toISOString(), node: process.version, cores: cpus().length, loadavgAtStart: loadavg(), ...fields };
}

/**
 * Ends the run: the load warning and notes after `lines`, printed, and the raw numbers
 * written to bench/results/<prefix><start time>.json.
 */
export function finishResults(repo, results, lines, prefix = '') {
  results.loadavgAtEnd = loadavg();
  // Other processes competing for the cores inflate every wall time here; ratios within the run suffer less.
  const load = Math.max(results.loadavgAtStart[0], results.loadavgAtEnd[0], results.loadavgAtEnd[1]);
  if (load > results.cores) results.notes.push(`WARNING: load average up to ${load.toFixed(1)} on ${results.cores} cores during the run: other processes competed for the CPU, times are inflated.`);
  for (const n of results.notes) lines.push(n);
  console.log(lines.join('\n'));
  const outDir = join(repo, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${prefix}${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(results, null, 1));
  console.log(`\nraw numbers: ${out}`);
}
