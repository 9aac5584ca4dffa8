// Browser entry (package.json `browser`: vscode.dev, github.dev): the language server
// runs in a web worker (dist/browser/server.js) and checks markdown on any scheme
// (`vscode-vfs:`, `vscode-test-web:`, ...), reading files through `workspace.fs`.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { start, type DeepDiveApi } from './start';

export type { DeepDiveApi } from './start';
export { deactivate } from './start';

/** The web worker extension host's Worker (the project compiles without the DOM libraries). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function activate(context: vscode.ExtensionContext): Promise<DeepDiveApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/browser/server.js');
  return start(context, {
    documentSelector: [{ language: 'markdown' }],
    // The id 'deepDive' also makes languageclient honour the `deepDive.trace.server` setting.
    createClient: (options) => new LanguageClient('deepDive', 'Deep Dive', options, new Worker(serverMain.toString(true))),
  });
}
