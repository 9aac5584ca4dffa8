import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';
import type { WorkspaceRow } from '../workspaceView';
import { closeAll, extensionApi, lineOf, openEditor, scratchCopy, waitFor, workspaceUri, FIXTURE } from './util';

/** The row of one document in the Deep Dives view, once the view shows it (and `ok` holds). */
function rowOf(api: DeepDiveApi, uri: vscode.Uri, what: string, ok: (row: WorkspaceRow) => boolean = () => true): Promise<WorkspaceRow> {
  return waitFor(() => {
    const row = api.workspaceDeepDives()?.find((r) => r.item.resourceUri?.toString() === uri.toString());
    return row && ok(row) && row;
  }, what);
}

/** Runs a tree item's command, as a click does. */
async function click(item: vscode.TreeItem): Promise<void> {
  assert.ok(item.command, `${String(item.label)} has a command`);
  await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
}

suite('Deep Dives view', () => {
  let api: DeepDiveApi;
  suiteSetup(async () => {
    api = await extensionApi();
    // As a user opens it: the view asks the server only once it is shown.
    await vscode.commands.executeCommand('deepDive.workspace.focus');
  });
  suiteTeardown(closeAll);

  test('the Deep Dives view lists the workspace\'s deep dives with their completeness and findings, and no ordinary markdown', async () => {
    const uri = workspaceUri(...FIXTURE);
    const row = await rowOf(api, uri, 'the fixture deep dive in the view');
    assert.strictEqual(row.item.label, 'Payments Ledger Deep Dive');
    assert.strictEqual(row.item.description, '9/11 written · 4 warnings');
    assert.deepStrictEqual(row.sections.map((s) => [s.item.label, s.item.description]), [
      ['Mental Model', 'written'],
      ['Internals & Architecture', 'written'],
      ['Failure Modes & Blast Radius', 'written'],
      ['Observability Contract', 'written'],
      ['Change Safety', 'written'],
      ['Security Boundaries', 'missing'],
      ['Tradeoffs', 'written'],
      ['Operational Considerations', 'written'],
      ['What Staff Engineers Ask in Reviews', 'written'],
      ['Further Reading', 'written'],
      ['Exercises', 'missing'],
    ]);
    const internals = row.sections[1];
    assert.deepStrictEqual(internals.subsections.map((s) => s.description), ['written', 'written', 'written']);
    assert.deepStrictEqual(row.sections.map((s) => (s.item.iconPath as vscode.ThemeIcon).id), [
      'pass', 'pass', 'pass', 'pass', 'pass', 'circle-large-outline', 'pass', 'pass', 'pass', 'pass', 'circle-large-outline',
    ]);
    const readme = workspaceUri('README.md').toString();
    assert.ok(!api.workspaceDeepDives()!.some((r) => r.item.resourceUri?.toString() === readme), 'the README is not a deep dive');
  });

  test('clicking a section in the Deep Dives view reveals its heading, a missing one the gap where it belongs', async () => {
    const uri = workspaceUri(...FIXTURE);
    const row = await rowOf(api, uri, 'the fixture deep dive in the view');
    await click(row.sections.find((s) => s.item.label === 'Change Safety')!.item);
    const doc = await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor.document, 'the deep dive opened');
    assert.strictEqual(vscode.window.activeTextEditor!.selection.start.line, lineOf(doc, '## Change Safety'));
    await click(row.sections.find((s) => s.item.label === 'Security Boundaries')!.item);
    assert.strictEqual(vscode.window.activeTextEditor!.selection.active.line, lineOf(doc, '## Operational Considerations') - 1);
    const observability = row.sections.find((s) => s.item.label === 'Observability Contract')!;
    await click(observability.subsections[0]);
    assert.strictEqual(vscode.window.activeTextEditor!.selection.start.line, lineOf(doc, `### ${String(observability.subsections[0].label)}`));
  });

  test('the Deep Dives view follows a save and a deletion', async () => {
    const copy = await scratchCopy('workspace-view');
    try {
      await rowOf(api, copy, 'the new copy listed', (r) => r.item.description === '9/11 written · 4 warnings');
      const editor = await openEditor(copy);
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Exercises\n\nOne.\n'));
      await editor.document.save();
      const row = await rowOf(api, copy, 'Exercises written after the save', (r) => r.item.description === '10/11 written · 3 warnings');
      assert.strictEqual(row.sections.find((s) => s.item.label === 'Exercises')!.item.description, 'written');
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(copy);
    }
    await waitFor(() => !api.workspaceDeepDives()?.some((r) => r.item.resourceUri?.toString() === copy.toString()), 'the deleted copy gone from the view');
  });
});
