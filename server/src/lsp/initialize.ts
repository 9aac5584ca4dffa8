// The `initialize` answer, and the order of a start: the answer is made from the
// client's parameters alone, before the server itself (engine, templates, parser,
// handlers) exists; the server is made right after the answer has gone, and at the
// latest when the next message (`initialized`) comes. Over Node's stdio the answer is
// written before vscode-languageserver is even loaded (firstMessage.ts, in the first
// bundle), so this module imports no value from the library: only the answer's own
// constants, checked against the library's in test/protocol/initialize.test.ts.
import type {
  CodeActionKind, Connection, InitializeParams, InitializeResult, ServerCapabilities, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { FIX_ALL_KIND, INSERT_ALL_KIND, INSERT_MISSING_COMMAND, type InitializationOptions } from '../protocol';
import { VERSION } from '../version';

/** The library's `TextDocumentSyncKind.Incremental` and `CodeActionKind.QuickFix`. */
const INCREMENTAL_SYNC: TextDocumentSyncKind = 2;
const QUICK_FIX: CodeActionKind = 'quickfix';

/** Commands the server executes. */
export const SERVER_COMMANDS = [INSERT_MISSING_COMMAND] as const;

/** What the feature handlers (features.ts) answer. */
const FEATURE_CAPABILITIES: ServerCapabilities = {
  documentSymbolProvider: { label: 'Deep Dive' },
  foldingRangeProvider: true,
  hoverProvider: true,
  workspaceSymbolProvider: true,
  completionProvider: { triggerCharacters: ['#', ' ', '*', '-', '`'], resolveProvider: false },
  codeActionProvider: { codeActionKinds: [QUICK_FIX, FIX_ALL_KIND, INSERT_ALL_KIND], resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
};

export function initializeResult(params: InitializeParams): InitializeResult {
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  // An editor with its own markdown outline (VS Code) declines ours: each heading once.
  const { documentSymbolProvider, ...withoutSymbols } = FEATURE_CAPABILITIES;
  const features = init.documentSymbols === false ? withoutSymbols : { documentSymbolProvider, ...withoutSymbols };
  return {
    capabilities: {
      // Saves only tell a client with a view of the workspace's deep dives to refresh it.
      textDocumentSync: { openClose: true, change: INCREMENTAL_SYNC, save: { includeText: false } },
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      ...features,
    },
    serverInfo: { name: 'deep-dive-language-server', version: VERSION },
  };
}

/** The server once made: it registers its own handlers; `initialized` is forwarded to it. */
export interface StartedServer {
  initialized(): void;
}

/**
 * Answers `initialize`, then makes the server with `serve` (the initialize parameters
 * in hand) in the next turn of the event loop, before the connection reads its next
 * message: no message after `initialize` can reach a handler not registered yet.
 */
export function answerThenServe(connection: Connection, serve: (params: InitializeParams) => StartedServer): void {
  let params: InitializeParams | undefined;
  let server: StartedServer | undefined;
  const started = (): StartedServer | undefined => {
    if (!server && params) server = serve(params);
    return server;
  };
  connection.onInitialize((p) => {
    params = p;
    // The connection writes the answer in this turn's microtasks and reads its next message in a later turn.
    nextTurn(started);
    return initializeResult(p);
  });
  connection.onInitialized(() => started()?.initialized());
  connection.listen();
}

/** Node's setImmediate (queued before the connection's own next turn); a timer where there is none (a web worker). */
const nextTurn = (f: () => void): void => {
  if (typeof setImmediate === 'function') setImmediate(f);
  else setTimeout(f, 0);
};
