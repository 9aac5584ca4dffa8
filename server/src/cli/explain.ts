// `deep-dive explain FILE`: which template a file is checked against and why,
// in the words every host uses (describeReason), plus a front-matter name that
// names no template. It reads the file as `check` does, but does not force it:
// it says what a folder walk would decide, and what naming the file does.
import * as path from 'node:path';
import { checkText } from '../engine';
import { describeReason, templateSet } from '../engine/selection';
import { readBoundedSync } from '../node/fileBoundary';
import { detectPath } from './check';
import { displayPath, loadConfig } from './config-file';
import { CliError, describeFsError, EXIT_OK } from './errors';
import { runSetup } from './pipeline';
import { escapeText } from './safe-text';

export interface ExplainOptions {
  template?: string;
  config?: string;
}

export function explain(files: string[], opts: ExplainOptions, io: { cwd: string; stdout: (text: string) => void }): number {
  if (files.length !== 1) throw new CliError(`explain takes one FILE (got ${files.length})`, true);
  const loaded = loadConfig(io.cwd, opts.config);
  const { ctx, built } = runSetup(io.cwd, loaded, opts.template);
  const abs = path.resolve(io.cwd, files[0]);
  const shown = displayPath(io.cwd, abs);
  let text: string;
  try {
    text = readBoundedSync(abs).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`cannot read ${shown}: ${describeFsError(e)}`);
  }
  const options = { ...ctx, ...built, path: detectPath(ctx.root, abs), rules: {} };
  const verdict = checkText(text, options);
  const names = templateSet(options).map((t) => t.name);
  const lines = [escapeText(shown)];
  if (verdict.selection) {
    lines.push(`  template: ${verdict.selection.name}`, `  reason:   ${describeReason(verdict.selection.reason)}`);
  } else {
    const fallback = names[names.length - 1];
    lines.push('  template: none (no front matter names one, no globs match, and it does not look like any template)');
    lines.push(`  named on the command line, \`deep-dive check\` checks it against the default template, ${fallback}`);
  }
  const unknown = verdict.findings.find((f) => f.code === 'unknown-template');
  if (unknown) lines.push(`  problem:  ${escapeText(unknown.message)} (line ${unknown.range.start.line + 1})`);
  lines.push(`  templates: ${names.join(', ')}`);
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}
