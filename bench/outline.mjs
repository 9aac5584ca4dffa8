// The outline of 100,000 headings alone (the `npm run bench` row): each run a fresh
// server, the document opened and `textDocument/documentSymbol` sent at once; the
// answer's time and the server's peak RSS. Several servers given with --server
// (separated by `;`) run alternately, so their figures come from the same minutes.
// Each run also says when the answer's first and last bytes came in: the server
// writes the answer once it is whole, so up to the first byte is the server's work,
// then the pipe, and after the last byte this client decodes 22 MB of JSON, as any
// client must. --phases times the same work in this
// process instead, step by step (needs `node --import tsx`): the session's analysis,
// the outline, the findings compared and published after the answer, the conversion to LSP
// types, the JSON and its framing.
//
//   node bench/outline.mjs [--runs 3] [--server "node a.js --stdio;node b.js --stdio"] [--cpu-prof DIR] [--heap-prof DIR]
//   node --import tsx bench/outline.mjs --phases [--runs 5]
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../test/fixtures/hostile/generate.mjs';
import { LspClient, readCpuMs } from './lib/lsp-client.mjs';
import { BENCH_SETTINGS, placeDocument } from './lib/protocol.mjs';
import { ensureServerBuilt } from './lib/setup.mjs';
import { summarize } from './lib/stats.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const runs = Number(opt('--runs', 3));
const [h] = generate(['headings-100k']);
const text = readFileSync(h.file, 'utf8');

if (argv.includes('--phases')) await phases();
else await protocol();

async function protocol() {
  const profiling = ['--cpu-prof', '--heap-prof'].flatMap((f) => (opt(f) ? [f, `${f}-dir`, opt(f)] : []));
  const servers = opt('--server')?.split(';').map((s) => s.trim().split(' ').map((a) => (a === 'node' ? process.execPath : a)))
    ?? [[process.execPath, join(REPO, 'dist/server.js'), '--stdio']];
  if (!opt('--server') && !ensureServerBuilt(REPO, console.error)) process.exit(1);
  const withFlags = (s) => (profiling.length && s[0] === process.execPath ? [s[0], ...profiling, ...s.slice(1)] : s);
  const root = join(tmpdir(), `deep-dive-outline-${process.pid}`);
  mkdirSync(root, { recursive: true });
  const by = servers.map(() => ({ ms: [], first: [], received: [], cpu: [], rss: [] }));
  for (let r = 0; r < runs; r++) {
    for (const [i, s] of servers.entries()) {
      const o = await outline(withFlags(s), root);
      by[i].ms.push(o.ms);
      by[i].first.push(o.firstMs);
      by[i].received.push(o.receivedMs);
      by[i].cpu.push(o.cpuMs);
      by[i].rss.push(o.peakRssKb / 1024);
      console.error(`run ${r + 1} server ${i}: ${o.ms.toFixed(0)} ms (received ${o.firstMs.toFixed(0)}-${o.receivedMs.toFixed(0)} ms, server CPU ${o.cpuMs.toFixed(0)} ms), ${(o.peakRssKb / 1024).toFixed(0)} MB, ${o.symbols} symbols`);
    }
  }
  for (const [i, s] of servers.entries()) {
    const [t, first, got, c, m] = [summarize(by[i].ms), summarize(by[i].first), summarize(by[i].received), summarize(by[i].cpu), summarize(by[i].rss)];
    console.log(`${s.slice(1).join(' ')}: documentSymbol median ${t.median.toFixed(0)} ms (min ${Math.min(...by[i].ms).toFixed(0)}; its first byte received at ${first.median.toFixed(0)} ms, its last at ${got.median.toFixed(0)} ms), server CPU median ${c.median.toFixed(0)} ms, peak RSS median ${m.median.toFixed(0)} MB (max ${m.max.toFixed(0)})`);
  }
}

/**
 * As the bench row (bench/lib/protocol.mjs openAndOutline), with the server's CPU time (all threads) from didOpen
 * to the answer, and when the answer's first and last bytes came in: the rest is this client decoding 22 MB of JSON.
 */
async function outline(argv, root) {
  const uri = placeDocument(root, 'headings-100k.md', text);
  const c = new LspClient(argv, { settings: BENCH_SETTINGS });
  let lastRead = 0;
  let firstRead = 0;
  // The answer is the first message of a megabyte or more (the diagnostics' frame, 5 MB, comes after it).
  c.child.stdout.prependListener('data', (chunk) => {
    lastRead = performance.now();
    const header = firstRead ? -1 : chunk.indexOf('Content-Length: ');
    if (header >= 0 && /^\d{7,}\r/.test(chunk.toString('latin1', header + 16, header + 32))) firstRead = lastRead;
  });
  try {
    await c.initialize(root);
    const cpu0 = readCpuMs(c.pid);
    const t = performance.now();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const r = await c.request('textDocument/documentSymbol', { textDocument: { uri } }, 120_000);
    return { ms: performance.now() - t, firstMs: firstRead - t, receivedMs: lastRead - t, cpuMs: readCpuMs(c.pid) - cpu0, symbols: r.result.length, peakRssKb: c.samplePeak() };
  } finally {
    await c.close();
  }
}

async function phases() {
  const { buildTemplate, createDocumentSession } = await import('../server/src/engine/index.ts');
  const { documentSymbols, walkOutline } = await import('../server/src/engine/features/symbols.ts');
  const { outlineJson, outlineSymbols, toDiagnostic, toSymbol } = await import('../server/src/lsp/convert.ts');
  const { sameJson } = await import('../server/src/lsp/sameJson.ts');
  const templatePath = join(REPO, 'server/templates/deep-dive.md');
  const options = { template: buildTemplate(readFileSync(templatePath, 'utf8'), templatePath), rules: {}, path: 'deep-dives/headings-100k.md' };
  // Wall and CPU time (the process's, garbage collection threads included): CPU moves less with other load.
  const times = new Map();
  const timed = (phase, f) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = f();
    const cpu = process.cpuUsage(c);
    const list = times.get(phase) ?? { wall: [], cpu: [] };
    list.wall.push(performance.now() - t);
    list.cpu.push((cpu.user + cpu.system) / 1000);
    times.set(phase, list);
    return r;
  };
  for (let r = 0; r < runs; r++) {
    const session = createDocumentSession(options);
    const pending = timed('session.update (split, line index)', () => session.update(text, 1));
    timed('missing() (plain chunks read in place)', () => pending.missing());
    const snap = timed('complete() (model, analysis)', () => pending.complete());
    const walk = (v) => walkOutline(snap.analysis, v);
    timed('parts: outlineJson (walk to JSON parts)', () => outlineJson(walk));
    // What the server does with the findings once the answer is written (lsp/analysisManager.ts: publish, the frame):
    // compared with those published before (an equal copy here, the dearest case), converted, written.
    const before = structuredClone(snap.findings);
    timed('after: findings changed? (sameJson)', () => sameJson(snap.findings, before));
    const diagnostics = timed('after: diagnostics: toDiagnostic', () => snap.findings.map((f) => toDiagnostic(f, 'file:///h.md')));
    timed('after: diagnostics: the frame', () => Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///h.md', diagnostics } })));
    const lsp = timed('eager: outlineSymbols (walk to LSP)', () => outlineSymbols(walk));
    timed('eager: JSON.stringify of the response', () => Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, result: lsp }), 'utf8'));
    const outline = timed('before: documentSymbols (engine tree)', () => documentSymbols(snap.analysis));
    const lsp0 = timed('before: toSymbol (LSP copy)', () => outline.map(toSymbol));
    const json = timed('before: JSON.stringify of the response', () => JSON.stringify({ jsonrpc: '2.0', id: 1, result: lsp0 }));
    timed('before: Buffer.from (the frame)', () => Buffer.from(json, 'utf8'));
  }
  for (const [phase, { wall, cpu }] of times) {
    console.log(`${phase.padEnd(46)} median ${summarize(wall).median.toFixed(1).padStart(7)} ms, CPU ${summarize(cpu).median.toFixed(1).padStart(7)} ms  (${wall.map((x) => x.toFixed(0)).join(', ')})`);
  }
}
