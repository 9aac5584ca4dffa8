// Bundles the extension-host suite (client/src/test/*.ts) into out/test/, one file per
// entry: index.js (run()), *.test.js (loaded by mocha) and runTest.js (@vscode/test-electron).
// vscode is provided by the extension host; mocha and test-electron load from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const dir = 'client/src/test';
const entryPoints = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'util.ts')
  .map((f) => `${dir}/${f}`);

rmSync('out/test', { recursive: true, force: true });
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
