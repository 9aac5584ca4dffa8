// V8 tiering for a short batch run, chosen for the V8 the CLI runs on. Set by
// dist/cli.js (entries/cli.ts) before the bundle loads: process-wide, so worker
// threads get them too, and the code cache is made under the same flags.
//
// With V8's defaults a corpus-sized run spends more CPU in background TurboFan
// compiles (parser functions optimized, with inlining, then barely used) than in
// checking: on the 28-document corpus about 0.9 s of compile threads next to
// 0.5 s of main thread, which competes with the main thread on a 2-core machine.
// A budget about 7x V8's default before a function is optimized, and no TurboFan
// inlining, optimize only the really hot functions: background CPU falls to about
// 0.15 s, main-thread time is unchanged, and a 1,000-document run also uses less
// CPU in total. Both flags only change when and how code is optimized, never what
// it computes.

/**
 * The flags for V8 `version` (process.versions.v8). V8 11.8 (Node 21) replaced
 * the bytecode budget `--interrupt-budget` (default 67,584) with a call count,
 * `--invocation-count-for-turbofan` (default 3,000); a V8 that does not know a
 * flag prints an error on every run, so each V8 gets only the one it has.
 */
export function cliV8Flags(version: string = process.versions.v8): string[] {
  const [major, minor] = version.split('.').map(Number);
  const countsCalls = major > 11 || (major === 11 && minor >= 8);
  return [countsCalls ? '--invocation-count-for-turbofan=22000' : '--interrupt-budget=500000', '--no-turbo-inlining'];
}
