// Progress at a glance: while a deep dive is the active editor, a status bar item shows its
// completeness ("9/11 written"), coloured by its worst Deep Dive finding (error or warning
// background); ordinary markdown and other editors show nothing. Clicking lists what is missing.
import * as vscode from 'vscode';
import type { DeepDiveStatus, StatusView } from './status';

const SOURCE = 'deep-dive';

/** What the item shows, for the extension-host tests (the status bar cannot be read through the API). */
export interface ProgressState {
  text: string;
  tooltip: string;
  /** The theme colour id of the background, if coloured. */
  background?: string;
}

export class ProgressItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('deepDive.progress', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  private shown: ProgressState | undefined;

  constructor(private readonly status: StatusView) {
    this.item.name = 'Deep Dive Progress';
    this.subscriptions = [
      this.item,
      status.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
    ];
    this.refresh();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  /** What is shown now, or undefined when hidden. */
  get state(): ProgressState | undefined {
    return this.shown;
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && this.status.get(doc.uri);
    if (!doc || !s?.isDeepDive) {
      this.item.hide();
      this.shown = undefined;
      return;
    }
    const worst = worstSeverity(doc.uri);
    const background = worst === vscode.DiagnosticSeverity.Error ? 'statusBarItem.errorBackground'
      : worst === vscode.DiagnosticSeverity.Warning ? 'statusBarItem.warningBackground' : undefined;
    const state: ProgressState = { text: `$(checklist) ${s.written}/${s.total} written`, tooltip: tooltip(s), background };
    this.item.text = state.text;
    this.item.tooltip = state.tooltip;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.command = s.missing.length
      ? { title: 'Show Missing Sections', command: 'deepDive.showMissingSections', arguments: [doc.uri] }
      : { title: 'Show Problems', command: 'workbench.actions.view.problems' };
    this.item.show();
    this.shown = state;
  }
}

function tooltip(s: DeepDiveStatus): string {
  const notWritten = s.scaffolded.length ? `; not written yet: ${s.scaffolded.join(', ')}` : '';
  const head = `Deep dive: ${s.written} of ${s.total} template sections written${notWritten}`;
  return s.missing.length ? `${head}. Missing: ${s.missing.join(', ')}. Click to insert one.` : `${head}.`;
}

function worstSeverity(uri: vscode.Uri): vscode.DiagnosticSeverity | undefined {
  let worst: vscode.DiagnosticSeverity | undefined;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source === SOURCE && (worst === undefined || d.severity < worst)) worst = d.severity;
  }
  return worst;
}
