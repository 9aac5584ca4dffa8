// Analysis worker: parses chunks and builds templates with remark off the
// thread that answers the editor, so a pathological chunk can be abandoned
// (the worker is terminated) without freezing other requests, and the server
// thread never loads the markdown parser at all (faster start).
import { parentPort } from 'node:worker_threads';
import { buildTemplate, parseChunk } from './engine';

export type WorkerRequest =
  | { id: number; kind: 'chunk'; text: string }
  | { id: number; kind: 'chunks'; texts: string[] }
  | { id: number; kind: 'template'; text: string; name: string };

// Loaded and listening: the server starts per-job deadlines only from here, so a slow start is not a slow parse.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.kind === 'template') parentPort!.postMessage({ id: msg.id, result: buildTemplate(msg.text, msg.name) });
    else if (msg.kind === 'chunks') parentPort!.postMessage({ id: msg.id, result: msg.texts.map((t) => parseChunk(t)) });
    else parentPort!.postMessage({ id: msg.id, result: parseChunk(msg.text) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: msg.id, error: { name: err?.name, message: err?.message ?? String(e), stack: err?.stack } });
  }
});
