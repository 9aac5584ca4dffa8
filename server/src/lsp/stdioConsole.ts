// Over stdio, stdout carries the protocol: a line a dependency prints with `console`
// would corrupt it. The process's console is replaced as soon as the server starts, and
// what it prints is held until the connection exists, then sent to the client's log
// (stdio.ts). It imports nothing of the library: dist/server.js installs it before
// anything else runs, the library's connection takes it over later.
import { Writable } from 'node:stream';

/** The console's output, held until `sendTo` names where it goes. */
export interface HeldConsole {
  sendTo(log: (line: string) => void): void;
}

export function holdConsole(): HeldConsole {
  let held: string[] = [];
  let send: ((line: string) => void) | undefined;
  const toLog = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = String(chunk).replace(/\n$/, '');
      if (send) send(line);
      else held.push(line);
      done();
    },
  });
  // stderr as it is, made only when something is written to it (not before the `initialize` answer).
  const toStderr = new Writable({ write: (chunk: Buffer, _encoding, done) => void process.stderr.write(chunk, done) });
  globalThis.console = new console.Console({ stdout: toLog, stderr: toStderr });
  return {
    sendTo(log) {
      send = log;
      for (const line of held) log(line);
      held = [];
    },
  };
}
