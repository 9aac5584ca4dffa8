// The two whole-process targets of issue 5, measured alone with many repetitions and
// both sides alternating (the machine is shared: compare the ratio, not the times):
// cold start (spawn -> initialize result vs spawn -> exit of `node -e 0`) and the CLI
// over the real corpus (vs markdownlint-cli2 with MD043 only, as bench/run.mjs runs it).
//
//   node bench/startup.mjs [--dist DIR[,DIR...]] [--cold N] [--cli N] [--only cold|cli] [--floors] [--open] [--probe] [--jobs N[,N...]]
//
// --dist measures other builds (e.g. `node scripts/build.mjs --production --outdir DIR`,
// DIR with a server/ sibling), several in the same alternating runs when comma-separated;
// default dist/ (build it with --production first: that is what the VSIX ships).
// --floors adds two reference servers to the cold starts (bench/lib/floors.mjs): the
// vscode-languageserver connection alone, and a bare stdio answer.
// --jobs runs the CLI with each --jobs value given (threads), in the same alternating runs.
// --open adds a cold open to each round of cold starts: a new server, `initialize`, then
// `initialized` and the example deep dive's `didOpen` right behind the answer (as an editor
// sends them), timed from the didOpen to its first diagnostics (and from the spawn).
// --probe adds to each cold start one more, measured inside the server (bench/lib/answer-probe.cjs):
// from its main module's start to the `initialize` answer written, time and CPU, without
// Node's own bootstrap, which every side pays alike.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './lib/child.mjs';
import { buildFloors } from './lib/floors.mjs';
import { BENCH_SETTINGS, coldStarts } from './lib/protocol.mjs';
import { LspClient } from './lib/lsp-client.mjs';
import { readFileSync } from 'node:fs';
import { summarize } from './lib/stats.mjs';
import { md043Headings } from './lib/template.mjs';
import { corpusDir } from './lib/setup.mjs';
import { ms } from './lib/table.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const dists = opt('--dist', 'dist').split(',').map((d) => resolve(REPO, d));
const jobs = opt('--jobs')?.split(',') ?? [null];
const only = opt('--only');
const coldN = Number(opt('--cold', 20));
const cliN = Number(opt('--cli', 10));
const work = join(tmpdir(), 'deep-dive-bench');
mkdirSync(join(work, 'ws-cold'), { recursive: true });
const med = (xs) => summarize(xs).median;
console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

if (only !== 'cli') {
  // One cold start of each build per round, each right after its own `node -e 0`.
  const servers = argv.includes('--floors') ? [...dists, ...Object.values(await buildFloors(REPO, work))] : dists;
  const rows = servers.map(() => ({ server: [], bare: [] }));
  const opens = dists.map(() => ({ open: [], spawn: [] }));
  const probes = servers.map((_, k) => join(work, `answer-probe-${k}.jsonl`));
  for (const f of probes) rmSync(f, { force: true });
  for (let i = 0; i < coldN; i++) {
    for (const [k, dist] of servers.entries()) {
      const r = await coldStarts([process.execPath, join(dist, 'server.js'), '--stdio'], join(work, 'ws-cold'), 1);
      rows[k].server.push(...r.server);
      rows[k].bare.push(...r.bare);
      if (argv.includes('--probe')) await probedStart(dist, probes[k]);
    }
    if (argv.includes('--open')) {
      for (const [k, dist] of dists.entries()) {
        const r = await coldOpen(dist);
        opens[k].open.push(r.open);
        opens[k].spawn.push(r.spawn);
      }
    }
  }
  // Every side is divided by the median of all the `node -e 0` runs: they measure the same thing, and the
  // median of one side's 20 alone moved by 15% between sides of one run under load.
  const bare = med(rows.flatMap((r) => r.bare));
  for (const [k, dist] of servers.entries()) {
    const { server } = rows[k];
    console.log(`cold start ${dist}: ${ms(med(server))} vs node -e 0 ${ms(bare)} (medians of ${server.length}, of all ${servers.length * server.length} for node); ratio ${(med(server) / bare).toFixed(2)}x`);
  }
  for (const [k, dist] of (argv.includes('--probe') ? servers : []).entries()) {
    const notes = existsSync(probes[k]) ? readFileSync(probes[k], 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
    console.log(`entry -> answer ${dist}: ${ms(med(notes.map((n) => n.ms)))} (CPU ${ms(med(notes.map((n) => n.cpuMs)))}, ${med(notes.map((n) => n.modules))} Node modules loaded; medians of ${notes.length})`);
  }
  for (const [k, dist] of (argv.includes('--open') ? dists : []).entries()) {
    console.log(`cold open ${dist}: didOpen -> first diagnostics ${ms(med(opens[k].open))}, spawn -> first diagnostics ${ms(med(opens[k].spawn))} (medians of ${opens[k].open.length})`);
  }
}

/** One server started with the answer probe preloaded, until it has answered `initialize` (the probe notes into `notes`). */
function probedStart(dist, notes) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const probe = join(REPO, 'bench/lib/answer-probe.cjs');
  const child = spawn(process.execPath, ['--require', probe, join(dist, 'server.js'), '--stdio'], { env: { ...process.env, DEEP_DIVE_ANSWER_PROBE: notes } });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(), 15_000);
    // The library writes a message's header and body apart: the answer is in once its body is.
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('"result"')) child.kill();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.on('error', () => {}); // the server may be gone before the write ends
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** One new server: initialize, then initialized and didOpen of the example as soon as the answer is in; until its first diagnostics. */
async function coldOpen(dist) {
  const uri = `file://${join(REPO, 'examples/rate-limiting.deepdive.md')}`;
  const text = readFileSync(join(REPO, 'examples/rate-limiting.deepdive.md'), 'utf8');
  const c = new LspClient([process.execPath, join(dist, 'server.js'), '--stdio'], { settings: BENCH_SETTINGS });
  try {
    await c.initialize(join(work, 'ws-cold'), 15_000);
    const first = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri, 15_000, 'first diagnostics');
    const sent = performance.now();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const { at } = await first;
    return { open: at - sent, spawn: at - c.t0 };
  } catch {
    return { open: NaN, spawn: NaN };
  } finally {
    await c.close();
  }
}

if (only !== 'cold') {
  const cfg = join(work, 'md043.markdownlint-cli2.jsonc');
  writeFileSync(cfg, JSON.stringify({ config: { default: false, MD043: { headings: md043Headings() } } }));
  const corpus = corpusDir(REPO);
  if (!existsSync(corpus)) throw new Error(`${corpus} missing: the CLI comparison runs on the real corpus of the shared test fixtures (set DEEP_DIVE_SHARED), or use --only cold`);
  const mdl = join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  // Each build with each --jobs value: one run of each per round, then markdownlint-cli2.
  const sides = dists.flatMap((dist) => jobs.map((j) => ({ dist, j, label: j === null ? dist : `${dist} --jobs ${j}` })));
  const rows = sides.map(() => ({ ms: [], cpu: [] }));
  const ml = { ms: [], cpu: [] };
  for (let i = 0; i < cliN; i++) {
    for (const [k, { dist, j }] of sides.entries()) {
      const a = await runChild([process.execPath, join(dist, 'cli.js'), 'check', '--format', 'json', ...(j === null ? [] : ['--jobs', j]), relative(REPO, corpus)], { cwd: REPO, timeoutMs: 60_000 });
      if (a.code !== 0 && a.code !== 1) throw new Error(`deep-dive check exited ${a.code}: ${a.stderr}`);
      rows[k].ms.push(a.ms);
      rows[k].cpu.push(a.cpuMs);
    }
    const b = await runChild([process.execPath, mdl, '--config', cfg, '**/*.md'], { cwd: corpus, timeoutMs: 60_000 });
    ml.ms.push(b.ms);
    ml.cpu.push(b.cpuMs);
  }
  for (const [k, { label }] of sides.entries()) {
    const r = rows[k];
    console.log(`CLI corpus ${label}: ${ms(med(r.ms))} (CPU ${ms(med(r.cpu))}) vs markdownlint-cli2 ${ms(med(ml.ms))} (CPU ${ms(med(ml.cpu))}), medians of ${cliN}: ${(med(ml.ms) / med(r.ms)).toFixed(2)}x faster (CPU ${(med(ml.cpu) / med(r.cpu)).toFixed(2)}x)`);
  }
}
