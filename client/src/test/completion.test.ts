import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, codeOf, extensionApi, lineOf, missingTitles, openEditor, scratchCopy, waitFor, waitForDiagnostics, workspaceUri } from './util';

const TEMPLATE_TITLES = [
  'Mental Model', 'Internals & Architecture', 'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety',
  'Security Boundaries', 'Tradeoffs', 'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading', 'Exercises',
];

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** A scratch deep dive (Exercises missing, analysed) with `line` typed as a new last line; the end of that line. */
async function withLastLine(name: string, line: string): Promise<{ uri: vscode.Uri; editor: vscode.TextEditor; pos: vscode.Position }> {
  const uri = await scratchCopy(name);
  const editor = await openEditor(uri);
  await waitForDiagnostics(uri, (d) => missingTitles(d).includes('Exercises'), 'missing Exercises');
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((e) => e.insert(end, `\n${line}`));
  return { uri, editor, pos: editor.document.lineAt(editor.document.lineCount - 1).range.end };
}

suite('Completion', () => {
  suiteSetup(extensionApi);
  teardown(closeAll);

  test('vscode.executeCompletionItemProvider at "## " offers the missing sections in template order, and one inserts its scaffold', async () => {
    // A new "## " line at the end of the document, where Exercises belongs.
    const { uri, editor, pos } = await withLastLine('completion', '## ');

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

  test('section completion arrives through the server\'s trigger characters "#" and " " (quick suggestions stay off in markdown)', async () => {
    const api = await extensionApi();
    const triggers = api.client.initializeResult?.capabilities.completionProvider?.triggerCharacters ?? [];
    assert.ok(triggers.includes('#') && triggers.includes(' '), `trigger characters: ${JSON.stringify(triggers)}`);
    const { uri, editor, pos: { line } } = await withLastLine('completion-trigger', '##');
    for (const [character, trigger] of [[2, '#'], [3, ' ']] as const) {
      if (trigger === ' ') await editor.edit((e) => e.insert(new vscode.Position(line, 2), ' '));
      const list = await waitFor(async () => {
        const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character), trigger, 50);
        return l.items.some((i) => label(i) === 'Exercises') && l;
      }, `section completions on "${trigger}"`);
      assert.deepStrictEqual(list.items.filter((i) => TEMPLATE_TITLES.includes(label(i))).map(label).sort(), ['Exercises', 'Security Boundaries']);
    }
  });

  test('in a deep dive the server offers the template\'s snippets at "dd-", each once beside the package\'s own', async () => {
    const { uri, pos } = await withLastLine('completion-snippets', 'dd-fail');
    const ask = (trigger?: string) => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos, trigger, 200);
    const named = (l: vscode.CompletionList) => l.items.filter((i) => label(i) === 'dd-failure-modes');
    // Typing "-" asks the server (a trigger character): its snippet comes.
    const typed = await waitFor(async () => named(await ask('-')).length > 0 && named(await ask('-')), 'the dd-failure-modes snippet on "-"');
    assert.ok(typed.every((i) => i.kind === vscode.CompletionItemKind.Snippet));
    // Ctrl+Space asks every provider, the package's snippets too: the same snippet is listed once.
    const invoked = named(await ask());
    assert.strictEqual(invoked.length, 1, 'offered once, not by both the package and the server');
    assert.strictEqual(invoked[0].kind, vscode.CompletionItemKind.Snippet);
    // With a template of the workspace's own, the server's snippets are that template's.
    const template = workspaceUri('templates', 'snippets.md');
    await vscode.workspace.fs.writeFile(template, new TextEncoder().encode('# T\n\n## Title: [Topic Name]\n\n## Mental Model\n\n- What?\n\n## Failure Modes & Blast Radius\n\n- Custom guidance for failures\n'));
    const config = workspaceUri('.deepdive.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "template": "templates/snippets.md" }\n'));
    try {
      const custom = await waitFor(async () => {
        const l = await ask('-');
        const ours = l.items.filter((i) => label(i) === 'dd-failure-modes' && String((i.insertText as vscode.SnippetString)?.value ?? i.insertText).includes('Custom guidance'));
        return ours.length === 1 && ours[0];
      }, 'the custom template\'s snippet');
      assert.strictEqual(custom.kind, vscode.CompletionItemKind.Snippet);
    } finally {
      await vscode.workspace.fs.delete(config);
      await vscode.workspace.fs.delete(template);
    }
  });
});
