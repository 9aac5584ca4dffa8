// test/shared.ts: a test that needs a missing piece of the shared fixtures skips with one
// line naming it and how to get it, and under DEEP_DIVE_REQUIRE_SHARED=1 (CI) the run fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO } from '../shared';

const dir = mkdtempSync(path.join(tmpdir(), 'dd-shared-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const missing = path.join(dir, 'no-such-checkout');
const file = path.join(dir, 'needs-corpus.test.ts');
writeFileSync(file, [
  `import { test } from 'node:test';`,
  `import { corpusDocs, sharedCorpus } from ${JSON.stringify(pathToFileURL(path.join(REPO, 'test/shared.ts')).href)};`,
  `const corpus = sharedCorpus();`,
  `test('reads the corpus', { skip: corpus.skip }, () => { if (corpusDocs(corpus).length === 0) throw new Error('empty'); });`,
  `test('needs nothing', () => {});`,
].join('\n'));

function runWith(env: Record<string, string>) {
  // Without NODE_TEST_CONTEXT, which this test's runner sets and which would make the child report to it.
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', file], {
    cwd: REPO, encoding: 'utf8', env: { ...outer, DEEP_DIVE_REQUIRE_SHARED: '', ...env },
  });
  const lines = r.stdout.split('\n');
  return { code: r.status, skips: lines.filter((l) => / # SKIP /.test(l)), failures: lines.filter((l) => /^\s*not ok /.test(l)) };
}

describe('shared fixtures', () => {
  test('an absent piece skips the tests that need it, with one line saying what and how to get it', () => {
    const r = runWith({ DEEP_DIVE_SHARED: missing });
    assert.equal(r.code, 0);
    assert.deepEqual(r.failures, []);
    assert.deepEqual(r.skips, [`ok 1 - reads the corpus # SKIP needs the real deep dives, not found at ${path.join(missing, 'corpus/real')}: `
      + 'put the shared fixtures beside the repository as `shared`, or set DEEP_DIVE_SHARED to their folder']);
  });

  test('with DEEP_DIVE_REQUIRE_SHARED=1 an absent piece is a failing test that names it', () => {
    const r = runWith({ DEEP_DIVE_SHARED: missing, DEEP_DIVE_REQUIRE_SHARED: '1' });
    assert.equal(r.code, 1);
    assert.deepEqual(r.failures, [`not ok 1 - shared fixture: the real deep dives, not found at ${path.join(missing, 'corpus/real')}`]);
    assert.equal(r.skips.length, 1);
  });
});
