// A whole text read once, synchronously: the CLI's files and the workspace's
// outlines. The same pipeline as a document session, with merged chunks (less
// per-parse setup, the same facts; see coarsen) and every chunk read here.
import { BATCH_CHUNK_SIZE, coarsen, splitChunks } from './chunks';
import { buildDocument, resolveChunks } from './document';
import { beyondParser } from './hostile';
import { parseChunk, type ChunkFacts } from './markdown';
import type { CheckOptions } from './options';
import { scanChunk } from './scan';
import { snapshot, type DocumentSnapshot } from './session';

/** How a chunk is read: the markdown parser, except for shapes that would stall it (see hostile.ts). */
export function readChunk(text: string): ChunkFacts {
  return beyondParser(text) ? scanChunk(text) : parseChunk(text);
}

/**
 * Checks `text` under `options`. `read` reads each chunk: `readChunk` by default,
 * `scanChunk` where headings are all that is needed (outlines).
 */
export function checkText(text: string, options: CheckOptions, read: (chunk: string) => ChunkFacts = readChunk): DocumentSnapshot {
  const { chunks } = resolveChunks(text, read, coarsen(splitChunks(text), BATCH_CHUNK_SIZE));
  return snapshot(0, buildDocument(text, chunks), options, 'full', false);
}
