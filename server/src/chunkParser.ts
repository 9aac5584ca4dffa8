// Parses chunks in worker threads with a deadline per chunk. A chunk that
// runs past the deadline (or crashes the parser) is read by the engine's line
// scanner instead, and its worker is replaced. Without worker support the
// chunks are parsed in-thread, bounded by size instead of time.
import { Worker } from 'node:worker_threads';
import { parseChunk, scanChunk, type ChunkFacts } from './engine';

export interface ChunkParserOptions {
  workerPath: string | null;
  /** Longest a single chunk may take in the parser. */
  deadlineMs: number;
  /** Workers to parse with (opening a large document uses them all). */
  poolSize: number;
  log: (message: string) => void;
}

interface Job {
  text: string;
  resolve: (f: ChunkFacts) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  id: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Chunks larger than this are never given to remark in-thread (no deadline is possible there). */
const IN_THREAD_LIMIT = 256 * 1024;

export class ChunkParser {
  private queue: Job[] = [];
  private slots: Slot[];
  private workerBroken = false;
  /** Texts that exceeded the deadline: never retried, so a hostile chunk costs its deadline once. */
  private hostile = new Set<string>();

  constructor(private readonly opts: ChunkParserOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.poolSize) }, () => ({ worker: null, job: null, id: 0 }));
  }

  parse(text: string): Promise<ChunkFacts> {
    if (this.hostile.has(text)) return Promise.resolve(scanChunk(text));
    if (!this.opts.workerPath || this.workerBroken) return Promise.resolve(this.parseInThread(text));
    return new Promise((resolve) => {
      this.queue.push({ text, resolve });
      this.pump();
    });
  }

  dispose(): void {
    for (const s of this.slots) {
      void s.worker?.terminate();
      s.worker = null;
    }
  }

  private parseInThread(text: string): ChunkFacts {
    if (text.length > IN_THREAD_LIMIT) return scanChunk(text);
    try {
      return parseChunk(text);
    } catch {
      return scanChunk(text);
    }
  }

  private ensureWorker(slot: Slot): Worker | null {
    if (slot.worker) return slot.worker;
    try {
      const w = new Worker(this.opts.workerPath!, { resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 16 } });
      w.on('message', (m: { id: number; facts?: ChunkFacts; error?: string }) => this.onMessage(slot, m));
      w.on('error', (e) => this.onWorkerDeath(slot, w, `worker error: ${e.message}`));
      w.on('exit', (code) => this.onWorkerDeath(slot, w, `worker exited (${code})`));
      w.unref();
      slot.worker = w;
      return w;
    } catch (e) {
      this.opts.log(`Cannot start the analysis worker (${(e as Error).message}); parsing in the server thread.`);
      this.workerBroken = true;
      return null;
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const w = this.ensureWorker(slot);
      if (!w) {
        for (const j of this.queue.splice(0)) j.resolve(this.parseInThread(j.text));
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.id++;
      slot.timer = setTimeout(() => this.onTimeout(slot, job), this.opts.deadlineMs);
      w.postMessage({ id: slot.id, text: job.text });
    }
  }

  private finish(slot: Slot, facts: ChunkFacts): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.resolve(facts);
    this.pump();
  }

  private onMessage(slot: Slot, m: { id: number; facts?: ChunkFacts; error?: string }): void {
    const job = slot.job;
    if (!job || m.id !== slot.id) return;
    if (m.error) this.opts.log(`Parser failed on a ${job.text.length}-character chunk; using the line scanner. ${m.error.split('\n')[0]}`);
    this.finish(slot, m.facts ?? scanChunk(job.text));
  }

  private onTimeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    this.opts.log(`Parsing a ${job.text.length}-character chunk took over ${this.opts.deadlineMs} ms; using the line scanner for it.`);
    this.hostile.add(job.text);
    const w = slot.worker;
    slot.worker = null;
    void w?.terminate();
    this.finish(slot, scanChunk(job.text));
  }

  private onWorkerDeath(slot: Slot, w: Worker, reason: string): void {
    if (slot.worker !== w) return; // replaced already (terminated after a timeout)
    slot.worker = null;
    const job = slot.job;
    if (job) {
      this.opts.log(`Analysis ${reason} on a ${job.text.length}-character chunk; using the line scanner for it.`);
      this.hostile.add(job.text);
      this.finish(slot, scanChunk(job.text));
    }
  }
}
