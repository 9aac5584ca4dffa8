// The CLI bundle (dist/cli-main.js), which dist/cli.js (entries/cli.ts) runs. The same
// bundle is the entry of the CLI's worker threads: a worker starts the check loop
// instead of the CLI.
import { isCheckWorker, startWorker } from '../cli/worker';
import { runCli } from '../cli/run';
import { readStreamBounded } from '../node/fileBoundary';

if (isCheckWorker()) {
  startWorker();
} else {
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
    stdin: () => readStreamBounded(process.stdin),
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
