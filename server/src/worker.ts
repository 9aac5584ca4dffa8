// Analysis worker: parses chunks with remark off the thread that answers the
// editor, so a pathological chunk can be abandoned (the worker is terminated)
// without freezing completion, hover or other documents.
import { parentPort } from 'node:worker_threads';
import { parseChunk } from './engine';

parentPort?.on('message', (msg: { id: number; text: string }) => {
  try {
    parentPort!.postMessage({ id: msg.id, facts: parseChunk(msg.text) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: String((e as Error)?.stack ?? e) });
  }
});
