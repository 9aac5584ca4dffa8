// Entry of dist/server.js (the `deep-dive-language-server` bin, and the module the
// VS Code client starts): runs the server bundle, dist/server-main.js (built from
// server-main.ts), with the V8 code cache the build made for it when there is one.
import * as path from 'node:path';
import { runBundle } from '../node/codeCache';

/** For the build step that makes the cache (scripts/code-cache.mjs). */
export { cacheFileData } from '../node/codeCache';

export const loaded = runBundle(path.join(__dirname, 'server-main.js'), path.join(__dirname, 'server-main.cache'));
