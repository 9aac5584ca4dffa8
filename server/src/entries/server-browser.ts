// Entry of dist/browser/server.js: the language server in a web worker (vscode.dev,
// github.dev), started by the browser client. Messages travel by postMessage; files
// are read through the client (FS_REQUEST); the built-in template is bundled as text.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import builtinTemplateText from '../../templates/deep-dive.md';
import { browserRuntime } from '../browser/browserRuntime';
import { startServer } from '../lsp/server';
import { FS_REQUEST, type FsParams, type FsResult } from '../protocol';

/** The worker's global scope (typed loosely: the project compiles without the DOM libraries). */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const fs = (params: FsParams) => connection.sendRequest<FsResult>(FS_REQUEST, params);
startServer(connection, browserRuntime(fs, { text: builtinTemplateText, path: 'deep-dive.md (built in)' }));
