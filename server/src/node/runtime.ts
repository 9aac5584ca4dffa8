// What the server needs from its host, passed in so the server itself stays
// testable and free of process-level assumptions (as css-language-features
// passes a runtime to startServer). Two hosts implement it: Node
// (`nodeRuntime.ts`: files on disk, worker threads) and the browser
// (`../browser/browserRuntime.ts`: files through the client, parsing sliced in-thread).
import type { ChunkFacts, DocSymbol, SourceText, TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import type { SymbolsBatch } from './fileSymbols';

export interface Runtime {
  /** Reads a regular UTF-8 file of at most `maxBytes` (a large default); rejects with an Error whose message says why (`code` 'ENOENT' when there is no such file). */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /** How long a workspace file read (the config file) may take before its folder goes on with defaults. */
  readDeadlineMs: number;
  /** Size and modification time of a file, or null when it cannot be read (workspace symbols skip unchanged files). */
  fileInfo(path: string): Promise<{ size: number; mtimeMs: number } | null>;
  /** Resolves symbolic links (to check that a file really is inside the workspace). */
  realpath(path: string): Promise<string>;
  /** Lists markdown files under a folder, bounded by `limit` (the walk's policy: markdownFiles.ts). */
  listMarkdownFiles(folder: string, limit: number): Promise<string[]>;
  builtinTemplate: { text: string; path: string };
  /** Gives the event loop a turn, so pending messages are handled before long work goes on. */
  yieldToEvents(): Promise<void>;
  /** The parser the server hands chunks, templates and workspace files to. */
  createParser(log: (message: string) => void): Parser;
  /**
   * An open document's text kept where an edit costs what it changes, when this
   * host has such a store for a text this long; undefined: the document keeps a string.
   */
  editableText?(text: string): EditableText | undefined;
}

/**
 * A document's text edited in place. Replacing a few characters of a string
 * builds a new one that the next read copies whole (megabytes per keystroke);
 * this reads single characters and stretches without a copy of the whole text.
 */
export interface EditableText {
  /** In UTF-16 code units. */
  readonly length: number;
  /** NaN outside the text, as String.prototype.charCodeAt. */
  charCodeAt(offset: number): number;
  /** Replaces [start, end) (code units, start <= end <= length) with `text`. */
  replace(start: number, end: number, text: string): void;
  /** As String.prototype.substring. */
  substring(start: number, end: number): string;
  /** The whole text: the same string until the next replace. */
  text(): string;
  /**
   * The text as it is now, still readable as it was after later replaces (a
   * string, or a view that copies out only what is read: textView.ts).
   */
  snapshot(): SourceText;
}

/**
 * Where chunks are parsed, templates derived and workspace files outlined, off
 * the path of the editor's answers (worker threads on Node, chunk by chunk with
 * yields in a browser). A chunk past the parse deadline is read by the line scanner.
 */
export interface Parser {
  /** A chunk's facts; null when `wanted` said no before the parse started. `background` work waits behind the rest. */
  parse(text: string, background?: boolean, wanted?: () => boolean): Promise<ChunkFacts | null>;
  /** Rejects with a TemplateError that names the file. */
  buildTemplate(text: string, name: string): Promise<TemplateModel>;
  /** Outlines of a batch of workspace files (null for one that is no deep dive); `templates`: the named ones, built. */
  symbols(batch: SymbolsBatch, template: TemplateModel, templates?: readonly NamedTemplate[]): Promise<(DocSymbol[] | null)[]>;
  /** Gets ready ahead of the first document. */
  warmUp(): void;
  dispose(): void;
}
