// Entry of dist/cli.js (the `deep-dive` bin). The same bundle is the entry of
// the CLI's worker threads: a worker starts the check loop instead of the CLI.
import { isCheckWorker, startWorker } from './cli/worker';
import { runCli } from './cli';

if (isCheckWorker()) {
  startWorker();
} else {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
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
