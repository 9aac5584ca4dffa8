// FS_REQUEST answered from the disk (file: URIs), as the VS Code client answers it
// with workspace.fs (client/src/fsBridge.ts), for the browser server under test.
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const FS_REQUEST = 'deepDive/fs';

const kind = (s) => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other');

export async function answerFromDisk(params) {
  try {
    const file = fileURLToPath(params.uri);
    if (params.op === 'stat') {
      const s = await stat(file);
      return { stat: { type: kind(s), size: s.size, mtime: s.mtimeMs } };
    }
    if (params.op === 'readFile') {
      const s = await stat(file);
      if (!s.isFile()) return { error: `not a regular file${s.isDirectory() ? ' (a directory)' : ''}` };
      if (s.size > params.maxBytes) return { error: `too large: over ${params.maxBytes} bytes` };
      return { text: await readFile(file, 'utf8') };
    }
    if (params.op === 'readDirectory') {
      return { entries: (await readdir(file, { withFileTypes: true })).map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']) };
    }
    return { error: 'unknown file operation' };
  } catch (e) {
    return { error: e.code === 'ENOENT' ? 'no such file' : e.message, notFound: e.code === 'ENOENT' };
  }
}
