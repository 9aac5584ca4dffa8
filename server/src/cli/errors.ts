// A failure that ends the run with exit code 2 (usage error, unreadable file,
// bad template or config): the message goes to stderr, never a stack trace.
export class CliError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Node's errno message without the stack: "ENOENT: no such file or directory". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') return 'no such file or directory';
  if (err && err.code === 'EACCES') return 'permission denied';
  if (err && err.code === 'EISDIR') return 'is a directory';
  return err?.message ?? String(e);
}
