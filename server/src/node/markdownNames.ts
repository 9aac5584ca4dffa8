// Which names a folder walk takes, and in which order: the policy of both walks, on
// disk (markdownFiles.ts) and through the editor in a browser
// (../browser/browserRuntime.ts). No imports: the browser build takes it as it is.

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'] as const;

/** The markdown files of a folder tree as a file-watcher glob. */
export const MARKDOWN_GLOB = `**/*.{${MARKDOWN_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

/** The language server's index of a workspace folder: files listed at most, and the largest one read. */
export const INDEX_MAX_FILES = 20_000;
export const INDEX_MAX_FILE_SIZE = 2 * 1024 * 1024;

export function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Names a walk never takes or enters: dot names (.git, .vscode, lock files) and node_modules. */
export function skippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Entries in code-unit order, so every machine lists the same files in the same order. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
