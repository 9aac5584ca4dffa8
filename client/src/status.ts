// Language status item fed by the server's `deepDive/status` notification, and the
// "Show Missing Sections" quick pick behind it.
import * as vscode from 'vscode';
import { CodeActionKind, CodeActionRequest, type BaseLanguageClient, type CodeAction } from 'vscode-languageclient';
import { COMMANDS, type MissingSectionData, type StatusParams } from '../../server/src/protocol';

/** What the server last said about a document (its status notification). */
export type DeepDiveStatus = StatusParams;

export class StatusView implements vscode.Disposable {
  private readonly byUri = new Map<string, DeepDiveStatus>();
  private item: vscode.LanguageStatusItem | undefined;
  private readonly changed = new vscode.EventEmitter<DeepDiveStatus>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly lc: BaseLanguageClient) {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    ];
  }

  dispose(): void {
    this.item?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  get(uri: vscode.Uri): DeepDiveStatus | undefined {
    return this.byUri.get(uri.toString());
  }

  update(s: DeepDiveStatus): void {
    // Key by VS Code's own spelling of the URI (the server echoes the protocol form).
    this.byUri.set(this.lc.protocol2CodeConverter.asUri(s.uri).toString(), s);
    this.refresh();
    this.changed.fire(s);
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && this.get(doc.uri);
    if (!doc || !s || !s.isDeepDive) {
      // A language status item cannot be hidden, only disposed: ordinary markdown shows none.
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    if (!this.item) {
      this.item = vscode.languages.createLanguageStatusItem('deepDive.status', { language: 'markdown' });
      this.item.name = 'Deep Dive';
    }
    this.item.text = `${s.template && s.template !== BUILTIN ? s.template : 'Deep dive'}: ${s.written}/${s.total} written`;
    this.item.severity = s.missing.length ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.detail = [statusDetail(s), templateLine(s)].filter(Boolean).join(' · ');
    this.item.command = s.missing.length
      ? { title: 'Show missing', command: COMMANDS.showMissingSections, arguments: [doc.uri] }
      : undefined;
  }

  /** "Which Template Applies?": the template of the active document and why, as the server decided it. */
  whichTemplate(uri?: vscode.Uri): void {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const s = target && this.get(target);
    const name = target ? vscode.workspace.asRelativePath(target) : 'The active document';
    if (!s) {
      void vscode.window.showInformationMessage('Open a markdown document to see which template applies to it.');
    } else if (!s.isDeepDive || !s.template) {
      void vscode.window.showInformationMessage(`No template applies to ${name}: no front matter names one, no template's globs match it, and it does not look like any template.`);
    } else {
      void vscode.window.showInformationMessage(`${name} is checked against the template "${s.template}": ${s.templateReason}.`);
    }
  }

  /** Quick pick of the missing sections; picking one inserts it where it belongs and jumps there. */
  async pickMissing(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const s = target && this.get(target);
    if (!target || !s?.isDeepDive) {
      void vscode.window.showInformationMessage('The active document is not a deep dive.');
      return;
    }
    if (!s.missing.length) {
      void vscode.window.showInformationMessage('All template sections are present.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      s.missing.map((title) => ({ label: title, description: 'insert section' })),
      { title: `Deep dive: ${s.written}/${s.total} written`, placeHolder: 'Missing sections: pick one to insert it' },
    );
    if (picked) await insertSection(this.lc, target, picked.label);
  }
}

/** The built-in template's name (selection.ts): the status item names any other. */
const BUILTIN = 'deep-dive';

/** "template adr (glob docs/adr/**\/*.md)". */
function templateLine(s: DeepDiveStatus): string {
  return s.template ? `template ${s.template} (${s.templateReason})` : '';
}

/** "2 missing, 3 not written yet", or "every template section written". */
function statusDetail(s: DeepDiveStatus): string {
  const parts: string[] = [];
  if (s.missing.length) parts.push(`${s.missing.length} missing`);
  if (s.scaffolded.length) parts.push(`${s.scaffolded.length} not written yet`);
  return parts.length ? parts.join(', ') : 'every template section written';
}

/**
 * Applies the server's "Insert section" quick fix for `title` and reveals the new heading.
 * Asks our server directly: VS Code's aggregated code action query can come back empty while
 * other providers (the built-in markdown server) are still starting.
 */
async function insertSection(lc: BaseLanguageClient, uri: vscode.Uri, title: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => missingSectionOf(d) === title);
  const range = diagnostic?.range ?? new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await lc.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: lc.code2ProtocolConverter.asUri(uri) },
    range: lc.code2ProtocolConverter.asRange(range),
    context: { diagnostics: [], only: [CodeActionKind.QuickFix] },
  });
  // The section's own fix: the one action fixing exactly its finding (not "insert all").
  const action = (actions ?? []).find((a): a is CodeAction =>
    'edit' in a && !!a.edit && a.diagnostics?.length === 1 && a.diagnostics[0].code === 'missing-section' && (a.diagnostics[0].data as MissingSectionData | undefined)?.section === title);
  const editor = await vscode.window.showTextDocument(doc);
  if (!action?.edit) {
    if (diagnostic) editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    return;
  }
  await vscode.workspace.applyEdit(await lc.protocol2CodeConverter.asWorkspaceEdit(action.edit));
  const line = editor.document.getText().split(/\r?\n/).findIndex((l) => /^#{2,}\s/.test(l) && l.includes(title));
  if (line >= 0) {
    const pos = new vscode.Position(line, editor.document.lineAt(line).text.length);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  }
}

/** The template section a missing-section diagnostic is about (the language client keeps the server's `data` on it). */
function missingSectionOf(d: vscode.Diagnostic): string | undefined {
  if (codeOf(d) !== 'missing-section') return undefined;
  return ((d as vscode.Diagnostic & { data?: MissingSectionData }).data)?.section;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return c === undefined ? undefined : String(typeof c === 'object' ? c.value : c);
}
