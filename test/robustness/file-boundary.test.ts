// The read policy shared by the server runtime and the CLI (node/fileBoundary):
// regular files only, opened so that a FIFO cannot block, bounded while read;
// and "inside a folder" with symbolic links resolved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { isInside, isReallyInsideSync, readBounded, reallyInsideSync, readBoundedSync, readStreamBounded, ReadRefused } from '../../server/src/node/fileBoundary';

const POSIX = process.platform !== 'win32';
const root = mkdtempSync(path.join(tmpdir(), 'deep-dive-boundary-'));
after(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = path.join(root, name);
  writeFileSync(p, content);
  return p;
};

const refused = (reason: string, message: RegExp) => (e: unknown) => e instanceof ReadRefused && e.reason === reason && message.test(e.message);

describe('readBoundedSync and readBounded', () => {
  const small = file('small.md', '# Hello 深\n');

  test('read a regular file whole', async () => {
    assert.equal(readBoundedSync(small).toString('utf8'), '# Hello 深\n');
    assert.equal((await readBounded(small)).toString('utf8'), '# Hello 深\n');
    assert.equal(readBoundedSync(file('empty.md', '')).length, 0);
  });

  test('refuse a file over the bound (in bytes) before reading it', async () => {
    assert.equal(readBoundedSync(small, 12).length, 12);
    assert.throws(() => readBoundedSync(small, 11), refused('too-large', /^too large: over 11 bytes$/));
    await assert.rejects(readBounded(small, 11), refused('too-large', /^too large: over 11 bytes$/));
  });

  test('refuse a folder', async () => {
    assert.throws(() => readBoundedSync(root), refused('not-regular', /^not a regular file \(a directory\)$/));
    await assert.rejects(readBounded(root), refused('not-regular', /a directory/));
  });

  test('a file longer than its stat says (as /proc reports 0) is read on, up to the bound', { skip: existsSync('/proc/self/status') ? false : 'needs /proc' }, async () => {
    const status = readBoundedSync('/proc/self/status').toString('utf8');
    assert.match(status, /^Name:/);
    assert.match((await readBounded('/proc/self/status')).toString('utf8'), /^Name:/);
    assert.throws(() => readBoundedSync('/proc/self/status', 10), refused('too-large', /over 10 bytes/));
  });

  test('a missing file is the fs error', () => {
    assert.throws(() => readBoundedSync(path.join(root, 'nope.md')), { code: 'ENOENT' });
  });

  test('a FIFO is refused without blocking', { skip: POSIX && !spawnSync('mkfifo', ['--help']).error ? false : 'needs mkfifo (POSIX)' }, async () => {
    const fifo = path.join(root, 'fifo.md');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.throws(() => readBoundedSync(fifo), refused('not-regular', /^not a regular file \(a FIFO\)$/));
    await assert.rejects(readBounded(fifo), refused('not-regular', /a FIFO/));
  });

  test('a device is refused', { skip: POSIX && process.platform === 'linux' ? false : 'needs /dev/zero (Linux)' }, async () => {
    assert.throws(() => readBoundedSync('/dev/zero'), refused('not-regular', /^not a regular file \(a device\)$/));
    await assert.rejects(readBounded('/dev/zero'), refused('not-regular', /a device/));
  });
});

test('readStreamBounded: a stream to its end, refused past the bound', async () => {
  assert.equal((await readStreamBounded(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 3)).toString(), 'abc');
  await assert.rejects(readStreamBounded(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 3), refused('too-large', /over 3 bytes/));
});

describe('isInside and isReallyInsideSync', () => {
  test('as written', () => {
    assert.equal(isInside(path.join(root, 'a', 'b.md'), root), true);
    assert.equal(isInside(root, root), true);
    assert.equal(isInside(path.join(root, '..', 'x.md'), root), false);
  });
  test('symbolic links count where they lead', { skip: POSIX ? false : 'needs symbolic links' }, () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'deep-dive-outside-'));
    after(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(path.join(outside, 't.md'), '# T\n');
    symlinkSync(path.join(outside, 't.md'), path.join(root, 'link.md'));
    assert.equal(isReallyInsideSync(path.join(root, 'link.md'), root), false);
    assert.equal(isReallyInsideSync(path.join(root, 'small.md'), root), true);
    assert.equal(isReallyInsideSync(path.join(root, 'missing.md'), root), true, 'left to the read to report');
    assert.equal(isReallyInsideSync(path.join(outside, 't.md'), root), false);
    // One folder's checker, its links resolved once, answers each file alike.
    const inRoot = reallyInsideSync(root);
    assert.deepEqual(['link.md', 'small.md', 'missing.md'].map((f) => inRoot(path.join(root, f))), [false, true, true]);
    assert.equal(inRoot(path.join(outside, 't.md')), false);
  });
});
