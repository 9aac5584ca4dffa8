// What the feature handlers share with the server that registers them.
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisManager } from './analysisManager';
import type { DocumentsChanged } from './documentsChanged';
import type { Effective } from './effective';
import type { Parser, Runtime } from '../node/runtime';
import type { Workspace } from './workspace';

export interface ServerContext {
  connection: Connection;
  /** The client's capabilities, from initialize. */
  caps: ClientCapabilities;
  documents: TextDocuments<TextDocument>;
  manager: AnalysisManager;
  /** The worker pool: chunk parses, templates, workspace files' outlines. */
  parser: Parser;
  workspace: Workspace;
  runtime: Runtime;
  log: (message: string) => void;
  effective(uri: string): Promise<Effective>;
  /** Tells a client that asked for the workspace's deep dives when to ask again. */
  documentsChanged: DocumentsChanged;
}
