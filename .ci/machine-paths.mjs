// Fails when a tracked file names an absolute path of some machine: a clone
// elsewhere has none of them. Flagged, where a path starts (not inside a URL such
// as https://host/home/...): the top-level folders work, workspaces and root, anything
// in the top-level tmp, and a user's home folder (home or Users, then a name, or the
// Windows Users folder on a drive), unless the name is an obvious example (me, user,
// you, example, someone). System paths every Debian has (usr, var/lib/apt) are not
// machine paths. The patterns below are written so that this file passes its own check.
// Usage: node .ci/machine-paths.mjs (from anywhere in the repository); exit 1 when any is found.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE_USERS = ['me', 'user', 'you', 'example', 'someone'];
// A path starts at the line start, after `file://`, or after a character that cannot
// continue a URL or a relative path (space, quote, bracket, `=`, `:` and so on).
const START = String.raw`(?:^|file://|[^\w.~/\\-])`;
const USER = String.raw`(?!(?:${EXAMPLE_USERS.join('|')})[/\\])[^/\\\s'"\x60]+`;
const MACHINE_PATH = new RegExp(
  `${START}(/(?:work|workspaces|root)/|/(?:tmp)/[^\\s'"\\x60)]|/(?:home|Users)/${USER}/|[A-Za-z]:\\\\(?:Users)\\\\${USER}\\\\)`, 'gm');

/** Each machine path in `text`: 1-based line and the matched path start. */
export function findMachinePaths(text) {
  const found = [];
  for (const m of text.matchAll(MACHINE_PATH)) {
    const at = m.index + m[0].indexOf(m[1]);
    found.push({ line: text.slice(0, at).split('\n').length, match: m[1] });
  }
  return found;
}

/** Every tracked text file (binary files, those with a NUL byte, are skipped) with its machine paths. */
export function scanTrackedFiles(cwd) {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd, encoding: 'utf8' }).split('\0').filter(Boolean);
  const hits = [];
  for (const file of files) {
    let buf;
    try { buf = readFileSync(join(cwd, file)); } catch { continue; } // deleted in the work tree, or a folder (submodule)
    if (buf.includes(0)) continue;
    for (const h of findMachinePaths(buf.toString('utf8'))) hits.push({ file, ...h });
  }
  return hits;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const hits = scanTrackedFiles(root);
  for (const h of hits) console.log(`${h.file}:${h.line}: machine path ${h.match}`);
  console.log(hits.length ? `${hits.length} machine path(s) in tracked files: use paths relative to the repository, os.tmpdir(), or an environment variable`
    : 'no machine paths in tracked files');
  process.exit(hits.length ? 1 : 0);
}
