// Minimal LSP client over stdio for benchmarks: Content-Length framing, requests
// with timeouts, notification waiters, answers to server->client requests, and the
// server's peak RSS (VmHWM). Every wait is bounded so a hung server cannot hang the bench.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { answerFor, initializeParams, settleResponse } from './lsp-messages.mjs';

export class TimeoutError extends Error {}
export class ExitError extends Error {}

export function readPeakRssKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, all threads, plus reaped children) of a live process in ms, from /proc. */
export function readCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export class LspClient {
  /**
   * @param {string[]} argv command and args (argv[0] is run directly, no shell)
   * @param {{cwd?:string, settings?:object, env?:object}} opts
   */
  constructor(argv, opts = {}) {
    this.settings = opts.settings ?? {};
    this.t0 = performance.now();
    this.child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = new Set();
    this.listeners = new Set();
    this.counts = {};
    this.stderrTail = '';
    this.peakRssKb = 0;
    this.exit = null;
    this.chunks = [];
    this.buffered = 0;
    this.need = -1;
    this.child.stdout.on('data', (c) => this.onData(c));
    this.child.stderr.on('data', (c) => { this.stderrTail = (this.stderrTail + c).slice(-4000); });
    this.child.stdin.on('error', () => {}); // EPIPE after a crash is reported through `exited`
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal, atMs: performance.now() - this.t0 };
        clearInterval(this.rssTimer);
        const err = new ExitError(`server exited (code ${code}, signal ${signal})`);
        for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(err); }
        this.pending.clear();
        for (const w of this.waiters) { clearTimeout(w.timer); w.reject(err); }
        this.waiters.clear();
        resolve(this.exit);
      });
    });
    // VmHWM is gone once the process exits, so sample it while it runs.
    this.rssTimer = setInterval(() => this.samplePeak(), 50);
    this.rssTimer.unref();
  }

  samplePeak() {
    const kb = readPeakRssKb(this.pid);
    if (kb && kb > this.peakRssKb) this.peakRssKb = kb;
    return this.peakRssKb;
  }

  onData(chunk) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.need < 0) {
        const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = [buf];
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const m = /Content-Length:\s*(\d+)/i.exec(buf.subarray(0, end).toString('ascii'));
        if (!m) throw new Error(`bad LSP header: ${buf.subarray(0, end)}`);
        this.need = Number(m[1]);
        this.chunks = [buf.subarray(end + 4)];
        this.buffered = buf.length - end - 4;
      }
      if (this.buffered < this.need) return;
      // Concatenate once per message, not per chunk: big responses arrive in 64 KB pieces.
      const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const body = buf.subarray(0, this.need).toString('utf8');
      this.chunks = [buf.subarray(this.need)];
      this.buffered = buf.length - this.need;
      this.need = -1;
      this.dispatch(JSON.parse(body), performance.now());
    }
  }

  dispatch(msg, at) {
    if (settleResponse(this.pending, msg, at)) return;
    if (msg.id !== undefined) return this.answer(msg);
    this.counts[msg.method] = (this.counts[msg.method] ?? 0) + 1;
    for (const l of this.listeners) l(msg, at);
    for (const w of this.waiters) {
      if (w.pred(msg)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve({ msg, at });
      }
    }
  }

  answer(msg) {
    this.write({ jsonrpc: '2.0', id: msg.id, result: answerFor(msg, this) });
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    const ok = this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    return ok ? Promise.resolve() : new Promise((r) => this.child.stdin.once('drain', r));
  }

  /** Resolves {result, ms}; rejects on error response, timeout or exit. */
  request(method, params, timeoutMs = 10_000) {
    if (this.exit) return Promise.reject(new ExitError('server not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.write({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } });
        reject(new TimeoutError(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method, sent: performance.now() });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    return this.write({ jsonrpc: '2.0', method, params });
  }

  /** Next notification matching pred, as {msg, at}. Register before sending what triggers it. */
  waitFor(pred, timeoutMs, what = 'notification') {
    if (this.exit) return Promise.reject(new ExitError('server not running'));
    let w;
    const p = new Promise((resolve, reject) => {
      w = { pred, resolve, reject };
      w.timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new TimeoutError(`${what} not received within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    this.waiters.add(w);
    p.cancel = () => { clearTimeout(w.timer); this.waiters.delete(w); };
    return p;
  }

  /** Resolves once no notification matching pred arrived for quietMs, or at deadline. */
  quiet(pred, quietMs, deadlineMs) {
    return new Promise((resolve) => {
      let last = performance.now();
      const l = (msg, at) => { if (pred(msg)) last = at; };
      this.listeners.add(l);
      const start = performance.now();
      const tick = setInterval(() => {
        const now = performance.now();
        if (now - last >= quietMs || now - start >= deadlineMs || this.exit) {
          clearInterval(tick);
          this.listeners.delete(l);
          resolve({ lastAt: last, timedOut: now - start >= deadlineMs });
        }
      }, 10);
    });
  }

  async initialize(rootDir, timeoutMs = 15_000) {
    const rootUri = `file://${rootDir}`;
    this.folders = [{ uri: rootUri, name: 'bench' }];
    const r = await this.request('initialize', initializeParams({ rootUri, folders: this.folders, settings: this.settings, processId: process.pid }), timeoutMs);
    this.capabilities = r.result?.capabilities ?? {};
    await this.notify('initialized', {});
    await this.notify('workspace/didChangeConfiguration', { settings: this.settings });
    return { ms: performance.now() - this.t0, result: r.result };
  }

  /** textDocumentSync change kind: 1 full, 2 incremental. */
  get syncKind() {
    const s = this.capabilities?.textDocumentSync;
    return typeof s === 'number' ? s : s?.change ?? 1;
  }

  /** Polite shutdown, then SIGKILL if it does not exit in time. Returns the exit record. */
  async close(timeoutMs = 3_000) {
    this.samplePeak();
    if (!this.exit) {
      try {
        await this.request('shutdown', null, timeoutMs);
        await this.notify('exit', null);
      } catch { /* killed below */ }
      const t = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      await this.exited;
      clearTimeout(t);
    }
    return this.exit;
  }

  kill() {
    if (!this.exit) this.child.kill('SIGKILL');
    return this.exited;
  }
}
