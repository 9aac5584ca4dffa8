// The Deep Dive messages beyond the LSP, as client and server both see them:
// method names and payload types live here once. Types and constants only,
// so the client can import it without pulling in the server.
import type { CompletenessCounts, SectionState } from './engine/features/completeness';

export type { SectionState };

/** Server -> client notification after each analysis of an open document. */
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
  /** Titles of the template sections the document lacks. */
  missing: string[];
  /** Titles of the template sections present but not written yet. */
  scaffolded: string[];
  degraded: boolean;
  ms: number;
}

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
