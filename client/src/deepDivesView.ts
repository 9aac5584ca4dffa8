// The "Deep Dive" view (Explorer): the template's view of the active deep dive, which VS Code's
// own markdown outline does not have: every template section in template order, present ones
// with their completeness, missing ones where they belong. Clicking one reveals its heading or
// gap. Every deep dive of the workspace is the *Deep Dives* view's (workspaceView.ts).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SECTIONS_REQUEST, type SectionsResult } from '../../server/src/protocol';
import type { StatusView } from './status';

export const VIEW_ID = 'deepDive.deepDives';
/** Context key: the active editor holds a deep dive (the view is shown only then). */
const ACTIVE_KEY = 'deepDive.activeIsDeepDive';

type SectionEntry = NonNullable<SectionsResult>['sections'][number];
export interface SectionNode {
  kind: 'section';
  uri: vscode.Uri;
  section: SectionEntry;
}
export type DeepDiveNode = SectionNode;

export class DeepDivesView implements vscode.TreeDataProvider<DeepDiveNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<DeepDiveNode>;
  private readonly subscriptions: vscode.Disposable[];
  private active: { uri: vscode.Uri; overview: SectionsResult } | undefined;
  private pending = 0;

  constructor(private readonly lc: BaseLanguageClient, status: StatusView) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this });
    this.subscriptions = [
      this.view,
      this.changed,
      status.onDidChange((s) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === lc.protocol2CodeConverter.asUri(s.uri).toString()) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
    ];
    void this.refresh();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  /** The nodes shown now (for the extension-host tests). */
  current(): { uri: vscode.Uri; items: vscode.TreeItem[] } | undefined {
    const a = this.active;
    return a?.overview ? { uri: a.uri, items: this.nodes().map((n) => this.getTreeItem(n)) } : undefined;
  }

  getChildren(parent?: DeepDiveNode): DeepDiveNode[] {
    return parent ? [] : this.nodes();
  }

  getTreeItem(node: DeepDiveNode): vscode.TreeItem {
    const s = node.section;
    const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.uri.toString()}#${s.title}`;
    item.description = s.detail;
    item.iconPath = new vscode.ThemeIcon(s.present ? 'pass' : 'circle-large-outline', new vscode.ThemeColor(s.present ? 'testing.iconPassed' : 'list.warningForeground'));
    item.contextValue = s.present ? 'deepDive.section' : 'deepDive.missingSection';
    item.tooltip = s.present ? `${s.title}${s.detail ? ` · ${s.detail}` : ''}` : `${s.title} is missing (${s.detail.replace(/^missing · /, '')})`;
    const range = this.lc.protocol2CodeConverter.asRange(s.range);
    item.command = { title: 'Reveal', command: 'vscode.open', arguments: [node.uri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  private nodes(): DeepDiveNode[] {
    const a = this.active;
    return a?.overview ? a.overview.sections.map((section) => ({ kind: 'section', uri: a.uri, section })) : [];
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.pending;
    const doc = vscode.window.activeTextEditor?.document;
    let overview: SectionsResult = null;
    if (doc?.languageId === 'markdown') {
      try {
        overview = await this.lc.sendRequest<SectionsResult>(SECTIONS_REQUEST, { uri: this.lc.code2ProtocolConverter.asUri(doc.uri) });
      } catch {
        overview = null; // server restarting: the next status brings it back
      }
    }
    if (ticket !== this.pending) return; // a newer refresh is under way
    this.active = doc && overview ? { uri: doc.uri, overview } : undefined;
    this.view.message = undefined;
    if (overview) this.view.description = `${overview.present}/${overview.total} sections`;
    void vscode.commands.executeCommand('setContext', ACTIVE_KEY, !!overview);
    this.changed.fire();
  }
}
