// Entry point of `deep-dive-language-server` (dist/server-main.js, run by dist/server.js):
// picks the transport from the command line (--stdio, --node-ipc, --socket=N;
// vscode-languageserver reads them) and answers `initialize`; then runs the server
// itself, dist/server-core.js, with its own code cache, on that connection. What
// answers `initialize` is all a cold start waits for. Nothing else happens here.
import * as path from 'node:path';
import * as library from 'vscode-languageserver/node';
import * as encoded from '../lsp/encoded';
import { answerThenServe } from '../lsp/initialize';
import { stdioConnection } from '../lsp/stdio';
import { runBundle, type LoadedBundle } from '../node/codeCache';
import { VERSION } from '../version';
import type * as Core from './server-core';

if (process.argv.includes('--version')) {
  process.stdout.write(`deep-dive-language-server ${VERSION}\n`);
  process.exit(0);
}

/** The modules server-core.js takes from this bundle, by the names scripts/build.mjs leaves it requiring. */
const CORE_PROVIDED = { 'vscode-languageserver/node': library, 'deep-dive:lsp/encoded': encoded };

/** The server bundle once loaded (scripts/code-cache.mjs makes its cache from this script). */
export let core: LoadedBundle | undefined;

// Over stdio, messages leave in one write each turn (lsp/stdio.ts); other transports as the library makes them.
const connection = process.argv.includes('--stdio') ? stdioConnection() : library.createConnection(library.ProposedFeatures.all);
answerThenServe(connection, (params) => {
  core = runBundle(path.join(__dirname, 'server-core.js'), path.join(__dirname, 'server-core.cache'), CORE_PROVIDED);
  return (core.exports as typeof Core).serve(connection, params);
});
