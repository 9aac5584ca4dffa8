// Shared helpers for the CLI tests: temporary trees, the CLI run in-process
// (runCli) and as the built bin (dist/cli.js in a child process), and a
// deep dive that satisfies the built-in template completely.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { loadBuiltinTemplate } from '../../server/src/node/builtinTemplate';
import { runCli } from '../../server/src/cli/run';
import type { FileSummary } from '../../server/src/cli/summary';
import { buildTemplate } from '../../server/src/engine';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'dist/cli.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(args: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export function runBin(args: string[], cwd: string): RunResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder with the given files (paths `/`-separated), removed after the test file. */
export function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'deep-dive-cli-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

const template = buildTemplate(loadBuiltinTemplate().text, 'built-in');

/** A deep dive with every template section, subsection and field filled in (and its diagram): no findings. */
export function cleanDeepDive(title = 'Consistent Hashing'): string {
  const out = [`# ${title}`, '', '**One-line summary**: Spreading keys over nodes so few move when nodes change.', '', '**Prerequisites**: Hash functions.', ''];
  for (const s of template.sections) {
    out.push(`## ${s.title}`, '', `Notes on ${s.title.toLowerCase()}.`, '');
    // The diagram the template recommends (the Mental Model's mermaid flowchart).
    if (s.body.includes('```mermaid')) out.push('```mermaid', 'flowchart LR', '  client --> ring', '```', '');
    for (const c of s.children) out.push(`### ${c.title}`, '', `Details on ${c.title.toLowerCase()}.`, '');
  }
  return out.join('\n');
}

/** The clean deep dive without one `##` section (and its subsections). */
export function withoutSection(text: string, title: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

export const README = '# My project\n\nInstall it with npm. See [the docs](docs/) for more.\n\n## Usage\n\nRun it.\n';

export function json(stdout: string): { files: { path: string; template: string | null; templateReason: string | null; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; data: Record<string, unknown> }[]; summary: FileSummary }[] } {
  return JSON.parse(stdout);
}
