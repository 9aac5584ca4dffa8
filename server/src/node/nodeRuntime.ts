// The server's runtime on Node: file reads and folder walks, bounded, with
// errors turned into messages the server can show.
import { constants, existsSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import type { Runtime } from '../lsp/runtime';

const MAX_READ = 64 * 1024 * 1024;

/**
 * Parse workers: one core stays with the thread that answers the editor (it scans,
 * builds and analyses while the workers parse). On two cores a second worker opened a
 * 3 MB document no faster, for 30% more CPU and 30 MB more memory.
 */
function defaultWorkers(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1));
}

export function nodeRuntime(builtinTemplate: { text: string; path: string }, workerPath: string): Runtime {
  return {
    builtinTemplate,
    workerPath: existsSync(workerPath) ? workerPath : null,
    parseWorkers: Math.max(1, Math.min(Number(process.env.DEEP_DIVE_PARSE_WORKERS) || defaultWorkers(), availableParallelism())),
    parseDeadlineMs: Number(process.env.DEEP_DIVE_PARSE_DEADLINE_MS) || 1500,
    realpath: (file) => realpath(file),
    fileInfo: (file) => stat(file).then((s) => (s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null), () => null),
    readDeadlineMs: Number(process.env.DEEP_DIVE_READ_DEADLINE_MS) || 2000,
    readFile: (file, maxBytes = MAX_READ) => readRegularFile(file, maxBytes),
    async listMarkdownFiles(folder, limit) {
      const out: string[] = [];
      const queue = [folder];
      while (queue.length > 0 && out.length < limit) {
        const dir = queue.shift()!;
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const e of entries) {
          if (e.name.startsWith('.') || e.name === 'node_modules') continue;
          const p = path.join(dir, e.name);
          if (e.isDirectory()) queue.push(p);
          else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(p);
          if (out.length >= limit) break;
        }
      }
      return out;
    },
  };
}

/**
 * Reads a regular file of at most `maxBytes` as UTF-8. Opened without blocking
 * and checked on the open handle, so a FIFO or device (even one swapped in
 * after a check) is refused rather than waited on; never reads past the bound.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new Error('not a regular file');
    if (s.size > maxBytes) throw new Error(`file is ${s.size} bytes, larger than ${maxBytes}`);
    // The size may change under us (or be 0, as in /proc): read in chunks, stopping one byte past the bound.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(Math.max(s.size - length, 64 * 1024), maxBytes + 1 - length));
      const { bytesRead } = await handle.read(buf, 0, buf.length, length);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw new Error(`file is larger than ${maxBytes} bytes`);
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
