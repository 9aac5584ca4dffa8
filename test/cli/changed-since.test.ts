// --changed-since REF: only files added, modified or renamed since REF, asked of git itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BIN, cleanDeepDive, json, run, tree } from './helpers';

const hasGit = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const dd = (title: string) => cleanDeepDive(title).replace('Notes on tradeoffs.', '[Cost 1]');

describe('--changed-since', { skip: hasGit ? false : 'no git command on PATH' }, () => {
  const root = tree({
    'docs/kept.deepdive.md': dd('Kept'),
    'docs/edited.deepdive.md': dd('Edited'),
    'docs/moved.deepdive.md': dd('Moved'),
    'docs/gone.deepdive.md': dd('Gone'),
    '.gitignore': 'ignored.deepdive.md\n',
  });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'tag', 'base');
  // Committed on top of the base, uncommitted, staged and untracked changes alike.
  writeFileSync(path.join(root, 'docs/edited.deepdive.md'), dd('Edited') + '\nMore.\n');
  git(root, 'commit', '-q', '-am', 'edit');
  git(root, 'mv', 'docs/moved.deepdive.md', 'docs/renamed.deepdive.md');
  unlinkSync(path.join(root, 'docs/gone.deepdive.md'));
  writeFileSync(path.join(root, 'docs/new one.deepdive.md'), dd('New'));
  writeFileSync(path.join(root, 'docs/ignored.deepdive.md'), dd('Ignored'));

  const checked = async (args: string[], cwd = root) => {
    const r = await run(['check', '--format', 'json', ...args], cwd);
    assert.equal(r.stderr, '');
    return json(r.stdout).files.map((f) => f.path.replace(/\\/g, '/'));
  };

  it('checks the added, modified and renamed files (and new untracked ones), not the unchanged, deleted or ignored', async () => {
    assert.deepEqual(await checked(['--changed-since', 'base', 'docs']), ['docs/edited.deepdive.md', 'docs/new one.deepdive.md', 'docs/renamed.deepdive.md']);
    // A file named directly is dropped too when it did not change.
    assert.deepEqual(await checked(['--changed-since', 'base', 'docs/kept.deepdive.md', 'docs/edited.deepdive.md']), ['docs/edited.deepdive.md']);
    // From a subfolder, paths from git (relative to the top) meet the PATHs (relative to cwd).
    assert.deepEqual(await checked(['--changed-since', 'base', '.'], path.join(root, 'docs')), ['edited.deepdive.md', 'new one.deepdive.md', 'renamed.deepdive.md']);
  });

  it('compares with where HEAD left REF, so commits on REF since then do not count', async () => {
    git(root, 'checkout', '-q', '-b', 'side', 'base');
    git(root, 'checkout', '-q', '-');
    const side = mkdtempSync(path.join(tmpdir(), 'deep-dive-side-'));
    after(() => rmSync(side, { recursive: true, force: true }));
    git(root, 'worktree', 'add', '-q', side, 'side');
    writeFileSync(path.join(side, 'docs/kept.deepdive.md'), dd('Kept') + '\nChanged on side.\n');
    git(side, 'commit', '-q', '-am', 'side edit');
    assert.deepEqual(await checked(['--changed-since', 'side', 'docs']), ['docs/edited.deepdive.md', 'docs/new one.deepdive.md', 'docs/renamed.deepdive.md']);
  });

  it('works from the built bin, which loads child_process only for it (scripts/build.mjs makes it lazy)', () => {
    // Preloaded: lists on stderr, at exit, whether child_process was loaded (the test runner's own loads do not count: a fresh process).
    const probe = `process.on('exit', () => process.stderr.write('child_process:' + process.moduleLoadList.includes('NativeModule child_process') + '\\n'));`;
    const bin = (...args: string[]) => spawnSync(process.execPath, ['--require', path.join(root, '.probe.cjs'), BIN, 'check', '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });
    writeFileSync(path.join(root, '.probe.cjs'), probe);
    after(() => rmSync(path.join(root, '.probe.cjs'), { force: true }));
    const changed = bin('--changed-since', 'base', 'docs');
    assert.equal(changed.stderr, 'child_process:true\n');
    assert.deepEqual(json(changed.stdout).files.map((f) => f.path.replace(/\\/g, '/')), ['docs/edited.deepdive.md', 'docs/new one.deepdive.md', 'docs/renamed.deepdive.md']);
    const all = bin('docs');
    assert.equal(all.stderr, 'child_process:false\n');
    assert.equal(json(all.stdout).files.length, 5);
  });

  it('an unknown ref is an error (exit 2)', async () => {
    const r = await run(['check', '--changed-since', 'no-such-ref', '.'], root);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'deep-dive: --changed-since: unknown git ref "no-such-ref"\n' });
    const dash = await run(['check', '--changed-since=--output=x', '.'], root);
    assert.equal(dash.code, 2);
    assert.match(dash.stderr, /^deep-dive: --changed-since needs a git ref such as origin\/main \(got "--output=x"\)\n/);
  });

  it('outside a repository is an error (exit 2)', async (t) => {
    const plain = tree({ 'a.deepdive.md': dd('A') });
    if (spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: plain }).status === 0) {
      t.skip('the temporary folder lies inside a git repository');
      return;
    }
    const r = await run(['check', '--changed-since', 'main', '.'], plain);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'deep-dive: --changed-since needs a git repository, and the current folder is not inside one\n' });
  });
});
