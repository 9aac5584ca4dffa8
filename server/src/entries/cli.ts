// Entry of dist/cli.js (the `deep-dive` bin): sets V8's tiering for a short batch
// run (node/v8Flags.ts), then runs the CLI bundle, dist/cli-main.js (built from entries/cli-main.ts), with the
// V8 code cache the build made for it when there is one (see codeCache.ts). The
// flags come first: a code cache only fits the V8 flags it was made under.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { cliV8Flags } from '../node/v8Flags';
import { runBundle } from '../node/codeCache';

/** For the build step that makes the cache (scripts/code-cache.mjs). */
export { cacheFileData } from '../node/codeCache';

// The flags are process-wide: set once, by the main thread. The CLI's worker threads start
// from this entry too (cli/pool.ts), for the code cache.
if (isMainThread) for (const flag of cliV8Flags()) setFlagsFromString(flag);

export const loaded = runBundle(path.join(__dirname, 'cli-main.js'), path.join(__dirname, 'cli-main.cache'));
