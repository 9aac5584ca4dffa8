// What the VS Code client and the language server say to each other beyond the
// LSP: notification, request and command names and their payloads. Both sides
// import this module; neither spells these strings itself. No imports: the
// client bundle takes it as it is (the rules' data types below are type-only).

/** Server -> client after every analysis: the language status item's facts. */
export const STATUS_NOTIFICATION = 'deepDive/status';

export interface StatusParams {
  uri: string;
  version: number;
  isDeepDive: boolean;
  /** Template sections present and in all. */
  present: number;
  total: number;
  /** Titles of the missing template sections, in template order. */
  missing: string[];
  /** Part of the document was read by the line scanner, not the markdown parser. */
  degraded: boolean;
  /** Analysis time in milliseconds. */
  ms: number;
}

/** Client -> server: the text of a new deep dive from the template that applies at `uri`. */
export const NEW_DOCUMENT_REQUEST = 'deepDive/newDocument';

export interface NewDocumentParams {
  title?: string;
  /** A URI in the folder whose template applies. */
  uri?: string;
}

export interface NewDocumentResult {
  text: string;
}

/** Commands: the server executes INSERT_MISSING_SECTIONS (workspace/executeCommand); the others are the client's. */
export const COMMANDS = {
  insertMissingSections: 'deepDive.insertMissingSections',
  showMissingSections: 'deepDive.showMissingSections',
  newDeepDive: 'deepDive.newDeepDive',
  restartServer: 'deepDive.restartServer',
  showOutput: 'deepDive.showOutput',
} as const;

export interface InsertMissingSectionsResult {
  applied: boolean;
  reason?: string;
  /** Titles of the inserted sections. */
  inserted?: string[];
}

/** The settings section the server reads (workspace/configuration) and the client synchronizes. */
export const SETTINGS_SECTION = 'deepDive';

/** Code action kinds beyond the LSP's own. */
export const FIX_ALL_KIND = 'source.fixAll.deepDive';
export const INSERT_ALL_KIND = 'source.deepDive.insertMissingSections';

/** A diagnostic's `data`, per rule code (the rules declare them; clients read facts here, never message text). */
export type { MissingSectionData } from './engine/rules/missing-section';
export type { MissingSubsectionData } from './engine/rules/missing-subsection';
export type { MisnamedSectionData } from './engine/rules/misnamed-section';
export type { HeadingLevelData } from './engine/rules/heading-level';
export type { SectionOrderData } from './engine/rules/section-order';
export type { MissingFieldData } from './engine/rules/missing-field';
