import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, extensionApi, openEditor, waitForDiagnostics, workspaceUri, FIXTURE } from './util';

suite('Settings', () => {
  suiteSetup(extensionApi);
  teardown(async () => {
    await vscode.workspace.getConfiguration('deepDive').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('a rule set to "off" in the settings takes effect without a reload, and back', async () => {
    const uri = workspaceUri(...FIXTURE);
    await openEditor(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'placeholder'), 'the placeholder finding');
    const config = vscode.workspace.getConfiguration('deepDive');
    await config.update('rules', { placeholder: 'off', 'section-order': 'error' }, vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'placeholder') && d.some((x) => codeOf(x) === 'missing-section'), 'placeholder off');
    assert.strictEqual(ds.find((d) => codeOf(d) === 'section-order')?.severity, vscode.DiagnosticSeverity.Error, 'severity follows the setting');
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'placeholder'), 'placeholder back on');
  });

  test('quick suggestions are on for markdown (configurationDefaults), so completion pops up while typing', () => {
    const quick = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).get<Record<string, string>>('quickSuggestions');
    assert.strictEqual(quick?.other, 'on');
  });

  test('deepDive.enable false clears the diagnostics', async () => {
    const uri = workspaceUri(...FIXTURE);
    await openEditor(uri);
    const config = vscode.workspace.getConfiguration('deepDive');
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics when disabled');
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics again');
  });
});
