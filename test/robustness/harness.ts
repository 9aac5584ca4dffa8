// Shared pieces of the robustness tests: soak/seed switches, a started server,
// the in-process reference analysis, and checks on what the server returns.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { buildTemplate, DEFAULT_GLOBS, parseChunk, type ChunkFacts } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { detectDeepDive } from '../../server/src/engine/detect';
import { buildDocument, parseDocument, resolveChunks } from '../../server/src/engine/document';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { toDiagnostic, toSymbol } from '../../server/src/lsp/convert';
import { ROOT, TestClient } from '../protocol/lspClient';
import { contains, lineStarts, rangeProblem } from './text';

/** DEEP_DIVE_SOAK=1: many more steps, seeds and the full-size hostile inputs. */
export const SOAK = process.env.DEEP_DIVE_SOAK === '1';

/** DEEP_DIVE_SEED=<n> replays a run; otherwise each run draws a fresh seed (printed). */
export function seedFor(name: string): number {
  const fixed = process.env.DEEP_DIVE_SEED;
  const seed = fixed !== undefined && fixed !== '' ? Number(fixed) : Math.floor(Math.random() * 0x7fffffff);
  if (!Number.isInteger(seed)) throw new Error(`DEEP_DIVE_SEED must be an integer, got ${fixed}`);
  console.log(`# ${name}: seed ${seed} (replay: DEEP_DIVE_SEED=${seed}${SOAK ? ' DEEP_DIVE_SOAK=1' : ''} npm run test:robustness)`);
  return seed;
}

/** Hang guard for one wait: generous, since CI machines are slow and shared. Not a performance bound. */
export const HANG_GUARD_MS = 15_000;

export interface Started {
  client: TestClient;
  stop(): Promise<void>;
}

/** A server over stdio with pushed settings (no workspace/configuration pulls). */
export async function startServer(opts: { settings?: Record<string, unknown>; env?: Record<string, string>; rootUri?: string; trusted?: boolean; watch?: boolean } = {}): Promise<TestClient> {
  const c = new TestClient(opts.env);
  await c.initialize({
    rootUri: opts.rootUri,
    initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0, ...opts.settings } }, ...(opts.trusted === undefined ? {} : { trusted: opts.trusted }) },
  });
  return c;
}

/** Waits (hang guard only) until the analysis of `version` finished; returns the diagnostics shown. */
export async function analysed(c: TestClient, uri: string, version: number, ms = HANG_GUARD_MS): Promise<Diagnostic[]> {
  await c.waitFor(`analysis of ${uri} v${version}`, () => c.status(uri, version), ms);
  return c.current(uri);
}

export async function symbols(c: TestClient, uri: string, ms = HANG_GUARD_MS): Promise<DocumentSymbol[]> {
  const req = c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[] | null>;
  return (await withTimeout(req, ms, `documentSymbol of ${uri}`)) ?? [];
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

/** A diagnostic's message as text (LSP 3.18 allows markup there). */
export const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Diagnostics of another uri made comparable: the uri they mention is replaced by a marker. */
export function normalise<T>(value: T, uri: string): unknown {
  return JSON.parse(JSON.stringify(value ?? null).split(JSON.stringify(uri).slice(1, -1)).join('<uri>'));
}

/** Every range in diagnostics and symbols lies inside `text`; selection ranges inside their symbol. */
export function rangeProblems(text: string, diagnostics: Diagnostic[], syms: DocumentSymbol[]): string[] {
  const starts = lineStarts(text);
  const out: string[] = [];
  const check = (what: string, r: Diagnostic['range']) => {
    const p = rangeProblem(text, r, starts);
    if (p) out.push(`${what}: ${p}`);
  };
  for (const d of diagnostics) {
    check(`diagnostic ${d.code}`, d.range);
    for (const ri of d.relatedInformation ?? []) check(`related info of ${d.code}`, ri.location.range);
  }
  const walk = (s: DocumentSymbol) => {
    check(`symbol "${s.name}"`, s.range);
    check(`symbol "${s.name}" selection`, s.selectionRange);
    if (!contains(s.range, s.selectionRange)) out.push(`symbol "${s.name}": selectionRange outside range`);
    for (const child of s.children ?? []) {
      if (!contains(s.range, child.range)) out.push(`symbol "${child.name}" outside its parent "${s.name}"`);
      walk(child);
    }
  };
  syms.forEach(walk);
  return out;
}

// --- The reference: the pure engine in this process, from the text alone. ---

export const TEMPLATE_PATH = path.join(ROOT, 'server/templates/deep-dive.md');
export const TEMPLATE_TEXT = readFileSync(TEMPLATE_PATH, 'utf8');
const template = buildTemplate(TEMPLATE_TEXT, TEMPLATE_PATH);
/** Chunk facts are a function of the chunk's text alone, so one cache may serve every reference analysis. */
const chunkCache = new Map<string, ChunkFacts>();

/**
 * What the server should answer for `text` at `uri` with default settings and the
 * built-in template: AnalysisManager's decision (detect, analyse, findings) redone
 * from scratch. `globPath` is the path globs see (no workspace folder: the uri path).
 * `whole`: parse the document as one piece instead of in chunks (slower; checks that
 * chunking changes nothing).
 */
export function reference(text: string, uri: string, opts: { whole?: boolean } = {}): { diagnostics: Diagnostic[]; symbols: DocumentSymbol[] } {
  if (chunkCache.size > 20_000) chunkCache.clear();
  const model = opts.whole
    ? buildDocument(text, resolveChunks(text, parseChunk, [{ start: text.charCodeAt(0) === 0xfeff ? 1 : 0, end: text.length }]).chunks)
    : parseDocument(text, chunkCache);
  const globPath = decodeURIComponent(new URL(uri).pathname);
  if (!detectDeepDive(model, template, { path: globPath, globs: DEFAULT_GLOBS, autoDetect: true })) return { diagnostics: [], symbols: [] };
  const analysis = analyze(model, template, { rules: {} });
  return { diagnostics: analysis.findings.map((f) => toDiagnostic(f, uri)), symbols: documentSymbols(analysis).map(toSymbol) };
}

// --- The hostile-input generator (owned by the bench; reused, not copied). ---

export interface HostileInput {
  description: string;
  make(): Buffer;
}

export async function hostileInputs(): Promise<Record<string, HostileInput>> {
  const mod = (await import(pathToFileURL(path.join(ROOT, 'test/fixtures/hostile/generate.mjs')).href)) as { HOSTILE: Record<string, HostileInput> };
  return mod.HOSTILE;
}

/** Peak resident memory of a process (VmHWM), in bytes; null where /proc is missing. */
export function peakRss(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function alive(c: TestClient): boolean {
  return c.proc.exitCode === null && c.proc.signalCode === null;
}
