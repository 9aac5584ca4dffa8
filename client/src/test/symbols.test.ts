import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, lineOf, openEditor, waitFor, workspaceUri, FIXTURE } from './util';

type Sym = vscode.DocumentSymbol;

/** The built-in markdown extension lists headings too; ours is the tree whose sections carry a completeness detail. */
function ourTree(symbols: Sym[] | undefined): Sym | undefined {
  return (symbols ?? []).find((s) => s.children.some((c) => /\d+\/\d+/.test(c.detail)));
}

suite('Document symbols', () => {
  suiteSetup(extensionApi);
  suiteTeardown(closeAll);

  test('vscode.executeDocumentSymbolProvider returns the H1 > H2 > H3 tree with completeness details', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    const root = await waitFor(async () => ourTree(await vscode.commands.executeCommand<Sym[]>('vscode.executeDocumentSymbolProvider', uri)), 'our document symbols');

    assert.strictEqual(root.name, 'Payments Ledger Deep Dive');
    assert.strictEqual(root.range.start.line, 0);
    assert.strictEqual(root.detail, '9/11 written');
    // Ranges end where the next line starts: the H1 runs through the last line of content.
    const last = lineOf(doc, '- Double-entry bookkeeping, explained for engineers.');
    assert.deepStrictEqual([root.range.end.line, root.range.end.character], [last + 1, 0], 'the H1 spans the document');
    assert.deepStrictEqual(root.children.map((c) => c.name), [
      'Title: Payments Ledger', 'Mental Model', 'Tradeoffs', 'Internals & Architecture', 'Failure Modes & Blast Radius',
      'Observability Contract', 'Change Safety', 'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading',
    ]);

    const failure = root.children.find((c) => c.name === 'Failure Modes & Blast Radius')!;
    assert.deepStrictEqual(failure.children.map((c) => c.name), ['Failure Domains', 'Common Failure Scenarios', 'Overload Behavior', 'Cascading Failures']);
    assert.strictEqual(failure.detail, '4/4 subsections');
    assert.strictEqual(root.children.find((c) => c.name === 'Tradeoffs')!.detail, '5/5 subsections · out of order');
    const heading = lineOf(doc, '## Failure Modes & Blast Radius');
    assert.deepStrictEqual([failure.selectionRange.start.line, failure.selectionRange.start.character], [heading, 0]);
    assert.strictEqual(failure.range.start.line, heading);
    assert.ok(failure.range.end.line < lineOf(doc, '## Observability Contract'), 'a section ends before the next one');
    const domains = failure.children[0];
    assert.strictEqual(domains.selectionRange.start.line, lineOf(doc, '### Failure Domains'));
    assert.ok(failure.range.contains(domains.range), 'a subsection lies inside its section');
  });
});
