// Browser entry (package.json `browser`: vscode.dev, github.dev): the language server
// runs in a web worker (dist/browser/server.js) and checks markdown on any scheme
// (`vscode-vfs:`, `vscode-test-web:`, ...), reading files through `workspace.fs`.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports, type ServerOptions } from 'vscode-languageclient/browser';
import { start, type DeepDiveApi } from './start';

export type { DeepDiveApi } from './start';
export { deactivate } from './start';

type ServerWorker = Exclude<ServerOptions, () => unknown>;
/** The web worker extension host's Worker (the project compiles without the DOM libraries). */
declare const Worker: new (url: string) => ServerWorker;

/**
 * The server's worker, from the extension's URL (vscode.dev and github.dev serve extensions
 * over https). An extension installed on a remote server (code-server, Codespaces) has a
 * `vscode-remote:` URL, from which VS Code creates no worker: the script is read through
 * `workspace.fs` then, and started from a blob URL.
 */
async function serverWorker(serverMain: vscode.Uri): Promise<ServerWorker> {
  try {
    return new Worker(serverMain.toString(true));
  } catch {
    const script = await vscode.workspace.fs.readFile(serverMain);
    return new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
  }
}

/**
 * The worker's message transports, made here: languageclient recognises a worker by
 * `instanceof Worker`, which the extension host's own Worker function does not pass.
 */
async function transports(serverMain: vscode.Uri): Promise<MessageTransports> {
  const worker = await serverWorker(serverMain);
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

export function activate(context: vscode.ExtensionContext): Promise<DeepDiveApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
  return start(context, {
    documentSelector: [{ language: 'markdown' }],
    // Through workspace.fs, whatever the scheme.
    readable: () => true,
    // The id 'deepDive' also makes languageclient honour the `deepDive.trace.server` setting.
    // A new worker at each (re)start: stopping the client ends its worker.
    createClient: (options) => new LanguageClient('deepDive', 'Deep Dive', () => transports(serverMain), options),
  });
}
