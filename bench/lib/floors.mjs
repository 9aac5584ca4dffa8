// Two reference servers for the cold-start row (`node bench/startup.mjs --floors`), each a
// dist/-like folder whose server.js answers `initialize`:
//   library: vscode-languageserver's stdio connection answering initialize and nothing else,
//            bundled, minified and patched (scripts/esm-interop.mjs) like dist/server-main.js
//            and run with its own code cache by an entry that sets the same V8 flags as
//            dist/server.js: the floor of any server that loads that library before it answers;
//   stdio:   no library, process.stdin read by hand, one answer: the floor of a Node
//            process that answers over pipes at all.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { esmInterop, reExportValues } from '../../scripts/esm-interop.mjs';

const LIBRARY = `import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } } }));
connection.listen();
`;

// dist/server.js without its start-up reader: the flags, then the bundle with its code cache.
const ENTRY = `import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runBundle } from './server/src/node/codeCache';
import { serverV8Flags } from './server/src/node/v8Flags';
export { cacheFileData } from './server/src/node/codeCache';
for (const flag of serverV8Flags()) setFlagsFromString(flag);
export const loaded = runBundle(path.join(__dirname, 'server-main.js'), path.join(__dirname, 'server-main.cache'));
`;

const STDIO = `#!/usr/bin/env node
let buf = '';
process.stdin.on('data', (c) => {
  buf += c;
  const m = /Content-Length: (\\d+)\\r\\n\\r\\n/.exec(buf);
  const start = m ? m.index + m[0].length : 0;
  if (!m || buf.length < start + Number(m[1])) return;
  const req = JSON.parse(buf.slice(start, start + Number(m[1])));
  buf = buf.slice(start + Number(m[1]));
  const body = JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { capabilities: {} } });
  if (req.method === 'initialize') process.stdout.write(\`Content-Length: \${Buffer.byteLength(body)}\\r\\n\\r\\n\${body}\`);
});
`;

/** Builds both under `work` from the repository's dist/ (built) and node_modules; returns their dist folders. */
export async function buildFloors(repo, work) {
  const lib = join(work, 'floor-library', 'dist');
  const raw = join(work, 'floor-stdio', 'dist');
  for (const d of [lib, raw]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
    // The bundles find the template through ../server (scripts/build.mjs --outdir).
    rmSync(join(d, '../server'), { force: true });
    symlinkSync(join(repo, 'server'), join(d, '../server'));
  }
  const bundle = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning' };
  await esbuild.build({ ...bundle, stdin: { contents: ENTRY, resolveDir: repo, loader: 'ts' }, outfile: join(lib, 'server.js') });
  await esbuild.build({
    ...bundle,
    stdin: { contents: LIBRARY, resolveDir: repo, loader: 'ts' },
    outfile: join(lib, 'server-main.js'),
    // The build's patches of the library's module interop, as dist/server-main.js has them.
    plugins: [esmInterop, reExportValues],
  });
  // The CLI files scripts/code-cache.mjs also makes a cache for.
  for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(repo, 'dist', f), join(lib, f));
  execFileSync(process.execPath, [join(repo, 'scripts/code-cache.mjs'), lib], { cwd: repo, stdio: 'inherit' });
  writeFileSync(join(raw, 'server.js'), STDIO);
  return { library: lib, stdio: raw };
}
