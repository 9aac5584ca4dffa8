// The worker-thread side of the pool: takes the templates the main thread built
// (or builds them), then checks the batches of files the main thread sends,
// answering with their results.
import { parentPort, workerData } from 'node:worker_threads';
import type { TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import { Checker, type CheckContext, type FileResult } from './check';
import type { FileTask } from './walk';

export const WORKER_ROLE = 'deep-dive-check-worker';

export interface WorkerData {
  role: typeof WORKER_ROLE;
  ctx: CheckContext;
  /** The models of ctx's templates, built by the main thread (plain data, cloned): a worker's cold parse of a template is tens of ms. */
  built?: { template: TemplateModel; templates: readonly NamedTemplate[] };
}

export interface BatchMessage {
  tasks: { index: number; task: FileTask }[];
}

export interface ResultMessage {
  results: { index: number; result: FileResult }[];
}

export function isCheckWorker(data: unknown = workerData): boolean {
  return !!data && (data as WorkerData).role === WORKER_ROLE;
}

export function startWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('startWorker() must run in a worker thread');
  const { ctx, built } = workerData as WorkerData;
  const checker = new Checker(ctx, built);
  port.on('message', (msg: BatchMessage) => {
    const results = msg.tasks.map(({ index, task }) => {
      let result: FileResult;
      try {
        result = checker.checkFile(task);
      } catch (e) {
        result = { kind: 'error', message: `${task.display}: internal error: ${(e as Error).stack ?? e}` };
      }
      return { index, result };
    });
    port.postMessage({ results } satisfies ResultMessage);
  });
}
