// Handlers never throw to the client: an exception is logged and answered
// with the handler's empty result, so one bad document cannot break the editor.
export function safe<P extends unknown[], R>(
  name: string,
  log: (message: string) => void,
  empty: R,
  fn: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await fn(...args);
    } catch (e) {
      log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return empty;
    }
  };
}
