// V8 tiering for the two bins, chosen for the V8 they run on. Set by their entries
// (entries/cli.ts, entries/server.ts) before the bundle loads: process-wide, so
// worker threads get them too, and the code cache is made under the same flags.
// Both only change when and how code is optimized, never what it computes.
//
// The CLI, a short batch run: with V8's defaults a corpus-sized run spends more CPU
// in background TurboFan compiles (parser functions optimized, with inlining, then
// barely used) than in checking: on the 28-document corpus about 0.9 s of compile
// threads next to 0.5 s of main thread, which competes with the main thread on a
// 2-core machine. A budget about 7x V8's default before a function is optimized,
// and no TurboFan inlining, optimize only the really hot functions: background CPU
// falls to about 0.15 s, main-thread time is unchanged, and a 1,000-document run
// also uses less CPU in total.
//
// The language server: the same budget, for the first hundreds of keystrokes after
// a document opens. With V8's defaults they run while TurboFan compiles the
// keystroke path in background threads (about 1.2 ms of CPU per 30 KB keystroke
// over the first 40 keys, 1.5 ms over the next 160, beside the main thread's 1 ms),
// which competes with the keystroke and the editor on a machine with few cores; with
// the budget about 0.15 and 0.3 ms, and the main thread's time per key is the same
// from the first key on and once warm. TurboFan keeps its inlining here: a server
// runs long, and what it optimizes it runs for every keystroke after.

/**
 * V8 11.8 (Node 21) replaced the bytecode budget `--interrupt-budget` (default
 * 67,584) with a call count, `--invocation-count-for-turbofan` (default 3,000); a
 * V8 that does not know a flag prints an error on every run, so each V8 gets only
 * the one it has. About 7 times the default either way.
 */
function laterTierUp(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  const countsCalls = major > 11 || (major === 11 && minor >= 8);
  return countsCalls ? '--invocation-count-for-turbofan=22000' : '--interrupt-budget=500000';
}

/** The CLI's flags for V8 `version` (process.versions.v8). */
export function cliV8Flags(version: string = process.versions.v8): string[] {
  return [laterTierUp(version), '--no-turbo-inlining'];
}

/** The language server's flags for V8 `version` (process.versions.v8). */
export function serverV8Flags(version: string = process.versions.v8): string[] {
  return [laterTierUp(version)];
}
