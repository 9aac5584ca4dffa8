// Preloaded into the server (`node --import`) by bench/trace.mjs: timestamps, on the
// clock the driver uses too (performance.timeOrigin + now), of every stdin read, every
// message written to stdout, every worker message each way, every timer armed and
// every garbage collection, written to $DEEP_DIVE_TRACE_FILE when the server exits.
// The server's own code is not touched; `globalThis.__deepDiveTrace(label)` is there
// for a temporary probe inside it.
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const file = process.env.DEEP_DIVE_TRACE_FILE;
const events = [];
const now = () => performance.timeOrigin + performance.now();
const push = (kind, detail) => events.push({ at: now(), kind, detail });
globalThis.__deepDiveTrace = (label) => push('probe', label);

const stdin = process.stdin;
const emit = stdin.emit;
stdin.emit = function (event, ...args) {
  if (event === 'data') push('in', args[0].length);
  return emit.call(this, event, ...args);
};
const write = process.stdout.write;
process.stdout.write = function (chunk, ...args) {
  const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8', 0, Math.min(chunk.length, 4096));
  const m = /"method":"([^"]+)"/.exec(s);
  // A header alone (the library's writer), or whole frames (one write per turn).
  const name = s.startsWith('Content-Length') && s.length < 40 ? 'header' : m ? m[1] : /"id":/.test(s) ? 'response' : '?';
  push('out', `${name} ${chunk.length}`);
  const i = args.findIndex((a) => typeof a === 'function');
  if (i >= 0) {
    const cb = args[i];
    args[i] = (...a) => { push('write done', name); return cb(...a); };
  }
  return write.call(this, chunk, ...args);
};
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) {
  push('to-worker', args[0]?.kind ?? typeof args[0]);
  return post.apply(this, args);
};
const wemit = Worker.prototype.emit;
Worker.prototype.emit = function (event, ...args) {
  if (event === 'message') push('from-worker', '');
  return wemit.call(this, event, ...args);
};
const st = globalThis.setTimeout;
globalThis.setTimeout = function (fn, ms, ...args) {
  if (ms !== undefined && ms < 1000) push('setTimeout', `${ms}`);
  return st(fn, ms, ...args);
};
const si = globalThis.setImmediate;
globalThis.setImmediate = function (fn, ...args) {
  push('setImmediate', '');
  return si((...a) => { push('immediate runs', ''); return fn(...a); }, ...args);
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) events.push({ at: performance.timeOrigin + e.startTime, kind: 'gc', detail: `${e.detail?.kind ?? ''} ${e.duration.toFixed(3)} ms` });
}).observe({ entryTypes: ['gc'] });

process.on('exit', () => {
  if (file) writeFileSync(file, JSON.stringify(events));
});
