// The bundle dist/server.js runs (dist/server-main.js): makes the connection for the
// transport on the command line (--stdio, --node-ipc, --socket=N; vscode-languageserver
// reads them) and answers `initialize` on it, unless dist/server.js has already answered
// it over stdio (lsp/firstMessage.ts); then runs the server itself, dist/server-core.js,
// with its own code cache, on that connection. Nothing else happens here.
import * as path from 'node:path';
import * as library from 'vscode-languageserver/node';
import * as encoded from '../lsp/encoded';
import { answerThenServe } from '../lsp/initialize';
import { stdioConnection, type StdioStart } from '../lsp/stdio';
import { runBundle, type LoadedBundle } from '../node/codeCache';
import type * as Core from './server-core';

/** The modules server-core.js takes from this bundle, by the names scripts/build.mjs leaves it requiring. */
const CORE_PROVIDED = { 'vscode-languageserver/node': library, 'deep-dive:lsp/encoded': encoded };

/** The server bundle once loaded (scripts/code-cache.mjs makes its cache from this script). */
export let core: LoadedBundle | undefined;

/** Serves the connection; over stdio, `stdio` is what dist/server.js read of the input first and the console it replaced. */
export function listen(stdio?: StdioStart): void {
  // Over stdio, messages leave in one write each turn (lsp/stdio.ts); other transports as the library makes them.
  const connection = process.argv.includes('--stdio') ? stdioConnection(stdio) : library.createConnection(library.ProposedFeatures.all);
  answerThenServe(connection, (params) => {
    core = runBundle(path.join(__dirname, 'server-core.js'), path.join(__dirname, 'server-core.cache'), CORE_PROVIDED);
    return (core.exports as typeof Core).serve(connection, params);
  });
}
