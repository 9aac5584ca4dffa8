// Not a test: arranges the picture of docs/web.md in VS Code for the Web (client/scripts/screenshots.mjs
// --web loads it as the extensionTestsPath of the browser-only extension). A web worker has no
// environment or disk: the handshake files go through workspace.fs into `scenes/` beside the
// workspace folder, where the screenshot script (on the same machine) looks for them.
import * as vscode from 'vscode';
import { codeOf, lineOf, openEditor, scratchCopy, waitFor, waitForDiagnostics } from '../test/util';

const cmd = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args);

async function shoot(scene: string): Promise<void> {
  const dir = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '..', 'scenes');
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, `${scene}.ready`), new Uint8Array());
  const done = vscode.Uri.joinPath(dir, `${scene}.done`);
  await waitFor(async () => !!(await vscode.workspace.fs.stat(done)), `screenshot ${scene}`, 120000);
}

export async function run(): Promise<void> {
  const uri = await scratchCopy('web');
  const editor = await openEditor(uri);
  await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'missing-section'), 'diagnostics');
  // The quick fix menu at the gap where Security Boundaries belongs, above the Problems panel.
  const gap = lineOf(editor.document, '## Operational Considerations') - 1;
  editor.revealRange(new vscode.Range(Math.max(0, gap - 12), 0, gap, 0), vscode.TextEditorRevealType.AtTop);
  editor.selection = new vscode.Selection(gap, 0, gap, 0);
  await cmd('workbench.actions.view.problems');
  await cmd('workbench.action.focusActiveEditorGroup');
  const range = new vscode.Range(gap, 0, gap, 0);
  await waitFor(async () => ((await cmd('vscode.executeCodeActionProvider', uri, range)) as vscode.CodeAction[]).length > 0, 'quick fixes');
  await cmd('editor.action.quickFix');
  await shoot('web');
}
