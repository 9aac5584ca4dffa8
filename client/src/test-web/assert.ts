// `node:assert` for the web suite (the web worker extension host has no Node): the
// few functions the extension-host suite uses, with the same meaning.
// (client/scripts/build-tests.mjs --web maps `node:assert` here.)

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'Failed');
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${String(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message ? `${message}: ${String(actual)} !== ${String(expected)}` : `${String(actual)} !== ${String(expected)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message ?? `${String(actual)} === ${String(expected)}`);
}

/** Plain data (what the suite compares: arrays, objects, primitives) compared by value. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!same(actual, expected)) fail(`${message ? `${String(message)}: ` : ''}${JSON.stringify(actual)} differs from ${JSON.stringify(expected)}`);
}

export function match(text: string, re: RegExp, message?: string | Error): void {
  if (!re.test(text)) fail(message ?? `${JSON.stringify(text)} does not match ${re}`);
}

export { fail };
