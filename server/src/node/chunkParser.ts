// Parses chunks (and builds templates) in worker threads with a deadline per
// job. A chunk that runs past the deadline (or crashes the parser) is read by
// the engine's line scanner instead, and its worker is replaced. Without
// worker support the parser is loaded in-thread, bounded by size, not time.
import { Worker } from 'node:worker_threads';
import type { NamedTemplate } from '../engine/options';
import { scanChunk, TemplateError, type ChunkFacts, type DocSymbol, type TemplateModel } from '../engine';
import { batchSymbols, type SymbolsBatch } from './fileSymbols';
import type { Parser } from './runtime';
import { ChunkScreen, pastDeadline } from './chunkScreen';
import { IN_THREAD_FAST, IN_THREAD_LIMIT } from './limits';

export interface ChunkParserOptions {
  workerPath: string | null;
  /** Longest a single chunk may take in the parser. */
  deadlineMs: number;
  /** Workers to parse with (opening a large document uses them all). */
  poolSize: number;
  log: (message: string) => void;
}

type Request = { kind: 'chunk'; text: string } | { kind: 'template'; text: string; name: string } | { kind: 'symbols'; batch: SymbolsBatch };
type Outcome = { result: unknown } | { error: { name?: string; message: string } } | { timeout: true } | { crash: string } | { dropped: true };

interface Job {
  req: Request;
  done: (o: Outcome) => void;
  background?: boolean;
  /** Parse alone: it was in a batch that ran out of time, so it may be the chunk that stalls. */
  solo?: boolean;
  /** False once no current version of any document needs it (checked before the parse starts). */
  wanted?: () => boolean;
}

/** Small chunks travel to a worker together (a document of 100k headings is 100k chunks). */
const BATCH_BYTES = 32 * 1024;

/**
 * Each worker's young generation. V8's default (about twice this) let two workers parsing a
 * 3 MB document add some 35 MB to the server's peak memory for about 3% less CPU.
 */
const YOUNG_GENERATION_MB = 16;

const BATCH_COUNT = 256;

interface Slot {
  worker: Worker | null;
  /** The worker has loaded its script; jobs (and their deadlines) start only then. */
  ready: boolean;
  job: Job | null;
  /** Further chunk jobs sent in the same message as `job`. */
  batch: Job[];
  id: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** Templates are small and read once: their deadline only guards against a hung worker. */
const TEMPLATE_DEADLINE_MS = 30_000;
/** A worker that has not loaded by then is taken as unable to start. */
const START_DEADLINE_MS = 30_000;

/** The in-thread parser, loaded only when workers cannot run (esbuild keeps it lazy). */
const inThread = () => import('../engine/markdown').then((m) => m.parseChunk);
const inThreadTemplate = () => import('../engine/template').then((m) => m.buildTemplate);

export class ChunkParser implements Parser {
  private queue: Job[] = [];
  private slots: Slot[];
  private workerBroken = false;
  private screen: ChunkScreen;

  constructor(private readonly opts: ChunkParserOptions) {
    this.screen = new ChunkScreen(opts.log);
    this.slots = Array.from({ length: Math.max(1, opts.poolSize) }, () => ({ worker: null, ready: false, job: null, batch: [], id: 0 }));
  }

  /**
   * Parses one chunk. `background` work (the first full parse of a large
   * document) waits behind everything else, so opening a 3 MB document does
   * not delay the chunks of a keystroke in another document.
   */
  async parse(text: string, background = false, wanted?: () => boolean): Promise<ChunkFacts | null> {
    const screened = this.screen.screen(text);
    if (screened) return screened;
    if (!this.opts.workerPath || this.workerBroken) return this.parseInThread(text);
    // A keystroke's small chunk parses in about a millisecond: a worker round trip would cost more than the parse.
    // (Shapes that could stall the parser were refused above, and at this size even nesting is cheap.)
    if (!background && text.length <= IN_THREAD_FAST) return this.parseInThread(text);
    const o = await this.submit({ kind: 'chunk', text }, background, wanted);
    if ('dropped' in o) return null;
    if ('result' in o) return o.result as ChunkFacts;
    if ('error' in o) return this.screen.failed(text, o.error.message);
    return this.screen.remember(text, 'timeout' in o
      ? pastDeadline(text.length, this.opts.deadlineMs)
      : `Analysis worker stopped (${o.crash}) on a ${text.length}-character chunk; using the line scanner for it.`);
  }

  /** Builds a template model; rejects with a TemplateError that names the file. */
  async buildTemplate(text: string, name: string): Promise<TemplateModel> {
    if (!this.opts.workerPath || this.workerBroken) return (await inThreadTemplate())(text, name);
    const o = await this.submit({ kind: 'template', text, name });
    if ('result' in o) return o.result as TemplateModel;
    if ('error' in o) throw o.error.name === 'TemplateError' ? new TemplateError(name, o.error.message.replace(/^Template [^:]*: /, '')) : new TemplateError(name, o.error.message);
    // The worker hung or died, which says nothing about the template: derive it here instead.
    this.opts.log(`Template ${name}: the analysis worker ${'crash' in o ? `stopped (${o.crash})` : 'timed out'}; reading it in the server thread.`);
    return (await inThreadTemplate())(text, name);
  }

  /**
   * Outlines of a batch of workspace files (workspace/symbol), in a worker as
   * background work: keystrokes' parses go first. `template` is the model the
   * server thread already has, used when the batch is indexed here instead.
   */
  async symbols(batch: SymbolsBatch, template: TemplateModel, templates: readonly NamedTemplate[] = []): Promise<(DocSymbol[] | null)[]> {
    if (this.opts.workerPath && !this.workerBroken) {
      const o = await this.submit({ kind: 'symbols', batch }, true);
      if ('result' in o) return o.result as (DocSymbol[] | null)[];
      this.opts.log(`Indexing ${batch.files.length} workspace files in a worker failed (${'error' in o ? o.error.message : 'crash' in o ? o.crash : 'timed out'}); indexing them in the server thread.`);
    }
    return batchSymbols(batch, template, templates);
  }

  /** Starts the workers ahead of the first document, so opening one does not wait for them. */
  warmUp(): void {
    // Load the in-thread parser off the first keystroke's path, then start the workers.
    void this.parseInThread('# warm up\n');
    if (!this.opts.workerPath || this.workerBroken) return;
    for (const s of this.slots) void this.parse(`# warm up ${this.slots.indexOf(s)}\n`);
  }

  dispose(): void {
    for (const s of this.slots) {
      void s.worker?.terminate();
      s.worker = null;
    }
  }

  private async parseInThread(text: string): Promise<ChunkFacts> {
    if (text.length > IN_THREAD_LIMIT) return scanChunk(text);
    try {
      return (await inThread())(text);
    } catch {
      return scanChunk(text);
    }
  }

  private submit(req: Request, background = false, wanted?: () => boolean): Promise<Outcome> {
    return new Promise((done) => {
      if (background) this.queue.push({ req, done, background, wanted });
      else {
        // Urgent jobs go ahead of background ones, behind earlier urgent ones.
        const i = this.queue.findIndex((j) => j.background);
        this.queue.splice(i < 0 ? this.queue.length : i, 0, { req, done, wanted });
      }
      this.pump();
    });
  }

  private ensureWorker(slot: Slot): Worker | null {
    if (slot.worker) return slot.worker;
    if (this.workerBroken) return null;
    try {
      const w = new Worker(this.opts.workerPath!, { resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, stackSizeMb: 16 } });
      slot.ready = false;
      const startTimer = setTimeout(() => {
        if (slot.worker === w && !slot.ready) this.onWorkerDeath(slot, w, `did not start within ${START_DEADLINE_MS} ms`);
      }, START_DEADLINE_MS);
      w.on('message', (m: { ready?: boolean; id: number; result?: unknown; error?: { message: string } }) => {
        if (m.ready) {
          clearTimeout(startTimer);
          slot.ready = true;
          this.dispatch(slot);
          return;
        }
        this.onMessage(slot, m);
      });
      w.on('error', (e) => this.onWorkerDeath(slot, w, `worker error: ${e.message}`));
      w.on('exit', (code) => this.onWorkerDeath(slot, w, `exit code ${code}`));
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
      if (w) {
        this.dispatch(slot);
        continue;
      }
      // Workers cannot start: answer what is queued in-thread.
      for (const j of this.queue.splice(0)) {
        const r = j.req;
        // A symbols batch failed here is indexed by symbols() itself.
        const p = r.kind === 'chunk' ? this.parseInThread(r.text) : r.kind === 'template' ? inThreadTemplate().then((b) => b(r.text, r.name)) : Promise.reject(new Error('no worker'));
        p.then((result) => j.done({ result }), (e: Error) => j.done({ error: { name: e.name, message: e.message } }));
      }
      return;
    }
  }

  /** Hands the next queued job to a loaded, idle worker and starts its deadline. */
  private dispatch(slot: Slot): void {
    // Parses queued for versions that were superseded before their turn are not started.
    while (this.queue.length > 0 && this.queue[0].wanted?.() === false) this.queue.shift()!.done({ dropped: true });
    if (!slot.worker || !slot.ready || slot.job || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    slot.job = job;
    slot.id++;
    // Templates and symbols batches are bounded in size: their deadline only guards against a hung worker.
    const deadline = job.req.kind === 'chunk' ? this.opts.deadlineMs : Math.max(TEMPLATE_DEADLINE_MS, this.opts.deadlineMs);
    slot.timer = setTimeout(() => this.onTimeout(slot, job), deadline);
    slot.batch = [];
    if (job.req.kind === 'chunk' && !job.solo) {
      let bytes = job.req.text.length;
      while (this.queue.length > 0 && slot.batch.length + 1 < BATCH_COUNT) {
        const next = this.queue[0];
        if (next.wanted?.() === false) {
          this.queue.shift()!.done({ dropped: true });
          continue;
        }
        if (next.req.kind !== 'chunk' || next.solo || next.background !== job.background || bytes + next.req.text.length > BATCH_BYTES) break;
        bytes += next.req.text.length;
        slot.batch.push(this.queue.shift()!);
      }
    }
    if (slot.batch.length > 0) {
      slot.worker.postMessage({ id: slot.id, kind: 'chunks', texts: [job, ...slot.batch].map((j) => (j.req as { text: string }).text) });
    } else {
      slot.worker.postMessage({ id: slot.id, ...job.req });
    }
  }

  private finish(slot: Slot, outcome: Outcome): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    const batch = slot.batch;
    slot.job = null;
    slot.batch = [];
    if (batch.length > 0 && job) {
      if ('result' in outcome && Array.isArray(outcome.result)) {
        [job, ...batch].forEach((j, i) => j.done({ result: (outcome.result as unknown[])[i] }));
      } else {
        // The batch failed as a whole: retry each chunk alone, first in line, to find the one that stalls.
        this.queue.unshift(...[job, ...batch].map((j) => ({ ...j, solo: true })));
      }
    } else job?.done(outcome);
    this.pump();
  }

  private onMessage(slot: Slot, m: { id: number; result?: unknown; error?: { name?: string; message: string } }): void {
    if (!slot.job || m.id !== slot.id) return;
    this.finish(slot, m.error ? { error: m.error } : { result: m.result });
  }

  private onTimeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const w = slot.worker;
    slot.worker = null;
    void w?.terminate();
    this.finish(slot, { timeout: true });
  }

  private onWorkerDeath(slot: Slot, w: Worker, reason: string): void {
    if (slot.worker !== w) return; // replaced already (terminated after a timeout)
    slot.worker = null;
    if (!slot.ready) {
      // It never loaded: workers cannot run here, so parse in-thread from now on.
      this.opts.log(`The analysis worker could not start (${reason}); parsing in the server thread.`);
      this.workerBroken = true;
      void w.terminate();
    }
    if (slot.job) this.finish(slot, { crash: reason });
    else this.pump();
  }
}
