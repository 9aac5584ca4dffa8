// Not a test: arranges the workbench for the README screenshots (client/scripts/screenshots.mjs).
// For each scene it sets up the editor, writes <dir>/<scene>.ready and waits for the screenshot
// script to write <dir>/<scene>.done. Loaded as extensionTestsPath with DEEPDIVE_SCENES_DIR set.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, codeOf, extensionApi, lineOf, openEditor, scratchCopy, waitFor, waitForDiagnostics } from './util';

const dir = process.env.DEEPDIVE_SCENES_DIR ?? '';
const cmd = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args);
/** Layout commands that may not exist in every VS Code version: a missing one only changes the picture. */
const tryCmd = (id: string) => Promise.resolve(vscode.commands.executeCommand(id)).catch(() => undefined);

async function shoot(scene: string): Promise<void> {
  fs.writeFileSync(path.join(dir, `${scene}.ready`), '');
  await waitFor(() => fs.existsSync(path.join(dir, `${scene}.done`)), `screenshot ${scene}`, 120000);
}

async function deepDive(name: string): Promise<vscode.TextEditor> {
  const uri = await scratchCopy(name);
  const editor = await openEditor(uri);
  await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'missing-section'), 'diagnostics');
  return editor;
}

function reveal(editor: vscode.TextEditor, line: number, col = 0) {
  const pos = new vscode.Position(line, col);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
}

export async function run(): Promise<void> {
  if (!dir) throw new Error('DEEPDIVE_SCENES_DIR is not set');
  await extensionApi();
  await cmd('workbench.action.closeAllEditors');
  await tryCmd('workbench.action.closeAuxiliaryBar');

  // 1. Squiggles and the Problems panel.
  let editor = await deepDive('payments-ledger');
  reveal(editor, 0);
  await cmd('workbench.actions.view.problems');
  await cmd('workbench.action.focusActiveEditorGroup');
  await shoot('problems');
  await cmd('workbench.action.closePanel');

  // 2. The Outline view with the section tree (and breadcrumbs).
  reveal(editor, lineOf(editor.document, '## Failure Modes & Blast Radius'));
  await cmd('outline.focus');
  await cmd('workbench.action.focusActiveEditorGroup');
  await shoot('outline');

  // 3. Overview for the README: squiggles, the Problems panel and the Outline together.
  reveal(editor, 0);
  await cmd('workbench.actions.view.problems');
  await cmd('workbench.action.focusActiveEditorGroup');
  await shoot('overview');
  await cmd('workbench.action.closePanel');

  // 4. Completion at "## " where the missing Exercises section belongs.
  await cmd('workbench.action.closeSidebar');
  editor = await deepDive('completion');
  const last = editor.document.lineCount - 1;
  await editor.edit((e) => e.insert(editor.document.lineAt(last).range.end, '\n\n## '));
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  reveal(editor, Math.max(0, end.line - 12));
  editor.selection = new vscode.Selection(end, end);
  await cmd('editor.action.triggerSuggest');
  await shoot('completion');
  await cmd('hideSuggestWidget');
  await closeAll();

  // 5. The quick fix menu on a missing section, at the gap where it belongs (with its code lens).
  editor = await deepDive('quick-fix');
  const gap = lineOf(editor.document, '## Operational Considerations') - 1;
  reveal(editor, Math.max(0, gap - 10));
  editor.selection = new vscode.Selection(gap, 0, gap, 0);
  // VS Code's first code action query for a document can come back empty (see codeActions.test.ts).
  const range = new vscode.Range(gap, 0, gap, 0);
  await waitFor(async () => ((await cmd('vscode.executeCodeActionProvider', editor.document.uri, range)) as vscode.CodeAction[]).length > 0, 'quick fixes');
  await cmd('editor.action.quickFix');
  await shoot('quick-fix');
  await cmd('workbench.action.closeQuickOpen');
  await closeAll();

  // 6. The language status item ("Deep dive: 9/11 written"), opened by the screenshot script,
  // above the progress item in the status bar.
  editor = await deepDive('status');
  reveal(editor, 0);
  await shoot('status');
  await closeAll();

  // 7. (walkthrough) New Deep Dive…: the new file, its first placeholder selected.
  await cmd('workbench.action.closeSidebar');
  await cmd('deepDive.newDeepDive', 'Kafka Consumer Groups');
  await shoot('new-deep-dive');
  await closeAll();

  // 8. (walkthrough) The Deep Dive view beside a deep dive.
  editor = await deepDive('sections');
  reveal(editor, lineOf(editor.document, '## Failure Modes & Blast Radius'));
  await cmd('workbench.view.explorer');
  await cmd('deepDive.deepDives.focus');
  await cmd('workbench.action.focusActiveEditorGroup');
  await shoot('sections');
  await closeAll();

  // 9. (walkthrough) The CLI in a terminal, beside a CI workflow that runs it.
  await cmd('workbench.action.closeSidebar');
  const workflow = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.github', 'workflows', 'docs.yml');
  await vscode.workspace.fs.writeFile(workflow, new TextEncoder().encode(WORKFLOW));
  await openEditor(workflow);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  // The CLI of the same build (`npm run package` builds it next to the extension's bundles), as `deep-dive`.
  const cli = path.resolve(__dirname, '../../dist/cli.js');
  // Run as users run it: with the `node` on PATH (not the extension host's own runtime).
  fs.writeFileSync(path.join(bin, 'deep-dive'), `#!/bin/sh\nunset NODE_OPTIONS\nexec node "${cli}" "$@"\n`, { mode: 0o755 });
  // A plain shell and prompt: the picture shows the command and its output, nothing of the machine.
  const terminal = vscode.window.createTerminal({ name: 'deep-dive', cwd: vscode.workspace.workspaceFolders![0].uri, shellPath: '/bin/sh',
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, PS1: '$ ', ENV: '' } });
  terminal.show();
  terminal.sendText('deep-dive check docs/');
  await shoot('ci');
  terminal.dispose();
  await closeAll();
}

const WORKFLOW = `name: docs
on: [push, pull_request]
jobs:
  deep-dives:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      # Fails the build when a deep dive has warnings or errors.
      - run: npx deep-dive check docs/
`;
