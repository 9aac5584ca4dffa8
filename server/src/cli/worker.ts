// The worker-thread side of the pool: builds the template once, then checks
// the batches of files the main thread sends, answering with their results.
import { parentPort, workerData } from 'node:worker_threads';
import { Checker, type CheckContext, type FileResult } from './check';
import type { FileTask } from './walk';

export const WORKER_ROLE = 'deep-dive-check-worker';

export interface WorkerData {
  role: typeof WORKER_ROLE;
  ctx: CheckContext;
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
  const checker = new Checker((workerData as WorkerData).ctx);
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
