import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, lineOf, openEditor, waitFor, workspaceUri, FIXTURE } from './util';

function text(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

suite('Hover and workspace symbols', () => {
  suiteSetup(extensionApi);
  suiteTeardown(closeAll);

  test('vscode.executeHoverProvider on a template heading shows the template\'s guidance', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    const at = new vscode.Position(lineOf(doc, '## Mental Model'), 5);
    const hovers = await waitFor(async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      return hs.filter((h) => text(h).includes('Core abstraction')).length > 0 && hs;
    }, 'our hover');
    assert.ok(hovers.some((h) => text(h).includes('Key invariants')), 'the template bullets of Mental Model');
  });

  test('vscode.executeHoverProvider on a placeholder says what belongs there', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    const line = lineOf(doc, '**Prerequisites**: [What should readers know before diving in?]');
    const hs = await waitFor(async () => {
      const r = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 25));
      return r.some((h) => /placeholder/i.test(text(h))) && r;
    }, 'placeholder hover');
    const ours = hs.find((h) => /placeholder/i.test(text(h)))!;
    assert.deepStrictEqual([ours.range?.start.line, ours.range?.start.character, ours.range?.end.character], [line, 19, 63]);
  });

  test('vscode.executeWorkspaceSymbolProvider finds sections of deep dives that are not open', async () => {
    await closeAll();
    const found = await waitFor(async () => {
      const all = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Blast Radius');
      return all.filter((s) => s.name === 'Failure Modes & Blast Radius' && s.location.uri.path.endsWith('/docs/payments-ledger.deepdive.md'));
    }, 'a workspace symbol');
    assert.strictEqual(found.length, 1);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(...FIXTURE));
    assert.strictEqual(found[0].location.range.start.line, lineOf(doc, '## Failure Modes & Blast Radius'));
  });
});
