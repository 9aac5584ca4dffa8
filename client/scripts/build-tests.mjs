// Bundles the extension-host suite (client/src/test/*.ts) into out/test/, one file per
// entry: index.js (run()), *.test.js (loaded by mocha) and runTest.js (@vscode/test-electron);
// and the web suite, out/test-web/index.js.
// vscode is provided by the extension host; mocha and test-electron load from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const dir = 'client/src/test';
const entryPoints = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'util.ts')
  .map((f) => `${dir}/${f}`);

rmSync('out/test', { recursive: true, force: true });
rmSync('out/test-web', { recursive: true, force: true });
// The web suite (client/src/test-web): one browser bundle, out/test-web/index.js, for the
// web worker extension host; `node:assert` is the suite's own (test-web/assert.ts).
await esbuild.build({
  entryPoints: ['client/src/test-web/index.ts', 'client/src/test-web/scene.ts'],
  outdir: 'out/test-web',
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  conditions: ['worker'],
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode'],
  alias: { 'node:assert': './client/src/test-web/assert.ts' },
  // The test files are imported for their side effect (registering suites), which package.json's
  // `sideEffects: false` (true of the shipped code) would drop.
  ignoreAnnotations: true,
});
await esbuild.build({
  entryPoints,
  outdir: 'out/test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
});
