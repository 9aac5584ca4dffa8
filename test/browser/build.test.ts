// The browser bundles (dist/browser/client.js, dist/browser/server.js) run in web workers,
// without Node: the build fails on any Node built-in (scripts/browser-only.mjs), and what
// it built asks for none.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const plugin = async () => ((await import(pathToFileURL(path.join(ROOT, 'scripts/browser-only.mjs')).href)) as { browserOnly: esbuild.Plugin }).browserOnly;

/** Bundles `source` (written to a temp file, or an existing entry) for the browser with the build's plugin. */
async function bundle(entry: { source: string } | { file: string }): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dd-browser-'));
  try {
    const file = 'file' in entry ? entry.file : path.join(dir, 'entry.ts');
    if ('source' in entry) writeFileSync(file, entry.source);
    const r = await esbuild.build({ entryPoints: [file], bundle: true, write: false, platform: 'browser', format: 'iife', conditions: ['worker'], logLevel: 'silent', plugins: [await plugin()] });
    return r.outputFiles[0].text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('browser build', () => {
  for (const id of ['node:fs', 'fs', 'node:worker_threads', 'crypto', 'path']) {
    test(`importing the Node built-in "${id}" fails the build, naming the importer`, async () => {
      await assert.rejects(bundle({ source: `import * as m from '${id}';\nconsole.log(m);\n` }), (e: Error) => {
        assert.match(e.message, new RegExp(`Node built-in "${id}" imported by .*entry\\.ts: the browser bundles run in a web worker, without Node`));
        return true;
      });
    });
  }

  test('the LSP adapter gets its browser twins of node:path and ./uris, and nothing of Node', async () => {
    const text = await bundle({ file: path.join(ROOT, 'server/src/lsp/workspace.ts') });
    assert.match(text, /scheme:authority|HIERARCHICAL/, 'the browser uris module is in');
    assert.doesNotMatch(text, /fileURLToPath|\brequire\(/);
  });

  for (const name of ['client', 'server']) {
    test(`dist/browser/${name}.js asks for nothing but the editor's API (run \`npm run build\` first)`, () => {
      const text = readFileSync(path.join(ROOT, `dist/browser/${name}.js`), 'utf8');
      const required = [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
      assert.deepEqual(required, name === 'client' ? ['vscode'] : []);
      // (`process` appears only behind `typeof process` guards of dependencies, so it is not looked for.)
      // No Node Buffer either: a large document's text is kept with typed arrays and TextDecoder (server/src/node/textCodec.ts).
      assert.doesNotMatch(text, /__dirname|\bBuffer\b/);
    });
  }
});
