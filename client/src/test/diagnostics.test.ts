import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';
import { closeAll, codeOf, extensionApi, lineOf, openEditor, ours, rangeOf, waitFor, waitForDiagnostics, workspaceUri, FIXTURE } from './util';

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
    // A missing section is reported on the heading it should precede, or on the last line.
    const ops = lineOf(doc, '## Operational Considerations');
    const last = lineOf(doc, '- Double-entry bookkeeping, explained for engineers.');
    assert.deepStrictEqual(pick('missing-section'), [
      ['Missing section \'Security Boundaries\': it belongs after \'Change Safety\'.', [ops, 0, ops, 29]],
      ['Missing section \'Exercises\': it belongs after \'Further Reading\'.', [last, 0, last, 52]],
    ]);
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
});
