// Handlers never throw to the client: an exception is logged and answered
// with the handler's empty result, so one bad document cannot break the editor.
// Only a ResponseError (bad params, said plainly) reaches the client.
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

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
      if (e instanceof ResponseError) throw e;
      log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return empty;
    }
  };
}

/** Answers a request with InvalidParams and a plain message. */
export function invalidParams(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

/** The shapes request params are checked for before a handler sees them. */
export const shapes = {
  uri: (p: Record<string, unknown>) => typeof (p.textDocument as { uri?: unknown } | undefined)?.uri === 'string' || 'params.textDocument.uri must be a string',
  position: (p: Record<string, unknown>) => isPosition(p.position) || 'params.position must be a {line, character} position',
  range: (p: Record<string, unknown>) => (isObject(p.range) && isPosition(p.range.start) && isPosition(p.range.end)) || 'params.range must be a {start, end} range',
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPosition = (v: unknown) => isObject(v) && Number.isInteger(v.line) && Number.isInteger(v.character);

/**
 * Registers a request by its method name, so params that are not an object
 * (`null`, a number, an array) get InvalidParams with a plain message: the
 * library's typed registrations read `params.workDoneToken` first and would
 * answer with a TypeError's text. `checks` say what else the params must hold.
 */
export function onRequest<P, R>(
  connection: Connection,
  method: string,
  handler: (params: P, token: CancellationToken) => Promise<R>,
  ...checks: ((p: Record<string, unknown>) => true | string)[]
): void {
  connection.onRequest(method, (...args: unknown[]) => {
    // By name, the params then the token; by position, each param then the token.
    const token = args[args.length - 1] as CancellationToken;
    const params = args.length === 2 ? args[0] : undefined;
    if (!isObject(params)) invalidParams(`${method}: params must be an object`);
    for (const check of checks) {
      const ok = check(params);
      if (ok !== true) invalidParams(`${method}: ${ok}`);
    }
    return handler(params as P, token);
  });
}
