// Entry point of `deep-dive-language-server`: picks the transport from the
// command line (--stdio, --node-ipc, --socket=N; vscode-languageserver reads
// them) and hands the server its runtime. Nothing else happens here.
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadBuiltinTemplate } from '../node/builtinTemplate';
import { nodeRuntime } from '../node/nodeRuntime';
import { startServer } from '../lsp/server';
import { stdioConnection } from '../lsp/stdio';
import { VERSION } from '../version';

if (process.argv.includes('--version')) {
  process.stdout.write(`deep-dive-language-server ${VERSION}\n`);
  process.exit(0);
}

// Over stdio, messages leave in one write each turn (lsp/stdio.ts); other transports as the library makes them.
const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
startServer(connection, nodeRuntime(loadBuiltinTemplate(), path.join(__dirname, 'worker.js')));
