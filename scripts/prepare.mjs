// npm's "prepare" script. When npm installs this package from git (the pre-commit
// hook does: `npm install git+file://…`), the clone has no bundles, so build them
// (production, as in the VSIX). A checkout that already has dist/cli.js is left
// alone: `npm ci` in a working copy does not rebuild.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
if (!existsSync(new URL('dist/cli.js', root))) {
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit', cwd: root });
}
