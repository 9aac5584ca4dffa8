// The optional shared fixtures: a checkout named `shared` beside the repository
// (or wherever DEEP_DIVE_SHARED points) with the real deep dives (corpus/real),
// the headless editor clients (lsp-probe) and the VS Code runner (vscode-test).
// A clone without it still passes its tests: what needs a missing piece skips,
// with one line naming the piece and how to get it. With
// DEEP_DIVE_REQUIRE_SHARED=1 (CI sets it) a missing piece is a failing test
// instead, so nothing there silently stops running.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

export const REPO = path.resolve(__dirname, '..');

/** The shared checkout: $DEEP_DIVE_SHARED (relative to the repository), else `shared` beside it. */
const SHARED = path.resolve(REPO, process.env.DEEP_DIVE_SHARED || '../shared');

/** Whether a missing piece fails the run (CI) instead of skipping. */
const REQUIRE_SHARED = process.env.DEEP_DIVE_REQUIRE_SHARED === '1';

export const HOW_TO_GET = 'put the shared fixtures beside the repository as `shared`, or set DEEP_DIVE_SHARED to their folder';

export interface SharedPiece {
  /** Absolute path of the piece (it may not exist). */
  path: string;
  /** node:test's `skip` option: false when the piece is there, else the one line saying what is absent. */
  skip: string | false;
}

const reported = new Set<string>();

/**
 * The skip reason for an absent piece. Under DEEP_DIVE_REQUIRE_SHARED=1 it also
 * registers one failing test (once per piece and test file) that says so; the tests
 * that need the piece still skip, so the failure is stated once, not as ENOENTs.
 */
function absent(what: string, how: string = HOW_TO_GET): string {
  const reason = `needs ${what}: ${how}`;
  if (REQUIRE_SHARED && !reported.has(what)) {
    reported.add(what);
    test(`shared fixture: ${what}`, () => {
      throw new Error(`DEEP_DIVE_REQUIRE_SHARED=1 and the test ${reason}`);
    });
  }
  return reason;
}

/** A piece of the shared checkout, e.g. `corpus/real`; `what` says what it is for the skip line. */
export function sharedPiece(rel: string, what: string, how: string = HOW_TO_GET): SharedPiece {
  const p = path.join(SHARED, rel);
  const shown = process.env.DEEP_DIVE_SHARED ? p : path.relative(REPO, p);
  return { path: p, skip: existsSync(p) ? false : absent(`${what}, not found at ${shown}`, how) };
}

/**
 * Headless Chromium with playwright-core, as the shared VS Code test kit installs them
 * (`vscode-test/install.sh`, under $VSCODE_TEST_HOME, else its default folder).
 */
export function sharedBrowserKit(missing: string | null): SharedPiece {
  return { path: '', skip: missing ? absent(missing, 'run install.sh of the shared fixtures\' vscode-test, or set VSCODE_TEST_HOME and DEEP_DIVE_CHROMIUM') : false };
}

/** The real deep dives of the shared checkout. */
export function sharedCorpus(): SharedPiece {
  return sharedPiece('corpus/real', 'the real deep dives');
}

/** The corpus documents (name and text, sorted by name); none when the corpus is absent. */
export function corpusDocs(corpus: SharedPiece = sharedCorpus()): { name: string; text: string }[] {
  if (corpus.skip) return [];
  return readdirSync(corpus.path).filter((f) => f.endsWith('.md')).sort()
    .map((name) => ({ name, text: readFileSync(path.join(corpus.path, name), 'utf8') }));
}
