import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, lineOf, openEditor, waitFor, workspaceUri, FIXTURE } from './util';

type Sym = vscode.DocumentSymbol;

/**
 * The built-in markdown extension lists headings too, as one tree under the H1; ours is
 * the title (with the section count) followed by the sections beside it.
 */
function ourOutline(symbols: Sym[] | undefined): Sym[] | undefined {
  const all = symbols ?? [];
  const t = all.findIndex((s) => /^\d+\/\d+ sections$/.test(s.detail));
  if (t < 0) return undefined;
  const rest = all.slice(t + 1);
  const theirs = rest.findIndex((s) => s.name === all[t].name);
  return [all[t], ...(theirs < 0 ? rest : rest.slice(0, theirs))];
}

suite('Document symbols', () => {
  suiteSetup(extensionApi);
  suiteTeardown(closeAll);

  test('vscode.executeDocumentSymbolProvider returns the title, then the H2 > H3 sections beside it with completeness details', async () => {
    const uri = workspaceUri(...FIXTURE);
    const doc = (await openEditor(uri)).document;
    const [root, ...sections] = await waitFor(async () => ourOutline(await vscode.commands.executeCommand<Sym[]>('vscode.executeDocumentSymbolProvider', uri)), 'our document symbols');

    assert.strictEqual(root.name, 'Payments Ledger Deep Dive');
    assert.strictEqual(root.range.start.line, 0);
    assert.strictEqual(root.detail, '9/11 sections');
    assert.strictEqual(root.kind, vscode.SymbolKind.String);
    // The title spans what precedes its sections; they are its siblings, in document order.
    assert.deepStrictEqual(root.children, []);
    assert.ok(root.range.end.line <= sections[0].range.start.line, 'the title ends before the first section');
    const last = lineOf(doc, '- Double-entry bookkeeping, explained for engineers.');
    assert.deepStrictEqual([sections[sections.length - 1].range.end.line, sections[sections.length - 1].range.end.character], [last + 1, 0], 'the last section runs through the last line of content');
    assert.deepStrictEqual(sections.map((c) => c.name), [
      'Title: Payments Ledger', 'Mental Model', 'Tradeoffs', 'Internals & Architecture', 'Failure Modes & Blast Radius',
      'Observability Contract', 'Change Safety', 'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading',
    ]);

    const failure = sections.find((c) => c.name === 'Failure Modes & Blast Radius')!;
    assert.deepStrictEqual(failure.children.map((c) => c.name), ['Failure Domains', 'Common Failure Scenarios', 'Overload Behavior', 'Cascading Failures']);
    assert.strictEqual(failure.detail, '4/4 subsections');
    assert.strictEqual(sections.find((c) => c.name === 'Tradeoffs')!.detail, '5/5 subsections · out of order');
    const heading = lineOf(doc, '## Failure Modes & Blast Radius');
    assert.deepStrictEqual([failure.selectionRange.start.line, failure.selectionRange.start.character], [heading, 0]);
    assert.strictEqual(failure.range.start.line, heading);
    assert.ok(failure.range.end.line < lineOf(doc, '## Observability Contract'), 'a section ends before the next one');
    const domains = failure.children[0];
    assert.strictEqual(domains.selectionRange.start.line, lineOf(doc, '### Failure Domains'));
    assert.ok(failure.range.contains(domains.range), 'a subsection lies inside its section');
  });
});
