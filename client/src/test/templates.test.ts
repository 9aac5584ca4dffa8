import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, missingTitles, openEditor, waitFor, waitForDiagnostics, workspaceUri } from './util';

// Two named templates beside the built-in one, written to the workspace for the suite.
const ADR = (extra = '') => `# ADR\n\n## Context\n\n[Forces]\n\n## Decision\n\n## Consequences\n${extra}`;
const POSTMORTEM = '# Postmortem\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Action Items\n';
const CONFIG = JSON.stringify({
  templates: {
    adr: { path: 'templates/adr.md', globs: ['adr/**/*.md'] },
    postmortem: { path: 'templates/postmortem.md', globs: ['postmortems/**/*.md'] },
  },
});
const DOC = '---\ntemplate: postmortem\n---\n# Checkout errors\n\n## Summary\n\nSlow.\n\n## Impact\n\nSome.\n';

suite('Template families', () => {
  const config = workspaceUri('.deepdive.json');
  const adr = workspaceUri('templates', 'adr.md');
  const postmortem = workspaceUri('templates', 'postmortem.md');
  const doc = workspaceUri('notes', 'retro.md');

  suiteSetup(async () => {
    await extensionApi();
    await vscode.workspace.fs.writeFile(adr, Buffer.from(ADR()));
    await vscode.workspace.fs.writeFile(postmortem, Buffer.from(POSTMORTEM));
    await vscode.workspace.fs.writeFile(doc, Buffer.from(DOC));
    await vscode.workspace.fs.writeFile(config, Buffer.from(CONFIG));
  });
  suiteTeardown(async () => {
    await closeAll();
    for (const uri of [config, adr, postmortem, doc]) await vscode.workspace.fs.delete(uri);
  });

  test('switching `template:` in front matter changes the findings live, and the status says which template and why', async () => {
    const api = await extensionApi();
    const editor = await openEditor(doc);
    await waitForDiagnostics(doc, (d) => missingTitles(d).sort().join() === 'Action Items,Timeline', 'the postmortem template');
    const s = await waitFor(() => api.status(doc)?.template === 'postmortem' && api.status(doc), 'status naming the postmortem');
    assert.strictEqual(s.templateReason, 'front matter on line 2');
    await editor.edit((e) => e.replace(new vscode.Range(1, 10, 1, 20), 'adr'));
    await waitForDiagnostics(doc, (d) => missingTitles(d).sort().join() === 'Consequences,Context,Decision', 'the ADR template, without a save');
    await waitFor(() => api.status(doc)?.template === 'adr', 'status naming the ADR template');
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc, (d) => missingTitles(d).sort().join() === 'Action Items,Timeline', 'back to the postmortem template');
  });

  test('editing a template file re-checks an open document', async () => {
    const editor = await openEditor(doc);
    await editor.edit((e) => e.replace(new vscode.Range(1, 10, 1, 20), 'adr'));
    await waitForDiagnostics(doc, (d) => missingTitles(d).sort().join() === 'Consequences,Context,Decision', 'the ADR template');
    await vscode.workspace.fs.writeFile(adr, Buffer.from(ADR('\n## Status\n')));
    await waitForDiagnostics(doc, (d) => missingTitles(d).sort().join() === 'Consequences,Context,Decision,Status', 'the edited ADR template');
    await vscode.commands.executeCommand('undo');
  });

  test('Which Template Applies? is a command of the extension', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('deepDive.whichTemplate'));
  });
});
