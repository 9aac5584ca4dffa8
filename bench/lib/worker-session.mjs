// Runs IN THE PAGE (headless Chromium; bench/browser.mjs serves it): the browser
// server in a Web Worker, driven over the worker's message port with the JSON-RPC
// the Node bench sends over stdio (bench/lib/protocol.mjs documentSession). Times
// are taken here with performance.now(), from postMessage of a didChange to the
// message event of the publication that includes it, so no Node round trip is in
// them. The server's file requests are answered by the bench process (POST /fs),
// as the VS Code client answers them with workspace.fs in another thread.
/* global Worker */
import { EditableDoc, planEdits } from './edits.mjs';
import { answerFor, initializeParams, settleResponse } from './lsp-messages.mjs';

const STATUS = 'deepDive/status';
const DIAGNOSTICS = 'textDocument/publishDiagnostics';
const FS_REQUEST = 'deepDive/fs';

class TimeoutError extends Error {}

/** A JSON-RPC peer over a Worker's message port; every wait bounded. */
class WorkerClient {
  constructor(url, settings) {
    this.settings = settings;
    this.worker = new Worker(url);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = new Set();
    this.listeners = new Set();
    this.fsRequests = 0;
    this.failure = null;
    this.worker.onmessage = (e) => this.dispatch(e.data, performance.now());
    this.worker.onerror = (e) => { this.failure = e.message; };
  }

  dispatch(msg, at) {
    if (settleResponse(this.pending, msg, at)) return;
    if (msg.id !== undefined) return void this.answer(msg);
    for (const l of this.listeners) l(msg, at);
    for (const w of this.waiters) {
      if (!w.pred(msg)) continue;
      this.waiters.delete(w);
      clearTimeout(w.timer);
      w.resolve({ msg, at });
    }
  }

  async answer(msg) {
    let result = answerFor(msg, this);
    if (msg.method === FS_REQUEST) {
      this.fsRequests++;
      result = await (await fetch('/fs', { method: 'POST', body: JSON.stringify(msg.params) })).json();
    }
    this.worker.postMessage({ jsonrpc: '2.0', id: msg.id, result });
  }

  request(method, params, timeoutMs = 10_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TimeoutError(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method, sent: performance.now() });
      this.worker.postMessage({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.worker.postMessage({ jsonrpc: '2.0', method, params });
  }

  /** Next notification matching pred, as {msg, at}. Register before sending what triggers it. */
  waitFor(pred, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      w.timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new TimeoutError(`${what} not received within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  /** Resolves with the time of the last notification matching pred once none came for quietMs. */
  quiet(pred, quietMs, deadlineMs) {
    return new Promise((resolve) => {
      let last = performance.now();
      const start = last;
      const l = (m, at) => { if (pred(m)) last = at; };
      this.listeners.add(l);
      const tick = setInterval(() => {
        const now = performance.now();
        if (now - last < quietMs && now - start < deadlineMs) return;
        clearInterval(tick);
        this.listeners.delete(l);
        resolve(last);
      }, 10);
    });
  }

  async initialize(rootUri) {
    this.folders = [{ uri: rootUri, name: 'bench' }];
    const t = performance.now();
    const r = await this.request('initialize', initializeParams({ rootUri, folders: this.folders, settings: this.settings }), 30_000);
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.settings });
    return { ms: performance.now() - t, capabilities: r.result?.capabilities ?? {} };
  }

  async close() {
    try {
      await this.request('shutdown', null, 3_000);
      this.notify('exit', null);
    } catch { /* terminated below */ }
    this.worker.terminate();
  }
}

/**
 * One server in a fresh worker for one document: open, then the Node bench's keystrokes
 * and heading edits, each timed to the publication of that version's full analysis (its
 * status with version >= v and not degraded, or the diagnostics of v when those come later).
 */
export async function documentSession({ serverUrl, text, uri, rootUri, settings, typed, editTimeoutMs = 10_000, budgetMs = 60_000, openTimeoutMs = 60_000 }) {
  const out = { errors: [], keystrokes: [], headingEdits: [] };
  const isDiag = (m) => m.method === DIAGNOSTICS && m.params?.uri === uri;
  const isStatus = (m) => m.method === STATUS && m.params?.uri === uri;
  const started = performance.now();
  return withWorker(serverUrl, settings, out, async (c) => {
    const init = await c.initialize(rootUri);
    out.initializeMs = init.ms;
    const sync = init.capabilities.textDocumentSync;
    out.syncKind = typeof sync === 'number' ? sync : sync?.change ?? 1;

    let status = null;
    const first = c.waitFor((m) => isStatus(m) && (status = m.params), openTimeoutMs, 'first status');
    // The bench may profile the worker while it opens or while it types (bench/browser.mjs --profile).
    await globalThis.benchHook?.('open-start');
    const t = performance.now();
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    out.openFirstMs = (await first).at - t;
    if (status.degraded) out.openFullMs = (await c.waitFor((m) => isStatus(m) && !m.params.degraded, openTimeoutMs, 'full analysis after open')).at - t;
    else out.openFullMs = out.openFirstMs;
    await globalThis.benchHook?.('open-end');
    await c.quiet((m) => isDiag(m) || isStatus(m), 300, openTimeoutMs);

    // The transport's floor: a request answered at once (an unknown method gets MethodNotFound).
    out.roundTripsMs = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await c.request('deepDive/benchRoundTrip', null).catch(() => undefined);
      out.roundTripsMs.push(performance.now() - t0);
    }

    const plan = planEdits(text, typed);
    const doc = new EditableDoc(text);
    let version = 1;
    const deadline = started + budgetMs;
    const run = async (edits, into) => {
      let timeouts = 0;
      for (const e of edits) {
        if (performance.now() > deadline || timeouts >= 3) { out.truncated = true; break; }
        const v = ++version;
        doc.apply(e);
        const done = c.waitFor((m) => isStatus(m) && (m.params.version ?? v) >= v && !m.params.degraded, editTimeoutMs, `analysis of v${v}`);
        let diagAt = null;
        let firstAt = null; // first publication including v, possibly structure-only
        const onMessage = (m, at) => {
          if (isDiag(m) && m.params.version === v) diagAt = at;
          if ((isDiag(m) || isStatus(m)) && (m.params.version ?? v) >= v && firstAt === null) firstAt = at;
        };
        c.listeners.add(onMessage);
        const change = out.syncKind === 2 ? { range: e.range, text: e.text } : { text: doc.text };
        const sent = performance.now();
        c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        try {
          const r = await done;
          into.push({ kind: e.kind, ms: Math.max(r.at, diagAt ?? 0) - sent, firstMs: (firstAt ?? r.at) - sent, diag: diagAt !== null });
          timeouts = 0;
        } catch (err) {
          if (!(err instanceof TimeoutError)) throw err;
          into.push({ kind: e.kind, ms: NaN, timeout: true });
          timeouts++;
        } finally {
          c.listeners.delete(onMessage);
        }
      }
    };
    const fsBefore = c.fsRequests;
    // What the server sends while it types, by method: how many messages and how much JSON.
    const sent = (out.messagesWhileTyping = {});
    const count = (m) => {
      const k = (sent[m.method ?? 'response'] ??= { n: 0, bytes: 0 });
      k.n++;
      k.bytes += JSON.stringify(m).length;
    };
    c.listeners.add(count);
    await globalThis.benchHook?.('typing-start');
    await run(plan.typing, out.keystrokes);
    await globalThis.benchHook?.('typing-end');
    c.listeners.delete(count);
    out.fsRequestsWhileTyping = c.fsRequests - fsBefore;
    await run(plan.headingEdits, out.headingEdits);
    out.documentSymbolMs = (await c.request('textDocument/documentSymbol', { textDocument: { uri } }, editTimeoutMs)).ms;
  });
}

/** Runs `body` with a server in a new worker, its errors recorded in `out`; then closes the worker. */
async function withWorker(serverUrl, settings, out, body) {
  const c = new WorkerClient(serverUrl, settings);
  try {
    await body(c);
  } catch (e) {
    out.errors.push(String(e?.message ?? e));
  } finally {
    if (c.failure) out.errors.push(`the worker failed: ${c.failure}`);
    await c.close();
  }
  return out;
}

/**
 * Typing while a large document's first full analysis is still running, as the Node bench's
 * typeDuringOpen: a key every `intervalMs` from the first publication on, each timed to the
 * first publication including it; then how long after the last key its full analysis lands.
 */
export async function typeDuringOpen({ serverUrl, text, uri, rootUri, settings, typed = 30, intervalMs = 100, openTimeoutMs = 60_000, settleTimeoutMs = 30_000 }) {
  const out = { typed, intervalMs, errors: [], keystrokes: [] };
  const isStatus = (m) => m.method === STATUS && m.params?.uri === uri;
  const pending = new Map(); // version -> sent at
  const fullAt = new Map(); // version -> its full analysis published at
  return withWorker(serverUrl, settings, out, async (c) => {
    c.listeners.add((m, at) => {
      if (!isStatus(m) && !(m.method === DIAGNOSTICS && m.params?.uri === uri)) return;
      const v = m.params.version;
      if (v === undefined) return;
      if (isStatus(m) && !m.params.degraded) fullAt.set(v, at);
      for (const [pv, sent] of pending) if (pv <= v) { out.keystrokes.push(at - sent); pending.delete(pv); }
    });
    await c.initialize(rootUri);
    const first = c.waitFor(isStatus, openTimeoutMs, 'first status');
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await first;
    let v = 1;
    for (const e of planEdits(text, typed).typing) {
      pending.set(++v, performance.now());
      c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: e.range, text: e.text }] });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    const lastSentAt = performance.now() - intervalMs;
    try {
      const at = fullAt.get(v) ?? (await c.waitFor((m) => isStatus(m) && m.params.version === v && !m.params.degraded, settleTimeoutMs, 'full analysis after typing')).at;
      out.fullAfterTypingMs = Math.max(0, at - lastSentAt);
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      out.errors.push(`no full analysis of the last version within ${settleTimeoutMs} ms after typing stopped`);
    }
    out.unanswered = pending.size;
  });
}
