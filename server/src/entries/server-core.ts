// Entry of dist/server-core.js: the language server itself (engine, templates, parse
// workers, every handler but initialize's), run by dist/server-main.js on its connection
// once it has answered `initialize`. Its vscode-languageserver and lsp/encoded.ts are
// server-main's own (CORE_PROVIDED in scripts/build.mjs).
import * as path from 'node:path';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import type { StartedServer } from '../lsp/initialize';
import { serve as serveOn } from '../lsp/server';
import { loadBuiltinTemplate } from '../node/builtinTemplate';
import { nodeRuntime } from '../node/nodeRuntime';

export function serve(connection: Connection, params: InitializeParams): StartedServer {
  return serveOn(connection, nodeRuntime(loadBuiltinTemplate(), path.join(__dirname, 'worker.js')), params);
}
