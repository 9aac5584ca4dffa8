// Runs the checks on all cores: the main thread checks files itself and, when
// there are enough files to repay a worker's start-up (loading the bundle and
// warming up its own JIT: measured at ~0.5-1 s of CPU on the 28-document
// corpus, where one thread was faster), shares the queue with worker threads. Results are handed on
// strictly in input order, each as soon as all before it are in, so text
// output streams while later files are still being checked.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import { Checker, type CheckContext, type FileResult } from './check';
import type { FileTask } from './walk';
import { WORKER_ROLE, type BatchMessage, type ResultMessage, type WorkerData } from './worker';

/** At most this many files are checked on the main thread alone. */
export const PARALLEL_THRESHOLD = 64;
/** Batches held by each worker, so it never waits for the next one. */
const IN_FLIGHT = 2;

/** Files per message: one at a time for small runs (so no thread is left waiting on another's backlog at the end), up to 16 for large ones. */
export function batchSize(files: number, jobs: number): number {
  return Math.max(1, Math.min(16, Math.floor(files / (jobs * 16))));
}

export interface PoolOptions {
  /** Threads checking files, the main thread included; undefined: chosen from the file count and cores. */
  jobs?: number;
  onResult: (task: FileTask, result: FileResult) => void;
  /** The template models of ctx's templates when the caller has built them already (a cold-JIT template parse is tens of ms). */
  built?: { template: TemplateModel; templates: readonly NamedTemplate[] };
}

export function chooseJobs(files: number, jobs?: number): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files));
  if (files <= PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(files / (PARALLEL_THRESHOLD / 2))));
}

function spawnWorker(ctx: CheckContext, built: PoolOptions['built']): Worker {
  const workerData: WorkerData = { role: WORKER_ROLE, ctx, built };
  // Bundled (dist/cli-main.js): the bundle is the worker's code too; entries/cli-main.ts
  // sees the role and starts the worker loop instead of the CLI. The worker starts
  // from the bin's entry beside it (dist/cli.js), which runs the bundle with its code
  // cache: a worker's first result comes about a quarter sooner than when Node's
  // loader compiles the bundle afresh.
  if (__filename.endsWith('.js')) {
    const entry = path.join(__dirname, 'cli.js');
    return new Worker(existsSync(entry) ? entry : __filename, { workerData });
  }
  // From TypeScript sources (tests via tsx): Worker cannot load .ts directly,
  // so register tsx first. createRequire keeps esbuild from bundling this path.
  const req = createRequire(__filename);
  const code = `require(${JSON.stringify(req.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))}).startWorker();`;
  return new Worker(code, { eval: true, workerData });
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runChecks(tasks: FileTask[], ctx: CheckContext, opts: PoolOptions): Promise<void> {
  const jobs = chooseJobs(tasks.length, opts.jobs);
  const checker = new Checker(ctx, opts.built);
  if (jobs <= 1) {
    for (const task of tasks) opts.onResult(task, checker.checkFile(task));
    return;
  }

  const results: (FileResult | undefined)[] = new Array(tasks.length);
  let nextTask = 0;
  let nextOut = 0;
  let failure: Error | null = null;
  const flush = () => {
    while (nextOut < tasks.length && results[nextOut] !== undefined) {
      opts.onResult(tasks[nextOut], results[nextOut]!);
      results[nextOut] = undefined; // let it be collected once handed on
      nextOut++;
    }
  };
  const batch = batchSize(tasks.length, jobs);
  const send = (w: Worker) => {
    if (nextTask >= tasks.length) return;
    const msg: BatchMessage = { tasks: [] };
    for (; nextTask < tasks.length && msg.tasks.length < batch; nextTask++) msg.tasks.push({ index: nextTask, task: tasks[nextTask] });
    w.postMessage(msg);
  };

  const workers: Worker[] = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  for (let i = 1; i < jobs; i++) {
    const w = spawnWorker(ctx, opts.built);
    workers.push(w);
    w.on('message', (msg: ResultMessage) => {
      for (const { index, result } of msg.results) results[index] = result;
      send(w);
      poke();
    });
    w.on('error', (e) => {
      failure ??= e;
      poke();
    });
    w.on('exit', (code) => {
      if (code !== 0 && nextOut < tasks.length) failure ??= new Error(`check worker stopped with exit code ${code}`);
      poke();
    });
    for (let k = 0; k < IN_FLIGHT; k++) send(w);
  }

  try {
    // The main thread takes one file at a time from the same queue, then lets
    // worker messages in; once the queue is empty it waits for the rest.
    while (nextOut < tasks.length) {
      if (failure) throw failure;
      if (nextTask < tasks.length) {
        const i = nextTask++;
        results[i] = checker.checkFile(tasks[i]);
        flush();
        await yieldToEvents();
      } else {
        flush();
        if (nextOut < tasks.length) await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
