// Turns the PATH arguments into the list of files to look at. A file named
// directly is always checked; files found by walking a folder or expanding a
// quoted glob are checked only if they count as deep dives (decided later,
// after parsing). Folders are walked by the one walk every host uses
// (node/markdownFiles.ts): markdown files only, never inside node_modules or
// dot-folders, symbolic links followed only where they stay inside.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { compileGlob, normaliseGlob, quoteGlob } from '../engine/glob';
import { assertRegularFile } from '../node/fileBoundary';
import { UnreadableFolder, walkFolder } from '../node/markdownFiles';
import { CliError, describeFsError } from './errors';

export interface FileTask {
  /** Path shown in output: as given, or the folder/glob as given joined with the rest. */
  display: string;
  /** Absolute path. */
  abs: string;
  /** Named directly: checked even if it does not look like a deep dive. */
  explicit: boolean;
  /** Standard input (`-`), already read: checked from these bytes, never from `abs`. */
  stdin?: Uint8Array;
}

/** `-` on the command line: standard input's bytes, named by --stdin-filename (for output, globs and detection). */
export interface StdinInput {
  bytes: Uint8Array;
  name?: string;
}

export const STDIN_ARG = '-';
const STDIN_DISPLAY = '<stdin>';

const GLOB_CHARS = /[*?[\]{}]/;

/** The files under a folder (the one walk's policy: node/markdownFiles.ts); an unreadable folder inside ends the run. */
async function walkFiles(dir: string, markdownOnly: boolean): Promise<string[]> {
  try {
    return await walkFolder(dir, { markdownOnly, strict: true });
  } catch (e) {
    if (e instanceof UnreadableFolder) throw new CliError(`cannot read folder ${e.folder}: ${describeFsError(e.error)}`);
    throw new CliError(`cannot read folder ${dir}: ${describeFsError(e)}`);
  }
}

/** The leading folder of a glob that has no glob characters, e.g. `docs` for `docs/**\/*.md`. */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (GLOB_CHARS.test(p)) break;
    fixed.push(p);
  }
  if (fixed.length === 0) return '.';
  const base = fixed.join('/');
  return base === '' ? '/' : base;
}

async function expandGlob(cwd: string, arg: string): Promise<FileTask[]> {
  const pattern = normaliseGlob(arg);
  const base = globBase(pattern);
  const baseAbs = path.resolve(cwd, base);
  const glob = compileGlob(pattern);
  if (!glob.ok) throw new CliError(`invalid glob ${quoteGlob(arg)}: ${glob.problem.message} (at character ${glob.problem.offset + 1 + arg.length - pattern.length})`);
  const out: FileTask[] = [];
  let st;
  try {
    st = statSync(baseAbs);
  } catch {
    return out;
  }
  if (!st.isDirectory()) return out;
  for (const rel of await walkFiles(baseAbs, false)) {
    const candidate = base === '.' ? rel : base === '/' ? `/${rel}` : `${base}/${rel}`;
    if (glob.test(candidate)) out.push({ display: candidate, abs: path.resolve(cwd, candidate), explicit: false });
  }
  return out;
}

/**
 * Resolves PATH arguments in order, dropping repeats (first mention wins).
 * A missing path, or a glob that matches nothing, is an error (exit 2).
 */
export async function collectFiles(cwd: string, args: string[], stdin?: StdinInput): Promise<FileTask[]> {
  const out: FileTask[] = [];
  const seen = new Set<string>();
  const add = (t: FileTask) => {
    if (seen.has(t.abs)) return;
    seen.add(t.abs);
    out.push(t);
  };
  for (const arg of args) {
    if (arg === STDIN_ARG && stdin) {
      // Like a file found in a folder: checked when it counts as a deep dive.
      const name = stdin.name ?? STDIN_DISPLAY;
      add({ display: name, abs: path.resolve(cwd, name), explicit: false, stdin: stdin.bytes });
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      if (GLOB_CHARS.test(arg)) {
        const matched = await expandGlob(cwd, arg);
        if (matched.length === 0) throw new CliError(`no files match ${arg}`);
        matched.forEach(add);
        continue;
      }
      throw new CliError(`cannot read ${arg}: ${describeFsError(e)}`);
    }
    if (st.isDirectory()) {
      for (const rel of await walkFiles(abs, true)) {
        add({ display: path.join(arg, rel), abs: path.join(abs, rel), explicit: false });
      }
    } else {
      // A FIFO, device or socket is refused before the run starts, never opened.
      try {
        assertRegularFile(st);
      } catch (e) {
        throw new CliError(`cannot read ${arg}: ${(e as Error).message}`);
      }
      add({ display: arg, abs, explicit: true });
    }
  }
  return out;
}
