// Build step: V8 code cache for the language server bundle (dist/server-main.js ->
// dist/server-main.cache; see server/src/codeCache.ts). It runs the real entry,
// dist/server.js --stdio, in a child process, answers one `initialize` and
// `initialized`, then serializes everything V8 compiled up to then, so the cache
// covers the whole start-up path. The cache is made here only: the server never
// writes it. Usage: node scripts/code-cache.mjs [DIST]
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const CHILD = '--code-cache-child';
const dist = resolve(process.argv[process.argv.length - 1] === CHILD ? process.argv[2] : (process.argv[2] ?? 'dist'));
const bundle = join(dist, 'server-main.js');
const cacheFile = join(dist, 'server-main.cache');

if (process.argv.includes(CHILD)) {
  // The child: start the server on this process's stdio; once initialize is answered
  // and `initialized` handled, write the cache and exit.
  const write = process.stdout.write.bind(process.stdout);
  let done = false;
  process.stdout.write = (chunk, ...rest) => {
    if (!done && /"id":1,"result"/.test(String(chunk))) {
      done = true;
      setTimeout(() => {
        writeFileSync(cacheFile, cacheFileData(readFileSync(bundle), loaded.script.createCachedData()));
        process.exit(0);
      }, 300);
    }
    return write(chunk, ...rest);
  };
  process.argv.splice(2, Infinity, '--stdio');
  const { loaded, cacheFileData } = createRequire(import.meta.url)(join(dist, 'server.js'));
} else {
  rmSync(cacheFile, { force: true }); // never leave a cache of an older bundle behind
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, dist, CHILD], { stdio: ['pipe', 'pipe', 'inherit'] });
  const send = (msg) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} } });
  child.stdout.once('data', () => send({ method: 'initialized', params: {} }));
  child.stdout.resume();
  const timer = setTimeout(() => child.kill(), 30_000);
  const code = await new Promise((res) => child.on('exit', (c) => res(c)));
  clearTimeout(timer);
  if (code !== 0) {
    rmSync(cacheFile, { force: true });
    console.warn(`code-cache: the server did not start (exit ${code}); no code cache written`);
  }
}
