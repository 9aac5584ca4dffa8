// npm's "prepare" script. When npm installs this package from git (the pre-commit
// hook does: `npm install -g git+file://…`), the clone has no bundles, so build them
// (production, as in the VSIX). A checkout that already has dist/cli.js is left
// alone: `npm ci` in a working copy does not rebuild.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const resolves = (id) => {
  try {
    createRequire(new URL('package.json', root)).resolve(id);
    return true;
  } catch {
    return false;
  }
};

if (!existsSync(new URL('dist/cli.js', root))) {
  if (!resolves('esbuild')) {
    // npm prepares a git dependency of a global install with npm_config_global set, so the
    // dev dependencies went to the global folder, not here: install them here first.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_global'));
    const npm = process.env.npm_execpath;
    const args = ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund'];
    execFileSync(npm ? process.execPath : 'npm', npm ? [npm, ...args] : args, { stdio: 'inherit', cwd: root, env, shell: !npm && process.platform === 'win32' });
  }
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit', cwd: root });
}
