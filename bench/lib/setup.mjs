// Bench prerequisites: a fresh server bundle, and micromark 4.0.3 in a temp prefix
// (the repo pins 4.0.2 through npm overrides; the bench shows the difference), and where
// the real corpus of the shared test fixtures is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The real deep dives of the shared test fixtures: $DEEP_DIVE_SHARED, else `shared` beside the repository (it may be absent). */
export function corpusDir(repo) {
  return resolve(repo, process.env.DEEP_DIVE_SHARED || '../shared', 'corpus/real');
}

/** Builds dist/ when the server sources exist and are newer than the bundle; true if dist/server.js exists. */
export function ensureServerBuilt(repo, log) {
  const bundle = join(repo, 'dist/server.js');
  const src = join(repo, 'server/src');
  if ((existsSync(join(src, 'entries/server-main.ts')) || existsSync(join(src, 'main.ts'))) && (!existsSync(bundle) || newestMtime(src) > statSync(bundle).mtimeMs)) {
    log('npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
    if (r.status !== 0) log(`build failed: ${String(r.stderr).slice(-500)}`);
  }
  if (!existsSync(bundle)) log('dist/server.js not found: protocol measurements skipped');
  return existsSync(bundle);
}

/** Returns a node_modules root with micromark 4.0.3 + mdast-util-from-markdown + GFM, or null. */
export function ensureMicromark403(log) {
  const dir = join(tmpdir(), 'mm403');
  const pkg = join(dir, 'node_modules/micromark/package.json');
  const ok = () => existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === '4.0.3' && existsSync(join(dir, 'node_modules/mdast-util-gfm'));
  if (ok()) return dir;
  log(`installing micromark@4.0.3 into ${dir}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  // Same versions of the mdast layer as the repo, so only micromark differs.
  const v = (name) => JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', dir, 'micromark@4.0.3',
    `mdast-util-from-markdown@${v('mdast-util-from-markdown')}`, `micromark-extension-gfm@${v('micromark-extension-gfm')}`, `mdast-util-gfm@${v('mdast-util-gfm')}`],
  { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  if (r.status !== 0) log(`micromark 4.0.3 unavailable: ${String(r.stderr).slice(-300)}`);
  return ok() ? dir : null;
}
