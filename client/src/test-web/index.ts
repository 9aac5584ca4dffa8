// The web suite's extensionTestsPath module: the extension-host suite's files that
// need no Node, and the web-only tests, run by tdd.ts in the web worker extension host.
// (No readdir there: the files are bundled in, listed here.)
import { runAll } from './tdd';
import '../test/diagnostics.test';
import '../test/completion.test';
import '../test/codeActions.test';
import '../test/symbols.test';
import '../test/hover.test';
import '../test/settings.test';
import '../test/workspaceView.test';
import './web.test';

export function run(): Promise<void> {
  return runAll();
}
