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

// @ts-expect-error -- a plain .mjs script without type declarations
import { patchBuiltinImportStar, patchExportStar, patchLazyFeatures, reExportValues } from '../../scripts/esm-interop.mjs';

/** vscode-languageserver/node bundled as the server bundle has it, with or without re-exported values copied. */
async function library(copyValues: boolean): Promise<Record<string, unknown>> {
  const r = await esbuild.build({
    stdin: { contents: `module.exports = require('vscode-languageserver/node');`, loader: 'js', resolveDir: process.cwd() },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    plugins: copyValues ? [reExportValues as esbuild.Plugin] : [],
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', r.outputFiles[0].text)(createRequire(__filename), module, module.exports);
  return module.exports;
}

/** What an export is, deep enough to tell a copied value from one read before its module had set it. */
function shape(value: unknown, depth = 2): unknown {
  if (typeof value === 'function') return { function: value.name, keys: depth ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as never)[k], depth - 1)])) : null };
  if (value && typeof value === 'object') return depth ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as never)[k], depth - 1)])) : 'object';
  return value;
}

describe('re-export-values (vscode-languageserver\'s `export *` as copied values)', () => {
  it('gives every export of vscode-languageserver/node the same value, as a data property', async () => {
    const [plain, copied] = await Promise.all([library(false), library(true)]);
    assert.ok(Object.keys(plain).length > 300);
    assert.deepEqual(Object.keys(copied).sort(), Object.keys(plain).sort());
    for (const name of Object.keys(plain)) assert.deepEqual(shape(copied[name]), shape(plain[name]), name);
    // Re-exported through three layers: a getter without the patch, the value itself with it.
    assert.equal(typeof Object.getOwnPropertyDescriptor(plain, 'TextDocumentSyncKind')?.get, 'function');
    assert.deepEqual(Object.getOwnPropertyDescriptor(copied, 'TextDocumentSyncKind')?.value, { None: 0, Full: 1, Incremental: 2 });
    // A feature module's name stays a getter (its module loads on first read), giving the same value.
    assert.equal(typeof Object.getOwnPropertyDescriptor(copied, 'FoldingRangeRequest')?.get, 'function');
    assert.equal((copied.FoldingRangeRequest as { method: string }).method, 'textDocument/foldingRange');
  });

  it('gives the library\'s modules Node\'s built-ins themselves, not copies, and fails where a copy\'s default is read', () => {
    const patch = patchBuiltinImportStar as (source: string) => string | null;
    const source = `const Is = __importStar(require("./is"));
const path = __importStar(require("path"));
const fs = __importStar(require("fs"));
function tmp(dir) { return path.join(fs.realpathSync(dir), 'x'); }
`;
    assert.equal(patch(source), `const Is = __importStar(require("./is"));
const path = require("path");
const fs = require("fs");
function tmp(dir) { return path.join(fs.realpathSync(dir), 'x'); }
`);
    assert.equal(patch('const Is = __importStar(require("./is"));\n'), null);
    assert.throws(() => patch(`${source}const whole = fs.default;\n`), /reads fs.default/);
  });

  it('makes protocol.js require a feature module when one of its names is first read, and fails if the module is used otherwise', () => {
    const lazy = patchLazyFeatures as (source: string) => string;
    const source = `const messages_1 = require("./messages");
const protocol_foldingRange_1 = require("./protocol.foldingRange");
Object.defineProperty(exports, "FoldingRangeRequest", { enumerable: true, get: function () { return protocol_foldingRange_1.FoldingRangeRequest; } });
Object.defineProperty(exports, "FoldingRangeRefreshRequest", { enumerable: true, get: function () { return protocol_foldingRange_1.FoldingRangeRefreshRequest; } });
`;
    assert.equal(lazy(source), `const messages_1 = require("./messages");
Object.defineProperty(exports, "FoldingRangeRequest", { enumerable: true, get: function () { return require("./protocol.foldingRange").FoldingRangeRequest; } });
Object.defineProperty(exports, "FoldingRangeRefreshRequest", { enumerable: true, get: function () { return require("./protocol.foldingRange").FoldingRangeRefreshRequest; } });
`);
    // Read while protocol.js loads: requiring it later would change when its module runs.
    assert.throws(() => lazy(`${source}exports.kinds = protocol_foldingRange_1.FoldingRangeRequest.method;\n`), /beyond its re-exports/);
    assert.throws(() => lazy('const messages_1 = require("./messages");\n'), /no feature module/);
  });

  it('patches TypeScript\'s helper only, and fails on one of another shape', () => {
    const patch = patchExportStar as (source: string) => string | null;
    assert.equal(patch('exports.x = 1;'), null);
    const helper = `var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};`;
    assert.equal(patch(helper), `var __exportStar = function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) { var d = Object.getOwnPropertyDescriptor(m, p); if (d.get) Object.defineProperty(exports, p, d); else exports[p] = m[p]; }
};`);
    assert.throws(() => patch('var __exportStar = (this && this.__exportStar) || function(m, o) { Object.assign(o, m); };'), /unknown shape/);
  });
});
