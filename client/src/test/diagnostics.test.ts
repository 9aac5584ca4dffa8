import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';
import { closeAll, codeOf, extensionApi, lineOf, missingTitles, openEditor, ours, rangeOf, scratchCopy, waitFor, waitForDiagnostics, workspaceUri, FIXTURE } from './util';

suite('Diagnostics', () => {
  let api: DeepDiveApi;
  const uri = () => workspaceUri(...FIXTURE);

  suiteSetup(async () => {
    api = await extensionApi();
  });
  suiteTeardown(closeAll);

  test('reports missing-section, placeholder and section-order findings with exact ranges', async () => {
    const doc = (await openEditor(uri())).document;
    const ds = await waitForDiagnostics(uri(), (d) => d.some((x) => codeOf(x) === 'section-order'), 'deep dive diagnostics');
    const pick = (code: string) => ds.filter((d) => codeOf(d) === code).map((d) => [d.message, rangeOf(d.range)]);

    const prereq = lineOf(doc, '**Prerequisites**: [What should readers know before diving in?]');
    assert.deepStrictEqual(pick('placeholder'), [
      ['Unfilled placeholder [What should readers know before diving in?]: replace it with the document\'s own text.', [prereq, 19, prereq, 63]],
    ]);
    const tradeoffs = lineOf(doc, '## Tradeoffs');
    assert.deepStrictEqual(pick('section-order'), [
      ['\'Tradeoffs\' is out of template order: it belongs after \'Change Safety\'.', [tradeoffs, 0, tradeoffs, 12]],
    ]);
    // A missing section marks the gap where it belongs (zero-width), never another section's heading:
    // the blank line before the section it precedes, or the end of the document.
    const ops = lineOf(doc, '## Operational Considerations');
    const end = doc.lineCount - 1;
    assert.strictEqual(doc.lineAt(ops - 1).text, '');
    assert.deepStrictEqual(pick('missing-section'), [
      ['Missing section \'Security Boundaries\': it belongs after \'Change Safety\'.', [ops - 1, 0, ops - 1, 0]],
      ['Missing section \'Exercises\': it belongs after \'Further Reading\'.', [end, 0, end, 0]],
    ]);
    const security = ds.find((d) => d.message.includes('Security Boundaries'))!;
    assert.strictEqual(security.relatedInformation?.[0].location.range.start.line, lineOf(doc, '## Change Safety'), 'related information names the neighbour');
    for (const d of ds) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, d.message);
  });

  test('links each finding to its rule documentation', async () => {
    await openEditor(uri());
    const ds = await waitForDiagnostics(uri(), (d) => d.length > 0, 'deep dive diagnostics');
    for (const d of ds) {
      const code = d.code as { value: string; target: vscode.Uri };
      assert.strictEqual(code.target.toString(), `https://github.com/deep-dive/deep-dive/blob/main/docs/rules/${code.value}.md`);
    }
    const order = ds.find((d) => codeOf(d) === 'section-order');
    const related = order?.relatedInformation?.[0];
    assert.ok(related, 'section-order carries related information');
    assert.strictEqual(related.location.uri.toString(), uri().toString());
    assert.strictEqual(related.location.range.start.line, lineOf(await vscode.workspace.openTextDocument(uri()), '## Change Safety'));
  });

  test('gives an ordinary README in the same workspace no diagnostics', async () => {
    const readme = workspaceUri('README.md');
    await openEditor(readme);
    // The server reports its verdict for every analysed document; wait for it, then check.
    const status = await waitFor(() => api.status(readme), 'deepDive/status for README.md');
    assert.strictEqual(status.isDeepDive, false);
    assert.deepStrictEqual(ours(readme), []);
  });

  test('language status counts the sections and lists the missing ones', async () => {
    await openEditor(uri());
    const status = await waitFor(() => api.status(uri()), 'deepDive/status for the fixture');
    assert.deepStrictEqual(
      { isDeepDive: status.isDeepDive, present: status.present, written: status.written, total: status.total, missing: status.missing, scaffolded: status.scaffolded },
      { isDeepDive: true, present: 9, written: 9, total: 11, missing: ['Security Boundaries', 'Exercises'], scaffolded: [] },
    );
  });

  test('code lenses at the gaps: "Missing: <section> · Insert", and the lens inserts that section there', async () => {
    const copy = await scratchCopy('lens');
    const editor = await openEditor(copy);
    const doc = editor.document;
    await waitForDiagnostics(copy, (d) => missingTitles(d).length === 2, 'two missing sections');
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', copy, 10);
      return l.filter((x) => x.command?.command === 'deepDive.insertMissingSections').length === 2 && l;
    }, 'two Deep Dive code lenses');
    const deepDiveLenses = lenses.filter((x) => x.command?.command === 'deepDive.insertMissingSections');
    const gap = lineOf(doc, '## Operational Considerations') - 1;
    assert.deepStrictEqual(deepDiveLenses.map((l) => [l.range.start.line, l.command!.title]), [
      [gap, 'Missing: Security Boundaries · Insert'],
      [doc.lineCount - 1, 'Missing: Exercises · Insert'],
    ]);
    const lens = deepDiveLenses[0].command!;
    const outcome = await vscode.commands.executeCommand<{ inserted: string[]; message: string }>(lens.command, ...(lens.arguments ?? []));
    assert.deepStrictEqual(outcome.inserted, ['Security Boundaries']);
    assert.strictEqual(lineOf(doc, '## Security Boundaries'), gap + 1, 'inserted where the lens stood');
    await waitForDiagnostics(copy, (d) => missingTitles(d).join() === 'Exercises', 'only Exercises missing');
  });

  test('progress at a glance: a status bar item with the completeness, coloured by the worst finding, hidden for ordinary markdown', async () => {
    await openEditor(uri());
    const shown = await waitFor(() => api.progress(), 'the progress item');
    assert.strictEqual(shown.text, '$(checklist) 9/11 written');
    assert.strictEqual(shown.background, 'statusBarItem.warningBackground', 'the worst finding is a warning');
    assert.match(shown.tooltip, /Missing: Security Boundaries, Exercises/);

    await vscode.workspace.getConfiguration('deepDive').update('rules', { 'missing-section': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.progress()?.background === 'statusBarItem.errorBackground', 'the error background');
      await vscode.workspace.getConfiguration('deepDive').update('rules', { 'missing-section': 'off', placeholder: 'off', 'section-order': 'off' }, vscode.ConfigurationTarget.Workspace);
      const clean = await waitFor(() => api.progress()?.background === undefined && api.progress(), 'no background without findings');
      assert.strictEqual(clean.text, '$(checklist) 9/11 written');
    } finally {
      await vscode.workspace.getConfiguration('deepDive').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }

    await openEditor(workspaceUri('README.md'));
    await waitFor(() => api.status(workspaceUri('README.md')) && !api.progress(), 'no progress item for ordinary markdown');
  });
});
