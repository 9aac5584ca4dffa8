// The "Deep Dives" view (Explorer): every deep dive of the workspace with how far it is written
// and its findings, each template section beneath with its state (written, scaffolded,
// missing), its subsections beneath that; clicking one goes there. The server does the work
// (`deepDive/documents`) and says when to ask again (`deepDive/documentsChanged`: a save, a
// template or config change); the view asks only while it is visible.
import * as vscode from 'vscode';
import { State, WorkDoneProgress, type BaseLanguageClient } from 'vscode-languageclient';
import {
  DOCUMENTS_CHANGED_NOTIFICATION, DOCUMENTS_REQUEST,
  type DocumentEntry, type DocumentSectionEntry, type DocumentsParams, type DocumentsResult, type SectionState,
} from '../../server/src/protocol';

export const WORKSPACE_VIEW_ID = 'deepDive.workspace';
/** Context key: the workspace has been listed once (the view's welcome text waits for it). */
const LISTED_KEY = 'deepDive.workspaceListed';

type SubsectionEntry = DocumentSectionEntry['subsections'][number];

export type WorkspaceNode =
  | { kind: 'document'; doc: DocumentEntry }
  | { kind: 'section'; doc: DocumentEntry; index: number; section: DocumentSectionEntry }
  | { kind: 'subsection'; doc: DocumentEntry; parent: DocumentSectionEntry; id: string; subsection: SubsectionEntry };

/** A document's row and what is beneath it, as shown (for the extension-host tests). */
export interface WorkspaceRow {
  item: vscode.TreeItem;
  sections: { item: vscode.TreeItem; subsections: vscode.TreeItem[] }[];
}

const STATE_ICONS: Record<SectionState, [icon: string, color: string]> = {
  written: ['pass', 'testing.iconPassed'],
  scaffolded: ['edit', 'list.warningForeground'],
  missing: ['circle-large-outline', 'list.errorForeground'],
};

export class WorkspaceView implements vscode.TreeDataProvider<WorkspaceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<WorkspaceNode>;
  private readonly subscriptions: vscode.Disposable[];
  /** The last answer; undefined until the view has been shown once. */
  private documents: DocumentEntry[] | undefined;
  private stale = true;
  private ticket = 0;
  private cancel: vscode.CancellationTokenSource | undefined;

  constructor(private readonly lc: BaseLanguageClient) {
    this.view = vscode.window.createTreeView(WORKSPACE_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      this.view,
      this.changed,
      lc.onNotification(DOCUMENTS_CHANGED_NOTIFICATION, () => this.refresh()),
      // A restarted server does not know the view is there until it is asked again.
      lc.onDidChangeState((e) => {
        if (e.newState === State.Running) this.refresh();
      }),
    ];
  }

  dispose(): void {
    this.cancel?.cancel();
    for (const d of this.subscriptions) d.dispose();
  }

  /** Asks the server again when the view is next shown (at once if it is visible). */
  refresh(): void {
    this.stale = true;
    this.changed.fire();
  }

  /** The rows shown now, with every level expanded (for the extension-host tests); undefined before the first answer. */
  rows(): WorkspaceRow[] | undefined {
    return this.documents?.map((doc) => {
      const node: WorkspaceNode = { kind: 'document', doc };
      return {
        item: this.getTreeItem(node),
        sections: this.children(node).map((s) => ({ item: this.getTreeItem(s), subsections: this.children(s).map((x) => this.getTreeItem(x)) })),
      };
    });
  }

  async getChildren(node?: WorkspaceNode): Promise<WorkspaceNode[]> {
    if (node) return this.children(node);
    if (this.stale) await this.load();
    return (this.documents ?? []).map((doc) => ({ kind: 'document', doc }));
  }

  getTreeItem(node: WorkspaceNode): vscode.TreeItem {
    const uri = this.lc.protocol2CodeConverter.asUri(node.doc.uri);
    if (node.kind === 'document') return documentItem(node.doc, uri);
    const entry = node.kind === 'section' ? node.section : node.subsection;
    const item = new vscode.TreeItem(entry.title, node.kind === 'section' && entry.state !== 'missing' && node.section.subsections.length > 0
      ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.kind === 'section' ? `${node.doc.uri}#${node.index}` : node.id;
    item.description = entry.state;
    const [icon, color] = STATE_ICONS[entry.state];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `deepDive.${entry.state}Section`;
    // A missing section goes to the gap where it belongs; a missing subsection to its section.
    const target = node.kind === 'section' ? entry.range ?? node.section.belongs : entry.range ?? node.parent.range ?? node.parent.belongs;
    item.tooltip = entry.state === 'missing' ? `${entry.title} is missing` : `${entry.title}: ${entry.state}`;
    item.command = reveal(uri, target && this.lc.protocol2CodeConverter.asRange(target));
    return item;
  }

  private children(node: WorkspaceNode): WorkspaceNode[] {
    const { doc } = node;
    if (node.kind === 'document') return doc.sections.map((section, index) => ({ kind: 'section', doc, index, section }));
    if (node.kind === 'section' && node.section.state !== 'missing') {
      return node.section.subsections.map((subsection, j) => ({ kind: 'subsection', doc, parent: node.section, id: `${doc.uri}#${node.index}.${j}`, subsection }));
    }
    return [];
  }

  /** One request at a time: a newer one cancels the one under way. */
  private load(): Promise<void> {
    this.stale = false;
    this.cancel?.cancel();
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    const ticket = ++this.ticket;
    const token = `deepDive.workspace.${ticket}`;
    const first = this.documents === undefined;
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: WORKSPACE_VIEW_ID } }, async () => {
      // The server reports how far it is on the token: the first listing says so in the view
      // (later ones, after a save, find most files cached and show only the progress bar).
      const progress = this.lc.onProgress(WorkDoneProgress.type, token, (p) => {
        if (first && ticket === this.ticket && p.kind !== 'end') this.view.message = `Indexing deep dives${p.message ? `: ${p.message}` : ''}…`;
      });
      try {
        const params: DocumentsParams = { workDoneToken: token };
        const res = await this.lc.sendRequest<DocumentsResult>(DOCUMENTS_REQUEST, params, cancel.token);
        if (ticket !== this.ticket) return;
        // Cut short (the server failed or stopped): keep what is shown, ask again next time.
        this.stale = res.partial;
        if (res.partial && this.documents) return;
        this.documents = res.documents;
        this.view.message = undefined;
        this.view.description = describeAll(res.documents);
        void vscode.commands.executeCommand('setContext', LISTED_KEY, true);
      } catch {
        // Cancelled by a newer request, or the server is (re)starting: its Running state asks again.
        if (ticket === this.ticket && this.lc.state !== State.Running) this.view.message = 'The Deep Dive language server is not running.';
      } finally {
        progress.dispose();
      }
    }));
  }
}

function documentItem(doc: DocumentEntry, uri: vscode.Uri): vscode.TreeItem {
  const item = new vscode.TreeItem(doc.title, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = doc.uri;
  item.resourceUri = uri;
  item.iconPath = vscode.ThemeIcon.File;
  item.contextValue = 'deepDive.document';
  const problems = [plural(doc.findings.error, 'error'), plural(doc.findings.warning, 'warning')].filter(Boolean);
  item.description = [`${doc.written}/${doc.total} written`, ...problems].join(' · ');
  const f = doc.findings;
  item.tooltip = new vscode.MarkdownString(
    `**${doc.title}**  \n${vscode.workspace.asRelativePath(uri)}\n\n`
    + `${doc.written} of ${doc.total} sections written, ${doc.scaffolded} scaffolded, ${doc.missing} missing; ${plural(doc.placeholders, 'placeholder') || 'no placeholders'}\n\n`
    + `${plural(f.error, 'error') || 'no errors'}, ${plural(f.warning, 'warning') || 'no warnings'}, ${f.information} information, ${plural(f.hint, 'hint') || 'no hints'}`,
  );
  item.command = reveal(uri, undefined);
  return item;
}

function reveal(uri: vscode.Uri, range: vscode.Range | undefined): vscode.Command {
  const options: vscode.TextDocumentShowOptions = range ? { selection: range } : {};
  return { title: 'Open', command: 'vscode.open', arguments: [uri, options] };
}

function describeAll(docs: DocumentEntry[]): string | undefined {
  if (docs.length === 0) return undefined;
  const done = docs.filter((d) => d.written === d.total).length;
  return `${done}/${docs.length} complete`;
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
