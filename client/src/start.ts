// Thin VS Code client: starts the Deep Dive language server and adds what only the
// editor can do (language status, progress item, the Deep Dive and Deep Dives views,
// commands). All document logic lives in the server. Shared by the desktop entry (extension.ts: the
// server as a Node process) and the browser entry (browser.ts: the server in a web
// worker); each passes how to create its LanguageClient.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type DocumentSelector, type LanguageClientOptions } from 'vscode-languageclient';
import { COMMANDS, FS_REQUEST, INSERT_MISSING_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION, type FsParams, type InitializationOptions, type InsertMissingResult } from '../../server/src/protocol';
import { answerFs } from './fsBridge';
import { DeepDivesView } from './deepDivesView';
import { orient } from './insertMissing';
import { newDeepDive } from './newDeepDive';
import { ProgressItem, type ProgressState } from './progressItem';
import { StaticSnippets } from './staticSnippets';
import { StatusView, type DeepDiveStatus } from './status';
import { WorkspaceView, type WorkspaceRow } from './workspaceView';

/** What activate() returns: lets the extension-host tests await readiness instead of sleeping. */
export interface DeepDiveApi {
  /** The current client (a new one is not created on restart; the same client restarts). */
  readonly client: BaseLanguageClient;
  /** Resolves once the server is running (again, after a restart). */
  ready(): Promise<void>;
  /** Latest `deepDive/status` the server sent for a document, if any. */
  status(uri: vscode.Uri): DeepDiveStatus | undefined;
  /** Fires after each `deepDive/status` notification has been applied. */
  readonly onDidChangeStatus: vscode.Event<DeepDiveStatus>;
  /** What the progress status bar item shows now (undefined: hidden). */
  progress(): ProgressState | undefined;
  /** The Deep Dive view's items for the active document (undefined: not a deep dive). */
  sections(): { uri: vscode.Uri; items: vscode.TreeItem[] } | undefined;
  /** The Deep Dives view's rows (every deep dive of the workspace), once it has been shown. */
  workspaceDeepDives(): WorkspaceRow[] | undefined;
}

let client: BaseLanguageClient | undefined;

/** How an entry starts its server: the LanguageClient of its platform, and the documents that server can check. */
export interface Host {
  documentSelector: DocumentSelector;
  /** Whether the server can read files at `uri` (templates, `.deepdive.json`). */
  readable(uri: vscode.Uri): boolean;
  createClient(options: LanguageClientOptions): BaseLanguageClient;
}

export async function start(context: vscode.ExtensionContext, host: Host): Promise<DeepDiveApi> {
  const output = vscode.window.createOutputChannel('Deep Dive', { log: true });
  context.subscriptions.push(output);
  const staticSnippets = await StaticSnippets.load(vscode.Uri.joinPath(context.extensionUri, 'snippets/markdown.json'));

  const clientOptions: LanguageClientOptions = {
    documentSelector: host.documentSelector,
    // File events (.deepdive.json, templates) need no watchers here: the server registers
    // them dynamically for every client that supports it.
    synchronize: { configurationSection: SETTINGS_SECTION },
    // Restricted Mode: the server then uses only the built-in template. VS Code's markdown
    // extension has the outline already: ours would list every heading twice.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, documentSymbols: false }),
    outputChannel: output,
    // Crash recovery: the default error handler restarts the server up to this many
    // times in three minutes before giving up (and saying so in the output).
    connectionOptions: { maxRestartCount: 4 },
    middleware: {
      // The server's command takes the document URI; from the command palette or an
      // editor menu there is none (or a vscode.Uri), so fill in the active editor's.
      // Afterwards the author is shown what was inserted (insertMissing.ts).
      executeCommand: async (command, args, next) => {
        if (command !== INSERT_MISSING_COMMAND) return next(command, args);
        const [arg, ...rest] = args;
        const uri = typeof arg === 'string' ? lc.protocol2CodeConverter.asUri(arg) : arg instanceof vscode.Uri ? arg : activeMarkdownUri();
        if (!uri) {
          void vscode.window.showInformationMessage('Open a deep dive (markdown) to insert its missing sections.');
          return undefined;
        }
        const result = (await next(command, [lc.code2ProtocolConverter.asUri(uri), ...rest])) as InsertMissingResult | null;
        return orient(uri, result);
      },
      // The template's snippets come from the server (they follow the template in use). Asked
      // for with Ctrl+Space, VS Code also lists the package's own snippets: those identical to
      // one of them would show twice. (A trigger character asks only the server.)
      provideCompletionItem: async (document, position, context, token, next) => {
        const answer = await next(document, position, context, token);
        return context.triggerKind === vscode.CompletionTriggerKind.Invoke ? staticSnippets.withoutDuplicates(answer) : answer;
      },
    },
  };

  const lc = host.createClient(clientOptions);
  client = lc;
  // The browser server reads templates, config files and the workspace's deep dives through the editor.
  lc.onRequest(FS_REQUEST, (params: FsParams) => answerFs(params));

  const status = new StatusView(lc);
  const progress = new ProgressItem(status);
  const deepDives = new DeepDivesView(lc, status);
  const workspaceView = new WorkspaceView(lc);
  context.subscriptions.push(status, progress, deepDives, workspaceView);
  lc.onNotification(STATUS_NOTIFICATION, (s: DeepDiveStatus) => status.update(s));

  let started: Promise<void> = lc.start();
  const ready = async () => {
    await started;
    if (lc.state !== State.Running) await waitForRunning(lc);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.newDeepDive, (topic?: string, template?: string) => newDeepDive(lc, ready, host.readable, topic, template)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      started = restart(lc);
      await started;
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.showMissingSections, (uri?: vscode.Uri) => status.pickMissing(uri)),
    vscode.commands.registerCommand(COMMANDS.whichTemplate, (uri?: vscode.Uri) => status.whichTemplate(uri)),
    vscode.commands.registerCommand(COMMANDS.refreshDeepDives, () => workspaceView.refresh()),
    // Restricted Mode ignores workspace values of deepDive.templatePath; once trusted, re-read them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      started = restart(lc);
    }),
  );

  try {
    await started;
  } catch (err) {
    // Activation still succeeds so Show Output / Restart stay usable.
    output.appendLine(`Deep Dive language server failed to start: ${String(err)}`);
  }
  return {
    get client() {
      return lc;
    },
    ready,
    status: (uri) => status.get(uri),
    onDidChangeStatus: status.onDidChange,
    progress: () => progress.state,
    sections: () => deepDives.current(),
    workspaceDeepDives: () => workspaceView.rows(),
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

function activeMarkdownUri(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === 'markdown' ? doc.uri : undefined;
}

/** The Node client's restart; the browser client has none, and is stopped and started again. */
async function restart(lc: BaseLanguageClient & { restart?: () => Promise<void> }): Promise<void> {
  if (lc.restart) return lc.restart();
  if (lc.isRunning()) await lc.stop();
  await lc.start();
}

function waitForRunning(lc: BaseLanguageClient): Promise<void> {
  return new Promise((resolve) => {
    const sub = lc.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        sub.dispose();
        resolve();
      }
    });
  });
}
