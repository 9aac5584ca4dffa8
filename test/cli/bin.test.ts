// The built bin (dist/cli.js) as users run it: shebang, executable, help,
// version, rules, and the bundled example.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { servesUntilClosed } from '../../server/src/cli/run';
import { rules } from '../../server/src/engine';
import { loadBuiltinTemplate } from '../../server/src/node/builtinTemplate';
import { BIN, cleanDeepDive, REPO, runBin, tree, withoutSection } from './helpers';

describe('dist/cli.js', () => {
  it('is an executable node script', () => {
    assert.match(readFileSync(BIN, 'utf8').slice(0, 100), /^#!\/usr\/bin\/env node\n/);
    accessSync(BIN, constants.X_OK);
  });

  it('prints its version and help', () => {
    const version = JSON.parse(readFileSync(`${REPO}/package.json`, 'utf8')).version;
    assert.deepEqual(runBin(['--version'], REPO), { code: 0, stdout: `${version}\n`, stderr: '' });
    const help = runBin(['--help'], REPO);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: deep-dive check \[options\] PATH\.\.\./);
    for (const opt of ['--format', '--template', '--config', '--fail-on']) assert.ok(help.stdout.includes(opt), opt);
  });

  it('lists the rules with their default severity', () => {
    const r = runBin(['rules'], REPO);
    assert.equal(r.code, 0);
    for (const rule of rules) assert.match(r.stdout, new RegExp(`^${rule.code} +${rule.defaultSeverity} +\\S`, 'm'));
  });

  it('reports usage errors on stderr with exit code 2', () => {
    const r = runBin(['check'], REPO);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^deep-dive: /);
  });

  it('checks the bundled example: its four gaps, the README and the template-families workspace skipped (no config names their templates here), exit 1', () => {
    const r = runBin(['check', 'examples/'], REPO);
    assert.equal(r.code, 1, r.stderr);
    const codes = r.stdout.split('\n').filter((l) => /^examples\/\S+:\d+:\d+ /.test(l)).map((l) => l.split('  ').pop());
    assert.match(r.stdout, /^examples\/rate-limiting\.deepdive\.md: 9\/11 written \(81%\); 1 scaffolded, 1 missing, 1 placeholder$/m);
    assert.deepEqual(codes, ['missing-section', 'placeholder', 'missing-subsection', 'section-order']);
    assert.match(r.stdout, /7 markdown files skipped/);
  });

  it('prints what examples/README.md says it prints', () => {
    const readme = readFileSync(`${REPO}/examples/README.md`, 'utf8');
    const shown = /```text\n([\s\S]*?)```/.exec(readme)![1];
    assert.equal(runBin(['check', 'examples/'], REPO).stdout, shown);
  });

  it('ends once its output is written, all of it, to a reader that takes its time, with the exit code', async () => {
    // Enough files for the worker threads, and output several times what a pipe and the
    // reader's buffer hold (the template's own text is full of placeholders), so that
    // the process must wait for the reader before it can end.
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`d${i}.deepdive.md`] = withoutSection(cleanDeepDive(`Doc ${i}`), 'Tradeoffs');
    for (let i = 0; i < 8; i++) files[`t${i}.deepdive.md`] = loadBuiltinTemplate().text;
    const dir = tree(files);
    const expected = runBin(['check', '--format', 'sarif', '.'], dir);
    assert.ok(expected.stdout.length > 256 * 1024, 'several pipe buffers');
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'sarif', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // The listener comes before the pause: when a child ends, Node resumes its paused
    // pipes, and data with no listener is dropped.
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 30);
    });
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 1, stderr);
    assert.equal(stdout.length, expected.stdout.length, `stdout cut short; stderr: ${stderr.slice(0, 2000)}`);
    assert.equal(stdout, expected.stdout);
  });

  it('leaves only deep-dive mcp to end when its client goes; every other command ends once its output is written', () => {
    assert.equal(servesUntilClosed(['mcp']), true);
    assert.equal(servesUntilClosed(['mcp', '--root', 'docs']), true);
    assert.equal(servesUntilClosed(['--root', 'docs', 'mcp']), true);
    for (const argv of [['check', '.'], ['report', 'mcp'], ['mcp', '--help'], ['--version', 'mcp'], ['rules'], [], ['mcp', '--bogus']]) {
      assert.equal(servesUntilClosed(argv), false, argv.join(' '));
    }
  });

  it('stops printing quietly when the reader goes away, keeping the exit code', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`d${i}.deepdive.md`] = withoutSection(cleanDeepDive(), 'Tradeoffs');
    const dir = tree(files);
    const child = spawn(process.execPath, [BIN, 'check', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 1);
  });
});
