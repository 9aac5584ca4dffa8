// Drives a language server through the real protocol: cold start, open, keystrokes.
// A keystroke is "done" when the server has published the analysis of that version:
// publishDiagnostics carrying the version, or (when the server skips unchanged
// diagnostics) its deepDive/status notification that follows every analysis.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient, TimeoutError, readCpuMs } from './lsp-client.mjs';
import { EditableDoc, planEdits } from './edits.mjs';
import { SIZES, genDoc } from '../gen-docs.mjs';

export const BENCH_SETTINGS = { deepDive: { diagnosticsDelay: 0 } };
const isDiag = (uri) => (m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri;
const isStatus = (uri) => (m) => m.method === 'deepDive/status' && m.params?.uri === uri;

/** Spawn -> initialize result, n times; and spawn -> exit of `node -e 0`. */
export async function coldStarts(serverArgv, rootDir, n) {
  const server = [];
  const bare = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', resolve));
    bare.push(performance.now() - t);
    const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
    try {
      server.push((await c.initialize(rootDir, 15_000)).ms);
    } catch {
      server.push(NaN);
    }
    await c.close();
  }
  return { server, bare };
}

function codesOf(diagnostics) {
  const out = {};
  for (const d of diagnostics ?? []) out[d.code ?? '?'] = (out[d.code ?? '?'] ?? 0) + 1;
  return out;
}

/**
 * One server process for one document: open latency, keystroke and heading-edit
 * latencies, peak RSS. Budgets bound the total time; per-edit timeouts bound each wait.
 */
export async function documentSession(serverArgv, text, { rootDir, name, typed = 200, editTimeoutMs = 10_000, budgetMs = 60_000, openTimeoutMs = 60_000 }) {
  const uri = placeDocument(rootDir, name, text);
  const out = { name, bytes: Buffer.byteLength(text), errors: [] };
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  const started = performance.now();
  try {
    out.coldStartMs = (await c.initialize(rootDir)).ms;
    out.syncKind = c.syncKind;

    // Open: first diagnostics, then settle (structure-first servers publish twice).
    let statusSeen = false;
    let diagVersioned = false;
    const seen = (m) => {
      if (isStatus(uri)(m)) { statusSeen = true; out.openStatus = m.params; }
      if (isDiag(uri)(m) && m.params.version !== undefined) diagVersioned = true;
    };
    c.listeners.add(seen);
    // A server need not publish an empty diagnostics list for a clean document: its status counts too.
    const firstDiag = c.waitFor((m) => isDiag(uri)(m) || isStatus(uri)(m), openTimeoutMs, 'first diagnostics or status');
    const t = performance.now();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const first = await firstDiag;
    out.openFirstDiagMs = first.at - t;
    out.openDiagnostics = isDiag(uri)(first.msg) ? codesOf(first.msg.params.diagnostics) : 'none published';
    // Large documents get a structure-only (degraded) result first; typing starts once the full one is in,
    // so keystrokes are measured against the real analysis, not the quick line scan.
    let complete = true;
    // The status follows the diagnostics it belongs to: let it arrive before judging the open.
    let settled = await c.quiet((m) => isDiag(uri)(m) || isStatus(uri)(m), 300, openTimeoutMs);
    if (statusSeen && out.openStatus?.degraded) {
      try {
        await c.waitFor((m) => isStatus(uri)(m) && !m.params.degraded, Math.max(1, openTimeoutMs - (performance.now() - t)), 'full analysis after open');
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err;
        complete = false;
        out.errors.push(`open: no complete (non-degraded) analysis within ${openTimeoutMs} ms`);
      }
      settled = await c.quiet((m) => isDiag(uri)(m) || isStatus(uri)(m), 300, openTimeoutMs);
    }
    out.openSettledMs = settled.lastAt - t;
    out.openComplete = complete;
    c.listeners.delete(seen);
    out.signal = statusSeen ? 'deepDive/status' : diagVersioned ? 'versioned diagnostics' : 'diagnostics';

    const plan = planEdits(text, typed);
    const doc = new EditableDoc(text);
    let version = 1;
    const deadline = started + budgetMs;
    const run = async (edits, into) => {
      let consecutiveTimeouts = 0;
      for (const e of edits) {
        if (performance.now() > deadline || consecutiveTimeouts >= 3) { out.truncated = true; break; }
        version++;
        doc.apply(e);
        const v = version;
        // Status carries the analysed version on this server; older ones (a late structure-first pass) do not count.
        const done = statusSeen
          ? c.waitFor((m) => isStatus(uri)(m) && (m.params.version === undefined || m.params.version >= v) && !(complete && m.params.degraded), editTimeoutMs, `analysis of v${v}`)
          : c.waitFor((m) => isDiag(uri)(m) && (m.params.version === undefined || m.params.version === v), editTimeoutMs, `diagnostics for v${v}`);
        let diagAt = null;
        let firstAt = null; // first publish for v, possibly a quick structure-only one
        const onDiag = (m, at) => {
          if (isDiag(uri)(m) && m.params.version === v) diagAt = at;
          if ((isDiag(uri)(m) || isStatus(uri)(m)) && (m.params.version ?? v) >= v && firstAt === null) firstAt = at;
        };
        c.listeners.add(onDiag);
        const change = c.syncKind === 2 ? { range: e.range, text: e.text } : { text: doc.text };
        const sent = performance.now();
        await c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        try {
          const r = await done;
          into.push({ kind: e.kind, ms: Math.max(r.at, diagAt ?? 0) - sent, firstMs: (firstAt ?? r.at) - sent, diag: diagAt !== null, ...(r.msg.params?.degraded ? { degraded: true } : {}) });
          consecutiveTimeouts = 0;
        } catch (err) {
          if (!(err instanceof TimeoutError)) throw err;
          into.push({ kind: e.kind, ms: NaN, timeout: true });
          consecutiveTimeouts++;
        } finally {
          c.listeners.delete(onDiag);
        }
      }
    };
    out.keystrokes = [];
    out.headingEdits = [];
    // Server CPU per keystroke does not depend on other load the way latency does.
    const cpu0 = readCpuMs(c.pid);
    await run(plan.typing, out.keystrokes);
    const cpu1 = readCpuMs(c.pid);
    if (cpu0 !== null && cpu1 !== null && out.keystrokes.length) out.cpuPerKeystrokeMs = (cpu1 - cpu0) / out.keystrokes.length;
    await run(plan.headingEdits, out.headingEdits);

    const sym = await c.request('textDocument/documentSymbol', { textDocument: { uri } }, editTimeoutMs);
    out.documentSymbolMs = sym.ms;
  } catch (e) {
    out.errors.push(String(e.message ?? e));
  } finally {
    out.peakRssKb = c.samplePeak();
    const exit = await c.close();
    out.exit = exit;
    out.stderrTail = c.stderrTail.slice(-1000);
  }
  return out;
}

/**
 * Typing while a large document's first full analysis is still running (open, then
 * type at `intervalMs` without waiting): latency until a publish includes each
 * keystroke, then how long after the last keystroke the full analysis lands.
 */
export async function typeDuringOpen(serverArgv, text, { rootDir, name, typed = 30, intervalMs = 100, settleTimeoutMs = 30_000 }) {
  const uri = placeDocument(rootDir, name, text);
  const out = { name, typed, intervalMs, errors: [] };
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  const pending = new Map(); // version -> sent time
  out.keystrokes = [];
  // Versions whose full (non-degraded) analysis was published, and when: the last
  // key's may come before typing's final pause ends.
  const fullAt = new Map();
  c.listeners.add((m, at) => {
    if (!isStatus(uri)(m) && !isDiag(uri)(m)) return;
    const v = m.params.version;
    if (v === undefined) return;
    if (isStatus(uri)(m) && !m.params.degraded) fullAt.set(v, at);
    for (const [pv, sent] of pending) if (pv <= v) { out.keystrokes.push(at - sent); pending.delete(pv); }
  });
  return closing(c, out, async () => {
    await c.initialize(rootDir);
    const first = c.waitFor(isStatus(uri), 60_000, 'first status');
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await first;
    const plan = planEdits(text, typed);
    let v = 1;
    for (const e of plan.typing) {
      v++;
      pending.set(v, performance.now());
      await c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: e.range, text: e.text }] });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    const last = v;
    const t = performance.now();
    const lastSentAt = t - intervalMs;
    try {
      if (fullAt.has(last)) out.fullAfterTypingMs = Math.max(0, fullAt.get(last) - lastSentAt);
      else {
        await c.waitFor((m) => isStatus(uri)(m) && m.params.version === last && !m.params.degraded, settleTimeoutMs, 'full analysis after typing');
        out.fullAfterTypingMs = performance.now() - lastSentAt;
      }
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      out.fullAfterTypingMs = null;
      out.errors.push(`no full analysis of the last version within ${settleTimeoutMs} ms after typing stopped`);
    }
    out.unanswered = pending.size;
  });
}

/** The transport's floor: `n` requests the server answers at once (an unknown method gets MethodNotFound), ms each. */
export async function roundTrips(serverArgv, rootDir, n = 30) {
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  try {
    await c.initialize(rootDir);
    const out = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await c.request('deepDive/benchRoundTrip', null).catch(() => undefined);
      out.push(performance.now() - t);
    }
    return out;
  } finally {
    await c.close();
  }
}

/** workspace/symbol over a folder: the first query (indexing every file) and two more (cached). */
export async function workspaceSymbolQueries(serverArgv, rootDir, timeoutMs = 300_000) {
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  try {
    await c.initialize(rootDir, 30_000);
    const runs = [];
    for (const query of ['', 'mental', 'failure']) {
      const r = await c.request('workspace/symbol', { query }, timeoutMs);
      runs.push({ query, ms: r.ms, symbols: r.result?.length ?? 0 });
    }
    return { runs, peakRssKb: c.samplePeak() };
  } finally {
    await c.close(10_000);
  }
}

/**
 * One document opened and its outline asked for at once (documentSymbol waits for
 * the full analysis): the answer's time, its size and the server's peak RSS.
 */
export async function openAndOutline(serverArgv, text, { rootDir, name, timeoutMs = 60_000 }) {
  const uri = placeDocument(rootDir, name, text);
  const c = new LspClient(serverArgv, { settings: BENCH_SETTINGS });
  const out = { name, bytes: Buffer.byteLength(text), errors: [] };
  return closing(c, out, async () => {
    await c.initialize(rootDir);
    const t = performance.now();
    await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const r = await c.request('textDocument/documentSymbol', { textDocument: { uri } }, timeoutMs);
    out.documentSymbolMs = performance.now() - t;
    out.symbols = Array.isArray(r.result) ? r.result.length : null;
  });
}

/**
 * Opens a generated document of `size` (a SIZES key or characters) in the
 * deep-dives folder of `rootDir` and waits for its full analysis: its text, uri
 * and a test for its status notifications.
 */
export async function openAnalysed(c, rootDir, size, name) {
  const text = genDoc(SIZES[size] ?? Number(size));
  const uri = `file://${join(rootDir, 'deep-dives', name)}`;
  const isStatusOf = (m) => isStatus(uri)(m);
  const full = c.waitFor((m) => isStatusOf(m) && !m.params.degraded, 120_000, 'full analysis');
  await c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await full;
  return { text, uri, isStatus: isStatusOf };
}

/** Writes the document into the workspace's deep-dives folder; its uri. */
export function placeDocument(rootDir, name, text) {
  const file = join(rootDir, 'deep-dives', name);
  mkdirSync(join(rootDir, 'deep-dives'), { recursive: true });
  writeFileSync(file, text);
  return `file://${file}`;
}

/** Runs `body` with the server, its errors recorded in `out`, then the server's peak RSS and exit. */
async function closing(c, out, body) {
  try {
    await body();
  } catch (e) {
    out.errors.push(String(e.message ?? e));
  } finally {
    out.peakRssKb = c.samplePeak();
    out.exit = await c.close();
  }
  return out;
}
