// The browser server's runtime (server/src/browser/browserRuntime.ts): files through the
// client's `deepDive/fs` request, here answered by an in-memory file system.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { browserRuntime } from '../../server/src/browser/browserRuntime';
import type { FsParams, FsResult } from '../../server/src/protocol';

const ROOT = 'vscode-vfs://github/owner/repo';
const FILES: Record<string, string> = {
  'docs/a.deepdive.md': '# A\n',
  'docs/notes.txt': 'no',
  'docs/deep dive #2.md': '# B\n',
  'node_modules/pkg/readme.md': '# skipped\n',
  '.github/template.md': '# skipped\n',
  '.hidden.md': '# skipped\n',
  'README.markdown': '# R\n',
};

/** Answers like client/src/fsBridge.ts over FILES; records what was asked. */
function fakeFs(asked: FsParams[] = []) {
  const encode = (rel: string) => rel.split('/').map((s) => encodeURIComponent(s)).join('/');
  const byUri = new Map(Object.entries(FILES).map(([rel, text]) => [`${ROOT}/${encode(rel)}`, text]));
  return async (p: FsParams): Promise<FsResult> => {
    asked.push(p);
    const text = byUri.get(p.uri);
    const prefix = p.uri.replace(/\/?$/, '/');
    const children = [...byUri.keys()].filter((u) => u.startsWith(prefix)).map((u) => decodeURIComponent(u.slice(prefix.length).split('/')[0]));
    const dir = text === undefined && children.length > 0;
    if (p.op === 'readDirectory') {
      if (!dir) return { error: 'not a folder', notFound: true };
      return { entries: [...new Set(children)].map((name) => [name, byUri.has(`${prefix}${encodeURIComponent(name)}`) ? 'file' : 'directory']) };
    }
    if (text === undefined) return dir ? { stat: { type: 'directory', size: 0, mtime: 1 } } : { error: 'no such file', notFound: true };
    if (p.op === 'stat') return { stat: { type: 'file', size: text.length, mtime: 7 } };
    return text.length > p.maxBytes ? { error: `too large: over ${p.maxBytes} bytes` } : { text };
  };
}

const TEMPLATE = { text: '# T\n', path: 'deep-dive.md (built in)' };
const folder = '/vscode-vfs:github/owner/repo';

describe('browserRuntime', () => {
  test('a file is read through the editor by its URI; a missing one rejects as ENOENT does on Node', async () => {
    const asked: FsParams[] = [];
    const rt = browserRuntime(fakeFs(asked), TEMPLATE);
    assert.equal(await rt.readFile(`${folder}/docs/a.deepdive.md`, 100), '# A\n');
    assert.deepEqual(asked, [{ op: 'readFile', uri: `${ROOT}/docs/a.deepdive.md`, maxBytes: 100 }]);
    await assert.rejects(rt.readFile(`${folder}/.deepdive.json`), (e: Error & { code?: string }) => e.code === 'ENOENT' && e.message === 'no such file');
    await assert.rejects(rt.readFile(`${folder}/docs/a.deepdive.md`, 2), { message: 'too large: over 2 bytes' });
  });

  test('file info: size and time of a file, null for a folder or nothing', async () => {
    const rt = browserRuntime(fakeFs(), TEMPLATE);
    assert.deepEqual(await rt.fileInfo(`${folder}/docs/a.deepdive.md`), { size: 4, mtimeMs: 7 });
    assert.equal(await rt.fileInfo(`${folder}/docs`), null);
    assert.equal(await rt.fileInfo(`${folder}/nothing.md`), null);
  });

  test('the folder walk takes markdown files, skips node_modules and dot-names, and stops at the limit', async () => {
    const rt = browserRuntime(fakeFs(), TEMPLATE);
    assert.deepEqual((await rt.listMarkdownFiles(folder, 100)).sort(), [
      `${folder}/README.markdown`, `${folder}/docs/a.deepdive.md`, `${folder}/docs/deep%20dive%20%232.md`,
    ]);
    assert.equal((await rt.listMarkdownFiles(folder, 2)).length, 2);
    // The walk's paths read back through the editor.
    assert.equal(await rt.readFile(`${folder}/docs/deep%20dive%20%232.md`), '# B\n');
  });

  test('the walk follows no symbolic link: the editor does not say where one leads', async () => {
    const fs = async (p: FsParams): Promise<FsResult> => (p.op === 'readDirectory' && p.uri === ROOT
      ? { entries: [['linked', 'directory', true], ['link.md', 'file', true], ['real.md', 'file', false]] }
      : { error: 'nothing there', notFound: true });
    assert.deepEqual(await browserRuntime(fs, TEMPLATE).listMarkdownFiles(folder, 10), [`${folder}/real.md`]);
  });

  test('an editor that cannot be asked is a read error, not an exception out of the runtime', async () => {
    const rt = browserRuntime(() => Promise.reject(new Error('connection closed')), TEMPLATE);
    await assert.rejects(rt.readFile(`${folder}/x.md`), { message: 'the editor could not be asked (connection closed)' });
    assert.equal(await rt.fileInfo(`${folder}/x.md`), null);
    assert.deepEqual(await rt.listMarkdownFiles(folder, 10), []);
  });

  test('yielding waits for a later task, after the work already queued', async () => {
    const rt = browserRuntime(fakeFs(), TEMPLATE);
    let queued = false;
    const yielded = rt.yieldToEvents().then(() => queued);
    void Promise.resolve().then(() => (queued = true));
    assert.equal(await yielded, true);
  });

  test('yields asked for together resolve one a turn, in the order asked, and the channel serves again once idle', async () => {
    const rt = browserRuntime(fakeFs(), TEMPLATE);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => rt.yieldToEvents().then(() => order.push(i))));
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    let queued = false;
    const again = rt.yieldToEvents().then(() => queued);
    void Promise.resolve().then(() => (queued = true));
    assert.equal(await again, true);
  });
});
