// npm's `prepare`: runs after `npm install` in a clone and when npm installs the package
// from git (a pre-commit hook does: `npm install -g git+…`). Such a clone has no bundles,
// so build them (production, as in the VSIX). A no-op during `npm pack` and `npm publish`,
// whose `prepack` builds just before, and in a checkout that already has dist/cli.js
// (`npm ci` in a working copy does not rebuild; `npm test` builds anyway).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const command = process.env.npm_command;
if (command === 'pack' || command === 'publish') process.exit(0);
if (existsSync(new URL('dist/cli.js', root))) process.exit(0);

const resolves = (id) => {
  try {
    createRequire(new URL('package.json', root)).resolve(id);
    return true;
  } catch {
    return false;
  }
};
if (!resolves('esbuild')) {
  // npm prepares a git dependency of a global install with npm_config_global set, so the
  // dev dependencies went to the global folder, not here: install them here first.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_global'));
  const npm = process.env.npm_execpath;
  const args = ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund'];
  execFileSync(npm ? process.execPath : 'npm', npm ? [npm, ...args] : args, { stdio: 'inherit', cwd: root, env, shell: !npm && process.platform === 'win32' });
}
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit', cwd: root });
