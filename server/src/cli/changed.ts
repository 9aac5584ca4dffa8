// `--changed-since REF`: keeps the files that differ from a git ref: added,
// modified or renamed since the point where HEAD left REF (`git merge-base`),
// counting uncommitted edits and new files git does not ignore. Asks git
// itself (argument arrays, never a shell), so it sees exactly what git sees.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';
import type { FileTask } from './walk';

class GitFailed extends Error {}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError('--changed-since needs git, and no git command was found');
    throw new GitFailed(String((e as { stderr?: string }).stderr ?? '').trim());
  }
}

const split = (out: string) => out.split('\0').filter((p) => p !== '');

/** Absolute real paths of the files that differ from `ref` (see the top of this file). */
export function changedFiles(cwd: string, ref: string): Set<string> {
  if (ref === '' || ref.startsWith('-')) throw new CliError(`--changed-since needs a git ref such as origin/main (got "${ref}")`, true);
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  } catch (e) {
    if (e instanceof GitFailed) throw new CliError('--changed-since needs a git repository, and the current folder is not inside one');
    throw e;
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top).trim();
  } catch (e) {
    if (e instanceof GitFailed) throw new CliError(`--changed-since: unknown git ref "${ref}"`);
    throw e;
  }
  let base: string;
  try {
    base = git(['merge-base', commit, 'HEAD'], top).trim();
  } catch (e) {
    if (!(e instanceof GitFailed)) throw e;
    throw new CliError(`--changed-since: HEAD and "${ref}" have no common history here (in a shallow clone, fetch more history, e.g. actions/checkout with fetch-depth: 0)`);
  }
  const changed = [
    ...split(git(['diff', '--name-only', '-z', '--no-ext-diff', '--no-textconv', '--diff-filter=AMR', '-M', base, '--'], top)),
    ...split(git(['ls-files', '--others', '--exclude-standard', '-z'], top)),
  ];
  const realTop = realPath(top);
  return new Set(changed.map((p) => path.join(realTop, ...p.split('/'))));
}

function realPath(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

export function keepChanged(tasks: FileTask[], cwd: string, ref: string): FileTask[] {
  const changed = changedFiles(cwd, ref);
  return tasks.filter((t) => changed.has(realPath(t.abs)));
}
