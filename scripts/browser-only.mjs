// esbuild plugin of the browser bundles (dist/browser/*.js): a web worker has no Node,
// so importing a Node built-in fails the build, naming the importer. Two modules of the
// LSP adapter have browser twins instead: `node:path` (POSIX paths) and `./uris`
// (every URI scheme as a path), both in server/src/browser/.
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const LSP = path.join(root, 'server/src/lsp') + path.sep;
const TWINS = {
  path: path.join(root, 'server/src/browser/path.ts'),
  './uris': path.join(root, 'server/src/browser/uris.ts'),
};
const BUILTIN = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export const browserOnly = {
  name: 'browser-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/uris$/ }, (args) => (args.importer.startsWith(LSP) ? { path: TWINS['./uris'] } : undefined));
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (!BUILTIN.has(args.path) && !args.path.startsWith('node:')) return undefined;
      const id = args.path.replace(/^node:/, '');
      if (id === 'path' && args.importer.startsWith(LSP)) return { path: TWINS.path };
      const who = path.relative(root, args.importer) || args.importer;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${who}: the browser bundles run in a web worker, without Node` }] };
    });
  },
};
