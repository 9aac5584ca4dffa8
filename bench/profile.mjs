// CPU profile of the server while it handles keystrokes (or its cold start), to find
// where the time goes. Runs dist/server.js under --cpu-prof, opens a generated
// document, waits for the full analysis, types, and prints the hottest functions of
// the typing window (samples outside it are dropped), per thread.
//
//   node bench/profile.mjs [--size 3m] [--typed 40] [--warm 0] [--cold] [--keep DIR]
//   --warm N: type N keys before the window opens (the keystroke path compiled by V8 first)
import { mkdtempSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { planEdits } from './lib/edits.mjs';
import { BENCH_SETTINGS, openAnalysed } from './lib/protocol.mjs';
import { ensureServerBuilt } from './lib/setup.mjs';
import { bundleParts, hottestFunctions } from './lib/cpuprofile.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const size = opt('--size', '3m');
const typed = Number(opt('--typed', 40));
const warm = Number(opt('--warm', 0));
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
  const plan = planEdits(text, warm + typed);
  let v = 1;
  let t = performance.now();
  for (const e of [...plan.typing, ...plan.headingEdits]) {
    if (v === warm + 1) {
      window.start = nowUs();
      t = performance.now();
    }
    const ver = ++v;
    const done = c.waitFor((m) => isStatus(m) && m.params.version >= ver && !m.params.degraded, 30_000, `v${ver}`);
    await c.notify('textDocument/didChange', { textDocument: { uri, version: ver }, contentChanges: [{ range: e.range, text: e.text }] });
    await done;
  }
  window.end = nowUs();
  console.log(`${v - 1 - warm} edits in ${(performance.now() - t).toFixed(0)} ms (${((performance.now() - t) / (v - 1 - warm)).toFixed(1)} ms each)${warm ? ` after ${warm} to warm up` : ''}`);
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
  const main = p.nodes.find((n) => n.callFrame.url.endsWith('/server-main.js'))?.callFrame.url;
  const group = main ? bundleParts(sourceLines(main).join('\n')) : null;
  const hot = hottestFunctions(p, { ...window, source: (url) => (url.startsWith('file://') ? sourceLines(url) : null), group: group && ((cf) => (cf.url && cf.url !== main ? 'node' : group(cf))) });
  if (hot.totalMs < 1) continue;
  console.log(`\n${f}: ${hot.totalMs.toFixed(0)} ms sampled in the window`);
  for (const l of hot.lines) console.log(l);
  if (group) console.log('\nself time by part of the bundle (unminified builds; node: its built-in modules):', ...hot.groups.map((l) => `\n${l}`));
}
console.log(`\nprofiles in ${dir} (open in Chrome DevTools > Performance)`);
