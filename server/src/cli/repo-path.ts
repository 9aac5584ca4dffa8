// The path a file is known by across machines: relative to the repository's
// top folder (the nearest folder holding `.git`, else the current folder),
// `/`-separated. Shards, baselines and GitHub annotations all key files by
// it, so the same file has the same name on every runner and every OS.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The nearest folder at or above `cwd` that holds `.git` (a folder, or a file in a worktree); else `cwd`. */
export function repoRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** `abs` relative to `root`, `/`-separated; a file outside the root keeps its absolute path (also `/`-separated). */
export function repoPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  const out = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return out.split(path.sep).join('/');
}
