import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';
import { closeAll, codeOf, extensionApi, lineOf, missingTitles, openEditor, scratchCopy, waitFor, waitForDiagnostics, workspaceUri } from './util';

const SECTIONS = [
  '## Mental Model', '## Internals & Architecture', '## Failure Modes & Blast Radius', '## Observability Contract', '## Change Safety',
  '## Security Boundaries', '## Tradeoffs', '## Operational Considerations', '## What Staff Engineers Ask in Reviews', '## Further Reading', '## Exercises',
];

/** The language server's process (languageclient passes --clientProcessId=<extension host pid>). */
function serverPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return argv.some((a) => a.endsWith('server.js')) && argv.includes(`--clientProcessId=${process.pid}`);
    } catch {
      return false;
    }
  }).map(Number);
}

suite('Commands', () => {
  let api: DeepDiveApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });
  teardown(closeAll);

  test('the commands are registered under their contributed ids', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['deepDive.newDeepDive', 'deepDive.insertMissingSections', 'deepDive.showMissingSections', 'deepDive.restartServer', 'deepDive.showOutput']) {
      assert.ok(all.includes(id), id);
    }
  });

  test('New Deep Dive… opens <topic-slug>.deepdive.md in the workspace root, cursor on the first placeholder, and Save writes there', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('deepDive.newDeepDive', 'Kafka Consumer Groups');
    assert.ok(doc, 'the command returns the new document');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document, doc);
    assert.strictEqual(doc.uri.scheme, 'untitled');
    const target = workspaceUri('kafka-consumer-groups.deepdive.md');
    assert.strictEqual(doc.uri.path, target.path, 'the proposed file: no markdown syntax in its name (the tab title)');
    assert.strictEqual(doc.languageId, 'markdown');
    const text = doc.getText();
    assert.ok(text.startsWith('## Title: Kafka Consumer Groups\n'), 'the title is filled in');
    const lines = SECTIONS.map((h) => lineOf(doc, h));
    assert.deepStrictEqual([...lines].sort((a, b) => a - b), lines, 'all template sections, in order');
    assert.ok(!/\$\{\d/.test(text), 'snippet syntax expanded');
    // The first placeholder is selected (a snippet tab stop): typing replaces it, Tab goes on.
    assert.strictEqual(doc.getText(editor.selection), 'What is this and why does it matter?');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.ok(editor.selection.start.line > 2 && !editor.selection.isEmpty, 'Tab moves to the next placeholder');
    // The document opens empty and the snippet follows: wait for the status of the text as inserted.
    const status = await waitFor(() => api.status(doc.uri)?.version === doc.version && api.status(doc.uri), 'status of the new document');
    assert.deepStrictEqual([status.isDeepDive, status.present, status.total], [true, 11, 11]);

    assert.ok(await doc.save(), 'saved without a dialog');
    try {
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.ok(saved.startsWith('## Title: Kafka Consumer Groups\n'));
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(target);
    }
  });

  test('New Deep Dive… uses the workspace\'s deep-dives/ folder, or deepDive.newDocumentFolder, and never an existing name', async () => {
    const folder = workspaceUri('deep-dives');
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'rate-limiting.deepdive.md'), new TextEncoder().encode('# Rate Limiting\n'));
    try {
      let doc = await vscode.commands.executeCommand<vscode.TextDocument>('deepDive.newDeepDive', 'Rate Limiting');
      assert.strictEqual(doc.uri.path, vscode.Uri.joinPath(folder, 'rate-limiting-2.deepdive.md').path);
      await closeAll();
      await vscode.workspace.getConfiguration('deepDive').update('newDocumentFolder', 'design/docs', vscode.ConfigurationTarget.Workspace);
      doc = await vscode.commands.executeCommand<vscode.TextDocument>('deepDive.newDeepDive', 'Élan: Vital / Signs?');
      assert.strictEqual(doc.uri.path, workspaceUri('design', 'docs', 'elan-vital-signs.deepdive.md').path);
    } finally {
      await vscode.workspace.getConfiguration('deepDive').update('newDocumentFolder', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  test('Insert Missing Sections (no arguments: the active editor) inserts every missing section, selects the first, says what it did, undoes in one step', async () => {
    const uri = await scratchCopy('insert-all');
    const editor = await openEditor(uri);
    const before = editor.document.getText();
    await waitForDiagnostics(uri, (d) => missingTitles(d).length === 2, 'two missing sections');
    const outcome = await vscode.commands.executeCommand<{ inserted: string[]; message: string }>('deepDive.insertMissingSections');
    assert.deepStrictEqual(outcome.inserted, ['Security Boundaries', 'Exercises']);
    assert.strictEqual(outcome.message, 'Inserted 2 sections: Security Boundaries, Exercises.');
    const doc = editor.document;
    assert.ok(lineOf(doc, '## Security Boundaries') < lineOf(doc, '## Operational Considerations'));
    assert.ok(lineOf(doc, '## Exercises') > lineOf(doc, '## Further Reading'));
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document, doc);
    assert.strictEqual(doc.getText(active.selection), '## Security Boundaries', 'the first inserted heading is selected');
    await waitFor(() => active.visibleRanges.some((r) => r.contains(active.selection)), 'the selected heading revealed');
    await waitForDiagnostics(uri, (d) => missingTitles(d).length === 0 && d.some((x) => codeOf(x) === 'section-order'), 'no missing sections');
    const status = await waitFor(() => api.status(uri)?.present === 11 && api.status(uri), 'status 11/11');
    assert.deepStrictEqual(status.missing, []);

    const again = await vscode.commands.executeCommand<{ message: string }>('deepDive.insertMissingSections');
    assert.strictEqual(again.message, 'Nothing is missing: every template section is present.');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before, 'one undo step takes every inserted section out');
  });

  test('Show Missing Sections lists the missing sections and inserts the one picked', async () => {
    const uri = await scratchCopy('pick-missing');
    await openEditor(uri);
    await waitFor(() => api.status(uri)?.missing.length === 2, 'status with two missing');
    const shown = vscode.commands.executeCommand('deepDive.showMissingSections');
    // The quick pick opens asynchronously; accepting its first item (Security Boundaries).
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return vscode.window.activeTextEditor?.document.getText().includes('## Security Boundaries');
    }, 'the picked section inserted');
    await shown;
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.selection.active.line, lineOf(editor.document, '## Security Boundaries'), 'the cursor jumps to it');
  });

  test('Restart Language Server restarts it and diagnostics keep working', async () => {
    const before = serverPids();
    await vscode.commands.executeCommand('deepDive.restartServer');
    await api.ready();
    const after = await waitFor(() => {
      const p = serverPids();
      return p.length === 1 && !before.includes(p[0]) && p;
    }, 'a new server process');
    assert.notDeepStrictEqual(after, before);
    const uri = await scratchCopy('after-restart');
    const editor = await openEditor(uri);
    await waitForDiagnostics(uri, (d) => missingTitles(d).length === 2, 'diagnostics after restart');
    const l = lineOf(editor.document, '## Further Reading');
    await editor.edit((e) => e.delete(new vscode.Range(l, 0, editor.document.lineCount, 0)));
    await waitForDiagnostics(uri, (d) => missingTitles(d).includes('Further Reading'), 'diagnostics follow edits after restart');
  });

  test('a crashed server is restarted automatically', async () => {
    const [pid] = await waitFor(() => serverPids().length === 1 && serverPids(), 'the server process');
    process.kill(pid, 'SIGKILL');
    await waitFor(() => {
      const p = serverPids();
      return p.length === 1 && p[0] !== pid;
    }, 'a restarted server', 30000);
    await api.ready();
    const uri = await scratchCopy('after-crash');
    await openEditor(uri);
    await waitForDiagnostics(uri, (d) => missingTitles(d).length === 2, 'diagnostics after the crash', 30000);
  });

  test('Show Output runs', async () => {
    await vscode.commands.executeCommand('deepDive.showOutput');
  });
});
