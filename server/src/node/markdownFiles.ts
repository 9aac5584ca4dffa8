// Which files a folder walk looks at, for the CLI and the server's workspace
// symbols alike: markdown by extension, never inside node_modules or
// dot-folders (.git, .vscode, ...).

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'] as const;

export function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function skipFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** A folder's entries as a walk needs them; null when the folder cannot be read (it is skipped). */
export type ReadFolder = (folder: string) => Promise<{ name: string; kind: 'file' | 'directory' | 'other' }[] | null>;

/**
 * Markdown files under `folder`, breadth first, at most `limit`: the one walk of the
 * Node and browser runtimes, which differ in how a folder is read and a path joined.
 */
export async function walkMarkdownFiles(folder: string, limit: number, read: ReadFolder, join: (folder: string, name: string) => string): Promise<string[]> {
  const out: string[] = [];
  const queue = [folder];
  while (queue.length > 0 && out.length < limit) {
    const dir = queue.shift()!;
    for (const e of (await read(dir)) ?? []) {
      const p = join(dir, e.name);
      if (e.kind === 'directory') {
        if (!skipFolder(e.name)) queue.push(p);
      } else if (e.kind === 'file' && !e.name.startsWith('.') && isMarkdownName(e.name)) out.push(p);
      if (out.length >= limit) break;
    }
  }
  return out;
}
