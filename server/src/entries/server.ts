// Entry of dist/server.js (the `deep-dive-language-server` bin, and the module the
// VS Code client starts): sets V8's tiering for the keystroke path (node/v8Flags.ts),
// then runs the server bundle, dist/server-main.js (built from server-main.ts), with
// the V8 code cache the build made for it when there is one. The flags come first: a
// code cache only fits the V8 flags it was made under.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runBundle } from '../node/codeCache';
import { serverV8Flags } from '../node/v8Flags';

/** For the build step that makes the cache (scripts/code-cache.mjs). */
export { cacheFileData } from '../node/codeCache';

// Process-wide: the parse workers (started from worker.js) get them too.
for (const flag of serverV8Flags()) setFlagsFromString(flag);

export const loaded = runBundle(path.join(__dirname, 'server-main.js'), path.join(__dirname, 'server-main.cache'));
