// `npm run bench:hostile`: each hostile input of issue 6 opened in a fresh server.
// Measures didOpen -> first diagnostics and -> the full analysis, documentSymbol (sent
// once publishing settled; it waits for the full analysis, so the time after that
// analysis and the answer's JSON size are shown apart), keystrokes in the hostile
// document, a keystroke in another (normal) document sent right after the hostile
// open (does the hostile parse block it?), and peak RSS. Every wait is bounded.
//
//   node bench/hostile.mjs [--server "node other.js --stdio"] [--only a,b] [--timeout 10000]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generate, HOSTILE } from '../test/fixtures/hostile/generate.mjs';
import { genDoc } from './gen-docs.mjs';
import { ExitError, LspClient, TimeoutError } from './lib/lsp-client.mjs';
import { BENCH_SETTINGS } from './lib/protocol.mjs';
import { ensureServerBuilt } from './lib/setup.mjs';
import { mb, ms, table } from './lib/table.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : undefined; };
const WAIT = Number(opt('--timeout') ?? 10_000);
const KEYSTROKES = 5;
const log = (...a) => console.error('[hostile]', ...a);

const serverCmd = opt('--server');
const serverArgv = serverCmd ? serverCmd.split(' ').map((a) => (a === 'node' ? process.execPath : a))
  : [process.execPath, join(REPO, 'dist/server.js'), '--stdio'];
if (!serverCmd && !ensureServerBuilt(REPO, log)) process.exit(1);

const root = join(tmpdir(), 'deep-dive-bench', 'hostile-ws');
mkdirSync(join(root, 'deep-dives'), { recursive: true });
const normalText = genDoc(5_000);
const normalUri = `file://${join(root, 'deep-dives', 'normal.md')}`;
writeFileSync(join(root, 'deep-dives', 'normal.md'), normalText);

const isDiag = (uri) => (m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri;
const isDone = (uri) => (m) => isDiag(uri)(m) || (m.method === 'deepDive/status' && m.params?.uri === uri);

/** Position of the end of the document, with LSP line breaks (\r\n, \r, \n) and UTF-16 columns. */
function endPosition(text) {
  let line = 0;
  let lineStart = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) { line++; lineStart = m.index + m[0].length; }
  return { line, character: text.length - lineStart };
}

const outcomeOf = (e) => (e instanceof ExitError ? 'crash' : e instanceof TimeoutError ? 'timeout' : 'error');

async function runOne(h) {
  const r = { name: h.name, bytes: h.bytes, description: h.description, outcome: 'ok', problems: [] };
  const fail = (what, e) => {
    const o = outcomeOf(e);
    if (r.outcome === 'ok' || o === 'crash') r.outcome = o;
    r.problems.push(`${what}: ${e.message}`);
  };
  // Editors decode invalid UTF-8 with U+FFFD, which is what Buffer#toString does.
  const text = readFileSync(h.file).toString('utf8');
  const file = join(root, 'deep-dives', `${h.name}.md`);
  const uri = `file://${file}`;
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  try {
    await c.initialize(root, WAIT);
    // A normal document first, so we can see whether the hostile one blocks it.
    const normalReady = c.waitFor(isDone(normalUri), WAIT, 'normal document diagnostics');
    await c.notify('textDocument/didOpen', { textDocument: { uri: normalUri, languageId: 'markdown', version: 1, text: normalText } });
    await normalReady;
    await c.quiet(isDone(normalUri), 200, WAIT);

    // Statuses of the hostile document's first version: the last one is its full analysis
    // (a large document publishes a structure-only one first).
    const opened = [];
    c.listeners.add((m, at) => { if (m.method === 'deepDive/status' && m.params?.uri === uri && m.params.version === 1) opened.push(at); });
    const first = c.waitFor(isDone(uri), WAIT, 'first diagnostics');
    const otherDone = c.waitFor(isDone(normalUri), WAIT, 'other document keystroke');
    const t = performance.now();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const tOther = performance.now();
    await c.notify('textDocument/didChange', { textDocument: { uri: normalUri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }] });
    const [f, o] = await Promise.allSettled([first, otherDone]);
    if (f.status === 'fulfilled') {
      r.firstDiagMs = f.value.at - t;
      const diags = f.value.msg.params.diagnostics ?? []; // a status first means no diagnostics to publish
      r.diagnostics = diags.length;
      r.codes = [...new Set(diags.map((d) => d.code))].slice(0, 6);
    } else fail('first diagnostics', f.reason);
    if (o.status === 'fulfilled') r.otherDocKeystrokeMs = o.value.at - tOther;
    else fail('other document keystroke', o.reason);
    if (r.firstDiagMs !== undefined) {
      // Servers may publish structure-only findings first; "settled" is the last publish before 300 ms of quiet.
      const q = await c.quiet(isDone(uri), 300, WAIT);
      r.settledMs = q.lastAt - t;
    }

    if (r.outcome !== 'crash') {
      try {
        const sent = performance.now();
        const s = await c.request('textDocument/documentSymbol', { textDocument: { uri } }, r.firstDiagMs === undefined ? 2_000 : WAIT);
        r.symbolsMs = s.ms;
        r.symbols = Array.isArray(s.result) ? s.result.length : null;
        // documentSymbol waits for the full analysis: every status of version 1 is in by now.
        if (opened.length) r.analysedMs = opened.at(-1) - t;
        // The answer itself (outline, JSON both ways, the pipe), apart from waiting for the analysis.
        r.symbolsAfterAnalysisMs = sent + s.ms - Math.max(sent, opened.at(-1) ?? 0);
        r.symbolsBytes = Buffer.byteLength(JSON.stringify(s.result ?? null));
      } catch (e) { fail('documentSymbol', e); }
    }
    if (r.outcome !== 'crash' && r.firstDiagMs !== undefined) {
      // Keystrokes at the end of the hostile document.
      const end = endPosition(text);
      r.keystrokes = [];
      for (let i = 0; i < KEYSTROKES; i++) {
        const done = c.waitFor((m) => isDone(uri)(m) && (m.params.version === undefined || m.params.version >= 2 + i), WAIT, `keystroke ${i + 1}`);
        const k = performance.now();
        await c.notify('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ range: { start: { ...end, character: end.character + i }, end: { ...end, character: end.character + i } }, text: 'z' }] });
        try {
          r.keystrokes.push((await done).at - k);
        } catch (e) { fail(`keystroke ${i + 1}`, e); break; }
      }
    }
  } catch (e) {
    fail('session', e);
  } finally {
    r.peakRssKb = c.samplePeak();
    const exit = await c.close(2_000);
    if (exit && exit.signal && exit.signal !== 'SIGKILL') r.outcome = 'crash';
    r.exit = exit;
    if (r.outcome !== 'ok') r.stderrTail = c.stderrTail.slice(-600);
  }
  return r;
}

const names = opt('--only') ? opt('--only').split(',') : Object.keys(HOSTILE);
log('generating inputs');
const inputs = generate(names);
const started = new Date().toISOString();
const results = [];
for (const h of inputs) {
  log(`${h.name} (${h.bytes} bytes)`);
  results.push(await runOne(h));
}

const worst = (xs) => (xs?.length ? Math.max(...xs) : null);
const rows = results.map((r) => [
  r.name, `${(r.bytes / 1e6).toFixed(2)} MB`, ms(r.firstDiagMs), ms(r.settledMs), ms(r.analysedMs), ms(r.symbolsMs), ms(r.symbolsAfterAnalysisMs),
  r.symbolsBytes === undefined ? '-' : `${r.symbolsBytes >= 1e5 ? `${(r.symbolsBytes / 1e6).toFixed(1)} MB` : `${(r.symbolsBytes / 1e3).toFixed(1)} KB`}`, r.keystrokes?.length ? `${ms([...r.keystrokes].sort((a, b) => a - b)[r.keystrokes.length >> 1])} / ${ms(worst(r.keystrokes))}` : '-', ms(r.otherDocKeystrokeMs), mb(r.peakRssKb), r.outcome,
  r.codes?.length ? r.codes.join(',') : r.diagnostics === 0 ? '(none)' : '',
]);
const lines = [
  `Hostile inputs ${started} (server: ${serverArgv.slice(1).join(' ')}; every wait bounded at ${WAIT} ms)`, '',
  table(['input', 'size', 'open -> diagnostics', 'settled', 'open -> full analysis', 'documentSymbol', 'symbols after analysis', 'symbols JSON', 'keystroke median / max (5)', 'other doc keystroke', 'peak RSS', 'outcome', 'diagnostic codes'], rows),
];
for (const r of results) if (r.problems.length) lines.push(`${r.name}: ${r.problems.join('; ')}${r.stderrTail ? `\n  stderr: ${r.stderrTail.replace(/\n/g, '\n  ')}` : ''}`);
const okAll = results.every((r) => r.outcome === 'ok');
const worstKey = worst(results.flatMap((r) => r.keystrokes ?? []));
lines.push('', `${results.filter((r) => r.outcome === 'ok').length}/${results.length} ok; worst keystroke ${ms(worstKey)}; worst open ${ms(worst(results.map((r) => r.firstDiagMs ?? NaN).filter(Number.isFinite)))}; worst peak RSS ${mb(worst(results.map((r) => r.peakRssKb)))}`);
const load = Math.max(loadavg()[0], loadavg()[1]);
if (load > cpus().length) lines.push(`WARNING: load average ${load.toFixed(1)} on ${cpus().length} cores: other processes competed for the CPU, times are inflated.`);
console.log(lines.join('\n'));

const outDir = join(REPO, 'bench/results');
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `hostile-${started.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify({ started, server: serverArgv.slice(1).join(' '), waitMs: WAIT, results }, null, 1));
console.log(`\nraw numbers: ${out}`);
process.exitCode = okAll ? 0 : 1;
