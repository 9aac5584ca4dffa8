// Helpers shared by the extension-host suites: find the extension's API, poll with deadlines.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { DeepDiveApi } from '../extension';

export const EXTENSION_ID = 'deep-dive.deep-dive';

/** Polls probe() until it returns something truthy; fails with `what` after `ms`. */
export async function waitFor<T>(probe: () => T | undefined | false | null | Promise<T | undefined | false | null>, what: string, ms = 20000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Activates the extension (as installed) and waits until its language server runs. */
export async function extensionApi(): Promise<DeepDiveApi> {
  const ext = vscode.extensions.getExtension<DeepDiveApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is not open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** The diagnostic code as a string (languageclient turns code + codeDescription into {value, target}). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : String(typeof c === 'object' ? c.value : c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'deep-dive');
}

/** Waits for diagnostics of ours that satisfy `ok` (the server publishes asynchronously). */
export function waitForDiagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, ms?: number) {
  return waitFor(() => {
    const ds = ours(uri);
    return ok(ds) && ds;
  }, what, ms);
}

/** [line, startChar, line, endChar] for compact range assertions. */
export function rangeOf(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** Index of the first line equal to `text` (exact), so expectations follow the fixture. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let l = 0; l < doc.lineCount; l++) if (doc.lineAt(l).text === text) return l;
  assert.fail(`no line ${JSON.stringify(text)} in ${doc.uri.toString()}`);
}

/** Reverts and closes every editor so one test's edits never leak into the next. */
export async function closeAll(): Promise<void> {
  // Revert first: closing a dirty editor would ask whether to save.
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && !doc.isClosed) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const FIXTURE = ['docs', 'payments-ledger.deepdive.md'];

/** A fresh copy of the fixture deep dive for a test that edits it (the workspace is a scratch copy too). */
export async function scratchCopy(name: string): Promise<vscode.Uri> {
  const dst = workspaceUri('scratch', `${name}.deepdive.md`);
  await vscode.workspace.fs.copy(workspaceUri(...FIXTURE), dst, { overwrite: true });
  return dst;
}

/** Titles of the missing-section findings, in document order. */
export function missingTitles(ds: vscode.Diagnostic[]): string[] {
  return ds.filter((d) => codeOf(d) === 'missing-section').map((d) => /'([^']+)'/.exec(d.message)?.[1] ?? d.message);
}
