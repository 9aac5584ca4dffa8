// Shared types of the pure engine. Positions use the LSP's units (0-based
// lines, UTF-16 code units) so adapters convert nothing but the shape.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RelatedInfo {
  range: Range;
  message: string;
}

/** One departure from the template, as a rule reports it. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Machine-readable facts for quick fixes (e.g. the expected title). */
  data?: Record<string, unknown>;
  related?: RelatedInfo[];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A template section (`##`) or subsection (`###`) derived from the template markdown. */
export interface TemplateSection {
  /** Heading text as written in the template, e.g. "Failure Modes & Blast Radius". */
  title: string;
  /** Normalized key used for matching, e.g. "failure modes and blast radius". */
  key: string;
  depth: number;
  /** Markdown body under the heading (up to the next heading of any level), trimmed. */
  body: string;
  /** `[bracketed]` placeholders appearing in the body, in order, without brackets. */
  placeholders: string[];
  /** Child sections one level deeper (### under ##). */
  children: TemplateSection[];
  /** Index in the parent's children (or in the template's sections). */
  index: number;
  /** Marked `(optional)` in the template: never reported missing (the title is without the mark). */
  optional?: boolean;
  /** Other accepted names (`<!-- aliases: … -->` under the heading), as written. */
  aliases?: string[];
  /** The aliases' matching keys. */
  aliasKeys?: string[];
}

/** A bold field near the top, e.g. `**One-line summary**: [...]`. */
export interface TemplateField {
  label: string;
  key: string;
  /** Placeholder text of the value, without brackets. */
  placeholder: string;
  /** The whole line as written in the template. */
  line: string;
}

export interface TemplateModel {
  /** A name for messages, e.g. the template file path. */
  name: string;
  /** Title placeholder from `## Title: [Topic Name]`, e.g. "Topic Name". */
  titlePlaceholder: string;
  fields: TemplateField[];
  /** The `##` sections in order (Title excluded). */
  sections: TemplateSection[];
  /** The template markdown text it was built from. */
  source: string;
}
