// Where one keystroke's time goes through the protocol: the bench's keystrokes sent
// to dist/server.js with a preload (bench/lib/trace-preload.mjs) that timestamps, in
// the server, each stdin read, each message written, each worker message, each timer
// armed and each GC, on the clock the driver uses. Prints, per event, the median time
// after the driver's didChange and on how many keys it happened, then one key's
// events in order. Not a test.
//
//   node bench/trace.mjs [--size 30k] [--typed 100] [--pause MS] [--views] [--dist DIR]
//   --pause: wait MS between keys (default 0, as the bench)
//   --views: ask for deepDive/documents first, as the Deep Dives view does (the
//            server then tells that client when to ask again)
//   --dist:  the server of another build (`node scripts/build.mjs --outdir DIR`)
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { LspClient } from './lib/lsp-client.mjs';
import { planEdits } from './lib/edits.mjs';
import { BENCH_SETTINGS, openAnalysed } from './lib/protocol.mjs';
import { ensureServerBuilt } from './lib/setup.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const size = opt('--size', '30k');
const typed = Number(opt('--typed', 100));
const WARM_UP = 20;
const pause = Number(opt("--pause", 0));
const dist = opt('--dist', null);
if (!dist && !ensureServerBuilt(REPO, console.error)) process.exit(1);

const dir = mkdtempSync(join(tmpdir(), 'deep-dive-trace-'));
const traceFile = join(dir, 'server.json');
const root = join(dir, 'ws');
mkdirSync(join(root, 'deep-dives'), { recursive: true });
const now = () => performance.timeOrigin + performance.now();
const c = new LspClient([process.execPath, '--import', join(REPO, 'bench/lib/trace-preload.mjs'), dist ? join(dist, 'server.js') : join(REPO, 'dist/server.js'), '--stdio'], {
  settings: BENCH_SETTINGS, env: { ...process.env, DEEP_DIVE_TRACE_FILE: traceFile },
});
const received = [];
c.listeners.add((m) => received.push({ at: now(), kind: 'client got', detail: m.method }));
await c.initialize(root, 30_000);
if (argv.includes('--views')) await c.request('deepDive/documents', {}, 60_000);
const { text, uri, isStatus } = await openAnalysed(c, root, size, `trace-${size}.md`);
await new Promise((r) => setTimeout(r, 300));
const plan = planEdits(text, typed + WARM_UP);
const sends = [];
let v = 1;
for (const e of plan.typing) {
  const ver = ++v;
  const done = c.waitFor((m) => isStatus(m) && m.params.version >= ver && !m.params.degraded, 30_000, `v${ver}`);
  sends.push(now());
  await c.notify('textDocument/didChange', { textDocument: { uri, version: ver }, contentChanges: [{ range: e.range, text: e.text }] });
  await done;
  // A pause as between real keys, so one key's work does not run into the next one's.
  if (pause) await new Promise((r) => setTimeout(r, pause));
}
sends.push(now());
await c.close(10_000);

const server = JSON.parse(readFileSync(traceFile, 'utf8')).map((e) => ({ ...e, kind: `server ${e.kind}` }));
const all = [...server, ...received].sort((a, b) => a.at - b.at);
const byLabel = new Map();
/** Per event, the time since the event before it on the same key (what that step took). */
const stepBy = new Map();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let example = null;
for (let k = WARM_UP; k < sends.length - 1; k++) {
  const seen = new Map();
  const evs = all.filter((e) => e.at >= sends[k] && e.at < sends[k + 1]);
  let prev = sends[k];
  for (const e of evs) {
    // Sizes and GC durations vary from key to key: the label is the event's kind and name.
    const name = e.kind === 'server out' ? e.detail.split(' ')[0] : e.kind.endsWith('gc') || e.kind.endsWith('in') ? '' : e.detail;
    const base = `${e.kind} ${name}`.trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const label = n > 1 ? `${base} #${n}` : base;
    const list = byLabel.get(label) ?? [];
    list.push(e.at - sends[k]);
    byLabel.set(label, list);
    stepBy.set(label, [...(stepBy.get(label) ?? []), e.at - prev]);
    prev = e.at;
  }
  if (k === sends.length - 2) example = evs.map((e) => `${(e.at - sends[k]).toFixed(3).padStart(8)} ms  ${e.kind} ${e.detail ?? ''}`);
}
const keys = sends.length - 1 - WARM_UP;
console.log(`${size}: ${keys} keys after ${WARM_UP} to warm up; times after the driver sent didChange (median over the keys the event happened on)`);
console.log('| event | after didChange, ms | since the event before, ms | keys |\n|---|---|---|---|');
for (const [label, xs] of [...byLabel].sort((a, b) => median(a[1]) - median(b[1]))) console.log(`| ${label} | ${median(xs).toFixed(3)} | ${median(stepBy.get(label)).toFixed(3)} | ${xs.length}/${keys} |`);
console.log('\nThe last key:');
console.log(example.join('\n'));
