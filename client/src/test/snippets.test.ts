import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, extensionApi, waitFor } from './util';

interface Snippet { prefix: string | string[]; body: string | string[]; description?: string }

suite('Snippets', () => {
  suiteSetup(extensionApi);
  teardown(closeAll);

  test('the contributed "deepdive" snippet inserts the whole template through editor.action.insertSnippet', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const file = path.join(ext.extensionPath, 'snippets', 'markdown.json');
    const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;
    const name = Object.keys(snippets).find((k) => [snippets[k].prefix].flat().includes('deepdive'));
    assert.ok(name, 'a snippet with prefix "deepdive"');

    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    // insertSnippet by name only finds snippets VS Code registered from our package.json.
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
    const text = editor.document.getText();
    for (const h of ['## Mental Model', '### Common Failure Scenarios', '## Security Boundaries', '## Exercises']) assert.ok(text.includes(h), `snippet text has ${h}`);
    assert.ok(!/\$\{\d+/.test(text), 'placeholders were expanded');
  });

  test('the snippet is offered as a completion for "deepdive"', async () => {
    // An untitled document of its own name: a reused "Untitled-1" can still hold the previous test's text.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: 'notes.md' }));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'deepdive'));
    assert.strictEqual(doc.languageId, 'markdown');
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 8));
      return list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && (typeof i.label === 'string' ? i.label : i.label.label) === 'deepdive');
    }, 'a snippet completion labelled deepdive');
  });
});
