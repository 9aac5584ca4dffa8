// LSP feature handlers: each finds the document's current analysis and asks
// the engine. Registered on the connection by registerFeatures.
import type { ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from './server';
import { safe } from './safe';

export const INSERT_MISSING_COMMAND = 'deepDive.insertMissingSections';
export const SERVER_COMMANDS = [INSERT_MISSING_COMMAND] as const;
export const NEW_DOCUMENT_REQUEST = 'deepDive/newDocument';

const capabilities: ServerCapabilities = {};

export function registerFeatures(ctx: ServerContext): void {
  const { connection, log } = ctx;
  connection.onExecuteCommand(safe('executeCommand', log, null, async () => null));
}
registerFeatures.capabilities = capabilities;
