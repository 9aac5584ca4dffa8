// What the VS Code client and the language server say to each other beyond the
// LSP: notification, request and command names and their payloads. Both sides
// import this module; neither spells these strings itself. No imports: the
// client bundle takes it as it is (the engine types below are type-only).
import type { CompletenessCounts, SectionState } from './engine/features/completeness';
import type { DocumentOverview } from './engine/features/overview';

export type { SectionState };

/** Server -> client after every analysis: the language status item's facts. */
export const STATUS_NOTIFICATION = 'deepDive/status';

export interface StatusParams {
  uri: string;
  version: number;
  isDeepDive: boolean;
  /** Template `##` sections present, written or not. */
  present: number;
  /** Template `##` sections present and written (content, no placeholder, no unfilled guidance). */
  written: number;
  total: number;
  /** Titles of the missing template sections, in template order. */
  missing: string[];
  /** Titles of the template sections present but not written yet. */
  scaffolded: string[];
  /** Part of the document was read by the line scanner, not the markdown parser. */
  degraded: boolean;
  /** Analysis time in milliseconds. */
  ms: number;
  /** The name of the template the document is checked against (absent when it is not checked). */
  template?: string;
  /** Why that template: "front matter on line 2", "glob docs/adr/**\/*.md", "auto-detected with 4 of 5 headings". */
  templateReason?: string;
}

/** Client -> server: the text of a new deep dive from the template that applies at `uri`. */
export const NEW_DOCUMENT_REQUEST = 'deepDive/newDocument';

export interface NewDocumentParams {
  title?: string;
  /** A URI in the folder whose template applies. */
  uri?: string;
  /** Placeholders as tab stops (the client inserts the text with its snippet engine). */
  snippet?: boolean;
  /** The name of the template to start from (default: the built-in `deep-dive`, or the folder's only template). */
  template?: string;
}

export interface NewDocumentResult {
  text: string;
  /** The template the text was made from. */
  template: string;
  /** Every template of the folder, in selection order (a client asks which one when there are several). */
  templates: string[];
}

/** Commands: the server executes INSERT_MISSING_SECTIONS (workspace/executeCommand); the others are the client's. */
export const COMMANDS = {
  insertMissingSections: 'deepDive.insertMissingSections',
  showMissingSections: 'deepDive.showMissingSections',
  newDeepDive: 'deepDive.newDeepDive',
  whichTemplate: 'deepDive.whichTemplate',
  restartServer: 'deepDive.restartServer',
  showOutput: 'deepDive.showOutput',
  refreshDeepDives: 'deepDive.refreshDeepDives',
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

/** Client -> server request: every deep dive of the workspace with its completeness. */
export const DOCUMENTS_REQUEST = 'deepDive/documents';

export interface DocumentsParams {
  /** Only documents under this folder URI (all workspace folders when absent). */
  folder?: string;
  /** The LSP's work-done progress token: the server reports indexing progress on it. */
  workDoneToken?: string | number;
}

export interface DocumentSectionEntry {
  /** The template's title of the section. */
  title: string;
  state: SectionState;
  /** Where the section's heading is (absent when missing). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** A missing section: the zero-width gap where it belongs (where its quick fix inserts it). */
  belongs?: DocumentSectionEntry['range'];
  subsections: { title: string; state: SectionState; range?: DocumentSectionEntry['range'] }[];
}

export interface DocumentEntry extends CompletenessCounts {
  uri: string;
  /** The document's title (its H1 or `## Title:` line), else the file name. */
  title: string;
  /** Findings by severity, after the document's settings and suppressions. */
  findings: { error: number; warning: number; information: number; hint: number };
  sections: DocumentSectionEntry[];
}

export interface DocumentsResult {
  documents: DocumentEntry[];
  /** True when the workspace was still being indexed, so the list may grow. */
  partial: boolean;
}

/**
 * Server -> client: a file through the editor's file system (`workspace.fs`). The
 * browser server has no disk: templates, `.deepdive.json` and the workspace's deep
 * dives reach it this way, on any scheme the editor can read (`vscode-vfs:`, ...).
 * The desktop server reads files itself and never asks.
 */
export const FS_REQUEST = 'deepDive/fs';

export type FsParams =
  /** The file's size and modification time. */
  | { op: 'stat'; uri: string }
  /** A regular file's UTF-8 text, refused (not read) when over `maxBytes`. */
  | { op: 'readFile'; uri: string; maxBytes: number }
  /** A folder's entries (a symbolic link as the kind it leads to, marked as a link). */
  | { op: 'readDirectory'; uri: string };

/** `error` says why in words for a user; `notFound` when there is no such file or folder. */
export type FsResult =
  | { stat: { type: 'file' | 'directory' | 'other'; size: number; mtime: number } }
  | { text: string }
  | { entries: [name: string, type: 'file' | 'directory' | 'other', symbolicLink?: boolean][] }
  | { error: string; notFound?: boolean };

/**
 * Server -> client, no params: what `deepDive/documents` answers may have changed (a markdown
 * file saved, created or deleted, a document closed, settings, config file, template or
 * workspace folders changed), so ask again. Sent only to a client that has asked once.
 */
export const DOCUMENTS_CHANGED_NOTIFICATION = 'deepDive/documentsChanged';
