// What the server needs from its host, passed in so the server itself stays
// testable and free of process-level assumptions (as css-language-features
// passes a runtime to startServer).
export interface Runtime {
  /** Reads a regular UTF-8 file of at most `maxBytes` (a large default); rejects with an Error whose message says why. */
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
  /** Script of the analysis worker, or null to parse in-thread. */
  workerPath: string | null;
  /** Worker threads for parsing (opening a large document spreads its chunks over them). */
  parseWorkers: number;
  /** Per-chunk parse deadline in ms. */
  parseDeadlineMs: number;
}
