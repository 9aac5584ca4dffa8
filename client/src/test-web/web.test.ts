// What only the web build has to prove: it runs without Node, and the server reads the
// workspace's files (here `.deepdive.json`) through the editor's file system.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, extensionApi, openEditor, scratchCopy, waitForDiagnostics, workspaceUri } from '../test/util';

suite('Web extension', () => {
  suiteSetup(extensionApi);
  teardown(closeAll);

  test('runs in the web worker extension host: no Node, a web UI', () => {
    const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
    assert.ok(!proc?.versions?.node, 'no Node in this extension host');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  });

  test('the workspace .deepdive.json reaches the browser server through workspace.fs, and a change to it applies', async () => {
    const uri = await scratchCopy('web-config');
    await openEditor(uri);
    const missing = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'missing-section');
    await waitForDiagnostics(uri, (ds) => missing(ds).length > 0 && missing(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'missing sections as warnings');
    const config = workspaceUri('.deepdive.json');
    try {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "missing-section": "error" } }\n'));
      await waitForDiagnostics(uri, (ds) => missing(ds).length > 0 && missing(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Error), 'missing sections as errors, from .deepdive.json');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForDiagnostics(uri, (ds) => missing(ds).length > 0 && missing(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'warnings again once the file is gone');
  });
});
