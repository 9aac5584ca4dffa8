// What the VS Code client and the language server say to each other beyond the
// LSP: notification, request and command names and their payloads. Both sides
// import this module; neither spells these strings itself. No imports: the
// client bundle takes it as it is (the engine types below are type-only).
import type { DocumentOverview } from './engine/features/overview';

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
  /** Placeholders as tab stops (the client inserts the text with its snippet engine). */
  snippet?: boolean;
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

/** Server command (arguments: document URI, optional titles): inserts the missing sections, answers InsertMissingResult. */
export const INSERT_MISSING_COMMAND = COMMANDS.insertMissingSections;

/** What the insert-missing-sections command did. */
export interface InsertMissingResult {
  applied: boolean;
  /** Titles of the sections inserted (or that would have been), in template order. */
  inserted?: string[];
  reason?: string;
}

/** Request (client -> server), params `{ uri }`: the document's DocumentOverview, or null for ordinary markdown. */
export const SECTIONS_REQUEST = 'deepDive/sections';
export type SectionsResult = DocumentOverview | null;

/** Initialization options the server reads (besides `settings`). */
export interface InitializationOptions {
  /** Workspace trust: false uses only the built-in template. */
  trusted?: boolean;
  /** false: the editor has its own markdown outline, so the server offers no document symbols (each heading once). */
  documentSymbols?: boolean;
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
