// Entry of dist/server.js (the `deep-dive-language-server` bin, and the module the
// VS Code client starts): over stdio answers `initialize` itself, before anything it
// does not need for that is loaded (lsp/firstMessage.ts; `node:v8`, `node:vm` and
// `node:module` load on first use, scripts/build.mjs); then sets V8's tiering for the
// keystroke path (node/v8Flags.ts) and runs the server bundle, dist/server-main.js
// (built from server-main.ts), with the V8 code cache the build made for it when there
// is one. The flags come before the bundle: a code cache only fits the V8 flags it was
// made under.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { answerFirstInitialize } from '../lsp/firstMessage';
import type { StdioStart } from '../lsp/stdio';
import { holdConsole } from '../lsp/stdioConsole';
import { runBundle, type LoadedBundle } from '../node/codeCache';
import { serverV8Flags } from '../node/v8Flags';
import { VERSION } from '../version';
import type * as Main from './server-main';

/** For the build step that makes the cache (scripts/code-cache.mjs). */
export { cacheFileData } from '../node/codeCache';

/** dist/server-main.js once run (scripts/code-cache.mjs makes its cache from this script). */
export let loaded: LoadedBundle | undefined;

const serve = (stdio?: StdioStart) => {
  // Process-wide: the parse workers (started from worker.js) get them too.
  for (const flag of serverV8Flags()) setFlagsFromString(flag);
  loaded = runBundle(path.join(__dirname, 'server-main.js'), path.join(__dirname, 'server-main.cache'));
  (loaded.exports as typeof Main).listen(stdio);
};

if (process.argv.includes('--version')) {
  process.stdout.write(`deep-dive-language-server ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--stdio')) {
  // stdout carries the protocol from now on: what is printed goes to the client's log once there is a connection.
  const printed = holdConsole();
  answerFirstInitialize(process.stdin, process.stdout, (input) => serve({ input, printed }));
} else serve();
