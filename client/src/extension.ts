// Desktop entry (package.json `main`): the language server runs as a Node process
// (dist/server.js) and checks files on disk and untitled documents.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { start, type DeepDiveApi } from './start';

export type { DeepDiveApi } from './start';
export { deactivate } from './start';

export function activate(context: vscode.ExtensionContext): Promise<DeepDiveApi> {
  // TransportKind.ipc forks the module with process.execPath (Electron as Node in desktop
  // VS Code, the server's Node under code-server): never a hard-coded `node`.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return start(context, {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    readable: (uri) => uri.scheme === 'file',
    // The id 'deepDive' also makes languageclient honour the `deepDive.trace.server` setting.
    createClient: (options) => new LanguageClient('deepDive', 'Deep Dive', serverOptions, options),
  });
}
