// Runs a CommonJS bundle with V8's code cache for it, when one made at build time
// (scripts/code-cache.mjs) lies next to it: the bytecode of the start-up path is
// deserialized instead of compiled, which is most of the language server's cold start.
// The cache only ever speeds things up: when it is missing, stale (made for another
// build: its header must equal the build id stamped on the bundle's last line) or
// rejected by V8 (another V8 version or other V8 flags, e.g. VS Code's Electron node or
// `--inspect`), the bundle is compiled as usual. Nothing here writes: the cache is made
// by the build, never at run time, and nothing here hashes (node:crypto alone costs
// about 2 ms of a start): the build id is the SHA-256 the build computed.
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** How the cache was used: accepted by V8, rejected by V8, made for another build (or an unstamped bundle), or absent. */
export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'none';

export interface LoadedBundle {
  /** The compiled bundle (the build step calls createCachedData() on it); null when Node's own loader ran it. */
  script: Script | null;
  use: CacheUse;
  exports: unknown;
}

/** Bytes of the cache file's header: the build id (64 hex digits) of the bundle it was made for. */
export const CACHE_HEADER_BYTES = 64;

/** The build's stamp, the bundle's last line: `//# deep-dive-build=<SHA-256 of the bytes before it, hex>`. */
const STAMP = /\n\/\/# deep-dive-build=([0-9a-f]{64})\n$/;

/** The build id stamped on a bundle by scripts/code-cache.mjs, or null for an unstamped one. */
export function buildIdOf(bundle: Buffer): string | null {
  return STAMP.exec(bundle.toString('latin1', Math.max(0, bundle.length - 100)))?.[1] ?? null;
}

/** Cache file contents for a stamped bundle: its build id, then V8's data. */
export function cacheFileData(bundle: Buffer, v8Data: Buffer): Buffer {
  const id = buildIdOf(bundle);
  if (id === null) throw new Error('the bundle carries no build id (scripts/code-cache.mjs stamps it)');
  return Buffer.concat([Buffer.from(id, 'latin1'), v8Data]);
}

// The same wrapper Node puts around a CommonJS module (a bundle has no shebang: only entries do).
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

/**
 * Modules a bundle is given by the one that runs it, by the name it requires them with
 * (the build leaves those imports to `require`): the same instances, not copies.
 */
export type ProvidedModules = Readonly<Record<string, unknown>>;

/** The bundle's `require`: what is provided, else Node's from the bundle's place. */
function requireFor(file: string, provided: ProvidedModules): (id: string) => unknown {
  const base = createRequire(file);
  return (id) => (Object.hasOwn(provided, id) ? provided[id] : base(id));
}

export function runBundle(file: string, cacheFile: string, provided: ProvidedModules = {}): LoadedBundle {
  // Run with --enable-source-maps (to debug), Node maps stack traces only for modules its own loader compiled.
  if (`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('--enable-source-maps')) {
    return { script: null, use: 'none', exports: loadWithNode(file, requireFor(file, provided)) };
  }
  const bytes = readFileSync(file);
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    // No cache (e.g. the VSIX, which does not ship it): compile as usual.
  }
  const id = buildIdOf(bytes);
  const fresh = id !== null && cache !== undefined && cache.length > CACHE_HEADER_BYTES && cache.toString('latin1', 0, CACHE_HEADER_BYTES) === id;
  const script = new Script(WRAPPER[0] + bytes.toString('utf8') + WRAPPER[1], {
    filename: file,
    cachedData: fresh ? cache!.subarray(CACHE_HEADER_BYTES) : undefined,
  });
  const use: CacheUse = cache === undefined ? 'none' : !fresh ? 'stale' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireFor(file, provided), module, file, path.dirname(file));
  module.loaded = true;
  return { script, use, exports: module.exports };
}

/** Node's loader compiles the file (its source map registered), the module's `require` answering from `load`. */
function loadWithNode(file: string, load: (id: string) => unknown): unknown {
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  // The `require` a CommonJS module is given calls its module's require method.
  module.require = load as NodeJS.Require;
  (module as unknown as { load(file: string): void }).load(file);
  return module.exports;
}
