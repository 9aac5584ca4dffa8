// Analysis worker: parses chunks, builds templates and indexes workspace files' outlines off the
// thread that answers the editor, so a pathological chunk can be abandoned
// (the worker is terminated) without freezing other requests, and the server
// thread never loads the markdown parser at all (faster start).
import { parentPort } from 'node:worker_threads';
import { buildTemplate, parseChunk, type TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import { batchSymbols, type SymbolsBatch } from '../node/fileSymbols';

export type WorkerRequest =
  | { id: number; kind: 'chunk'; text: string }
  | { id: number; kind: 'chunks'; texts: string[] }
  | { id: number; kind: 'template'; text: string; name: string }
  | { id: number; kind: 'symbols'; batch: SymbolsBatch };

/** The templates of the last symbols batch, by text: a workspace's batches share them. */
let lastTemplates = new Map<string, TemplateModel>();
function templatesOf(options: SymbolsBatch['options']): { template: TemplateModel; named: NamedTemplate[] } {
  const next = new Map<string, TemplateModel>();
  const model = (t: { text: string; name: string }) => {
    const m = next.get(t.text) ?? lastTemplates.get(t.text) ?? buildTemplate(t.text, t.name);
    next.set(t.text, m);
    return m;
  };
  const out = { template: model(options.template), named: (options.templates ?? []).map((t) => ({ name: t.name, globs: t.globs, template: model(t.template) })) };
  lastTemplates = next;
  return out;
}

// Loaded and listening: the server starts per-job deadlines only from here, so a slow start is not a slow parse.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    if (msg.kind === 'template') parentPort!.postMessage({ id: msg.id, result: buildTemplate(msg.text, msg.name) });
    else if (msg.kind === 'symbols') {
      const { template, named } = templatesOf(msg.batch.options);
      parentPort!.postMessage({ id: msg.id, result: batchSymbols(msg.batch, template, named) });
    }
    else if (msg.kind === 'chunks') parentPort!.postMessage({ id: msg.id, result: msg.texts.map((t) => parseChunk(t)) });
    else parentPort!.postMessage({ id: msg.id, result: parseChunk(msg.text) });
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({ id: msg.id, error: { name: err?.name, message: err?.message ?? String(e), stack: err?.stack } });
  }
});
