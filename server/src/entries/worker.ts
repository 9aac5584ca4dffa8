// Analysis worker: parses chunks, builds templates and indexes workspace files' outlines off the
// thread that answers the editor, so a pathological chunk can be abandoned
// (the worker is terminated) without freezing other requests, and the server
// thread never loads the markdown parser at all (faster start).
import { parentPort } from 'node:worker_threads';
import { buildTemplate, parseChunk, type TemplateModel } from '../engine';
import { batchSymbols, type SymbolsBatch } from '../node/fileSymbols';

export type WorkerRequest =
  | { id: number; kind: 'chunk'; text: string }
  | { id: number; kind: 'chunks'; texts: string[] }
  | { id: number; kind: 'template'; text: string; name: string }
  | { id: number; kind: 'symbols'; batch: SymbolsBatch };

/** The template of the last symbols batch: a workspace's batches share it. */
let lastTemplate: { text: string; model: TemplateModel } | null = null;
function templateOf(t: { text: string; name: string }): TemplateModel {
  if (lastTemplate?.text !== t.text) lastTemplate = { text: t.text, model: buildTemplate(t.text, t.name) };
  return lastTemplate.model;
}

// Loaded and listening: the server starts per-job deadlines only from here, so a slow start is not a slow parse.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.kind === 'template') parentPort!.postMessage({ id: msg.id, result: buildTemplate(msg.text, msg.name) });
    else if (msg.kind === 'symbols') parentPort!.postMessage({ id: msg.id, result: batchSymbols(msg.batch, templateOf(msg.batch.options.template)) });
    else if (msg.kind === 'chunks') parentPort!.postMessage({ id: msg.id, result: msg.texts.map((t) => parseChunk(t)) });
    else parentPort!.postMessage({ id: msg.id, result: parseChunk(msg.text) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: msg.id, error: { name: err?.name, message: err?.message ?? String(e), stack: err?.stack } });
  }
});
