// `npm run test:vscode`: the conventional @vscode/test-electron path. It downloads VS Code,
// so it needs internet; offline (CI) use `npm run test:vscode:offline` instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main() {
  const root = path.resolve(__dirname, '../..');
  // A scratch copy of the fixture workspace: the suite edits settings and documents.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-ws-'));
  fs.cpSync(path.join(root, 'client/src/test/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
