// Which files a run looks at: files named directly always; folders and quoted
// globs only for files that count as deep dives; node_modules, dot-folders and
// hidden files never; links only where they stay inside. The walk itself
// (node/markdownFiles.ts) is the language server's and the MCP server's too.
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { walkFolder } from '../../server/src/node/markdownFiles';
import { cleanDeepDive, json, README, run, tree } from './helpers';

const paths = async (args: string[], cwd: string) => {
  const r = await run(['check', '--format', 'json', '--fail-on', 'never', ...args], cwd);
  assert.equal(r.code, 0, r.stderr);
  return json(r.stdout).files.map((f) => f.path.split(path.sep).join('/'));
};

// Auto-detected: three template sections, no special name or front matter.
const looksLikeOne = '# Queues\n\n## Mental Model\n\nA log.\n\n## Tradeoffs\n\nSome.\n\n## Exercises\n\n1. Try it.\n';

describe('folder walking', () => {
  const root = tree({
    'README.md': README,
    'docs/README.md': README,
    'docs/queues.md': looksLikeOne,
    'docs/front.md': '---\ntemplate: deep-dive\n---\n# Front matter\n\nShort.\n',
    'docs/summary.md': '# Summary only\n\n**One-line summary**: It is one.\n',
    'docs/notes.txt': cleanDeepDive(),
    'docs/deep-dives/anything.md': '# Named by folder\n',
    'docs/b.deepdive.md': cleanDeepDive(),
    'docs/sub/a.deepdive.md': cleanDeepDive(),
    'node_modules/pkg/c.deepdive.md': cleanDeepDive(),
    'docs/node_modules/d.deepdive.md': cleanDeepDive(),
    '.github/e.deepdive.md': cleanDeepDive(),
    'docs/.drafts/f.deepdive.md': cleanDeepDive(),
  });

  /** The deep dives of `root`, sorted: what walking it (or its docs folder) checks. */
  const DEEP_DIVES = ['docs/b.deepdive.md', 'docs/deep-dives/anything.md', 'docs/front.md', 'docs/queues.md', 'docs/sub/a.deepdive.md', 'docs/summary.md'];

  it('checks only deep dives, sorted, skipping node_modules, dot-folders and non-.md files', async () => {
    assert.deepEqual(await paths(['.'], root), DEEP_DIVES);
  });

  it('keeps the folder as given in the paths it prints', async () => {
    assert.deepEqual(await paths(['docs/sub/'], root), ['docs/sub/a.deepdive.md']);
    assert.deepEqual(await paths(['./docs/sub'], root), ['docs/sub/a.deepdive.md']);
    assert.deepEqual(await paths(['sub'], path.join(root, 'docs')), ['sub/a.deepdive.md']);
  });

  it('always checks a file named directly, dot-folder or README alike', async () => {
    assert.deepEqual(await paths(['README.md', '.github/e.deepdive.md'], root), ['README.md', '.github/e.deepdive.md']);
  });

  it('walks a dot-folder named directly', async () => {
    assert.deepEqual(await paths(['.github'], root), ['.github/e.deepdive.md']);
  });

  it('lists a file once when named twice or also found by a folder', async () => {
    assert.deepEqual(await paths(['docs/b.deepdive.md', 'docs', 'docs/b.deepdive.md'], root), DEEP_DIVES);
  });

  it('survives a symlink loop', async () => {
    const dir = tree({ 'x/a.deepdive.md': cleanDeepDive() });
    symlinkSync('..', path.join(dir, 'x', 'up'));
    assert.deepEqual(await paths(['.'], dir), ['x/a.deepdive.md']);
  });

  it('takes .markdown files, and no hidden file unless it is named', async () => {
    const dir = tree({ 'deep-dives/a.markdown': cleanDeepDive(), 'deep-dives/.draft.deepdive.md': cleanDeepDive(), 'deep-dives/b.MD': cleanDeepDive() });
    assert.deepEqual(await paths(['.'], dir), ['deep-dives/a.markdown', 'deep-dives/b.MD']);
    assert.deepEqual(await paths(['deep-dives/.draft.deepdive.md'], dir), ['deep-dives/.draft.deepdive.md']);
  });

  it('follows links that stay inside the folder walked, each folder once, and none that lead out', async () => {
    const outside = tree({ 'o.deepdive.md': cleanDeepDive(), 'sub/p.deepdive.md': cleanDeepDive() });
    const dir = tree({ 'real/a.deepdive.md': cleanDeepDive() });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    symlinkSync(path.join(dir, 'real', 'a.deepdive.md'), path.join(dir, 'b.deepdive.md'));
    symlinkSync(path.join(outside, 'sub'), path.join(dir, 'out'));
    symlinkSync(path.join(outside, 'o.deepdive.md'), path.join(dir, 'o.deepdive.md'));
    // `alias` comes first in code-unit order, so `real` is the folder seen twice and walked once.
    assert.deepEqual(await paths(['.'], dir), ['alias/a.deepdive.md', 'b.deepdive.md']);
    // Named directly, a link out is checked like any file named.
    assert.deepEqual(await paths(['o.deepdive.md'], dir), ['o.deepdive.md']);
  });
});

describe('walkFolder: the one walk of the CLI, the language server and the MCP server', () => {
  const root = tree({
    'b.md': '', 'a.markdown': '', 'notes.txt': '', '.hidden.md': '', 'Z.md': '',
    'docs/c.md': '', 'docs/.git/d.md': '', 'node_modules/e.md': '', '.vscode/f.md': '',
  });

  it('lists files depth first in code-unit order, as /-separated paths relative to the folder', async () => {
    assert.deepEqual(await walkFolder(root), ['Z.md', 'a.markdown', 'b.md', 'docs/c.md', 'notes.txt']);
  });

  it('takes only markdown when asked, and at most `limit` files', async () => {
    assert.deepEqual(await walkFolder(root, { markdownOnly: true }), ['Z.md', 'a.markdown', 'b.md', 'docs/c.md']);
    assert.deepEqual(await walkFolder(root, { markdownOnly: true, limit: 2 }), ['Z.md', 'a.markdown']);
  });

  it('rejects when the folder itself cannot be read', async () => {
    await assert.rejects(walkFolder(path.join(root, 'no-such-folder')), /ENOENT/);
  });
});

describe('quoted globs', () => {
  const root = tree({
    'docs/a.deepdive.md': cleanDeepDive(),
    'docs/README.md': README,
    'docs/deep/b.md': looksLikeOne,
    'other/c.deepdive.md': cleanDeepDive(),
    'node_modules/d.deepdive.md': cleanDeepDive(),
  });

  it('expands ** and * globs, checking the deep dives they match', async () => {
    assert.deepEqual(await paths(['docs/**/*.md'], root), ['docs/a.deepdive.md', 'docs/deep/b.md']);
    assert.deepEqual(await paths(['docs/*.md'], root), ['docs/a.deepdive.md']);
    assert.deepEqual(await paths(['**/*.deepdive.md'], root), ['docs/a.deepdive.md', 'other/c.deepdive.md']);
    assert.deepEqual(await paths(['{docs,other}/*.deepdive.md'], root), ['docs/a.deepdive.md', 'other/c.deepdive.md']);
  });

  it('mixes globs, folders and files in argument order', async () => {
    assert.deepEqual(await paths(['other', 'docs/*.md'], root), ['other/c.deepdive.md', 'docs/a.deepdive.md']);
  });
});
