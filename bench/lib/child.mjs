// Runs a bench child process with a hard timeout, collecting its JSON-lines output.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { readCpuMs, readPeakRssKb } from './lsp-client.mjs';

/** @returns {Promise<{lines:object[], timedOut:boolean, code:number|null, signal:string|null, ms:number, cpuMs:number|null, peakRssKb:number, stderr:string}>} */
export function runChild(argv, { timeoutMs, cwd, env } = {}) {
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = [];
    let rest = '';
    let stderr = '';
    let stdoutBytes = 0;
    let timedOut = false;
    let peakRssKb = 0;
    let cpuMs = null; // last sample before exit: up to 50 ms short, but independent of other load
    const poll = setInterval(() => {
      peakRssKb = Math.max(peakRssKb, readPeakRssKb(child.pid) ?? 0);
      cpuMs = readCpuMs(child.pid) ?? cpuMs;
    }, 50);
    child.stdout.on('data', (c) => {
      stdoutBytes += c.length;
      rest += c;
      const parts = rest.split('\n');
      rest = parts.pop();
      for (const p of parts) { try { lines.push(JSON.parse(p)); } catch { /* not ours */ } }
      if (rest.length > 1 << 20) rest = ''; // a non-JSON stream (e.g. a CLI's report): keep only the byte count
    });
    child.stderr.on('data', (c) => { stderr = (stderr + c).slice(-4000); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs ?? 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (rest.trim()) { try { lines.push(JSON.parse(rest)); } catch { /* ignore */ } }
      resolve({ lines, timedOut, code, signal, ms: performance.now() - t, cpuMs, peakRssKb, stderr, stdoutBytes });
    });
  });
}
