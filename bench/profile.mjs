// CPU profile of the server while it handles keystrokes (or its cold start), to find
// where the time goes. Runs dist/server.js under --cpu-prof, opens a generated
// document, waits for the full analysis, types, and prints the hottest functions of
// the typing window (samples outside it are dropped), per thread.
//
//   node bench/profile.mjs [--size 3m] [--typed 40] [--cold] [--keep DIR]
import { mkdtempSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { planEdits } from './lib/edits.mjs';
import { BENCH_SETTINGS, openAnalysed } from './lib/protocol.mjs';
import { ensureServerBuilt } from './lib/setup.mjs';
import { hottestFunctions } from './lib/cpuprofile.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const size = opt('--size', '3m');
const typed = Number(opt('--typed', 40));
const cold = argv.includes('--cold');
const dir = opt('--keep') ?? mkdtempSync(join(tmpdir(), 'deep-dive-prof-'));
mkdirSync(dir, { recursive: true });
if (!ensureServerBuilt(REPO, console.error)) process.exit(1);

const nowUs = () => Number(process.hrtime.bigint() / 1000n); // CLOCK_MONOTONIC, as V8 profile timestamps
const root = join(tmpdir(), 'deep-dive-bench', 'ws-profile');
mkdirSync(join(root, 'deep-dives'), { recursive: true });
const c = new LspClient([process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, join(REPO, 'dist/server.js'), '--stdio'], { settings: BENCH_SETTINGS });
const window = { start: nowUs(), end: Infinity };
await c.initialize(root, 30_000);
if (cold) window.end = nowUs();
else {
  const { text, uri, isStatus } = await openAnalysed(c, root, size, `profile-${size}.md`);
  const plan = planEdits(text, typed);
  let v = 1;
  window.start = nowUs();
  const t = performance.now();
  for (const e of [...plan.typing, ...plan.headingEdits]) {
    const ver = ++v;
    const done = c.waitFor((m) => isStatus(m) && m.params.version >= ver && !m.params.degraded, 30_000, `v${ver}`);
    await c.notify('textDocument/didChange', { textDocument: { uri, version: ver }, contentChanges: [{ range: e.range, text: e.text }] });
    await done;
  }
  window.end = nowUs();
  console.log(`${v - 1} edits in ${(performance.now() - t).toFixed(0)} ms (${((performance.now() - t) / (v - 1)).toFixed(1)} ms each)`);
}
await c.close(10_000);

// Anonymous functions are named by their source text (read now: dist/ may be rebuilt later).
const sources = new Map();
function sourceLines(url) {
  if (!sources.has(url)) sources.set(url, readFileSync(fileURLToPath(url), 'utf8').split('\n'));
  return sources.get(url);
}

for (const f of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
  const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const hot = hottestFunctions(p, { ...window, source: (url) => (url.startsWith('file://') ? sourceLines(url) : null) });
  if (hot.totalMs < 1) continue;
  console.log(`\n${f}: ${hot.totalMs.toFixed(0)} ms sampled in the window`);
  for (const l of hot.lines) console.log(l);
}
console.log(`\nprofiles in ${dir} (open in Chrome DevTools > Performance)`);
