// The CLI bundle (dist/cli-main.js), which dist/cli.js (entries/cli.ts) runs. The same
// bundle is the entry of the CLI's worker threads: a worker starts the check loop
// instead of the CLI.
import { isCheckWorker, startWorker } from '../cli/worker';
import { runCli, servesUntilClosed } from '../cli/run';
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
  const argv = process.argv.slice(2);
  /**
   * Ends the process once its output is written. Left to itself, Node exits only after
   * the event loop is empty and V8's background jobs (optimizing compiles still
   * running) are done: 20-100 ms after the last line on the corpus. `deep-dive mcp`
   * ends when its client goes, so it is left to the event loop.
   */
  const finish = (code: number) => {
    process.exitCode = code;
    if (servesUntilClosed(argv)) return;
    const written = (stream: NodeJS.WriteStream) =>
      new Promise<void>((resolve) => (stream.destroyed || stream.writableEnded ? resolve() : stream.write('', () => resolve())));
    void (stdoutClosed ? Promise.resolve() : written(process.stdout)).then(() => written(process.stderr)).then(() => process.exit(code));
  };
  runCli(argv, {
    cwd: process.cwd(),
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    stdin: () => readStreamBounded(process.stdin),
  }).then(
    finish,
    (e: unknown) => {
      // A bug, not a user error: show the stack, exit 2 like other failures.
      process.stderr.write(`deep-dive: internal error: ${(e as Error)?.stack ?? e}\n`);
      finish(2);
    },
  );
}
