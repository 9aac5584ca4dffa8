// How a document is checked: one options type for the editor's sessions, the
// CLI and workspace symbols. Each caller fills in what it knows (the editor
// its settings and the document's path, the CLI its config file and root).
import type { SeveritySetting, TemplateModel } from './types';

/** A template of the workspace's set: its name (front matter, output), model and globs. */
export interface NamedTemplate {
  name: string;
  template: TemplateModel;
  globs: readonly string[];
}

export interface CheckOptions {
  /** The built-in `deep-dive` template (or the file configured in its place): the default. */
  template: TemplateModel;
  /** The workspace's named templates in declaration order (selection.ts chooses among them and `template`). */
  templates?: readonly NamedTemplate[];
  /** Per-rule severity or `off`; absent codes keep the rule's default. */
  rules?: Record<string, SeveritySetting>;
  /** False: no document is a deep dive (checking switched off). Default true. */
  enabled?: boolean;
  /** The path the globs are matched against, `/`-separated (workspace- or root-relative); omitted for untitled buffers. */
  path?: string;
  /** Globs of files checked against `template`; default DEFAULT_GLOBS. */
  globs?: string[];
  /** Also treat documents that look like deep dives as deep dives. Default true. */
  autoDetect?: boolean;
  /** Check the document whatever detection says (a file named on the command line). */
  force?: boolean;
  /** The document is one of the workspace's template files: its findings are the template's problems (template.ts). */
  templateFile?: boolean;
  /** Longer texts (UTF-16 units) are line-scanned only: section checks, no placeholder checks. */
  maxDocumentSize?: number;
}

/** The options a worker thread needs, cloneable: the template as its markdown, derived there once. */
export type PortableCheckOptions = Omit<CheckOptions, 'template' | 'templates'> & {
  template: { text: string; name: string };
  templates?: { name: string; globs: readonly string[]; template: { text: string; name: string } }[];
};
