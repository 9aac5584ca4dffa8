import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, EXTENSION_ID, extensionApi, openEditor, waitFor, waitForDiagnostics, workspaceUri, FIXTURE } from './util';

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

  test('a .deepdive.json written to the workspace re-checks open deep dives, and its removal too', async () => {
    const uri = workspaceUri(...FIXTURE);
    await openEditor(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'placeholder'), 'the placeholder finding');
    const config = workspaceUri('.deepdive.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "rules": { "placeholder": "off" } }\n'));
    try {
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'placeholder') && d.some((x) => codeOf(x) === 'missing-section'), 'placeholder off by .deepdive.json');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'placeholder'), 'placeholder back after deleting .deepdive.json');
  });

  test('the template named in .deepdive.json is used, and editing it re-checks open deep dives', async () => {
    const api = await extensionApi();
    const uri = workspaceUri(...FIXTURE);
    await openEditor(uri);
    const template = workspaceUri('templates', 'short.md');
    const sections = (names: string[]) =>
      `# Short Template\n\n## Title: [Topic Name]\n\n**One-line summary**: [What is this?]\n\n${names.map((n) => `## ${n}\n\n- Guidance for ${n}\n`).join('\n')}`;
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode(sections(['Mental Model', 'Exercises'])));
    const config = workspaceUri('.deepdive.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "template": "templates/short.md" }\n'));
    try {
      let s = await waitFor(() => api.status(uri)?.total === 2 && api.status(uri), 'status against the short template');
      assert.deepStrictEqual([s.present, s.missing], [1, ['Exercises']]);
      await vscode.workspace.fs.writeFile(template, new TextEncoder().encode(sections(['Mental Model', 'Further Reading', 'Exercises'])));
      s = await waitFor(() => api.status(uri)?.total === 3 && api.status(uri), 'status after the template changed');
      assert.deepStrictEqual([s.present, s.missing], [2, ['Exercises']]);
    } finally {
      await vscode.workspace.fs.delete(config);
      await vscode.workspace.fs.delete(template);
    }
    await waitFor(() => api.status(uri)?.total === 11, 'back to the built-in template');
  });

  test('ordinary markdown typing is untouched: editor.quickSuggestions for markdown is VS Code\'s own default', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.packageJSON.contributes.configurationDefaults, undefined, 'the package changes no editor default');
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    const info = config.inspect('quickSuggestions')!;
    // VS Code's markdown extension turns quick suggestions off for markdown; nothing else may change it.
    assert.deepStrictEqual(config.get('quickSuggestions'), info.defaultLanguageValue ?? info.defaultValue);
    assert.strictEqual(config.get<Record<string, string>>('quickSuggestions')?.other, 'off');
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
