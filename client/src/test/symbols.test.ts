import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';
import { closeAll, extensionApi, lineOf, openEditor, scratchCopy, waitFor, workspaceUri, FIXTURE } from './util';

type Sym = vscode.DocumentSymbol;

function flatten(symbols: Sym[], out: Sym[] = []): Sym[] {
  for (const s of symbols) {
    out.push(s);
    flatten(s.children, out);
  }
  return out;
}

suite('One outline', () => {
  let api: DeepDiveApi;
  suiteSetup(async () => {
    api = await extensionApi();
  });
  suiteTeardown(closeAll);

  test('vscode.executeDocumentSymbolProvider lists each heading exactly once (VS Code\'s markdown outline, not a second one)', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    await waitFor(() => api.status(uri)?.isDeepDive, 'the server analysed the deep dive');
    const headings: number[] = [];
    for (let l = 0; l < doc.lineCount; l++) if (/^#{1,6} /.test(doc.lineAt(l).text)) headings.push(l);
    const symbols = await waitFor(async () => {
      const all = flatten((await vscode.commands.executeCommand<Sym[]>('vscode.executeDocumentSymbolProvider', uri)) ?? []);
      return all.length >= headings.length && all;
    }, 'the markdown outline');
    const perLine = new Map<number, number>();
    for (const s of symbols) perLine.set(s.selectionRange.start.line, (perLine.get(s.selectionRange.start.line) ?? 0) + 1);
    assert.deepStrictEqual(headings.map((l) => [l, perLine.get(l) ?? 0]), headings.map((l) => [l, 1]), 'one symbol per heading');
    assert.strictEqual(symbols.length, headings.length, 'nothing but the headings');
    assert.strictEqual(api.client.initializeResult?.capabilities.documentSymbolProvider, undefined, 'the server offers VS Code no symbols');
  });

  test('the Deep Dive view shows the template\'s sections of the active deep dive: present with completeness, missing where they belong', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    const view = await waitFor(() => api.sections()?.uri.toString() === uri.toString() && api.sections(), 'the Deep Dive view');
    const rows = view.items.map((i) => [i.label, i.description]);
    assert.deepStrictEqual(rows.slice(0, 3), [
      ['Mental Model', ''],
      ['Internals & Architecture', '3/3 subsections'],
      ['Failure Modes & Blast Radius', '4/4 subsections'],
    ]);
    assert.deepStrictEqual(rows.find((r) => r[0] === 'Security Boundaries'), ['Security Boundaries', 'missing · belongs after Change Safety']);
    assert.deepStrictEqual(rows.find((r) => r[0] === 'Tradeoffs'), ['Tradeoffs', '5/5 subsections · out of order']);
    assert.strictEqual(view.items.length, 11);

    // Clicking a missing section reveals the gap where it belongs.
    const security = view.items.find((i) => i.label === 'Security Boundaries')!;
    await vscode.commands.executeCommand(security.command!.command, ...(security.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), doc.uri.toString());
    assert.strictEqual(editor.selection.active.line, lineOf(doc, '## Operational Considerations') - 1);
    // Clicking a present one reveals its heading.
    const internals = view.items.find((i) => i.label === 'Internals & Architecture')!;
    await vscode.commands.executeCommand(internals.command!.command, ...(internals.command!.arguments ?? []));
    assert.strictEqual(vscode.window.activeTextEditor!.selection.start.line, lineOf(doc, '## Internals & Architecture'));
  });

  test('the Deep Dive view follows the active editor and edits; it is empty for ordinary markdown', async () => {
    const copy = await scratchCopy('view');
    const editor = await openEditor(copy);
    await waitFor(() => api.sections()?.uri.toString() === copy.toString(), 'the view for the copy');
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Exercises\n\nOne.\n'));
    await waitFor(() => api.sections()?.items.find((i) => i.label === 'Exercises')?.description === '', 'Exercises present after the edit');
    await openEditor(workspaceUri('README.md'));
    await waitFor(() => !api.sections(), 'no sections for the README');
  });
});
