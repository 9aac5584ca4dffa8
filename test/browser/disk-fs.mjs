// FS_REQUEST answered from the disk, as the VS Code client answers it with workspace.fs
// (client/src/fsBridge.ts), for the browser server under test: file: URIs, and
// vscode-test-web://mount/… (the scheme of @vscode/test-web) as the folder named by
// $DEEP_DIVE_TEST_WEB_MOUNT, so tests can give the server a workspace that is not file:.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const MOUNT = 'vscode-test-web://mount/';

function fileOf(uri) {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  const root = process.env.DEEP_DIVE_TEST_WEB_MOUNT;
  if (root && (uri === MOUNT.slice(0, -1) || uri.startsWith(MOUNT))) return path.join(root, decodeURIComponent(new URL(uri).pathname));
  throw Object.assign(new Error(`no file system for ${uri}`), { code: 'ENOENT' });
}

export const FS_REQUEST = 'deepDive/fs';

const kind = (s) => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other');

export async function answerFromDisk(params) {
  try {
    const file = fileOf(params.uri);
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
      // As workspace.fs lists them: a symbolic link as the kind it leads to, marked as a link.
      const entries = await readdir(file, { withFileTypes: true });
      return { entries: await Promise.all(entries.map(async (e) => {
        if (!e.isSymbolicLink()) return [e.name, kind(e), false];
        return [e.name, await stat(path.join(file, e.name)).then(kind, () => 'other'), true];
      })) };
    }
    return { error: 'unknown file operation' };
  } catch (e) {
    return { error: e.code === 'ENOENT' ? 'no such file' : e.message, notFound: e.code === 'ENOENT' };
  }
}
