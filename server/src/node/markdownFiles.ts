// Which files a folder walk looks at, for the CLI and the server's workspace
// symbols alike: markdown by extension, never inside node_modules or
// dot-folders (.git, .vscode, ...).

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'] as const;

/** The markdown files of a folder tree as a file-watcher glob. */
export const MARKDOWN_GLOB = `**/*.{${MARKDOWN_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;

export function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function skipFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}
