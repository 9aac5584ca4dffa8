// npm's `prepare` (after `npm install` in a clone, and when npm installs the package from
// git): the production build that `bin` and `main` point at. A no-op during `npm pack` and
// `npm publish`, whose `prepack` builds just before, and when the dev dependencies are not
// installed (`npm install --omit=dev` in a clone), so it never fails an install over a build
// nobody asked for.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const command = process.env.npm_command;
if (command === 'pack' || command === 'publish') process.exit(0);
try {
  createRequire(import.meta.url).resolve('esbuild');
} catch {
  console.log('deep-dive prepare: dev dependencies not installed, no build (npm install, then npm run build)');
  process.exit(0);
}
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
