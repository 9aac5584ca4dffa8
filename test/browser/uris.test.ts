// The browser build's twins of the LSP adapter's path modules (server/src/browser/path.ts,
// uris.ts): every URI scheme as a POSIX path and back, exactly as the editor sent it.
import { strict as assert } from 'node:assert';
import * as nodePath from 'node:path';
import { describe, test } from 'node:test';
import * as path from '../../server/src/browser/path';
import { displayPath, globPath, isInside, pathSegment, pathToUri, uriToPath } from '../../server/src/browser/uris';

describe('browser uris', () => {
  test('a URI of any scheme becomes a path whose first segment is scheme:authority, and back unchanged', () => {
    const cases: [string, string][] = [
      ['vscode-vfs://github/owner/repo/docs/a.deepdive.md', '/vscode-vfs:github/owner/repo/docs/a.deepdive.md'],
      ['vscode-test-web://mount/deep-dives/my%20doc.md', '/vscode-test-web:mount/deep-dives/my%20doc.md'],
      ['vscode-remote://127.0.0.1:8080/tmp/ws/x.md', '/vscode-remote:127.0.0.1:8080/tmp/ws/x.md'],
      ['file:///home/me/c%23/notes.md', '/file:/home/me/c%23/notes.md'],
      ['vscode-vfs://github/owner/repo', '/vscode-vfs:github/owner/repo'],
    ];
    for (const [uri, p] of cases) {
      assert.equal(uriToPath(uri), p, uri);
      assert.equal(pathToUri(p), uri, p);
    }
    assert.equal(uriToPath('untitled:Untitled-1'), null, 'no folder, no files for untitled documents');
  });

  test('paths joined from settings are encoded on the way back; the workspace folder contains its files', () => {
    const folder = uriToPath('vscode-vfs://github/owner/repo')!;
    assert.equal(pathToUri(path.join(folder, 'team templates/t.md')), 'vscode-vfs://github/owner/repo/team%20templates/t.md');
    assert.equal(pathToUri(path.join(folder, '.deepdive.json')), 'vscode-vfs://github/owner/repo/.deepdive.json');
    assert.equal(pathToUri(path.join(folder, 'docs', pathSegment('a (draft) #2 é.md'))), 'vscode-vfs://github/owner/repo/docs/a%20%28draft%29%20%232%20%C3%A9.md', 'as VS Code encodes it');
    assert.equal(pathToUri(path.join(folder, pathSegment('100%.md'))), 'vscode-vfs://github/owner/repo/100%25.md');
    assert.equal(pathToUri(path.join(folder, pathSegment('a%41.md'))), 'vscode-vfs://github/owner/repo/a%2541.md', 'a name is not an escape');
    assert.ok(isInside(uriToPath('vscode-vfs://github/owner/repo/docs/a.md')!, folder));
    assert.ok(!isInside(uriToPath('vscode-vfs://github/owner/repo2/a.md')!, folder));
    assert.ok(!isInside(path.resolve(folder, '../other/t.md'), folder));
  });

  test('glob paths are workspace-relative and decoded, as on the desktop', () => {
    const folder = uriToPath('vscode-vfs://github/owner/repo')!;
    assert.equal(globPath('vscode-vfs://github/owner/repo/deep-dives/my%20doc.md', folder), 'deep-dives/my doc.md');
    assert.equal(globPath('vscode-vfs://github/other/repo/a.md', folder), '/other/repo/a.md');
    assert.equal(globPath('untitled:Untitled-1', null), 'Untitled-1');
  });

  test('the POSIX path functions agree with node:path.posix', () => {
    // Normal paths take a shortcut (a prefix for relative): those next to paths that are not normal, and near misses.
    const paths = ['/a/b/c.md', '/a/./b/../c', '/a//b/', '/', '/a/b/../../..', '/vscode-vfs:github/o/r/x.md',
      '/a', '/a/b', '/a/bc', '/a/b/.', '/a/b/..', '/.a/b', '/a/..b/c.', '/a/b./', '/vscode-vfs:github/o/r', '/vscode-vfs:github/o/r2/x.md'];
    for (const p of paths) {
      assert.equal(path.dirname(p), nodePath.posix.dirname(nodePath.posix.normalize(p).replace(/(.)\/$/, '$1')), `dirname ${p}`);
      assert.equal(path.basename(p), nodePath.posix.basename(nodePath.posix.normalize(p)), `basename ${p}`);
      assert.equal(path.isAbsolute(p), nodePath.posix.isAbsolute(p));
      for (const q of ['x/y.md', '../t.md', '/abs/t.md', './z', '.hidden/..x']) {
        assert.equal(path.join(p, q), nodePath.posix.join(p, q), `join ${p} ${q}`);
        assert.equal(path.resolve(p, q), nodePath.posix.resolve(p, q), `resolve ${p} ${q}`);
      }
      for (const q of paths) assert.equal(path.relative(p, q), nodePath.posix.relative(p, q), `relative ${p} ${q}`);
    }
  });
});

test('messages name a file by its URI, decoded', () => {
  assert.equal(displayPath(uriToPath('vscode-vfs://github/owner/repo/team%20templates/t.md')!), 'vscode-vfs://github/owner/repo/team templates/t.md');
});
