// esbuild plugins of the server bundle (dist/server-main.js) for the cost of loading
// CommonJS packages, most of it vscode-languageserver's: over 300 names, re-exported
// through up to four layers of modules and imported by six of the server's modules.
// Without them, making those objects of getters was about a quarter of the CPU time of
// the server's own start-up (from Node's bootstrap to the `initialize` answer). The patches
// only change how a module's exports are reached or when a module loads, never their values;
// each fails the build when the code it patches changes shape.

import { outfilePatch } from './outfile-patch.mjs';

/**
 * esbuild turns each `import { X } from 'cjs-package'` into `__toESM(require_pkg())`: a new
 * object with a getter for every export. A package compiled from ES modules (`__esModule`
 * set) already reads like a module namespace, so the patched helper returns it as it is.
 * Node's built-ins (no `__esModule`) and imports in Node mode keep esbuild's copy.
 */
const TO_ESM = /(var\s+\w+\s*=\s*\((\w+),\s*(\w+),\s*(\w+)\)\s*=>\s*)(\(\s*\4\s*=\s*\2\s*!=\s*null\s*\?)/;

/** The bundle's text with esbuild's __toESM patched; throws when the helper is not of the shape this relies on. */
export function patchToESM(text) {
  const m = TO_ESM.exec(text);
  const [mod, nodeMode] = m ? [m[2], m[3]] : [];
  // The copy must still be skipped only for what this shortcut returns as is: `nodeMode || !mod || !mod.__esModule ? copy with default : copy`.
  const shape = m && new RegExp(`${nodeMode}\\s*\\|\\|\\s*!${mod}\\s*\\|\\|\\s*!${mod}\\.__esModule\\s*\\?`).test(text.slice(m.index, m.index + 600));
  if (!shape) throw new Error('esm-interop: no esbuild __toESM helper of the known shape (update scripts/esm-interop.mjs)');
  // `(e,t,n)=>(...)` becomes `(e,t,n)=>e&&e.__esModule&&!t?e:(...)`. No line moves (unminified, the helper has lines of its own), so sourcemaps hold.
  return text.slice(0, m.index) + m[1] + `${mod}&&${mod}.__esModule&&!${nodeMode}?${mod}:` + m[5] + text.slice(m.index + m[0].length);
}

export const esmInterop = outfilePatch('esm-interop', patchToESM);

/**
 * TypeScript's `export * from` in CommonJS (`__exportStar`) defines, for each name, a getter
 * that reads the other module's export, a new function for every name that is a plain value:
 * vscode-languageserver's modules re-export over 300 names through up to four such layers.
 * Its modules assign each export once while they load, and `__exportStar` runs after the
 * module it re-exports has loaded, so copying the values gives the same exports. A name
 * that is already a getter (the lazy re-exports below) keeps it, as TypeScript's helper does
 * for a module compiled from ES modules.
 * test/ci/esm-interop.test.ts compares every export of the library loaded both ways.
 */
const EXPORT_STAR = /(var __exportStar = )\(this && this\.__exportStar\) \|\| (function\(m, exports\) \{\s*for \(var p in m\) if \(p !== "default" && !Object\.prototype\.hasOwnProperty\.call\(exports, p\)\) )__createBinding\(exports, m, p\);/;
const COPY_EXPORT = 'var d = Object.getOwnPropertyDescriptor(m, p); if (d.get) Object.defineProperty(exports, p, d); else exports[p] = m[p];';
const LIBRARY = /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver|languageserver-protocol)[\\/]lib[\\/].*\.js$/;

/** A library module's source with its `__exportStar` copying values; null when it has none. Throws on a helper of another shape. */
export function patchExportStar(source) {
  if (!source.includes('var __exportStar =')) return null;
  const patched = source.replace(EXPORT_STAR, `$1$2{ ${COPY_EXPORT} }`);
  if (patched === source) throw new Error('esm-interop: a TypeScript __exportStar helper of an unknown shape (update scripts/esm-interop.mjs)');
  return patched;
}

/**
 * vscode-languageserver-protocol's protocol.js requires its 22 feature modules (folding ranges,
 * semantic tokens, notebooks, inlay hints...) as it loads and re-exports their request types
 * through getters: each module and its type objects were made, and their code deserialized,
 * on every start, though a server uses the few it registers. Here each getter requires its
 * module on first read instead (the bundle's require of a module runs it once), so a module
 * loads when a server first uses one of its names. The exports are the same objects.
 */
const PROTOCOL = /[\\/]node_modules[\\/]vscode-languageserver-protocol[\\/]lib[\\/]common[\\/]protocol\.js$/;
const FEATURE_REQUIRE = /^const (protocol_\w+_1) = require\("(\.\/protocol\.\w+)"\);\n/gm;

/** protocol.js's source with its feature modules required by their re-exports' getters. Throws when its shape changed. */
export function patchLazyFeatures(source) {
  let patched = source;
  let modules = 0;
  for (const [line, name, spec] of source.matchAll(FEATURE_REQUIRE)) {
    const getter = `get: function () { return ${name}.`;
    const uses = patched.split(name).length - 1;
    const getters = patched.split(getter).length - 1;
    // The module's variable must be read by its re-exports' getters only (and declared once).
    if (getters === 0 || uses !== getters + 1) throw new Error(`esm-interop: protocol.js uses ${name} beyond its re-exports (update scripts/esm-interop.mjs)`);
    patched = patched.replace(line, '').replaceAll(getter, `get: function () { return require("${spec}").`);
    modules++;
  }
  if (modules === 0) throw new Error('esm-interop: protocol.js requires no feature module of the known shape (update scripts/esm-interop.mjs)');
  return patched;
}

/**
 * TypeScript's `import * as fs from 'fs'` (`__importStar`) copies a Node built-in into a new
 * object with a getter for each of its names (fs has about a hundred): the library's Node
 * modules did so six times as they loaded (jsonrpc's path, os and fs; the file helpers' url,
 * path and fs). Reading a name of the copy reads the built-in's, so those modules take the
 * built-in itself; a module that reads the copy's `default` (the one name that differs)
 * fails the build.
 */
const BUILTIN_IMPORT_STAR = /__importStar\(require\("(url|path|fs|os)"\)\)/g;

/** A library module's source with its built-ins required as they are; null when it copies none. */
export function patchBuiltinImportStar(source) {
  let found = false;
  const patched = source.replace(BUILTIN_IMPORT_STAR, (_, id) => {
    found = true;
    return `require("${id}")`;
  });
  if (!found) return null;
  for (const [, name] of source.matchAll(/const (\w+) = __importStar\(require\("(?:url|path|fs|os)"\)\);/g)) {
    if (new RegExp(`\\b${name}(\\.default\\b|\\[)`).test(source)) throw new Error(`esm-interop: a library module reads ${name}.default or ${name}[...] (update scripts/esm-interop.mjs)`);
  }
  return patched;
}

export const reExportValues = {
  name: 're-export-values',
  setup(build) {
    let patched = 0;
    let lazy = 0;
    let copies = 0;
    build.onStart(() => {
      patched = 0;
      lazy = 0;
      copies = 0;
    });
    build.onLoad({ filter: LIBRARY }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      let contents = patchExportStar(source);
      if (contents !== null) patched++;
      const builtins = patchBuiltinImportStar(contents ?? source);
      if (builtins !== null) {
        contents = builtins;
        copies++;
      }
      if (PROTOCOL.test(args.path)) {
        contents = patchLazyFeatures(contents ?? source);
        lazy++;
      }
      return contents === null ? undefined : { contents, loader: 'js' };
    });
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      if (patched === 0) throw new Error('esm-interop: no vscode-languageserver module re-exports with __exportStar any more (update scripts/esm-interop.mjs)');
      if (lazy === 0) throw new Error('esm-interop: the bundle has no vscode-languageserver-protocol protocol.js (update scripts/esm-interop.mjs)');
      if (copies === 0) throw new Error('esm-interop: no vscode-languageserver module copies a Node built-in with __importStar any more (update scripts/esm-interop.mjs)');
    });
  },
};
