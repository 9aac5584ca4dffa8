// .ci/tally.mjs: the test counts of one CI suite's log, as .ci/run adds them up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// @ts-expect-error -- a plain .mjs script without type declarations
import { tally } from '../../.ci/tally.mjs';

type Counts = { passed: number; failed: number; skipped: number; cancelled: number; todo: number };
const count = tally as (log: string) => Counts;
const none: Counts = { passed: 0, failed: 0, skipped: 0, cancelled: 0, todo: 0 };

describe('tally', () => {
  test('node:test TAP: the summary, with skipped tests and suites counted from their SKIP directives', () => {
    const log = [
      '> deep-dive@0.1.0 test',
      'TAP version 13',
      '# Subtest: the real corpus',
      'ok 1 - the real corpus # SKIP needs the real deep dives, not found at ../shared/corpus/real',
      '# Subtest: chunks',
      '    ok 1 - every corpus document # SKIP needs the real deep dives',
      '    ok 2 - tricky constructs',
      '    not ok 3 - a failure',
      '      ---',
      '      error: |-',
      '        # pass 99',
      '      ...',
      'ok 2 - chunks',
      '1..2',
      '# tests 3',
      '# suites 2',
      '# pass 1',
      '# fail 1',
      '# cancelled 2',
      '# skipped 1',
      '# todo 1',
      '# duration_ms 12.5',
    ].join('\n');
    assert.deepEqual(count(log), { passed: 1, failed: 1, skipped: 2, cancelled: 2, todo: 1 });
  });

  test('several runs in one log add up', () => {
    assert.deepEqual(count('# pass 3\n# fail 0\n# cancelled 0\n...\n# pass 4\n# fail 2\n# cancelled 1\n'),
      { ...none, passed: 7, failed: 2, cancelled: 1 });
  });

  test("the VS Code runner's closing line and mocha's pending count", () => {
    const log = '  24 passing (31s)\n  1 pending\n  1 failing\n[runner] done\n24 passed, 1 failed\n';
    assert.deepEqual(count(log), { ...none, passed: 24, failed: 1, skipped: 1 });
  });

  test('vscode-tmgrammar-test, coloured or not', () => {
    const log = '\x1b[32m✓\x1b[39m \x1b[97mtest/grammar/injection.test.md\x1b[39m run successfuly.\n✖ test/grammar/other.test.md failed\n'
      + '✖ testcase test/grammar/broken.test.md aborted due to an error\n';
    assert.deepEqual(count(log), { ...none, passed: 1, failed: 2 });
  });

  test('a suite that never started counts nothing', () => {
    assert.deepEqual(count('vscode.sh: no ../shared/vscode-test/run-vscode-tests.js\n'), none);
    assert.deepEqual(count('npm error code ELIFECYCLE\n> eslint . && tsc -p . --noEmit\n'), none);
  });
});
