// What the Deep Dive client and server say to each other beyond LSP for the editor's
// own views: the sections view's request, the Insert Missing Sections command's answer,
// and the initialization option by which an editor with its own outline declines ours.
// Types and names only: the VS Code client imports this module too.
import type { DocumentOverview } from '../engine/features/overview';

/** Server command (arguments: document URI, optional titles): inserts the missing sections, answers InsertMissingResult. */
export const INSERT_MISSING_COMMAND = 'deepDive.insertMissingSections';

/** Request (client -> server), params `{ title, uri?, snippet? }`: `{ text }` of a new deep dive from the template. */
export const NEW_DOCUMENT_REQUEST = 'deepDive/newDocument';

/** Request (client -> server), params `{ uri }`: the document's DocumentOverview, or null for ordinary markdown. */
export const SECTIONS_REQUEST = 'deepDive/sections';
export type SectionsResult = DocumentOverview | null;

/** `deepDive.insertMissingSections` (arguments: uri, optional titles): what it did. */
export interface InsertMissingResult {
  applied: boolean;
  /** Titles of the sections inserted (or that would have been), in template order. */
  inserted?: string[];
  reason?: string;
}

/** Initialization options the server reads (besides `settings`). */
export interface InitializationOptions {
  /** Workspace trust: false uses only the built-in template. */
  trusted?: boolean;
  /** false: the editor has its own markdown outline, so the server offers no document symbols (each heading once). */
  documentSymbols?: boolean;
}
