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
// The language server: a budget about 3x V8's default, for the first hundreds of
// keystrokes after a document opens. With V8's defaults they run while TurboFan
// compiles the keystroke path in background threads (about 1.2 ms of CPU per 30 KB
// keystroke over the first 40 keys, 1.4 ms over the next 160, beside the server
// thread's 0.75-1.5 ms), which competes with the keystroke and the editor on a
// machine with few cores; with it about 0.4 and 0.8 ms. The CLI's 7x also took the
// first 40 keys' compiles away but left keys 41-300 about 0.15 ms slower, run longer
// before they were optimized; 3x kept them as fast as with the defaults. TurboFan
// keeps its inlining here: a server runs long, and what it optimizes it runs for
// every keystroke after.

/**
 * A tier-up budget in the form this V8 takes. V8 11.8 (Node 21) replaced the
 * bytecode budget `--interrupt-budget` (default 67,584) with a call count,
 * `--invocation-count-for-turbofan` (default 3,000); a V8 that does not know a
 * flag prints an error on every run, so each V8 gets only the one it has.
 */
function laterTierUp(version: string, budget: { bytecode: number; calls: number }): string {
  const [major, minor] = version.split('.').map(Number);
  const countsCalls = major > 11 || (major === 11 && minor >= 8);
  return countsCalls ? `--invocation-count-for-turbofan=${budget.calls}` : `--interrupt-budget=${budget.bytecode}`;
}

/** The CLI's flags for V8 `version` (process.versions.v8): about 7 times the default budget, no TurboFan inlining. */
export function cliV8Flags(version: string = process.versions.v8): string[] {
  return [laterTierUp(version, { bytecode: 500_000, calls: 22_000 }), '--no-turbo-inlining'];
}

/** The language server's flags for V8 `version` (process.versions.v8): about 3 times the default budget. */
export function serverV8Flags(version: string = process.versions.v8): string[] {
  return [laterTierUp(version, { bytecode: 200_000, calls: 9_000 })];
}
