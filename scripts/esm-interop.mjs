// esbuild plugin of the server bundle (dist/server-main.js). esbuild turns each
// `import { X } from 'cjs-package'` into `__toESM(require_pkg())`: a new object with a
// getter for every export of the package. vscode-languageserver exports about a thousand
// names and six of the server's modules import it, so those copies were about an eighth of
// the server's start-up after Node's own (4 of 34 ms to the `initialize` answer). A package
// compiled from ES modules (`__esModule` set) already reads like a module namespace, so the
// patched helper returns it as it is: the getters only read the same properties, one call
// later. Node's built-ins (no `__esModule`) and imports in Node mode keep esbuild's copy.

/** esbuild's helper, minified or not: `var NAME = (mod, isNodeMode, target) => (target = mod != null ? ...`. */
const HELPER = /(var\s+\w+\s*=\s*\((\w+),\s*(\w+),\s*(\w+)\)\s*=>\s*)(\(\s*\4\s*=\s*\2\s*!=\s*null\s*\?)/;

/** The bundle's text with the helper patched; throws when esbuild's helper is not of the shape this relies on. */
export function patchToESM(text) {
  const m = HELPER.exec(text);
  const [mod, nodeMode] = m ? [m[2], m[3]] : [];
  // The copy must still be skipped only for what this shortcut returns as is: `nodeMode || !mod || !mod.__esModule ? copy with default : copy`.
  const shape = m && new RegExp(`${nodeMode}\\s*\\|\\|\\s*!${mod}\\s*\\|\\|\\s*!${mod}\\.__esModule\\s*\\?`).test(text.slice(m.index, m.index + 600));
  if (!shape) throw new Error('esm-interop: no esbuild __toESM helper of the known shape (update scripts/esm-interop.mjs)');
  // `(e,t,n)=>(...)` becomes `(e,t,n)=>e&&e.__esModule&&!t?e:(...)`. No line moves (unminified, the helper has lines of its own), so sourcemaps hold.
  return text.slice(0, m.index) + m[1] + `${mod}&&${mod}.__esModule&&!${nodeMode}?${mod}:` + m[5] + text.slice(m.index + m[0].length);
}

export const esmInterop = {
  name: 'esm-interop',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      const { readFileSync, writeFileSync } = await import('node:fs');
      const file = build.initialOptions.outfile;
      writeFileSync(file, patchToESM(readFileSync(file, 'utf8')));
    });
  },
};
