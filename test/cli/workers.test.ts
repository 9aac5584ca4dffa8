// Many files are checked on worker threads; the output must be exactly what a
// single-threaded run prints, in input order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chooseJobs, PARALLEL_THRESHOLD } from '../../server/src/cli/pool';
import { sharedCorpus } from '../shared';
import { BIN, cleanDeepDive, README, REPO, run, runBin, tree, withoutSection } from './helpers';

const SECTIONS = ['Mental Model', 'Tradeoffs', 'Exercises', 'Change Safety', 'Further Reading'];

function workspace(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const name = `docs/g${Math.floor(i / 10)}/doc-${String(i).padStart(3, '0')}`;
    if (i % 7 === 3) files[`${name}.md`] = README;
    else if (i % 5 === 0) files[`${name}.deepdive.md`] = cleanDeepDive(`Doc ${i}`);
    else files[`${name}.deepdive.md`] = withoutSection(cleanDeepDive(`Doc ${i}`), SECTIONS[i % SECTIONS.length]).replace('Notes on mental model.', `Notes on [Benefit ${i}].`);
  }
  return tree(files);
}

describe('worker threads', () => {
  const root = workspace(40);

  it('uses the main thread alone for a few files and all cores for many', () => {
    assert.equal(chooseJobs(PARALLEL_THRESHOLD), 1);
    assert.ok(chooseJobs(10_000) >= 1);
    assert.equal(chooseJobs(100, 3), 3);
    assert.equal(chooseJobs(2, 8), 2);
    assert.equal(chooseJobs(5, 0), 1);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints the same ${format} output with --jobs 1 and --jobs 3 (in-process)`, async () => {
      const one = await run(['check', '--format', format, '--jobs', '1', 'docs'], root);
      const three = await run(['check', '--format', format, '--jobs', '3', 'docs'], root);
      assert.equal(one.code, 1);
      assert.equal(three.code, one.code);
      assert.equal(three.stderr, one.stderr);
      assert.equal(three.stdout, one.stdout);
    });
  }

  it('lists results in input order', async () => {
    const r = await run(['check', '--format', 'json', '--jobs', '2', 'docs/g3', 'docs/g0', 'docs/g2/doc-029.deepdive.md'], root);
    const paths: string[] = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path.replace(/\\/g, '/'));
    const group = paths.map((p) => (p.startsWith('docs/g3/') ? 0 : p.startsWith('docs/g0/') ? 1 : 2));
    assert.deepEqual(group, [...group].sort());
    for (const g of [0, 1]) {
      const inGroup = paths.filter((_, i) => group[i] === g);
      assert.ok(inGroup.length > 3);
      assert.deepEqual(inGroup, [...inGroup].sort());
    }
    assert.equal(paths.at(-1), 'docs/g2/doc-029.deepdive.md');
  });

  it('prints the same output from the bundled bin with --jobs 2 (worker threads in the bundle) and by default', () => {
    const one = runBin(['check', '--format', 'json', '--jobs', '1', 'docs'], root);
    const auto = runBin(['check', '--format', 'json', 'docs'], root);
    const two = runBin(['check', '--format', 'json', '--jobs', '2', 'docs'], root);
    assert.equal(one.code, 1, one.stderr);
    assert.equal(auto.stdout, one.stdout);
    assert.equal(two.stdout, one.stdout);
    assert.equal(JSON.parse(one.stdout).files.length, 40 - 6);
  });

  it('starts a check worker from the bin\'s entry, which runs the bundle with the build\'s code cache', () => {
    // As in a run: the main thread has set the CLI's V8 flags (a cache only fits the flags it was made under).
    const code = `const { setFlagsFromString } = require('node:v8');
const { Worker } = require('node:worker_threads');
for (const f of require(${JSON.stringify(path.join(REPO, 'server/src/node/v8Flags.ts'))}).cliV8Flags()) setFlagsFromString(f);
const { loadBuiltinTemplate } = require(${JSON.stringify(path.join(REPO, 'server/src/node/builtinTemplate.ts'))});
const ctx = { template: { text: loadBuiltinTemplate().text, name: 'deep-dive' }, templates: [], globs: [], root: process.cwd(), maxDocumentSize: 1e6 };
const probe = "require('node:worker_threads').parentPort.postMessage(require(" + JSON.stringify(${JSON.stringify(BIN)}) + ").loaded.use)";
const w = new Worker(probe, { eval: true, workerData: { role: 'deep-dive-check-worker', ctx } });
w.once('message', (use) => { process.stdout.write(use); w.terminate(); });`;
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', code], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'accepted');
  });

  const { path: corpus, skip } = sharedCorpus();
  it('prints from the bundled bin (which sets its own V8 tiering flags) what an in-process run prints, on the real corpus', { skip }, async () => {
    const inProcess = await run(['check', '--format', 'json', corpus], REPO);
    const bin = runBin(['check', '--format', 'json', corpus], REPO);
    assert.equal(bin.code, inProcess.code, bin.stderr);
    assert.equal(bin.stderr, inProcess.stderr);
    assert.equal(bin.stdout, inProcess.stdout);
    assert.ok(JSON.parse(bin.stdout).files.length >= 20);
  });
});
