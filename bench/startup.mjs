// The two whole-process targets of issue 5, measured alone with many repetitions and
// both sides alternating (the machine is shared: compare the ratio, not the times):
// cold start (spawn -> initialize result vs spawn -> exit of `node -e 0`) and the CLI
// over the real corpus (vs markdownlint-cli2 with MD043 only, as bench/run.mjs runs it).
//
//   node bench/startup.mjs [--dist DIR] [--cold N] [--cli N] [--only cold|cli]
//
// --dist measures another build (e.g. `node scripts/build.mjs --production --outdir distp`);
// default dist/ (build it with --production first: that is what the VSIX ships).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './lib/child.mjs';
import { coldStarts } from './lib/protocol.mjs';
import { summarize } from './lib/stats.mjs';
import { md043Headings } from './lib/template.mjs';
import { ms } from './lib/table.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const dist = resolve(REPO, opt('--dist', 'dist'));
const only = opt('--only');
const coldN = Number(opt('--cold', 20));
const cliN = Number(opt('--cli', 10));
const work = join(tmpdir(), 'deep-dive-bench');
mkdirSync(join(work, 'ws-cold'), { recursive: true });
const line = (label, a, b) => {
  const sa = summarize(a);
  const sb = summarize(b);
  console.log(`${label}: ${ms(sa.median)} vs ${ms(sb.median)} (medians, n=${sa.n}/${sb.n}); ratio ${(sa.median / sb.median).toFixed(2)}x`);
};
console.log(`dist: ${dist}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

if (only !== 'cli') {
  const { server, bare } = await coldStarts([process.execPath, join(dist, 'server.js'), '--stdio'], join(work, 'ws-cold'), coldN);
  line('cold start: server vs node -e 0', server, bare);
}

if (only !== 'cold') {
  const cfg = join(work, 'md043.markdownlint-cli2.jsonc');
  writeFileSync(cfg, JSON.stringify({ config: { default: false, MD043: { headings: md043Headings() } } }));
  const corpus = resolve(REPO, '../shared/corpus/real');
  if (!existsSync(corpus)) throw new Error(`${corpus} missing`);
  const mdl = join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const dd = [];
  const ml = [];
  const ddCpu = [];
  const mlCpu = [];
  for (let i = 0; i < cliN; i++) {
    const a = await runChild([process.execPath, join(dist, 'cli.js'), 'check', '--format', 'json', '../shared/corpus/real'], { cwd: REPO, timeoutMs: 60_000 });
    if (a.code !== 0 && a.code !== 1) throw new Error(`deep-dive check exited ${a.code}: ${a.stderr}`);
    dd.push(a.ms);
    ddCpu.push(a.cpuMs);
    const b = await runChild([process.execPath, mdl, '--config', cfg, '**/*.md'], { cwd: corpus, timeoutMs: 60_000 });
    ml.push(b.ms);
    mlCpu.push(b.cpuMs);
  }
  line('CLI corpus: markdownlint-cli2 vs deep-dive check (speed-up)', ml, dd);
  line('  CPU (sampled every 50 ms): markdownlint-cli2 vs deep-dive', mlCpu, ddCpu);
}
