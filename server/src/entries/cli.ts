// Entry of dist/cli.js (the `deep-dive` bin): sets V8's tiering for a short batch
// run, then runs the CLI bundle, dist/cli-main.js (built from entries/cli-main.ts), with the
// V8 code cache the build made for it when there is one (see codeCache.ts). The
// flags come first: a code cache only fits the V8 flags it was made under.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runBundle } from '../node/codeCache';

/** For the build step that makes the cache (scripts/code-cache.mjs). */
export { cacheFileData } from '../node/codeCache';

/**
 * V8 tiering for a short batch run (process-wide, so worker threads get it too).
 * With V8's defaults a corpus-sized run spends more CPU in background TurboFan
 * compiles (parser functions optimized, with inlining, then barely used) than in
 * checking: on the 28-document corpus about 0.9 s of compile threads next to
 * 0.5 s of main thread, which competes with the main thread on a 2-core machine.
 * A 7x larger tier-up budget and no TurboFan inlining optimize only the really hot
 * functions: background CPU falls to about 0.15 s, main-thread time is unchanged,
 * and a 1,000-document run also uses less CPU in total. Both flags only change
 * when and how code is optimized, never what it computes.
 */
export const CLI_V8_FLAGS = ['--interrupt-budget=500000', '--no-turbo-inlining'];

for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);

export const loaded = runBundle(path.join(__dirname, 'cli-main.js'), path.join(__dirname, 'cli-main.cache'));
