// The CI check for absolute machine paths in tracked files (.ci/machine-paths.mjs).
// `~` stands for a path's leading slash below (see `p`), so this file passes the check itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { findMachinePaths } from '../../.ci/machine-paths.mjs';

const find = findMachinePaths as (text: string) => { line: number; match: string }[];
const p = (s: string) => s.replace(/~/g, '/');

describe('findMachinePaths', () => {
  test('flags workspace, root, temp and home folders where a path starts, with their line', () => {
    const text = p([
      `const probe = '~work~shared~lsp-probe~lsp-probe';`,
      `cd ~root~deep-dive && npm test`,
      `node dist/cli.js check ~tmp~fresh~docs`,
      `uri: file://~home~alice~ws~doc.md`,
      `"path": "~Users~bob~src~x"`,
      `cwd=C:\\Users\\carol\\repo`,
      `(~workspaces~deep-dive)`,
    ].join('\n'));
    assert.deepEqual(find(text), [
      { line: 1, match: p('~work~') },
      { line: 2, match: p('~root~') },
      { line: 3, match: p('~tmp~f') },
      { line: 4, match: p('~home~alice~') },
      { line: 5, match: p('~Users~bob~') },
      { line: 6, match: 'C:\\Users\\carol\\' },
      { line: 7, match: p('~workspaces~') },
    ]);
  });

  test('leaves URLs, relative paths, system paths and example users alone', () => {
    const text = p([
      'https:~~github.com~deep-dive~deep-dive~tree~main~work~x',
      'see ..~shared~corpus~real and .~tmp~cache and bench~results~tmp~x',
      '#!~usr~bin~env node',
      `compgen -G '~var~lib~apt~lists~*'`,
      `detect(README, { path: '~home~me~ws~deep-dives~ledger.md' })`,
      `'~Users~example~repo' and C:\\Users\\user\\repo`,
      'file:~~~ws~docs~features.md',
      'the ~tmp folder, os.tmpdir()',
      'root~work~ and home~alice~',
    ].join('\n'));
    assert.deepEqual(find(text), []);
  });
});
