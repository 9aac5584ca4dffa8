// The server's runtime on Node: file reads and folder walks, bounded, with
// errors turned into messages the server can show.
import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { bufferCodec } from './bufferCodec';
import { bufferedTexts } from './bufferText';
import { ChunkParser } from './chunkParser';
import { readBounded } from './fileBoundary';
import { PARSE_DEADLINE_MS } from './limits';
import { walkFolder } from './markdownFiles';
import type { Runtime } from './runtime';

/**
 * Parse workers: one core stays with the thread that answers the editor (it scans,
 * builds and analyses while the workers parse). On two cores a second worker opened a
 * 3 MB document no faster, for 30% more CPU and 30 MB more memory.
 */
function defaultWorkers(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1));
}

export function nodeRuntime(builtinTemplate: { text: string; path: string }, workerPath: string): Runtime {
  // Tests lower it so that every document's edits go through the buffer.
  const setMin = Number(process.env.DEEP_DIVE_BUFFERED_TEXT_MIN || NaN);
  const bufferedTextMin = Number.isFinite(setMin) ? setMin : undefined;
  return {
    builtinTemplate,
    yieldToEvents: () => new Promise<void>((resolve) => setImmediate(resolve)),
    createParser: (log) => new ChunkParser({
      workerPath: existsSync(workerPath) ? workerPath : null,
      poolSize: Math.max(1, Math.min(Number(process.env.DEEP_DIVE_PARSE_WORKERS) || defaultWorkers(), availableParallelism())),
      deadlineMs: Number(process.env.DEEP_DIVE_PARSE_DEADLINE_MS) || PARSE_DEADLINE_MS,
      log,
    }),
    editableText: bufferedTexts(bufferCodec, bufferedTextMin),
    realpath: (file) => realpath(file),
    fileInfo: (file) => stat(file).then((s) => (s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null), () => null),
    readDeadlineMs: Number(process.env.DEEP_DIVE_READ_DEADLINE_MS) || 2000,
    readFile: async (file, maxBytes) => (await readBounded(file, maxBytes)).toString('utf8'),
    // A folder that cannot be read (gone, no permission) has no files to offer.
    listMarkdownFiles: (folder, limit) => walkFolder(folder, { markdownOnly: true, limit }).then((files) => files.map((rel) => path.join(folder, rel)), () => []),
  };
}
