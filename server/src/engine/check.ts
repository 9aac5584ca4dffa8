// A whole text read once, synchronously: the CLI's files and the workspace's
// outlines. The same pipeline as a document session (the same verdict:
// analyzeDocument), with merged chunks (less per-parse setup, the same facts;
// see coarsen) and every chunk read here. It leaves out the editor answers, so
// the CLI and the workers do not bundle them.
import { BATCH_CHUNK_SIZE, coarsen, splitChunks } from './chunks';
import { buildDocument, resolveChunks } from './document';
import { textExceedsDocumentSize } from './documentSize';
import { beyondParser } from './hostile';
import { parseChunk, type ChunkFacts } from './markdown';
import type { CheckOptions } from './options';
import { scanChunk } from './scan';
import { analyzeDocument, type Verdict } from './analyze';
import type { DocumentModel } from './document';

/** How a chunk is read: the markdown parser, except for shapes that would stall it (see hostile.ts). */
export function readChunk(text: string): ChunkFacts {
  return beyondParser(text) ? scanChunk(text) : parseChunk(text);
}

/**
 * Checks `text` under `options`. `read` reads each chunk: `readChunk` by default,
 * `scanChunk` where headings are all that is needed (outlines).
 */
export function checkText(text: string, options: CheckOptions, read: (chunk: string) => ChunkFacts = readChunk): Verdict & { model: DocumentModel } {
  // As in the editor: beyond the size limit every chunk is line-scanned, and a notice says so.
  const tooLarge = options.maxDocumentSize !== undefined && textExceedsDocumentSize(text, options.maxDocumentSize);
  const { chunks } = resolveChunks(text, tooLarge ? scanChunk : read, coarsen(splitChunks(text), BATCH_CHUNK_SIZE));
  const model = buildDocument(text, chunks);
  return { model, ...analyzeDocument(model, options, { tooLarge }) };
}
