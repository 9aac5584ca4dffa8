// Build step: V8 code caches for the bundles that run behind a small entry (see
// server/src/node/codeCache.ts):
//   server: dist/server.js --stdio answers one `initialize` and `initialized`, and publishes
//           the first diagnostics of the example deep dive opened right behind them;
//   cli:    dist/cli.js check --format json examples/ runs to its end, with the template families
//           example's config, so that reading named templates and choosing among them is covered too;
// then, in that same child process, everything V8 compiled so far is serialized
// next to each bundle (dist/server-main.cache and dist/server-core.cache: the server's
// two bundles, the second run once `initialize` is answered; dist/cli-main.cache),
// so a cache covers the whole start-up path. Caches are made here only: the programs never
// write them. Each bundle is first stamped with its build id (a last comment line), which
// the cache's header repeats. A target's bundle that is not there is skipped (the bench's
// reference servers have no server-core.js). Usage: node scripts/code-cache.mjs [DIST]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHILD = '--code-cache-child';
const REPO = fileURLToPath(new URL('..', import.meta.url));
// Each bundle with the compiled script it ran as, found from the entry's exports.
const TARGETS = {
  server: {
    entry: 'server.js',
    bundles: { 'server-main.js': (entry) => entry.loaded.script, 'server-core.js': (entry) => entry.loaded.exports.core?.script },
    argv: ['--stdio'],
  },
  cli: { entry: 'cli.js', bundles: { 'cli-main.js': (entry) => entry.loaded.script }, argv: ['check', '--format', 'json', '--config', join(REPO, 'examples', 'template-families', '.deepdive.json'), join(REPO, 'examples')] },
};
const bundlesOf = (dist, t) => Object.keys(t.bundles).filter((b) => existsSync(join(dist, b)));
const EXAMPLE = join(REPO, 'examples', 'rate-limiting.deepdive.md');
const cacheOf = (bundle) => bundle.replace(/\.js$/, '.cache');
const STAMP = /\n\/\/# deep-dive-build=[0-9a-f]{64}\n$/;

/** Stamps the bundle with its build id on a last line (format: buildIdOf in server/src/codeCache.ts). */
function stamp(bundle) {
  const text = readFileSync(bundle, 'utf8').replace(STAMP, '');
  writeFileSync(bundle, `${text}\n//# deep-dive-build=${createHash('sha256').update(text).digest('hex')}\n`);
}

if (process.argv[2] === CHILD) {
  // The child: run the entry with the target's arguments, write the cache when it has done its work.
  const [dist, name] = process.argv.slice(3);
  const t = TARGETS[name];
  let entry = null;
  const writeCache = () => {
    for (const name of bundlesOf(dist, t)) {
      const bundle = join(dist, name);
      const script = t.bundles[name](entry); // null only under --enable-source-maps
      if (!script) throw new Error(`code-cache: ${name} was not run`);
      writeFileSync(cacheOf(bundle), entry.cacheFileData(readFileSync(bundle), script.createCachedData()));
    }
  };
  if (name === 'server') {
    // Once the example's first diagnostics are out (at the latest 3 s after the initialize answer: the
    // bench's reference servers publish none), give the status a moment, then write and exit.
    const write = process.stdout.write.bind(process.stdout);
    let done = false;
    let answered = false;
    const finish = () => {
      if (done) return;
      done = true;
      setTimeout(() => {
        writeCache();
        process.exit(0);
      }, 100);
    };
    process.stdout.write = (chunk, ...rest) => {
      const text = String(chunk);
      if (!answered && /"id":1,"result"/.test(text)) {
        answered = true;
        setTimeout(finish, 3_000);
      }
      if (/"method":"textDocument\/publishDiagnostics"/.test(text)) finish();
      return write(chunk, ...rest);
    };
  } else {
    process.on('exit', () => {
      writeCache();
      process.exitCode = 0; // the example has findings (exit 1): not a build failure
    });
  }
  process.argv.splice(1, Infinity, join(dist, t.entry), ...t.argv);
  entry = createRequire(import.meta.url)(join(dist, t.entry));
} else {
  const dist = resolve(process.argv[2] ?? 'dist');
  await Promise.all(Object.entries(TARGETS).map(async ([name, t]) => {
    const cacheFiles = bundlesOf(dist, t).map((b) => cacheOf(join(dist, b)));
    for (const f of cacheFiles) rmSync(f, { force: true }); // never leave a cache of an older bundle behind
    for (const b of bundlesOf(dist, t)) stamp(join(dist, b));
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), CHILD, dist, name], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (name === 'server') {
      const send = (msg) => {
        const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
        child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} } });
      child.stdout.once('data', () => {
        send({ method: 'initialized', params: {} });
        send({ method: 'textDocument/didOpen', params: { textDocument: { uri: pathToFileURL(EXAMPLE).href, languageId: 'markdown', version: 1, text: readFileSync(EXAMPLE, 'utf8') } } });
      });
    } else child.stdin.end();
    child.stdout.resume();
    const timer = setTimeout(() => child.kill(), 30_000);
    const code = await new Promise((res) => child.on('exit', (c) => res(c)));
    clearTimeout(timer);
    if (code !== 0) {
      for (const f of cacheFiles) rmSync(f, { force: true });
      console.warn(`code-cache: ${t.entry} did not finish (exit ${code}); no ${cacheFiles.join(', ')}`);
    }
  }));
}
