// `npm run bench:browser`: the browser server's keystrokes, as vscode.dev runs it: the
// production dist/browser/server.js in a Web Worker of headless Chromium, driven over the
// worker's message port by a page (bench/lib/worker-session.mjs) with the Node bench's
// documents, JSON-RPC and keys, timed in the page. markdownlint MD043 runs on the same
// texts in Node in the same run (bench/lib/baseline-child.mjs) for the ratios.
//
//   node bench/browser.mjs [--quick] [--sizes 30k,300k,3m] [--typed N] [--no-baselines] [--no-node] [--profile [DIR]] [--profile-open] [--wide]
//
// The desktop server (dist/server.js over stdio, bench/lib/protocol.mjs) types the same keys
// in the same run for comparison (--no-node leaves it out).
// --profile runs a bundle built without minification (readable names) and records the
// worker's CPU profile while it types (V8's profiler through the DevTools protocol), for
// each size: the hottest functions are printed, the .cpuprofile files kept in DIR.
// --profile-open profiles the open instead (didOpen to the first full analysis).
// --wide puts one character beyond U+00FF (an em dash) in each document's title, so a large
// one is kept two bytes a code unit (the generated documents are ASCII, many real ones are not).
// --dist DIR measures DIR/browser/server.js instead of dist/'s (another build, to compare;
// `node scripts/build.mjs --production --outdir DIR`).
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIZES, genDoc } from './gen-docs.mjs';
import { BENCH_SETTINGS, documentSession, placeDocument, roundTrips } from './lib/protocol.mjs';
import { keystrokeTargetRows, runBaseline, typingDuringOpenRow } from './lib/keystroke-targets.mjs';
import { summarize } from './lib/stats.mjs';
import { table, trio, ms } from './lib/table.mjs';
import { finishResults, startResults } from './lib/results.mjs';
import { bundleParts, hottestFunctions } from './lib/cpuprofile.mjs';
import { workerProfiler } from './lib/worker-profiler.mjs';
import { answerFromDisk } from '../test/browser/disk-fs.mjs';
import { chromiumPath, missingBrowserKit, playwrightCorePath } from '../test/browser/browser-kit.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f) => { const i = argv.indexOf(f); return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined; };
const quick = flag('--quick');
const P = quick
  ? { sizes: ['30k', '3m'], typed: 40, sessionBudgetMs: 30_000, baselineMs: 12_000 }
  : { sizes: ['30k', '300k', '3m'], typed: 200, sessionBudgetMs: 90_000, baselineMs: 30_000 };
if (opt('--sizes')) P.sizes = opt('--sizes').split(',');
if (opt('--typed')) P.typed = Number(opt('--typed'));
const log = (...a) => console.error('[bench:browser]', ...a);

const missing = missingBrowserKit();
if (missing) {
  console.log(`bench:browser skipped: needs ${missing} (run ../shared/vscode-test/install.sh, or set VSCODE_TEST_HOME and DEEP_DIVE_CHROMIUM)`);
  process.exit(0);
}

const work = join(tmpdir(), 'deep-dive-bench');
const docsDir = join(work, 'docs');
mkdirSync(docsDir, { recursive: true });
const results = startResults({ quick, params: P, sizes: {}, notes: [] });

// Profiled: a bundle with names (not minified), built into a folder of its own.
const profileDir = flag('--profile') || flag('--profile-open') ? opt('--profile') ?? mkdtempSync(join(tmpdir(), 'deep-dive-browser-prof-')) : null;
let serverJs = join(opt('--dist') ?? join(REPO, 'dist'), 'browser/server.js');
if (profileDir && !opt('--dist')) {
  mkdirSync(profileDir, { recursive: true });
  // The build wants a server/ sibling of its outdir (the Node bundles' template): a link to the repository's.
  const build = mkdtempSync(join(tmpdir(), 'deep-dive-browser-build-'));
  const outdir = join(build, 'dist');
  symlinkSync(join(REPO, 'server'), join(build, 'server'));
  log(`unminified build into ${outdir}`);
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  serverJs = join(outdir, 'browser/server.js');
}
if (!existsSync(serverJs)) {
  console.log(`bench:browser: ${serverJs} not found: build it first (npm run bench:browser does)`);
  process.exit(1);
}

// The page, its driver and the server bundle, served from memory; the server's file requests from the disk.
const files = {
  '/': ['text/html', '<!doctype html><title>deep dive bench</title>'],
  '/server.js': ['text/javascript', () => readFileSync(serverJs)],
  '/worker-session.mjs': ['text/javascript', () => readFileSync(join(REPO, 'bench/lib/worker-session.mjs'))],
  '/edits.mjs': ['text/javascript', () => readFileSync(join(REPO, 'bench/lib/edits.mjs'))],
  '/lsp-messages.mjs': ['text/javascript', () => readFileSync(join(REPO, 'bench/lib/lsp-messages.mjs'))],
};
const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/fs') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => void answerFromDisk(JSON.parse(body)).then((r) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r))));
    return;
  }
  const f = files[req.url];
  if (!f) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f[0] }).end(typeof f[1] === 'function' ? f[1]() : f[1]);
});

await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${http.address().port}`;
const { chromium } = createRequire(import.meta.url)(playwrightCorePath());
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
results.chromium = browser.version();

const profiled = flag('--profile-open') ? 'open' : 'typing';

/** Profiles the worker of `page` from the first key typed to the last, or through the open (the page's benchHook). */
async function profileWorker(page, s, r) {
  let profiler = null;
  await page.exposeBinding('benchHook', async (_source, what) => {
    if (what === `${profiled}-start`) {
      profiler = await workerProfiler(browser);
      await profiler.start();
    } else if (what === `${profiled}-end` && profiler) {
      const profile = await profiler.stop();
      await profiler.detach();
      const file = join(profileDir, `browser-${s}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      const bundle = readFileSync(serverJs, 'utf8');
      const lines = bundle.split('\n');
      r.profile = { file, ...hottestFunctions(profile, { source: (url) => (url.endsWith('/server.js') ? lines : null), top: 30, group: bundleParts(bundle) }) };
    }
  });
}

/**
 * Runs the function `name` of bench/lib/worker-session.mjs with `args` in a fresh page (so a
 * fresh worker, as the Node bench starts a fresh server); profiled when asked to.
 */
async function inPage(name, args, { profileAs, into } = {}) {
  const page = await browser.newPage();
  if (profileDir && profileAs) await profileWorker(page, profileAs, into);
  try {
    await page.goto(`${origin}/`);
    return await page.evaluate(async ({ driver, name: fn, ...rest }) => (await import(driver))[fn](rest),
      { driver: `${origin}/worker-session.mjs`, name, serverUrl: `${origin}/server.js`, ...args });
  } finally {
    await page.close();
  }
}

try {
  for (const s of P.sizes) {
    const text = flag('--wide') ? genDoc(SIZES[s]).replace(': Deep Dive', ' \u2014 Deep Dive') : genDoc(SIZES[s]);
    const file = join(docsDir, `deep-dive-${s}.md`);
    writeFileSync(file, text);
    const r = (results.sizes[s] = { bytes: Buffer.byteLength(text) });
    log(`browser server session ${s}`);
    const rootDir = join(work, `ws-browser-${s}`);
    const uri = placeDocument(rootDir, `bench-${s}.md`, text);
    r.server = await inPage('documentSession', {
      text, uri, rootUri: `file://${rootDir}`, settings: BENCH_SETTINGS, typed: P.typed, budgetMs: P.sessionBudgetMs,
    }, { profileAs: s, into: r });
    // Keys typed while the largest document opens, in another fresh worker.
    if (SIZES[s] >= 1e6 && s === P.sizes.at(-1)) {
      log(`browser server: typing while ${s} opens`);
      results.typeDuringOpen = { size: s, ...(await inPage('typeDuringOpen', {
        text, uri, rootUri: `file://${rootDir}`, settings: BENCH_SETTINGS, typed: quick ? 20 : 50, settleTimeoutMs: quick ? 20_000 : 40_000,
      })) };
    }
    if (!flag('--no-node')) {
      log(`Node server session ${s}`);
      const nodeServer = [process.execPath, join(REPO, 'dist/server.js'), '--stdio'];
      r.node = await documentSession(nodeServer, text, { rootDir: join(work, `ws-${s}`), name: `bench-${s}.md`, typed: P.typed, budgetMs: P.sessionBudgetMs });
      r.node.roundTripsMs = await roundTrips(nodeServer, join(work, `ws-${s}`));
    }
    if (!flag('--no-baselines')) {
      log(`markdownlint MD043 ${s} (in Node)`);
      r.markdownlint = await runBaseline('markdownlint', file, P.typed, P.baselineMs);
    }
  }
} finally {
  await browser.close();
  http.close();
}

// Report.
const lines = [];
lines.push(`Deep Dive browser server benchmark ${results.startedAt} (${quick ? 'quick' : 'full'}; ${results.chromium}, headless, ${serverJs} in a Web Worker; markdownlint in node ${process.version})`);
lines.push('', 'Keystroke: didChange posted -> analysis published, timed in the page (median / p95 / max)', '');
const bySize = {};
lines.push(table(['size', 'browser server (full analysis)', 'first publish', 'heading edit', 'open: first / full', 'round trip', 'Node server, same run', 'Node round trip', 'markdownlint MD043 (Node)', 'mdl / browser server (median)'],
  P.sizes.map((s) => {
    const r = results.sizes[s];
    const ks = summarize(r.server?.keystrokes?.map((k) => k.ms) ?? []);
    const mdl = summarize(r.markdownlint?.keystrokes ?? []);
    const mdlMed = mdl.median ?? r.markdownlint?.open;
    bySize[s] = { keystroke: ks, mdl: mdlMed };
    r.summary = {
      keystroke: ks, firstPublish: summarize(r.server?.keystrokes?.map((k) => k.firstMs) ?? []), headingEdit: summarize(r.server?.headingEdits?.map((k) => k.ms) ?? []),
      roundTrip: summarize(r.server?.roundTripsMs ?? []), node: summarize(r.node?.keystrokes?.map((k) => k.ms) ?? []), nodeRoundTrip: summarize(r.node?.roundTripsMs ?? []), mdl,
    };
    const mdlCell = mdl.n ? `${trio(mdl)}${r.markdownlint.timedOut ? ` (n=${mdl.n})` : ''}` : r.markdownlint?.open != null ? `${ms(r.markdownlint.open)} (1 run)` : r.markdownlint?.timedOut ? `> ${ms(r.markdownlint.elapsedMs)}` : '-';
    return [`${s} (${(r.bytes / 1024).toFixed(0)} KB)`, `${trio(ks)}${r.server?.errors?.length ? ' ERR' : ''}`, trio(r.summary.firstPublish), trio(r.summary.headingEdit),
      `${ms(r.server?.openFirstMs)} / ${ms(r.server?.openFullMs)}`, ms(r.summary.roundTrip.median), `${trio(r.summary.node)}${r.node?.errors?.length ? ' ERR' : ''}`, ms(r.summary.nodeRoundTrip.median), mdlCell, ks.median && mdlMed ? `${(mdlMed / ks.median).toFixed(1)}x` : '-'];
  })));
if (results.typeDuringOpen) {
  const e = results.typeDuringOpen;
  lines.push('', `Typing during open (${e.size}, ${e.typed} keys every ${e.intervalMs} ms from the first publish): keystroke -> a publish including it ${trio(summarize(e.keystrokes))}` +
    `${e.unanswered ? ` (${e.unanswered} never answered)` : ''}; full analysis ${e.fullAfterTypingMs != null ? `${ms(e.fullAfterTypingMs)} after the last key` : 'NEVER (timed out)'}${e.errors.length ? `; ${e.errors.join('; ')}` : ''}`);
}
const targets = [...keystrokeTargetRows(bySize, 'browser '), ...(P.sizes.some((s) => SIZES[s] >= 1e6) ? [typingDuringOpenRow(results.typeDuringOpen, 'browser ')] : [])];
results.targets = targets.map(([measure, goal, value, verdict]) => ({ measure, goal, value, verdict }));
lines.push('', 'Targets (the browser server)', '', table(['measure', 'target', 'measured', 'verdict'], targets));
for (const s of P.sizes) {
  const p = results.sizes[s].profile;
  if (!p) continue;
  const keys = results.sizes[s].server?.keystrokes?.length ?? 0;
  const per = profiled === 'typing' ? `, ${keys ? (p.busyMs / keys).toFixed(2) : '-'} ms per key` : '';
  lines.push('', `Worker CPU profile while ${profiled === 'typing' ? 'typing' : 'opening'} ${s} (unminified bundle, profiler on: times above are inflated): ${p.busyMs.toFixed(0)} ms busy of ${p.totalMs.toFixed(0)} ms sampled${per}; ${p.file}`, '', 'self time by part of the bundle:', ...p.groups, '', 'hottest functions:', ...p.lines);
}
for (const s of P.sizes) {
  const r = results.sizes[s].server;
  if (r?.errors?.length) lines.push(`browser server ${s}: ${r.errors.join('; ')}`);
  if (r?.truncated) lines.push(`browser server ${s}: keystroke run cut short by its time budget or timeouts (${r.keystrokes.length} keystrokes measured)`);
  if (r?.fsRequestsWhileTyping) lines.push(`browser server ${s}: ${r.fsRequestsWhileTyping} file requests to the client while typing`);
  if (results.sizes[s].node?.errors?.length) lines.push(`Node server ${s}: ${results.sizes[s].node.errors.join('; ')}`);
}
finishResults(REPO, results, lines, 'browser-');
