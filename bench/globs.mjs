// `node bench/globs.mjs [--paths 200]`: the cost of matching one path against the
// hostile glob lists the limits allow (the largest lists that keep the most automaton
// states live, against the longest path matched), next to the default globs on an
// ordinary path, in one process. Each path is new, so nothing comes from the
// remembered answers: the time in one go is what the CLI pays per new path; the
// server matches in slices and answers other messages between them, so what holds
// the thread that answers the editor is the longest slice. Not a test: it prints a
// table and asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ms, table } from './lib/table.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const PATHS = Number(argv[argv.indexOf('--paths') + 1] || 200);

const out = mkdtempSync(join(tmpdir(), 'deep-dive-globs-'));
await build({ entryPoints: [join(REPO, 'server/src/engine/glob.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: join(out, 'glob.mjs'), logLevel: 'error' });
const g = await import(pathToFileURL(join(out, 'glob.mjs')).href);
rmSync(out, { recursive: true, force: true });
const { MAX_GLOB_LENGTH: L, MAX_GLOB_LIST_LENGTH: LIST, MAX_GLOB_PATH_LENGTH: P, MAX_GLOB_WILDCARDS: W, MAX_GLOBS: N } = g;

/** As many distinct globs of `make(i)` as the list limits take. */
const fill = (make) => {
  const list = [];
  for (let i = 0, used = 0; list.length < N; i++) {
    const glob = make(i);
    if (used + glob.length > LIST) break;
    list.push(glob);
    used += glob.length;
  }
  return list;
};
const cases = [
  ['default globs, ordinary path', ['**/*.deepdive.md', '**/deep-dives/**/*.md'], (k) => `docs/design/deep-dives/cache-${k}.md`],
  ['`**aaaaaa` x wildcards, path of `a`s', fill((i) => `${'**aaaaaa'.repeat(W - 1)}**${'a'.repeat(6 - (i % 6))}${'?'.repeat(i)}`.slice(0, L)), (k) => `${'a'.repeat(P - 6)}${String(k).padStart(6, 'a')}`],
  ['`{a,,}` nests, path of folders', fill((i) => `**/${'{a,,'.repeat(50 - i)}${'}'.repeat(50 - i)}*`), (k) => `${'a/'.repeat(P / 2 - 4)}${String(k).padStart(8, 'a')}`],
  ['`{a,a,…}` twice, path of `a`s', fill((i) => `**${`{${'a,'.repeat(58)}a}`.repeat(2)}${'a'.repeat(i)}`), (k) => `${'a'.repeat(P - 6)}${String(k).padStart(6, 'a')}`],
  ['`*?` x 16, path of `a`s', fill((i) => `${'*?'.repeat(16)}x${String.fromCharCode(66 + i)}`), (k) => `${'a'.repeat(P - 6)}${String(k).padStart(6, 'a')}`],
  ['`**/` x 4 + literals, path of folders', fill((i) => `${'**/'.repeat(4)}${'a'.repeat(i)}*a`), (k) => `/${'a/'.repeat(P / 2 - 5)}${String(k).padStart(8, 'a')}`],
];

const rows = [];
let base;
for (const [name, globs, pathOf] of cases) {
  const usable = g.checkGlobs(globs).usable;
  for (let k = 0; k < 20; k++) for (const glob of usable) g.matchesGlob(pathOf(PATHS + k), glob); // warm-up
  const times = [];
  g.globWork.steps = 0;
  for (let k = 0; k < PATHS; k++) {
    const path = pathOf(k);
    const t0 = performance.now();
    for (const glob of usable) g.matchesGlob(path, glob);
    times.push(performance.now() - t0);
  }
  const steps = g.globWork.steps;
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  base ??= median;
  // As the server does it: in slices, yielding between them; what counts is the longest slice.
  // Wall time suffers from anything else the machine runs; CPU time (microseconds) does not.
  const slices = [];
  const cpu = [];
  let perPath = 0;
  for (let k = 0; k < PATHS; k++) {
    const gen = g.rememberGlobAnswers(pathOf(2 * PATHS + k), usable);
    for (let done = false; !done; ) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      done = gen.next().done;
      const c1 = process.cpuUsage(c0);
      slices.push(performance.now() - t0);
      cpu.push((c1.user + c1.system) / 1000);
      perPath++;
    }
  }
  slices.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  rows.push([
    name, usable.length, usable.join('').length, Math.round(steps / PATHS), ms(median), ms(times[Math.floor(times.length * 0.95)]), ms(times.at(-1)), `${(median / base).toFixed(0)}x`,
    (perPath / PATHS).toFixed(1), ms(slices[slices.length >> 1]), ms(slices[Math.floor(slices.length * 0.99)]), ms(cpu[Math.floor(cpu.length * 0.99)]), ms(cpu.at(-1)),
  ]);
}
console.log(`Glob matching, ${PATHS} new paths per row (limits: ${N} globs, ${LIST} characters in all, paths up to ${P})\n`);
console.log(table(['list', 'globs', 'chars', 'steps/path', 'median', 'p95', 'max', 'vs default', 'slices/path', 'slice median', 'slice p99', 'slice CPU p99', 'slice CPU max'], rows));
console.log('\nmedian, p95, max: one new path matched in one go (as the CLI does). slices: the same work as the server does it, yielding to other messages between slices (wall time, and CPU time, which other processes do not inflate).');
