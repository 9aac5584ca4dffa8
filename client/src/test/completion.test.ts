import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, extensionApi, lineOf, missingTitles, openEditor, scratchCopy, waitFor, waitForDiagnostics } from './util';

const TEMPLATE_TITLES = [
  'Mental Model', 'Internals & Architecture', 'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety',
  'Security Boundaries', 'Tradeoffs', 'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading', 'Exercises',
];

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('Completion', () => {
  suiteSetup(extensionApi);
  teardown(closeAll);

  test('vscode.executeCompletionItemProvider at "## " offers the missing sections in template order, and one inserts its scaffold', async () => {
    const uri = await scratchCopy('completion');
    const editor = await openEditor(uri);
    await waitForDiagnostics(uri, (d) => missingTitles(d).includes('Exercises'), 'missing Exercises');
    // A new "## " line at the end of the document, where Exercises belongs.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n## '));
    const pos = editor.document.lineAt(editor.document.lineCount - 1).range.end;

    const list = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, ' ', 50);
      return l.items.some((i) => TEMPLATE_TITLES.includes(label(i))) && l;
    }, 'section completions');
    const offered = list.items.filter((i) => TEMPLATE_TITLES.includes(label(i)))
      // VS Code orders by sortText (falling back to the server's order).
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepStrictEqual(offered.map(label), ['Security Boundaries', 'Exercises'], 'only missing sections, in template order');

    const item = offered.find((i) => label(i) === 'Exercises')!;
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    const text = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? label(item)).replace(/\$/g, '\\$'));
    assert.ok(await editor.insertSnippet(text, range ?? pos), 'the completion applies');
    if (item.additionalTextEdits?.length) await editor.edit((e) => item.additionalTextEdits!.forEach((t) => e.replace(t.range, t.newText)));

    const doc = editor.document;
    const heading = lineOf(doc, '## Exercises');
    assert.ok(doc.getText().includes('Exercise 1'), 'the scaffold carries the template guidance');
    // one heading, set off from the section before by the document's `---`, as the quick fix sets it off
    assert.strictEqual(doc.getText().split('\n').filter((l) => l === '## Exercises').length, 1);
    assert.match(doc.getText(), /explained for engineers\.\n\n---\n\n## Exercises\n\n1\. Exercise 1/);
    assert.ok(heading > lineOf(doc, '## Further Reading'));
    await waitForDiagnostics(uri, (d) => !missingTitles(d).includes('Exercises') && d.some((x) => codeOf(x) === 'missing-section'), 'Exercises no longer missing');
  });

  test('"### " inside a section offers only that section\'s missing subsections', async () => {
    const uri = await scratchCopy('completion-sub');
    const editor = await openEditor(uri);
    const doc = editor.document;
    // Drop "### Logs" from Observability Contract, then ask at a new "### " line in that section.
    const logs = lineOf(doc, '### Logs');
    await editor.edit((e) => e.replace(new vscode.Range(logs, 0, logs + 1, doc.lineAt(logs + 1).text.length), '### '));
    const pos = new vscode.Position(logs, 4);
    const list = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, ' ', 50);
      return l.items.some((i) => label(i) === 'Logs') && l;
    }, 'subsection completions');
    const labels = list.items.map(label);
    assert.ok(!labels.includes('Identity & Authentication'), 'no subsections of other sections');
    assert.ok(!labels.includes('Traces'), 'no subsections that are present');
  });
});
