// Entry of dist/cli.js (the `deep-dive` bin). The same bundle is the entry of
// the CLI's worker threads: a worker starts the check loop instead of the CLI.
import { setFlagsFromString } from 'node:v8';
import { isCheckWorker, startWorker } from './cli/worker';
import { runCli } from './cli';

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
const CLI_V8_FLAGS = ['--interrupt-budget=500000', '--no-turbo-inlining'];

if (isCheckWorker()) {
  startWorker();
} else {
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
  // `deep-dive check . | head`: once the reader is gone, drop further output
  // but finish the run, so the exit code still tells whether it passed.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not a user error: show the stack, exit 2 like other failures.
      process.stderr.write(`deep-dive: internal error: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
