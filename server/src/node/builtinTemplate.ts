// Finds the built-in template (server/templates/deep-dive.md) from wherever
// this code runs: a bundle in dist/ (cli.js, server.js, worker.js) or the
// TypeScript sources under server/src (tests via tsx). Shared by the CLI and
// the language server so both check against the same file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface BuiltinTemplate {
  text: string;
  /** Absolute path of the template file that was read. */
  path: string;
}

const RELATIVE_CANDIDATES = [
  '../server/templates/deep-dive.md', // dist/*.js
  '../templates/deep-dive.md', // server/src/*.ts
  '../../templates/deep-dive.md', // server/src/<dir>/*.ts
];

let cached: BuiltinTemplate | undefined;

export function builtinTemplateCandidates(dir: string = __dirname): string[] {
  return RELATIVE_CANDIDATES.map((rel) => path.resolve(dir, rel));
}

/** Reads the built-in template once; throws an Error naming every place looked at. */
export function loadBuiltinTemplate(): BuiltinTemplate {
  if (cached) return cached;
  const tried = builtinTemplateCandidates();
  for (const file of tried) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    cached = { text, path: file };
    return cached;
  }
  throw new Error(`built-in template not found; looked at ${tried.join(', ')}`);
}
