// Where the pieces for running code in headless Chromium are: playwright-core and
// Chromium as the shared VS Code test kit installs them (../shared/vscode-test/install.sh).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** playwright-core under $VSCODE_TEST_HOME, else the kit's default folder. */
export function playwrightCorePath() {
  const home = process.env.VSCODE_TEST_HOME || path.join(homedir(), '.cache/vscode-test-offline');
  return path.join(home, 'playwright/node_modules/playwright-core');
}

/** $DEEP_DIVE_CHROMIUM, else Debian's chromium. */
export function chromiumPath() {
  return process.env.DEEP_DIVE_CHROMIUM || '/usr/bin/chromium';
}

/** What is missing to run in Chromium, or null when both are there. */
export function missingBrowserKit() {
  const missing = [['playwright-core', playwrightCorePath()], ['Chromium', chromiumPath()]].filter(([, p]) => !existsSync(p));
  return missing.length ? missing.map(([what, p]) => `${what} (not at ${p})`).join(' and ') : null;
}
