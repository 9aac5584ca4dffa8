// The one folder walk, for every host: the CLI's folders and globs, the
// language server's workspace (its deep dives, workspace symbols) and the MCP
// server's list. One policy: markdown by extension; names starting with a dot
// (.git, .vscode, editor lock files) and node_modules never taken or walked
// into; symbolic links followed only where they lead inside the folder walked,
// and each real folder walked once (no loops); entries in
// code-unit order, so every machine lists the same files in the same order.
// How large a file may be is the reader's policy (fileBoundary.ts, and the
// server's index limits in markdownNames.ts). The browser's runtime walks through the editor
// with the same names policy (markdownNames.ts) and order.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { codeUnitOrder, isMarkdownName, skippedName } from './markdownNames';

export interface WalkOptions {
  /** Only markdown files (by extension); otherwise every file (a glob decides). */
  markdownOnly?: boolean;
  /** Files listed at most. */
  limit?: number;
  /** A folder inside that cannot be read fails the walk (the CLI's); otherwise it is passed over. */
  strict?: boolean;
}

/** A folder the walk could not read (with `strict`). */
export class UnreadableFolder extends Error {
  constructor(readonly folder: string, readonly error: unknown) {
    super(`cannot read folder ${folder}`);
    this.name = 'UnreadableFolder';
  }
}

interface Entry {
  kind: 'file' | 'folder' | null;
  real: string;
}
const NOTHING: Entry = { kind: null, real: '' };

const byName = (a: Dirent, b: Dirent) => codeUnitOrder(a.name, b.name);

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The files under `root`, depth first, as `/`-separated paths relative to it.
 * Rejects when `root` itself cannot be read.
 */
export async function walkFolder(root: string, options: WalkOptions = {}): Promise<string[]> {
  const limit = options.limit ?? Infinity;
  const realRoot = await realpath(root);
  const seen = new Set<string>([realRoot]);
  const out: string[] = [];
  /** What a symbolic link leads to: nothing when that is outside `root`, or nowhere. */
  const follow = async (full: string): Promise<Entry> => {
    try {
      const [real, st] = await Promise.all([realpath(full), stat(full)]);
      if (!inside(realRoot, real)) return NOTHING;
      return { kind: st.isDirectory() ? 'folder' : st.isFile() ? 'file' : null, real };
    } catch {
      return NOTHING; // dangling
    }
  };
  /** `realDir`: where `dir` really is. Below it, only links need resolving (a loop needs one). */
  const visit = async (dir: string, realDir: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (options.strict) throw new UnreadableFolder(dir, e);
      return;
    }
    for (const e of entries.sort(byName)) {
      if (out.length >= limit) return;
      if (skippedName(e.name)) continue;
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      // Only links are awaited: a large walk is mostly plain files.
      const { kind, real }: Entry = e.isSymbolicLink() ? await follow(full)
        : e.isDirectory() ? { kind: 'folder', real: path.join(realDir, e.name) }
          : { kind: e.isFile() ? 'file' : null, real: '' };
      if (kind === 'file' && (!options.markdownOnly || isMarkdownName(e.name))) out.push(relPath);
      if (kind !== 'folder' || seen.has(real)) continue;
      seen.add(real);
      await visit(full, real, relPath);
    }
  };
  await visit(root, realRoot, '');
  return out;
}

