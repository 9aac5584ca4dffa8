// Thin VS Code client: starts the Deep Dive language server and adds what only the
// editor can do (language status, commands). All document logic lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { COMMANDS, NEW_DOCUMENT_REQUEST, SETTINGS_SECTION, STATUS_NOTIFICATION, type NewDocumentParams, type NewDocumentResult } from '../../server/src/protocol';
import { StatusView, type DeepDiveStatus } from './status';

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

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    // File events (.deepdive.json, templates) need no watchers here: the server registers
    // them dynamically for every client that supports it.
    synchronize: { configurationSection: SETTINGS_SECTION },
    // Restricted Mode: the server then uses only the built-in template.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    // Crash recovery: the default error handler restarts the server up to this many
    // times in three minutes before giving up (and saying so in the output).
    connectionOptions: { maxRestartCount: 4 },
    middleware: {
      // The server's command takes the document URI; from the command palette or an
      // editor menu there is none (or a vscode.Uri), so fill in the active editor's.
      executeCommand: (command, args, next) => {
        if (command !== COMMANDS.insertMissingSections) return next(command, args);
        const [arg, ...rest] = args;
        const uri = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg : activeMarkdownUri();
        if (!uri) {
          void vscode.window.showInformationMessage('Open a deep dive (markdown) to insert its missing sections.');
          return undefined;
        }
        return next(command, [typeof uri === 'string' ? uri : lc.code2ProtocolConverter.asUri(uri), ...rest]);
      },
    },
  };

  // The id 'deepDive' also makes languageclient honour the `deepDive.trace.server` setting.
  const lc = new LanguageClient('deepDive', 'Deep Dive', serverOptions, clientOptions);
  client = lc;

  const status = new StatusView(lc);
  context.subscriptions.push(status);
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

/** New Deep Dive…: asks the topic, opens an untitled markdown document from the template. */
async function newDeepDive(lc: LanguageClient, ready: () => Promise<void>, topic?: string) {
  const title =
    typeof topic === 'string'
      ? topic
      : await vscode.window.showInputBox({
          title: 'New Deep Dive',
          prompt: 'Topic of the deep dive',
          placeHolder: 'e.g. Kafka consumer groups',
          validateInput: (v) => (v.trim() ? undefined : 'Enter a topic'),
        });
  if (!title?.trim()) return undefined;
  await ready();
  // The server picks the template (settings, .deepdive.json) for this URI's workspace folder.
  const scope = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = scope?.scheme === 'file' ? lc.code2ProtocolConverter.asUri(scope) : undefined;
  const { text } = await lc.sendRequest<NewDocumentResult>(NEW_DOCUMENT_REQUEST, { title: title.trim(), uri } satisfies NewDocumentParams);
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(doc);
  return doc;
}
