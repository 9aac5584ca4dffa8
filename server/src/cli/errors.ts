// A failure that ends the run with exit code 2 (usage error, unreadable file,
// bad template or config): the message goes to stderr, never a stack trace.
// Several problems (a config's) are several lines, each escaped on its own
// when printed, so nothing inside one can start another.
export class CliError extends Error {
  readonly lines: string[];
  constructor(message: string | string[], readonly usage = false) {
    const lines = typeof message === 'string' ? [message] : message;
    super(lines.join('\n'));
    this.name = 'CliError';
    this.lines = lines;
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Node's errno message without the stack: "ENOENT: no such file or directory"; a refused read says why. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') return 'no such file or directory';
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'EISDIR') return 'is a directory';
  if (err && err.code === 'ENXIO') return 'not a regular file (a socket)';
  return err?.message ?? String(e);
}
