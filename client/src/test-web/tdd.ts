// Mocha's `tdd` interface for the web worker extension host, where mocha itself
// (a Node program) does not run: enough of `suite`, `test` and their hooks for the
// extension-host suite's files to run unchanged in VS Code for the web. Prints
// mocha's summary lines (`N passing`, `N failing`), which the runner counts.

type Fn = () => unknown;

interface Suite {
  name: string;
  tests: { name: string; fn: Fn }[];
  hooks: Record<'suiteSetup' | 'setup' | 'teardown' | 'suiteTeardown', Fn[]>;
}

const suites: Suite[] = [];
let current: Suite | undefined;

/** Longest one test or hook may take (mocha's timeout in the desktop suite). */
const TIMEOUT_MS = 60_000;

const globals = globalThis as Record<string, unknown>;
globals.suite = (name: string, body: () => void) => {
  current = { name, tests: [], hooks: { suiteSetup: [], setup: [], teardown: [], suiteTeardown: [] } };
  suites.push(current);
  body();
  current = undefined;
};
globals.test = (name: string, fn: Fn) => current!.tests.push({ name, fn });
for (const hook of ['suiteSetup', 'setup', 'teardown', 'suiteTeardown'] as const) globals[hook] = (fn: Fn) => current!.hooks[hook].push(fn);

function timed(fn: Fn, what: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([Promise.resolve().then(fn), late]).finally(() => clearTimeout(timer));
}

async function each(fns: Fn[], what: string): Promise<void> {
  for (const f of fns) await timed(f, what);
}

const describe = (e: unknown) => (e instanceof Error ? e.stack ?? e.message : String(e));

/** Runs every registered suite; rejects when a test failed. */
export async function runAll(grep?: string): Promise<void> {
  let passes = 0;
  let failures = 0;
  for (const s of suites) {
    const tests = s.tests.filter((t) => !grep || `${s.name} ${t.name}`.includes(grep));
    if (tests.length === 0) continue;
    console.log(`  ${s.name}`);
    try {
      await each(s.hooks.suiteSetup, `${s.name}: suiteSetup`);
    } catch (e) {
      failures += tests.length;
      console.log(`    ✗ "before all" hook failed, ${tests.length} tests not run: ${describe(e)}`);
      continue;
    }
    for (const t of tests) {
      try {
        await each(s.hooks.setup, `${t.name}: setup`);
        await timed(t.fn, t.name);
        passes++;
        console.log(`    ✔ ${t.name}`);
      } catch (e) {
        failures++;
        console.log(`    ✗ ${t.name}\n      ${describe(e)}`);
      }
      await each(s.hooks.teardown, `${t.name}: teardown`).catch((e) => console.log(`    teardown failed: ${describe(e)}`));
    }
    await each(s.hooks.suiteTeardown, `${s.name}: suiteTeardown`).catch((e) => console.log(`    suiteTeardown failed: ${describe(e)}`));
  }
  console.log(`${passes} passing`);
  if (failures) console.log(`${failures} failing`);
  if (failures) throw new Error(`${failures} tests failed.`);
}
