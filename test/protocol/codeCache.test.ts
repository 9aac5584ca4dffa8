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
import { CACHE_HEADER_BYTES, cacheFileData, runBundle } from '../../server/src/codeCache';
import { ROOT, SERVER } from './lspClient';

const CODE_CACHE_TS = path.join(__dirname, '../../server/src/codeCache.ts');

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
  writeFileSync(bundle, `const path = require('node:path');
function twice(x) { return 2 * x; }
module.exports = { answer: twice(21), file: __filename, dir: path.basename(__dirname), self: this === module.exports };
`);
  const expected = { answer: 42, file: bundle, dir: path.basename(dir), self: true };
  const v8Data = () => Buffer.from(runBundleInChild(bundle, path.join(dir, 'none'), true).cachedData!, 'base64');

  it('runs the bundle without a cache', () => {
    const r = runBundleInChild(bundle, path.join(dir, 'none'));
    assert.equal(r.use, 'none');
    assert.deepEqual(r.exports, expected);
  });

  it('uses a cache made for the same bytes', () => {
    writeFileSync(cache, cacheFileData(readFileSync(bundle), v8Data()));
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'accepted');
    assert.deepEqual(r.exports, expected);
  });

  it('ignores a cache made for other bytes, even of the same length', () => {
    const other = Buffer.from(readFileSync(bundle, 'utf8').replace('2 * x', '3 * x'));
    writeFileSync(cache, cacheFileData(other, v8Data()));
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'stale');
    assert.deepEqual(r.exports, expected);
  });

  it('compiles as usual when V8 rejects the cache', () => {
    const data = cacheFileData(readFileSync(bundle), v8Data());
    data.fill(0xff, CACHE_HEADER_BYTES, CACHE_HEADER_BYTES + 16); // V8's own header (magic number, version hash...)
    writeFileSync(cache, data);
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'rejected');
    assert.deepEqual(r.exports, expected);
  });

  it('survives a truncated cache file', () => {
    writeFileSync(cache, Buffer.alloc(CACHE_HEADER_BYTES - 1));
    const r = runBundleInChild(bundle, cache);
    assert.equal(r.use, 'stale');
    assert.deepEqual(r.exports, expected);
  });

  it('runs in this process too', () => {
    assert.deepEqual(runBundle(bundle, path.join(dir, 'none')).exports, expected);
  });
});

/** Starts dist/server.js --stdio (with extra node flags), answers initialize; returns how the cache was used and the result. */
function startServer(nodeFlags: string[]): Promise<{ use: string; result: { capabilities?: object; serverInfo?: { name: string } } }> {
  const code = `process.argv.splice(1, Infinity, ${JSON.stringify(SERVER)}, '--stdio');
process.stderr.write('code-cache:' + require(${JSON.stringify(SERVER)}).loaded.use + '\\n');`;
  const child = spawn(process.execPath, [...nodeFlags, '-e', code], { stdio: ['pipe', 'pipe', 'pipe'] });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no initialize result; stderr: ${err}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const json = out.slice(out.indexOf('\r\n\r\n') + 4);
      if (!out.includes('\r\n\r\n') || Buffer.byteLength(json) < Number(/Content-Length: (\d+)/.exec(out)?.[1])) return;
      clearTimeout(timer);
      child.kill();
      resolve({ use: /code-cache:(\w+)/.exec(err)?.[1] ?? `? ${err}`, result: JSON.parse(json).result });
    });
  });
}

describe('the built server and its code cache', () => {
  it('accepts the cache the build made for this node and answers initialize', async () => {
    const r = await startServer([]);
    assert.equal(r.use, 'accepted');
    assert.equal(r.result.serverInfo?.name, 'deep-dive-language-server');
  });

  it('starts all the same when V8 rejects the cache (other V8 flags, as under a debugger or Electron)', async () => {
    const r = await startServer(['--no-lazy-feedback-allocation']);
    assert.equal(r.use, 'rejected');
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
