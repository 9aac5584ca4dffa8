// The extensionTestsPath module (same contract for @vscode/test-electron and
// ../shared/vscode-test): run() loads every *.test.js next to it and rejects on failures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
  const grep = process.env.DEEPDIVE_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The shared runner (which sets VSCODE_TEST_RESULTS) prints this line itself; once is
      // enough for .ci/run, which adds up every such line.
      if (!process.env.VSCODE_TEST_RESULTS) console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
    // For run-vscode-tests.js: exact counts, kept current so a cut-short run has them too.
    const results = process.env.VSCODE_TEST_RESULTS;
    if (results) for (const ev of ['pass', 'fail', 'end']) runner.on(ev, () => fs.writeFileSync(results, JSON.stringify(runner.stats)));
  });
}
