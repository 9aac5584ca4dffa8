// Bundles the client, server, analysis worker and CLI with esbuild.
// `--production` minifies and drops sourcemaps (the VSIX build); default keeps
// linked sourcemaps (dist/*.map) for debugging; node reads them only with --enable-source-maps.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserOnly } from './browser-only.mjs';
import { esmInterop, reExportValues } from './esm-interop.mjs';
import { outfilePatch } from './outfile-patch.mjs';

// Snippets and the injection grammar are generated from the template first.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-snippets.ts'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR` builds elsewhere (e.g. to measure a build without touching dist/);
// DIR needs a server/ sibling as dist/ has (the bundles find the template at ../server/templates; a symlink will do).
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg >= 0 ? process.argv[outdirArg + 1] : 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  // Packages that ship optional native or ESM-only pieces we never load.
  external: ['vscode'],
};

/**
 * Node built-ins a bundle does not need to start, loaded on first use instead of at
 * start-up. The server's entry, before it answers `initialize` over stdio: the code
 * cache's loader and V8's flags (about 1-2 ms). The server, before it answers `initialize`
 * on other transports: the pipe and socket transports'
 * crypto, the global-module lookup's child_process, the parse workers, the file reads
 * (about 4 ms of a cold start). The CLI: child_process, for `--changed-since` only (with
 * what it alone loads, about 1 ms of CPU on every run). The bundle's `require("X")` becomes
 * `$lazyrq("X")` (same length, so sourcemap columns hold), a proxy that requires X at its
 * first property access; code that copies all exports (esbuild's __toESM) simply loads it then.
 */
const LAZY_BUILTINS = {
  // dist/server.js answers `initialize` over stdio before it sets V8's flags and runs the next bundle.
  serverEntry: ['node:v8', 'node:vm', 'node:module'],
  server: ['crypto', 'child_process'],
  // Loaded after the `initialize` answer, but before the first document's diagnostics.
  serverCore: ['node:worker_threads', 'node:fs/promises'],
  cli: ['node:child_process'],
};
const lazyBuiltins = (ids) => outfilePatch('lazy-builtins', (text, file) => {
  if (text.includes('$lazyrq')) throw new Error(`${file} already uses $lazyrq`);
  for (const id of ids) {
    const call = `require(${JSON.stringify(id)})`;
    if (!text.includes(call)) throw new Error(`lazy-builtins: ${file} has no ${call} (update LAZY_BUILTINS)`);
    text = text.replaceAll(call, `$lazyrq(${JSON.stringify(id)})`);
  }
  // A function declaration at the end (hoisted): no line moves, the sourcemap stays right.
  return text + `\nfunction $lazyrq(id) { let m; const load = () => (m ??= require(id)); return new Proxy({}, {
  get: (_, k) => load()[k], has: (_, k) => k in load(), ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(load(), k); return d && { ...d, configurable: true }; },
}); }\n`;
});

/**
 * The language server is two bundles: dist/server-main.js answers `initialize` (the connection, the
 * library, the answer) and then runs dist/server-core.js (engine, templates, handlers) with its own
 * code cache. The core takes these modules from server-main (server-main.ts provides them by these
 * names): the library its connection was made with, and lsp/encoded.ts, whose class and set of
 * connections both bundles must share. The build fails if the core would bundle a library module.
 */
const CORE_PROVIDED = {
  'vscode-languageserver/node': /^vscode-languageserver(\/node)?$/,
  'deep-dive:lsp/encoded': new URL('../server/src/lsp/encoded.ts', import.meta.url),
};
const coreProvided = {
  name: 'core-provided',
  setup(build) {
    const encoded = fileURLToPath(CORE_PROVIDED['deep-dive:lsp/encoded']);
    build.onResolve({ filter: CORE_PROVIDED['vscode-languageserver/node'] }, () => ({ path: 'vscode-languageserver/node', external: true }));
    build.onResolve({ filter: /[\\/]encoded$/ }, (args) => (resolve(args.resolveDir, `${args.path}.ts`) === encoded ? { path: 'deep-dive:lsp/encoded', external: true } : undefined));
    build.onLoad({ filter: /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver|languageserver-protocol)[\\/]/ }, (args) => {
      throw new Error(`server-core would bundle its own copy of ${args.path}: import the library as 'vscode-languageserver' (server-main provides it)`);
    });
  },
};

/**
 * `deep-dive mcp` is its own bundle, dist/mcp.js (the MCP SDK and zod are most of it):
 * the CLI bundle's `import('../mcp/serve')` becomes `require('./mcp.js')`, so a
 * `deep-dive check` never parses it.
 */
const mcpChunk = {
  name: 'mcp-chunk',
  setup(build) {
    build.onResolve({ filter: /[\\/]mcp[\\/]serve$/ }, () => ({ path: './mcp.js', external: true }));
  },
};
// The CLI bundle runs as a vm.Script (codeCache.ts), where import() is unavailable: require() instead.
const requireChunks = { 'dynamic-import': false };

/**
 * Browser bundles: no Node built-in may be imported (scripts/browser-only.mjs fails the build), the template
 * comes as text. Both run in web workers (the extension host, the server): packages' `worker` builds, which
 * need no DOM (a `browser` build may use `document`), come first.
 */
const browser = { platform: 'browser', target: 'es2022', conditions: ['worker'], plugins: [browserOnly], loader: { '.md': 'text' } };

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/client.js` },
  // server.js is a small entry that runs server-main.js with the code cache made below.
  { entryPoints: ['server/src/entries/server.ts'], outfile: `${outdir}/server.js`, banner: { js: '#!/usr/bin/env node' }, plugins: [lazyBuiltins(LAZY_BUILTINS.serverEntry)] },
  // No `module` condition: vscode-languageserver-types as the CommonJS build the library requires (its ES
  // module build is turned into an object of getters that the library's `export *` reads once more).
  { entryPoints: ['server/src/entries/server-main.ts'], outfile: `${outdir}/server-main.js`, conditions: [], plugins: [lazyBuiltins(LAZY_BUILTINS.server), esmInterop, reExportValues] },
  { entryPoints: ['server/src/entries/server-core.ts'], outfile: `${outdir}/server-core.js`, plugins: [coreProvided, lazyBuiltins(LAZY_BUILTINS.serverCore), esmInterop] },
  { entryPoints: ['server/src/entries/worker.ts'], outfile: `${outdir}/worker.js` },
  // cli.js likewise: V8 flags for a batch run, then cli-main.js with its code cache.
  { entryPoints: ['server/src/entries/cli.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/entries/cli-main.ts'], outfile: `${outdir}/cli-main.js`, plugins: [lazyBuiltins(LAZY_BUILTINS.cli), mcpChunk], supported: requireChunks },
  { entryPoints: ['server/src/mcp/serve.ts'], outfile: `${outdir}/mcp.js` },
  // The web extension (vscode.dev, github.dev): package.json `browser`, and its server in a web worker.
  { ...browser, entryPoints: ['client/src/browser.ts'], outfile: `${outdir}/browser/client.js`, format: 'cjs' },
  { ...browser, entryPoints: ['server/src/entries/server-browser.ts'], outfile: `${outdir}/browser/server.js`, format: 'iife' },
];

const present = (await Promise.all(entries.map(async (e) => {
  const { existsSync } = await import('node:fs');
  return existsSync(e.entryPoints[0]) ? e : null;
}))).filter(Boolean);

if (watch) {
  for (const e of present) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(present.map((e) => esbuild.build({ ...common, ...e })));
  // Bundles with a shebang are bins (package.json "bin"): `npx deep-dive`
  // runs the file directly, so it must be executable.
  const { chmodSync } = await import('node:fs');
  for (const e of present) if (e.banner) chmodSync(e.outfile, 0o755);
  // V8 code caches of the server and CLI bundles for this node (kept out of the VSIX: Electron's V8 rejects them).
  execFileSync(process.execPath, ['scripts/code-cache.mjs', outdir], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}
