// What only the web build has to prove: it runs without Node. (Files through the editor's
// file system: settings.test.ts writes `.deepdive.json` and a template, which the server reads.)
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { extensionApi } from '../test/util';

suite('Web extension', () => {
  suiteSetup(extensionApi);

  test('runs in the web worker extension host: no Node, a web UI', () => {
    const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
    assert.ok(!proc?.versions?.node, 'no Node in this extension host');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  });
});
