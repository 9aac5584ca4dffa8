// Thin VS Code client: starts the Deep Dive language server and adds what only the
// editor can do (language status, progress item, the Deep Dive and Deep Dives views,
// commands). All document logic lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { COMMANDS, INSERT_MISSING_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION, type InitializationOptions, type InsertMissingResult } from '../../server/src/protocol';
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
  readonly client: LanguageClient;
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

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DeepDiveApi> {
  const output = vscode.window.createOutputChannel('Deep Dive', { log: true });
  // TransportKind.ipc forks the module with process.execPath (Electron as Node in desktop
  // VS Code, the server's Node under code-server): never a hard-coded `node`.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  context.subscriptions.push(output);
  const staticSnippets = StaticSnippets.load(context.asAbsolutePath('snippets/markdown.json'));

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
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

  // The id 'deepDive' also makes languageclient honour the `deepDive.trace.server` setting.
  const lc = new LanguageClient('deepDive', 'Deep Dive', serverOptions, clientOptions);
  client = lc;

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
    vscode.commands.registerCommand(COMMANDS.newDeepDive, (topic?: string) => newDeepDive(lc, ready, topic)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      started = lc.restart();
      await started;
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.showMissingSections, (uri?: vscode.Uri) => status.pickMissing(uri)),
    vscode.commands.registerCommand(COMMANDS.refreshDeepDives, () => workspaceView.refresh()),
    // Restricted Mode ignores workspace values of deepDive.templatePath; once trusted, re-read them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      started = lc.restart();
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

function waitForRunning(lc: LanguageClient): Promise<void> {
  return new Promise((resolve) => {
    const sub = lc.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        sub.dispose();
        resolve();
      }
    });
  });
}
