// `node bench/globs.mjs [--paths 200]`: the cost of matching one path against the
// hostile glob lists the limits allow (the largest lists that keep the most automaton
// states live, against the longest path matched), next to the default globs on an
// ordinary path, in one process. Each path is new, so nothing comes from the
// remembered answers: this is what the first open of a file pays on the thread that
// answers the editor. Not a test: it prints a table and asserts nothing.
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
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  base ??= median;
  rows.push([name, usable.length, usable.join('').length, Math.round(g.globWork.steps / PATHS), ms(median), ms(times[Math.floor(times.length * 0.95)]), ms(times.at(-1)), `${(median / base).toFixed(0)}x`]);
}
console.log(`Glob matching, ${PATHS} new paths per row (limits: ${N} globs, ${LIST} characters in all, paths up to ${P})\n`);
console.log(table(['list', 'globs', 'chars', 'steps/path', 'median', 'p95', 'max', 'vs default'], rows));
