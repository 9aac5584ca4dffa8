// Edges of `deep-dive check`: standard input, binary and oversized files,
// severities (--fail-on hint, --quiet, --min-severity), --jobs bounds and a
// mistyped command. The hostile inputs (FIFOs, devices, control characters,
// templates outside the repository) are in test/robustness/cli-hostile.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/run';
import { DEFAULT_MAX_DOCUMENT_SIZE } from '../../server/src/engine';
import { cleanDeepDive, json, README, run, tree, withoutSection, type RunResult } from './helpers';

const infoOnly = cleanDeepDive().replace(/### Logs\n\nDetails on logs\.\n\n/, '');
const warns = withoutSection(cleanDeepDive(), 'Tradeoffs');
// Both a warning (missing section) and information (missing subsection).
const mixed = withoutSection(infoOnly, 'Tradeoffs');

async function runStdin(args: string[], cwd: string, input: string | Buffer): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: async () => bytes });
  return { code, stdout, stderr };
}

const findingLines = (stdout: string) => stdout.split('\n').filter((l) => /:\d+:\d+ {2}/.test(l));

describe('check - (standard input)', () => {
  const root = tree({ '.deepdive.json': '{"globs": ["designs/**/*.md"]}', 'designs/.keep': '' });

  it('checks a deep dive from standard input, shown as <stdin>', async () => {
    const r = await runStdin(['check', '-'], root, warns);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:\d+:1 {2}warning {2}Missing section 'Tradeoffs'/m);
  });

  it('--stdin-filename names it in the output', async () => {
    const r = await runStdin(['check', '--stdin-filename', 'designs/ledger.md', '-'], root, warns);
    assert.match(r.stdout, /^designs\/ledger\.md:\d+:1 {2}warning {2}Missing section 'Tradeoffs'/m);
  });

  it('the name decides by the globs, as for a file found in a folder', async () => {
    // Not a deep dive by its content (a README), but inside the config's glob: checked.
    const inGlob = await runStdin(['check', '--stdin-filename', 'designs/notes.md', '-'], root, README);
    assert.match(inGlob.stdout, /1 deep dive checked\.$/m);
    assert.match(inGlob.stdout, /^designs\/notes\.md:\d+:\d+ {2}warning {2}Missing section/m);
    const outside = await runStdin(['check', '--stdin-filename', 'notes/notes.md', '-'], root, README);
    assert.equal(outside.code, 0);
    assert.equal(outside.stdout, 'No problems: 0 deep dives checked (1 markdown file skipped: not a deep dive).\n');
  });

  it('--stdin-filename without - is a usage error', async () => {
    const r = await run(['check', '--stdin-filename', 'x.md', '.'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--stdin-filename needs - among the PATHs/);
  });

  it('standard input with NUL bytes is not text', async () => {
    const r = await runStdin(['check', '-'], root, Buffer.from([0x23, 0x20, 0x41, 0x00, 0x0a]));
    assert.equal(r.stderr, 'deep-dive: <stdin>: not a text file (it contains NUL bytes); not checked\n');
    assert.equal(r.code, 0);
  });
});

describe('files that are not text or too large', () => {
  const big = warns + '\n' + 'Filler line for size.\n'.repeat(Math.ceil(DEFAULT_MAX_DOCUMENT_SIZE / 22) + 10);
  const root = tree({
    'bin.md': Buffer.concat([Buffer.from('# Title\n\n## Mental Model\n'), Buffer.from([0, 1, 2, 255, 0])]),
    'docs/bin.deepdive.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    'docs/ok.deepdive.md': cleanDeepDive(),
    'big.deepdive.md': big,
    'small.deepdive.md': warns,
  });

  it('a file named on the command line with NUL bytes: reported as not text, not linted, exit 2', async () => {
    const r = await run(['check', 'bin.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: bin.md: not a text file (it contains NUL bytes); not checked\n');
    assert.deepEqual(findingLines(r.stdout), []);
  });

  it('one found in a folder: said on stderr and passed over, the others still checked', async () => {
    const r = await run(['check', 'docs'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'deep-dive: docs/bin.deepdive.md: not a text file (it contains NUL bytes); not checked\n');
    assert.equal(r.stdout, 'docs/ok.deepdive.md: 11/11 written (100%)\nNo problems: 1 deep dive checked (1 markdown file skipped: not a deep dive).\n');
  });

  it('above deepDive.maxDocumentSize (in bytes): a too-large notice first, section checks still run', async () => {
    const r = await run(['check', '--format', 'json', 'big.deepdive.md'], root);
    const d = json(r.stdout).files[0].diagnostics;
    assert.equal(d[0].code, 'too-large');
    assert.equal(d[0].severity, 'information');
    assert.match(d[0].message, /^This document is 5\.0 MB, beyond deepDive\.maxDocumentSize \(5\.0 MB\): only section-level checks run/);
    assert.deepEqual(d[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.ok(d.some((x) => x.code === 'missing-section'), 'section checks still run');
    const small = json((await run(['check', '--format', 'json', 'small.deepdive.md'], root)).stdout).files[0].diagnostics;
    assert.ok(!small.some((x) => x.code === 'too-large'));
  });

  it('the limit counts bytes, not characters: multi-byte text just under the limit in characters is over it in bytes', async () => {
    const cjk = warns + '\n' + '深'.repeat(Math.floor(DEFAULT_MAX_DOCUMENT_SIZE / 2)) + '\n';
    assert.ok(cjk.length < DEFAULT_MAX_DOCUMENT_SIZE);
    const dir = tree({ 'cjk.deepdive.md': cjk });
    const d = json((await run(['check', '--format', 'json', 'cjk.deepdive.md'], dir)).stdout).files[0].diagnostics;
    assert.equal(d[0].code, 'too-large');
  });
});

describe('severities: --fail-on hint, --quiet, --min-severity', () => {
  const hintRules = '{"rules": {"missing-subsection": "hint"}}';
  const root = tree({ 'mixed.deepdive.md': mixed, 'info.deepdive.md': infoOnly, 'h/.deepdive.json': hintRules, 'h/info.deepdive.md': infoOnly });

  it('--fail-on hint fails on a hint; --fail-on warning does not', async () => {
    const cwd = `${root}/h`;
    const r = await run(['check', '--fail-on', 'hint', 'info.deepdive.md'], cwd);
    assert.match(r.stdout, / {2}hint {2}/);
    assert.equal(r.code, 1);
    assert.equal((await run(['check', 'info.deepdive.md'], cwd)).code, 0);
  });

  it('--quiet prints warnings and errors only, says what it hid, and keeps the exit code', async () => {
    const all = await run(['check', 'mixed.deepdive.md'], root);
    const quiet = await run(['check', '--quiet', 'mixed.deepdive.md'], root);
    assert.deepEqual(findingLines(all.stdout).map((l) => l.split('  ')[1]), ['information', 'warning']);
    assert.deepEqual(findingLines(quiet.stdout).map((l) => l.split('  ')[1]), ['warning']);
    assert.match(quiet.stdout, /2 problems \(0 errors, 1 warning, 1 information\) in 1 file; 1 below warning not shown; 1 deep dive checked\.\n$/);
    assert.equal(quiet.code, all.code);
    assert.deepEqual(findingLines((await run(['check', '-q', 'mixed.deepdive.md'], root)).stdout), findingLines(quiet.stdout));
  });

  it('--min-severity filters every format; exit codes still count every finding', async () => {
    const r = await run(['check', '--min-severity', 'warning', '--fail-on', 'information', '--format', 'json', 'info.deepdive.md'], root);
    assert.deepEqual(json(r.stdout).files[0].diagnostics, []);
    assert.equal(r.code, 1);
    const sarif = JSON.parse((await run(['check', '--min-severity', 'error', '--format', 'sarif', 'mixed.deepdive.md'], root)).stdout);
    assert.deepEqual(sarif.runs[0].results, []);
    const info = await run(['check', '--min-severity', 'information', 'mixed.deepdive.md'], root);
    assert.equal(findingLines(info.stdout).length, 2);
  });

  it('a bad --min-severity, or it with --quiet, is a usage error', async () => {
    const bad = await run(['check', '--min-severity', 'warn', '.'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--min-severity must be one of error, warning, information, hint \(got "warn"\)/);
    const both = await run(['check', '-q', '--min-severity', 'error', '.'], root);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--quiet and --min-severity cannot be used together/);
  });
});

describe('usage', () => {
  const root = tree({ 'a.deepdive.md': cleanDeepDive() });

  for (const value of ['0', '-1', '1.5']) {
    it(`--jobs ${value} is refused`, async () => {
      const r = await run(['check', `--jobs=${value}`, '.'], root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`--jobs must be a whole number, 1 or more \\(got "${value.replace('.', '\\.')}"\\)`));
    });
  }

  it('--jobs 1 is accepted', async () => {
    assert.equal((await run(['check', '--jobs', '1', '.'], root)).code, 0);
  });

  it('an unknown command suggests the nearest known one', async () => {
    const r = await run(['chek', '.'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `deep-dive: unknown command "chek"; did you mean 'check'?\nRun 'deep-dive --help' for usage.\n`);
    assert.match((await run(['rule'], root)).stderr, /did you mean 'rules'\?/);
  });

  it('a word far from every command gets no guess', async () => {
    const r = await run(['deploy'], root);
    assert.equal(r.stderr, `deep-dive: unknown command "deploy"\nRun 'deep-dive --help' for usage.\n`);
  });

  it('a path given without a command is shown how to check it', async () => {
    const r = await run(['a.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `deep-dive: unknown command "a.deepdive.md"; to check it: deep-dive check a.deepdive.md\nRun 'deep-dive --help' for usage.\n`);
  });

  it('- named twice reads standard input once', async () => {
    let stdout = '';
    let reads = 0;
    await runCli(['check', '--format', 'json', '-', '-'], { cwd: root, stdout: (t) => (stdout += t), stderr: () => {}, stdin: async () => (reads++, Buffer.from(cleanDeepDive())) });
    assert.equal(reads, 1);
    assert.equal(json(stdout).files.length, 1);
  });
});
