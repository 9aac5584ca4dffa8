// Parses chunks in a worker thread with a deadline per chunk. A chunk that
// runs past the deadline (or crashes the parser) is read by the engine's line
// scanner instead, and the worker is replaced. Without worker support the
// chunks are parsed in-thread, bounded by size instead of time.
import { Worker } from 'node:worker_threads';
import { parseChunk, scanChunk, type ChunkFacts } from './engine';

export interface ChunkParserOptions {
  workerPath: string | null;
  /** Longest a single chunk may take in the parser. */
  deadlineMs: number;
  log: (message: string) => void;
}

interface Job {
  id: number;
  text: string;
  resolve: (f: ChunkFacts) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** Chunks larger than this are never given to remark in-thread (no deadline is possible there). */
const IN_THREAD_LIMIT = 256 * 1024;

export class ChunkParser {
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 1;
  private workerBroken = false;
  /** Texts that exceeded the deadline: never retried, so a hostile chunk costs its deadline once. */
  private hostile = new Set<string>();

  constructor(private readonly opts: ChunkParserOptions) {}

  parse(text: string): Promise<ChunkFacts> {
    if (this.hostile.has(text)) return Promise.resolve(scanChunk(text));
    if (!this.opts.workerPath || this.workerBroken) return Promise.resolve(this.parseInThread(text));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, resolve });
      this.pump();
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private parseInThread(text: string): ChunkFacts {
    if (text.length > IN_THREAD_LIMIT) return scanChunk(text);
    try {
      return parseChunk(text);
    } catch {
      return scanChunk(text);
    }
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const w = new Worker(this.opts.workerPath!, { resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 16 } });
      w.on('message', (m: { id: number; facts?: ChunkFacts; error?: string }) => this.onMessage(m));
      w.on('error', (e) => this.onWorkerDeath(`worker error: ${e.message}`));
      w.on('exit', (code) => {
        if (this.worker === w) this.onWorkerDeath(`worker exited (${code})`);
      });
      w.unref();
      this.worker = w;
      return w;
    } catch (e) {
      this.opts.log(`Cannot start the analysis worker (${(e as Error).message}); parsing in the server thread.`);
      this.workerBroken = true;
      return null;
    }
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const w = this.ensureWorker();
    if (!w) {
      for (const j of this.queue.splice(0)) j.resolve(this.parseInThread(j.text));
      return;
    }
    const job = this.queue.shift()!;
    this.current = job;
    job.timer = setTimeout(() => this.onTimeout(job), this.opts.deadlineMs);
    w.postMessage({ id: job.id, text: job.text });
  }

  private finish(job: Job, facts: ChunkFacts): void {
    clearTimeout(job.timer);
    if (this.current === job) this.current = null;
    job.resolve(facts);
    this.pump();
  }

  private onMessage(m: { id: number; facts?: ChunkFacts; error?: string }): void {
    const job = this.current;
    if (!job || job.id !== m.id) return;
    if (m.error) this.opts.log(`Parser failed on a ${job.text.length}-character chunk; using the line scanner. ${m.error.split('\n')[0]}`);
    this.finish(job, m.facts ?? scanChunk(job.text));
  }

  private onTimeout(job: Job): void {
    if (this.current !== job) return;
    this.opts.log(`Parsing a ${job.text.length}-character chunk took over ${this.opts.deadlineMs} ms; using the line scanner for it.`);
    this.hostile.add(job.text);
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    this.finish(job, scanChunk(job.text));
  }

  private onWorkerDeath(reason: string): void {
    const job = this.current;
    this.worker = null;
    if (job) {
      this.opts.log(`Analysis ${reason} on a ${job.text.length}-character chunk; using the line scanner for it.`);
      this.hostile.add(job.text);
      this.finish(job, scanChunk(job.text));
    }
  }
}
