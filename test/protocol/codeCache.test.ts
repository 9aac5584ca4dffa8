// The server entry runs its bundle with the V8 code cache the build made
// (server/src/codeCache.ts, scripts/code-cache.mjs). The cache may only make
// start-up faster: a missing, stale or rejected cache must leave a server that
// works the same.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { CACHE_HEADER_BYTES, cacheFileData, runBundle } from '../../server/src/node/codeCache';
import { ROOT, SERVER } from './lspClient';

const CODE_CACHE_TS = path.join(__dirname, '../../server/src/node/codeCache.ts');

/**
 * runBundle in a fresh process: V8 keeps what it compiled in a per-process cache, so a
 * second compile of the same source in this process would never even look at cachedData.
 */
function runBundleInChild(bundle: string, cache: string, produce = false): { use: string; exports: unknown; cachedData?: string } {
  const code = `const { runBundle } = require(${JSON.stringify(CODE_CACHE_TS)});
const r = runBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
process.stdout.write(JSON.stringify({ use: r.use, exports: r.exports, cachedData: ${produce} ? r.script.createCachedData().toString('base64') : undefined }));`;
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('code cache loader (runBundle)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dd-code-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const bundle = path.join(dir, 'bundle.js');
  const cache = path.join(dir, 'bundle.cache');
  // A CommonJS bundle that uses what a module gets: require, module, __filename, __dirname.
  const source = `const path = require('node:path');
function twice(x) { return 2 * x; }
module.exports = { answer: twice(21), file: __filename, dir: path.basename(__dirname), self: this === module.exports };
`;
  /** The bundle as the build leaves it: stamped with a build id on its last line. */
  const writeBundle = (id: string | null) => writeFileSync(bundle, id === null ? source : `${source}\n//# deep-dive-build=${id.repeat(64)}\n`);
  const expected = { answer: 42, file: bundle, dir: path.basename(dir), self: true };
  const v8Data = () => Buffer.from(runBundleInChild(bundle, path.join(dir, 'none'), true).cachedData!, 'base64');

  it('runs the bundle without a cache', () => {
    writeBundle('a');
    const r = runBundleInChild(bundle, path.join(dir, 'none'));
    assert.equal(r.use, 'none');
    assert.deepEqual(r.exports, expected);
  });

  it('uses a cache made for the same build', () => {
    writeBundle('a');
    writeFileSync(cache, cacheFileData(readFileSync(bundle), v8Data()));
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'accepted');
    assert.deepEqual(r.exports, expected);
  });

  it('ignores a cache made for another build, even of the same length', () => {
    writeBundle('a');
    writeFileSync(cache, cacheFileData(readFileSync(bundle), v8Data()));
    writeBundle('b');
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'stale');
    assert.deepEqual(r.exports, expected);
  });

  it('ignores any cache for a bundle without a build id (e.g. rebuilt by --watch)', () => {
    writeBundle('a');
    writeFileSync(cache, cacheFileData(readFileSync(bundle), v8Data()));
    writeBundle(null);
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'stale');
    assert.deepEqual(r.exports, expected);
    assert.throws(() => cacheFileData(readFileSync(bundle), Buffer.alloc(8)), /no build id/);
  });

  it('compiles as usual when V8 rejects the cache', () => {
    writeBundle('a');
    const data = cacheFileData(readFileSync(bundle), v8Data());
    data.fill(0xff, CACHE_HEADER_BYTES, CACHE_HEADER_BYTES + 16); // V8's own header (magic number, version hash...)
    writeFileSync(cache, data);
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'rejected');
    assert.deepEqual(r.exports, expected);
  });

  it('survives a truncated cache file', () => {
    writeBundle('a');
    writeFileSync(cache, Buffer.alloc(CACHE_HEADER_BYTES - 1));
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'stale');
    assert.deepEqual(r.exports, expected);
  });

  it('leaves the bundle to Node\'s loader under --enable-source-maps (stack traces mapped to the sources)', () => {
    writeBundle('a');
    writeFileSync(cache, cacheFileData(readFileSync(bundle), v8Data()));
    const code = `const { runBundle } = require(${JSON.stringify(CODE_CACHE_TS)});
const r = runBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
process.stdout.write(JSON.stringify({ use: r.use, script: r.script, exports: r.exports }));`;
    const r = spawnSync(process.execPath, ['--enable-source-maps', '--require', 'tsx/cjs', '-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { use: 'none', script: null, exports: expected });
  });

  it('runs in this process too', () => {
    writeBundle('a');
    assert.deepEqual(runBundle(bundle, path.join(dir, 'none')).exports, expected);
  });

  it('gives the bundle the modules it is provided, the same objects, and Node\'s for the rest (also under --enable-source-maps)', () => {
    const user = path.join(dir, 'user.js');
    writeFileSync(user, `const shared = require('x:shared');\nshared.count++;\nmodule.exports = { shared, sep: require('node:path').sep };\n`);
    const shared = { count: 0 };
    const r = runBundle(user, path.join(dir, 'none'), { 'x:shared': shared });
    assert.deepEqual(r.exports, { shared, sep: path.sep });
    assert.equal((r.exports as { shared: unknown }).shared, shared);
    assert.equal(shared.count, 1);
    const code = `const { runBundle } = require(${JSON.stringify(CODE_CACHE_TS)});
const shared = { count: 0 };
const r = runBundle(${JSON.stringify(user)}, ${JSON.stringify(cache)}, { 'x:shared': shared });
process.stdout.write(JSON.stringify({ use: r.use, same: r.exports.shared === shared, count: shared.count }));`;
    const mapped = spawnSync(process.execPath, ['--enable-source-maps', '--require', 'tsx/cjs', '-e', code], { encoding: 'utf8' });
    assert.equal(mapped.status, 0, mapped.stderr);
    assert.deepEqual(JSON.parse(mapped.stdout), { use: 'none', same: true, count: 1 });
  });
});

// Preloaded into the server: when it writes the initialize result, notes which of the
// built-ins that the build makes lazy were loaded by then and whether the server's bundles
// (server-main.js, the library's connection; server-core.js) were; then, once both have
// run (right after the answer), how each used its code cache.
const PROBE = `const w = process.stdout.write.bind(process.stdout);
let done = false;
process.stdout.write = (chunk, ...rest) => {
  if (!done && /"id":1,"result"/.test(String(chunk))) {
    done = true;
    const entry = require.cache[${JSON.stringify(SERVER)}].exports;
    const loaded = ['crypto', 'child_process', 'worker_threads', 'fs/promises'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
    const mainBefore = entry.loaded === undefined ? 'no' : 'yes';
    const coreBefore = entry.loaded?.exports.core === undefined ? 'no' : 'yes';
    const report = setInterval(() => {
      const main = entry.loaded;
      if (!main?.exports.core) return;
      clearInterval(report);
      process.stderr.write('code-cache:' + main.use + ' builtins:' + loaded.join(',') + ' main-before:' + mainBefore + ' core-before:' + coreBefore + ' core-cache:' + main.exports.core.use + '\\n');
    }, 5);
  }
  return w(chunk, ...rest);
};
`;

interface Started {
  use: string;
  /** Lazily loaded built-ins already loaded when initialize was answered. */
  builtins: string[];
  /** Whether server-main.js (vscode-languageserver's connection) had run when initialize was answered. */
  mainBefore: string;
  /** Whether server-core.js had run when initialize was answered. */
  coreBefore: string;
  /** How server-core.js used its cache (it runs right after the answer). */
  coreUse: string;
  result: { capabilities?: object; serverInfo?: { name: string } };
}

/** Starts dist/server.js --stdio (with extra node flags) and sends initialize. */
function startServer(nodeFlags: string[]): Promise<Started> {
  const probe = path.join(mkdtempSync(path.join(tmpdir(), 'dd-probe-')), 'probe.cjs');
  writeFileSync(probe, PROBE);
  const child = spawn(process.execPath, [...nodeFlags, '--require', probe, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.on('exit', () => rmSync(path.dirname(probe), { recursive: true, force: true }));
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no initialize result; stderr: ${err}`));
    }, 20_000);
    // The probe's line (stderr) and the result (stdout) may arrive in either order.
    const check = () => {
      const json = out.slice(out.indexOf('\r\n\r\n') + 4);
      const m = /code-cache:(\w+) builtins:(\S*) main-before:(\w+) core-before:(\w+) core-cache:(\w+)\n/.exec(err);
      if (!m || !out.includes('\r\n\r\n') || Buffer.byteLength(json) < Number(/Content-Length: (\d+)/.exec(out)?.[1])) return;
      clearTimeout(timer);
      child.kill();
      resolve({ use: m[1], builtins: m[2] ? m[2].split(',') : [], mainBefore: m[3], coreBefore: m[4], coreUse: m[5], result: JSON.parse(json).result });
    };
    child.stderr.on('data', (d) => {
      err += d;
      check();
    });
    child.stdout.on('data', (d) => {
      out += d;
      check();
    });
  });
}

describe('the built server and its code cache', () => {
  it('accepts the caches the build made for this node and answers initialize', async () => {
    const r = await startServer([]);
    assert.equal(r.use, 'accepted');
    assert.equal(r.coreUse, 'accepted');
    assert.equal(r.result.serverInfo?.name, 'deep-dive-language-server');
  });

  it('answers initialize over stdio before loading the library (dist/server-main.js) or the server (dist/server-core.js), then runs both', async () => {
    const r = await startServer([]);
    assert.equal(r.mainBefore, 'no');
    assert.equal(r.coreBefore, 'no');
    assert.notEqual(r.coreUse, 'undefined');
  });

  it('answers initialize before loading crypto, child_process, worker_threads or fs/promises (scripts/build.mjs makes them lazy)', async () => {
    const r = await startServer([]);
    assert.deepEqual(r.builtins, []);
  });

  it('starts all the same when V8 rejects the cache (other V8 flags, as under a debugger or Electron)', async () => {
    const r = await startServer(['--no-lazy-feedback-allocation']);
    assert.equal(r.use, 'rejected');
    assert.equal(r.coreUse, 'rejected');
    assert.equal(r.result.serverInfo?.name, 'deep-dive-language-server');
    assert.ok(r.result.capabilities);
  });

  it('the CLI entry accepts its cache too (made under the V8 flags the entry sets first)', () => {
    const cli = path.join(ROOT, 'dist/cli.js');
    const code = `process.argv.splice(1, Infinity, ${JSON.stringify(cli)}, '--version');
const entry = require(${JSON.stringify(cli)});
process.on('exit', () => process.stderr.write('code-cache:' + entry.loaded.use + '\\n'));`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(r.stderr, /code-cache:accepted/);
  });
});
