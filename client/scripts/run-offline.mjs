// `npm run test:vscode:offline`: runs the extension-host suite in code-server through
// vscode-test of the shared fixtures ($DEEP_DIVE_SHARED, else `shared` beside the repository) against the extension as packaged: the VSIX's extension/ folder,
// unzipped to a temp dir, is the extensionDevelopmentPath, so nothing from the source tree
// (node_modules, src, unbundled files) can make a broken package pass.
// `--web` runs the web suite (out/test-web/index.js) instead, in VS Code's web worker extension
// host: the unpacked extension without its `main` is a browser-only extension, and the suite,
// bundled for the browser, goes inside its folder (the runner runs it in the extension's host).
// Usage: node client/scripts/run-offline.mjs [--vsix FILE] [--web] [runner options, e.g. --timeout 600]
// Exit code: the runner's (0 pass, 1 test failures, 2 timeout, 3 runner error).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
let vsix;
const i = args.indexOf('--vsix');
if (i >= 0) [, vsix] = args.splice(i, 2);
const web = args.includes('--web');
if (web) args.splice(args.indexOf('--web'), 1);
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
vsix = resolve(vsix ?? join(root, `${name}-${version}.vsix`));
const runner = resolve(process.env.VSCODE_TEST_RUNNER ?? resolve(root, process.env.DEEP_DIVE_SHARED || '../shared', 'vscode-test/run-vscode-tests.js'));
const tests = join(root, web ? 'out/test-web/index.js' : 'out/test/index.js');
for (const [what, f, hint] of [
  ['VSIX', vsix, 'npm run package'],
  ['runner', runner, 'put the shared fixtures beside the repository as `shared`, set DEEP_DIVE_SHARED to their folder or VSCODE_TEST_RUNNER to run-vscode-tests.js'],
  ['suite', tests, 'node client/scripts/build-tests.mjs'],
]) {
  if (!existsSync(f)) {
    console.error(`run-offline: ${what} not found: ${f} (${hint})`);
    process.exit(3);
  }
}

// Short temp paths: VS Code puts Unix sockets under TMPDIR (107-byte limit).
const tmp = mkdtempSync(join(tmpdir(), 'dd-'));
const ext = join(tmp, 'ext');
const workspace = join(tmp, 'ws');
// unzip where present, else Python's zipfile (install.sh makes sure python3 exists).
try {
  execFileSync('unzip', ['-q', vsix, 'extension/*', '-d', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
} catch {
  execFileSync('python3', ['-m', 'zipfile', '-e', vsix, tmp]);
}
renameSync(join(tmp, 'extension'), ext);
checkPackage(ext);
let testsPath = tests;
if (web) {
  const manifestFile = join(ext, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  delete manifest.main;
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  testsPath = join(ext, 'web-test/index.js');
  mkdirSync(dirname(testsPath));
  cpSync(tests, testsPath);
}
// A scratch copy of the fixture workspace: the suite edits settings and documents.
cpSync(join(root, 'client/src/test/workspace'), workspace, { recursive: true });
console.log(`run-offline: ${vsix} unpacked to ${ext}`);

const child = spawn(process.execPath, [runner,
  '--extensionDevelopmentPath', ext, '--extensionTestsPath', testsPath, '--workspace', workspace, ...args],
{ stdio: 'inherit' });
const forward = (sig) => () => child.kill(sig);   // the runner cleans up on SIGTERM/SIGINT
process.on('SIGINT', forward('SIGINT'));
process.on('SIGTERM', forward('SIGTERM'));
child.on('exit', (code, signal) => {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(code ?? (signal ? 128 + 15 : 3));
});

/** The VSIX holds only what .vscodeignore allows, and the bundles carry no sourcemaps. */
function checkPackage(dir) {
  const allowed = [/^package\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^LICENSE(\.txt)?$/, /^images\/icon\.png$/, /^media\/walkthrough\/[^/]+\.jpg$/,
    /^dist\/(client|server|server-main|server-core|worker)\.js$/, /^dist\/browser\/(client|server)\.js$/, /^server\/templates\/[^/]+\.md$/, /^snippets\/[^/]+\.json$/, /^syntaxes\/[^/]+\.json$/];
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
  const extra = files.filter((f) => !allowed.some((re) => re.test(f)));
  const maps = files.filter((f) => f.endsWith('.js') && /sourceMappingURL=/.test(readFileSync(join(dir, f), 'utf8')));
  for (const need of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/server-core.js', 'dist/browser/client.js', 'dist/browser/server.js', 'package.json']) if (!files.includes(need)) extra.push(`(missing) ${need}`);
  if (extra.length || maps.length) {
    console.error(`run-offline: unexpected VSIX content: ${[...extra, ...maps.map((m) => `${m} has a sourcemap`)].join(', ')}`);
    process.exit(3);
  }
  console.log(`run-offline: VSIX content ok (${files.length} files)`);
}
