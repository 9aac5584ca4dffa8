// Runs lsp-probe (a real Neovim 0.7 or Emacs+eglot LSP client, headless; from the shared fixtures)
// against the bundled server and returns what the client received. Each run gets
// its own temp workspace so no .deepdive.json of the repo leaks in, and so the
// document is writable (eglot refuses edits in a read-only buffer).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CodeAction, Command, CompletionItem, CompletionList, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver';
import { HOW_TO_GET, sharedPiece, type SharedPiece } from '../shared';

export const repoRoot = path.resolve(__dirname, '../..');
export const serverJs = path.join(repoRoot, 'dist/server.js');
export type Client = 'nvim' | 'emacs';

export interface Pos { line: number; character: number }
export interface Range { start: Pos; end: Pos }
export interface Diagnostic {
  range: Range; severity?: number; code?: string | number; source?: string; message: string;
  codeDescription?: { href: string }; data?: unknown;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
/** An edit made in the client's buffer; columns are UTF-16 units. */
export interface ClientEdit { line: number; col: number; end_line?: number; end_col?: number; text: string }
export interface Answer<T> { result?: T; error?: unknown; skipped?: string; ms?: number }
export interface EditRecord {
  edit: ClientEdit; version: number; sent_changes: unknown[];
  diagnostics: Diagnostic[] | null; diagnostics_version?: number;
}
/** A diagnostic as the client stored it: nvim (0-based, byte columns) or flymake (1-based lines, characters). */
export interface StoredDiagnostic {
  message: string;
  lnum?: number; col?: number; end_lnum?: number; end_col?: number;
  beg_line?: number; beg_char?: number; end_line?: number; end_char?: number;
}
export interface ProbeResult {
  ok: boolean; uri: string; errors: { kind: string; message: string }[];
  diagnostics?: Diagnostic[] | null; diagnostics_version?: number; diagnostics_client_view?: StoredDiagnostic[];
  symbols?: Answer<DocumentSymbol[] | null>; folding?: Answer<FoldingRange[] | null>;
  completion?: Answer<CompletionItem[] | CompletionList | null>; hover?: Answer<Hover | null>;
  code_actions?: Answer<(CodeAction | Command)[] | null>; edits?: EditRecord[]; final_text?: string;
  server: { capabilities?: Record<string, unknown>; stderr_tail?: string[]; exit?: unknown };
  messages: { kind: string; type: number; message: string }[];
  unhandled_server_requests: string[];
  /** Not from the probe: exit code, and the client's RPC log for failure messages. */
  exitCode: number; log: string;
}

export interface ProbeRun {
  client: Client;
  /** Document text and file name (`/`-separated path) inside the temp workspace. */
  text: string;
  name?: string;
  settings?: unknown;
  /** Extra files in the workspace, e.g. {'.deepdive.json': '...', 'templates/adr.md': '...'}. */
  files?: Record<string, string>;
  symbols?: boolean; folding?: boolean;
  complete?: Pos; hover?: Pos; codeActions?: number;
  edits?: ClientEdit[];
  noDiagnostics?: boolean;
  /** Per-step bound passed as --timeout (ms). */
  timeoutMs?: number;
  settleMs?: number;
}

let located: SharedPiece | undefined;
/** $LSP_PROBE, else lsp-probe on PATH, else the shared checkout's; `skip` says which is missing. */
export function lspProbe(): SharedPiece {
  if (located) return located;
  const found = [process.env.LSP_PROBE, spawnSync('sh', ['-c', 'command -v lsp-probe'], { encoding: 'utf8' }).stdout.trim()]
    .find((c): c is string => !!c && existsSync(c));
  located = found ? { path: found, skip: false }
    : sharedPiece('lsp-probe/lsp-probe', 'lsp-probe, the headless Neovim/Emacs LSP client', `${HOW_TO_GET}, or set LSP_PROBE to the script`);
  return located;
}

export function haveClient(client: Client): boolean {
  const bin = client === 'nvim' ? 'nvim' : 'emacs';
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

export async function probe(run: ProbeRun): Promise<ProbeResult> {
  const dir = mkdtempSync(path.join(tmpdir(), `dd-${run.client}-`));
  try {
    const file = path.join(dir, run.name ?? 'doc.deepdive.md');
    const write = (at: string, body: string) => {
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, body);
    };
    write(file, run.text);
    for (const [name, body] of Object.entries(run.files ?? {})) write(path.join(dir, name), body);
    const out = path.join(dir, 'out.json');
    const log = path.join(dir, 'client.log');
    const args = ['--client', run.client, '--server', `node ${JSON.stringify(serverJs)} --stdio`,
      '--file', file, '--root', dir, '--out', out, '--log', log,
      '--timeout', String(run.timeoutMs ?? 8000), '--settle', String(run.settleMs ?? 400)];
    if (run.client === 'nvim') args.push('--trace');
    const json = (name: string, v: unknown) => { const p = path.join(dir, name); writeFileSync(p, JSON.stringify(v)); return p; };
    if (run.settings !== undefined) args.push('--settings', json('settings.json', run.settings));
    if (run.edits) args.push('--edits', json('edits.json', run.edits));
    if (run.symbols) args.push('--symbols');
    if (run.folding) args.push('--folding');
    if (run.complete) args.push('--complete', `${run.complete.line}:${run.complete.character}`);
    if (run.hover) args.push('--hover', `${run.hover.line}:${run.hover.character}`);
    if (run.codeActions !== undefined) args.push('--code-actions', String(run.codeActions));
    if (run.noDiagnostics) args.push('--no-diagnostics');
    const lsp = lspProbe();
    if (lsp.skip) throw new Error(lsp.skip);
    const { code, stderr } = await exec(lsp.path, args, repoRoot);
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    if (!existsSync(out)) throw new Error(`lsp-probe (${run.client}) wrote no result, exit ${code}:\n${stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ProbeResult;
    return { ...result, exitCode: code, log: logText };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function exec(cmd: string, args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** A failure message that says what the client saw, for assert messages. */
export function explain(r: ProbeResult): string {
  return JSON.stringify({ exitCode: r.exitCode, errors: r.errors, stderr: r.server?.stderr_tail,
    unhandled: r.unhandled_server_requests }, null, 1) + '\n--- client log tail:\n' + r.log.slice(-1500);
}

/** Text of test/clients/fixtures/<name>.md. */
export function fixture(name: string): string {
  return readFileSync(path.join(repoRoot, 'test/clients/fixtures', `${name}.md`), 'utf8');
}
