// Counts the tests in the log of one CI suite, whatever ran in it:
// - node:test's TAP summary (`# pass N`, `# fail N`, `# cancelled N`, `# todo N`, at the
//   start of a line; summed when a log holds several runs); skips are counted from the
//   `# SKIP` directives instead of `# skipped N`, which leaves out skipped suites;
// - the VS Code runner's last line `N passed, N failed`, and mocha's `N pending`;
// - vscode-tmgrammar-test's `✓ FILE run successfuly.` / `✖ FILE failed` per test file.
// Usage: node .ci/tally.mjs LOG  prints "passed failed skipped cancelled todo".
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @returns {{ passed: number, failed: number, skipped: number, cancelled: number, todo: number }} */
export function tally(log) {
  // eslint-disable-next-line no-control-regex -- colour codes, should a reporter print them
  const text = log.replace(/\x1b\[[0-9;]*m/g, '');
  const sum = (re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  const count = (re) => [...text.matchAll(re)].length;
  return {
    passed: sum(/^# pass (\d+)$/gm) + sum(/^(\d+) passed, \d+ failed$/gm) + count(/^✓ \S.* run successfull?y\.$/gm),
    failed: sum(/^# fail (\d+)$/gm) + sum(/^\d+ passed, (\d+) failed$/gm) + count(/^✖ (?:\S.* failed|testcase \S.* aborted due to an error)$/gm),
    skipped: count(/^\s*ok \d+ - .*# SKIP\b/gm) + sum(/^\s*(\d+) pending$/gm),
    cancelled: sum(/^# cancelled (\d+)$/gm),
    todo: sum(/^# todo (\d+)$/gm),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = tally(readFileSync(process.argv[2], 'utf8'));
  console.log(`${t.passed} ${t.failed} ${t.skipped} ${t.cancelled} ${t.todo}`);
}
