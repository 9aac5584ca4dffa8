// The ready-made integrations: the VS Code problem matcher against real CLI
// output, the pre-commit hook, and the reusable GitHub Actions workflow.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { BIN, cleanDeepDive, json, README, REPO, run, runBin, tree, withoutSection } from './helpers';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const builtSkip = existsSync(BIN) ? false : 'dist/cli.js is not built (npm run build)';

describe('problem matcher ($deep-dive)', { skip: builtSkip }, () => {
  const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'deep-dive');
  const re = new RegExp(matcher.pattern.regexp);
  const root = tree({
    'docs/a b.deepdive.md': withoutSection(cleanDeepDive(), 'Tradeoffs').replace('Notes on mental model.', 'Costs: [Cost 1], then  two spaces.'),
    'docs/c.deepdive.md': withoutSection(cleanDeepDive(), 'Exercises').replace('### Traces', '### Tracing'),
    'docs/README.md': README,
  });

  it('matches every finding line of the text output, with the fields the JSON output has', () => {
    const text = runBin(['check', 'docs'], root);
    const data = json(runBin(['check', '--format', 'json', 'docs'], root).stdout);
    const expected = data.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, message: d.message, code: d.code })));
    assert.ok(expected.some((e) => e.severity === 'information') && expected.some((e) => e.severity === 'warning'));
    const p = matcher.pattern;
    const matched = text.stdout.split('\n').map((l) => re.exec(l)).filter((m) => m !== null).map((m) => ({
      file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity], message: m[p.message], code: m[p.code],
    }));
    // VS Code reads "info" (and "hint") but not "information": the pattern captures "info" from it.
    assert.deepEqual(matched, expected.map((e) => ({ ...e, severity: e.severity === 'information' ? 'info' : e.severity })));
    assert.equal(text.stdout.split('\n').filter((l) => l !== '').length, expected.length + data.files.length + 1, 'the per-file completeness lines and the summary line are not problems');
  });

  it('is a VS Code contribution with an owner of its own and paths relative to the workspace', () => {
    assert.equal(matcher.owner, 'deep-dive-cli');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
    assert.equal(re.exec('x.md:1:1  hint  Unfilled placeholder [A]: replace it.  placeholder')?.[4], 'hint');
    assert.equal(re.exec('No problems: 1 deep dive checked.'), null);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parseYaml(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = hooks.find((h: { id: string }) => h.id === 'deep-dive');

  it('declares a node hook on markdown files whose entry is this package\'s bin', () => {
    assert.equal(hook.language, 'node');
    assert.deepEqual(hook.types, ['markdown']);
    const [bin, command] = hook.entry.split(' ');
    assert.ok(pkg.bin[bin], `package.json has no bin ${bin}`);
    assert.equal(command, 'check');
    // pre-commit installs the hook with `npm install git+file://…`: "prepare" builds the bundles, and the `files` list ships them.
    assert.equal(pkg.scripts.prepare, 'node scripts/prepare.mjs');
    assert.ok(pkg.files.includes(`dist/${path.basename(pkg.bin[bin])}`), `package.json files ship ${pkg.bin[bin]}`);
  });

  it('checks the deep dives among the files pre-commit passes and skips other markdown', async () => {
    const root = tree({ 'README.md': README, 'docs/q.deepdive.md': withoutSection(cleanDeepDive(), 'Tradeoffs'), 'notes/ok.md': cleanDeepDive() });
    const args = [...hook.entry.split(' ').slice(1), 'README.md', 'docs/q.deepdive.md', 'notes/ok.md'];
    const r = await run(args, root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^docs\/q\.deepdive\.md:\d+:1 {2}warning {2}Missing section 'Tradeoffs'/);
    assert.match(r.stdout, /1 problem .* 2 deep dives checked \(1 markdown file skipped: not a deep dive\)\.\n$/);
  });
});

describe('.github/workflows/deep-dive.yml', () => {
  const wf = parseYaml(readFileSync(path.join(REPO, '.github/workflows/deep-dive.yml'), 'utf8'));
  const steps: { id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }[] = wf.jobs['deep-dive'].steps;
  const check = steps.find((s) => s.id === 'check')!;

  it('is a reusable workflow that uploads SARIF to code scanning', () => {
    assert.deepEqual(Object.keys(wf.on), ['workflow_call']);
    assert.equal(wf.permissions['security-events'], 'write');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with!.sarif_file, 'deep-dive.sarif');
    assert.match(check.run!, /deep-dive check --format sarif .*> deep-dive\.sarif/);
    for (const input of Object.keys(wf.on.workflow_call.inputs)) {
      assert.ok(JSON.stringify(wf).includes(`inputs.${input}`), `input ${input} is used`);
    }
  });

  it('its check script writes SARIF, reports the status for the upload, and stops only on errors', { skip: builtSkip || (spawnSync('bash', ['--version']).status === 0 ? false : 'no bash') }, () => {
    const root = tree({ 'docs/a.deepdive.md': withoutSection(cleanDeepDive(), 'Tradeoffs'), 'docs/README.md': README, 'out': '' });
    // The CLI as built here stands in for the one npx installs.
    const script = check.run!.replace(/npx --yes --package="\$PACKAGE" -- deep-dive/, `node ${JSON.stringify(BIN)}`);
    assert.notEqual(script, check.run);
    const runScript = (env: Record<string, string>) => spawnSync('bash', ['-e', '-c', script], {
      cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_OUTPUT: path.join(root, 'out'), ARGS: '', FAIL_ON: 'warning', ...env },
    });
    // Expanded by the shell, docs/*.md would name README.md directly, and it would be checked.
    const found = runScript({ PATHS: 'docs/*.md' });
    assert.equal(found.status, 0, found.stderr);
    const sarif = JSON.parse(readFileSync(path.join(root, 'deep-dive.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['missing-section']);
    assert.equal(readFileSync(path.join(root, 'out'), 'utf8'), 'status=1\n');
    const broken = runScript({ PATHS: 'missing' });
    assert.equal(broken.status, 2);
    assert.equal(readFileSync(path.join(root, 'out'), 'utf8'), 'status=1\nstatus=2\n');
  });
});
