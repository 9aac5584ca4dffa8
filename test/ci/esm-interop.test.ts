// The server bundle's patched esbuild interop helper (scripts/esm-interop.mjs): a CommonJS
// package compiled from ES modules is imported as it is instead of copied into a new object
// of getters, and every import reads what it read before.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error -- a plain .mjs script without type declarations
import { patchToESM } from '../../scripts/esm-interop.mjs';

const patch = patchToESM as (text: string) => string;

/** Two CommonJS packages, one as TypeScript emits it (`__esModule`), one plain, and built-ins. */
const PACKAGES: Record<string, string> = {
  'from-esm': `Object.defineProperty(exports, '__esModule', { value: true });
exports.count = 1;
exports.bump = () => { exports.count += 1; };
exports.default = 'the default export';
globalThis.__fromEsm = exports;`,
  plain: `module.exports = function plain() { return 'called'; };
module.exports.size = 2;
globalThis.__plain = module.exports;`,
};
const ENTRY = `import { count, bump } from 'from-esm';
import * as fromEsm from 'from-esm';
import theDefault from 'from-esm';
import plain, { size } from 'plain';
import * as plainNs from 'plain';
import * as path from 'node:path';
import { basename } from 'node:path';
const before = count;
bump();
export const seen = {
  before, after: count, live: fromEsm.count, theDefault, keys: Object.keys(fromEsm).sort(),
  plain: plain(), size, plainDefault: plainNs.default === globalThis.__plain, plainSize: plainNs.size,
  join: path.join('a', 'b'), base: basename('/x/y.md'), pathDefault: typeof path.default,
};
export const sameObject = fromEsm === globalThis.__fromEsm;
export const plainCopied = plainNs !== globalThis.__plain;`;

async function bundle(minify: boolean): Promise<string> {
  const r = await esbuild.build({
    stdin: { contents: ENTRY, loader: 'ts', resolveDir: process.cwd() },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify, write: false, logLevel: 'silent',
    plugins: [{
      name: 'packages',
      setup(build) {
        build.onResolve({ filter: /^(from-esm|plain)$/ }, (a) => ({ path: a.path, namespace: 'pkg' }));
        build.onLoad({ filter: /.*/, namespace: 'pkg' }, (a) => ({ contents: PACKAGES[a.path], loader: 'js' }));
      },
    }],
  });
  return r.outputFiles[0].text;
}

function run(code: string): { seen: unknown; sameObject: boolean; plainCopied: boolean } {
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', code)(createRequire(__filename), module, module.exports);
  return module.exports as never;
}

describe('esm-interop (the server bundle\'s __toESM)', () => {
  for (const minify of [false, true]) {
    it(`reads every import as esbuild's own helper does, and skips the copy of an ES-module package (${minify ? 'minified' : 'unminified'})`, async () => {
      const code = await bundle(minify);
      const before = run(code);
      const after = run(patch(code));
      assert.deepEqual(after.seen, before.seen);
      assert.deepEqual(after.seen, {
        before: 1, after: 2, live: 2, theDefault: 'the default export', keys: ['bump', 'count', 'default'],
        plain: 'called', size: 2, plainDefault: true, plainSize: 2, join: 'a/b', base: 'y.md', pathDefault: 'object',
      });
      assert.equal(before.sameObject, false);
      assert.equal(after.sameObject, true);
      assert.equal(after.plainCopied, true);
      assert.equal(patch(code).split('\n').length, code.split('\n').length);
    });
  }

  it('fails the build when esbuild\'s helper has another shape', () => {
    assert.throws(() => patch('var x = 1;'), /no esbuild __toESM helper/);
    assert.throws(() => patch('var f=(e,t,n)=>(n=e!=null?1:{},g(e))'), /no esbuild __toESM helper/);
  });
});
