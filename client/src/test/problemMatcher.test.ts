import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, waitFor, workspaceUri } from './util';

interface Pattern { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number }
interface Matcher { name: string; owner: string; source: string; pattern: Pattern }

// A line as `deep-dive check` prints it (path:line:col  severity  message  code). About a file of
// its own: the markers a task leaves stay in the Problems panel, and the fixture's are the server's.
const CLI_LINE = "docs/task-output.deepdive.md:3:1  information  'Task Output Check' lacks the template's subsection 'Traces'.  missing-subsection";

suite('Problem matcher', () => {
  suiteSetup(extensionApi);

  test('"$deep-dive" is contributed and its pattern reads the CLI\'s text output', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const matchers = ext.packageJSON.contributes.problemMatchers as Matcher[];
    const matcher = matchers.find((m) => m.name === 'deep-dive');
    assert.ok(matcher, 'a problem matcher named deep-dive');
    const m = new RegExp(matcher.pattern.regexp).exec(CLI_LINE);
    assert.ok(m, 'the pattern matches a CLI line');
    const p = matcher.pattern;
    assert.deepStrictEqual(
      [m[p.file], m[p.line], m[p.column], m[p.severity], m[p.message], m[p.code]],
      ['docs/task-output.deepdive.md', '3', '1', 'info', "'Task Output Check' lacks the template's subsection 'Traces'.", 'missing-subsection'],
    );
  });

  test('a task using "$deep-dive" fills the Problems panel from the CLI\'s output', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const uri = workspaceUri('docs', 'task-output.deepdive.md');
    // The file exists, as files the CLI reports on do (the matcher's autoDetect looks for it).
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Task Output\n\n## Observability Contract\n'));
    // The extension host's node prints the line, as `deep-dive check` would.
    const task = new vscode.Task({ type: 'process' }, folder, 'deep-dive check', 'deep-dive',
      new vscode.ProcessExecution(process.execPath, ['-e', `console.log(${JSON.stringify(CLI_LINE)})`], { cwd: folder.uri.fsPath }), '$deep-dive');
    await vscode.tasks.executeTask(task);
    const found = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'deep-dive' && d.message.startsWith("'Task Output Check'") && d.range.start.line === 2),
      'the task\'s problem in the Problems panel',
    );
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(String(typeof found.code === 'object' ? found.code.value : found.code), 'missing-subsection');
    await vscode.workspace.fs.delete(uri);
  });
});
