// workspace/symbol over every deep dive in the workspace folders. Files are
// read here and outlined in the analysis workers with the engine's line scanner
// (headings need no markdown parse; see fileSymbols.ts), and each file's symbols
// are cached by modification time, so typing in the Go to Symbol box costs a
// walk and a filter, not a re-read of every file.
import { CancellationTokenSource, type CancellationToken, type ResultProgressReporter, type SymbolInformation, type WorkDoneProgressReporter, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { workspaceSymbols, type DocSymbol, type FlatSymbol } from '../engine';
import type { SymbolsBatch } from '../node/fileSymbols';
import type { ServerContext } from './context';
import * as path from 'node:path';
import type { Effective } from './effective';
import { SYMBOL_KIND } from './convert';
import { INDEX_MAX_FILE_SIZE, INDEX_MAX_FILES } from '../node/markdownNames';
import { globPath, pathToUri } from './uris';


const PROGRESS_THRESHOLD = 300;

/** Symbols in one answer at most (streamed parts count together). */
const LIMIT = 500;

type DocOutline = { uri: string; symbols: DocSymbol[] };

/** Files read concurrently while indexing. */
const READS_AT_ONCE = 16;

/** Files outlined per worker job: enough to amortise the message, small enough to spread over the workers. */
const BATCH_FILES = 64;
const BATCH_BYTES = 512 * 1024;

async function startProgress(ctx: ServerContext, params: WorkspaceSymbolParams, total: number) {
  try {
    const p = params.workDoneToken !== undefined
      ? ctx.connection.window.attachWorkDoneProgress(params.workDoneToken)
      : ctx.caps.window?.workDoneProgress ? await ctx.connection.window.createWorkDoneProgress() : null;
    p?.begin('Deep Dive: indexing deep dives', 0, `${total} markdown files`, false);
    return p;
  } catch {
    return null;
  }
}

interface Entry {
  mtimeMs: number;
  /** The settings the symbols were computed under: a settings or template change recomputes them. */
  effective: Effective;
  symbols: DocSymbol[] | null;
}

type Provider = (params: WorkspaceSymbolParams, token: CancellationToken, workDone?: WorkDoneProgressReporter, partial?: ResultProgressReporter<SymbolInformation[]>) => Promise<SymbolInformation[]>;

/**
 * workspace/symbol. Identical requests in flight share one walk (a client
 * repeating a query, or a burst of them, costs one walk, not one each); the
 * walk is cancelled only when every request waiting on it is. A streamed
 * request (partial results) walks on its own: its parts go to its token.
 */
export function workspaceSymbolsProvider(ctx: ServerContext): Provider {
  const walk = walker(ctx);
  const shared = new Map<string, { result: Promise<SymbolInformation[]>; waiting: number; source: CancellationTokenSource }>();
  return (params, token, workDone, partial) => {
    if (partial) return walk(params, token, workDone, partial);
    const query = params.query;
    let entry = shared.get(query);
    if (!entry) {
      const source = new CancellationTokenSource();
      const started = { source, waiting: 0, result: walk(params, source.token, workDone) };
      started.result = started.result.finally(() => {
        if (shared.get(query) === started) shared.delete(query);
        source.dispose();
      });
      shared.set(query, (entry = started));
    }
    const joined = entry;
    joined.waiting++;
    const sub = token.onCancellationRequested(() => {
      if (--joined.waiting > 0) return;
      if (shared.get(query) === joined) shared.delete(query);
      joined.source.cancel();
    });
    return joined.result.finally(() => sub.dispose());
  };
}

function walker(ctx: ServerContext): Provider {
  const cache = new Map<string, Entry>();
  return async (
    params: WorkspaceSymbolParams,
    token: CancellationToken,
    _workDone?: WorkDoneProgressReporter,
    partial?: ResultProgressReporter<SymbolInformation[]>,
  ): Promise<SymbolInformation[]> => {
    const docs: DocOutline[] = [];
    // With a partial-result token the symbols are streamed as files are outlined
    // (each part ranked on its own, the parts capped together at LIMIT) and the
    // response itself is empty, as the LSP asks; otherwise one ranked answer.
    let left = LIMIT;
    /** Files whose symbols were streamed with their batch. */
    const streamedFiles = new Set<number>();
    const stream = (part: DocOutline[]) => {
      if (!partial || part.length === 0 || left <= 0 || token.isCancellationRequested) return;
      const infos = toInfos(workspaceSymbols(part, params.query, left));
      left -= infos.length;
      if (infos.length > 0) partial.report(infos);
    };
    const open = new Set(ctx.documents.keys());
    for (const d of ctx.documents.all()) {
      const r = await ctx.manager.current(d.uri);
      if (r?.snapshot.analysis) docs.push({ uri: d.uri, symbols: r.snapshot.symbols() });
    }
    // Settings are read per folder, not per file: thousands of configuration requests would be a storm.
    const folders = await Promise.all(ctx.workspace.folders.map(async (folder) => ({
      folder,
      effective: await ctx.effective(pathToUri(path.join(folder, '.deepdive-workspace-symbols.md'))),
      files: await ctx.runtime.listMarkdownFiles(folder, INDEX_MAX_FILES),
    })));
    const files = folders.flatMap((f) => f.files.map((file) => ({ file, folder: f.folder, effective: f.effective })));
    const uncached = files.filter((f) => !cache.has(f.file)).length;
    // Indexing a large workspace the first time takes a while: show progress where the client can.
    const progress = uncached > PROGRESS_THRESHOLD ? await startProgress(ctx, params, files.length) : null;
    // Files are read several at a time so their reads overlap (one by one, the
    // server mostly waited on the disk), and outlined in batches by the analysis
    // workers while the reading goes on; results keep the files' order.
    const found: (DocOutline | null)[] = new Array(files.length).fill(null);
    const batches = new Map<Effective, { items: { i: number; uri: string; mtimeMs: number; text: string }[]; bytes: number }>();
    const outlined: Promise<void>[] = [];
    let done = 0;
    const count = (n: number) => {
      const before = done;
      done += n;
      if (progress && Math.floor(done / 200) > Math.floor(before / 200)) progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
    };
    const flush = (effective: Effective) => {
      const b = batches.get(effective);
      if (!b || b.items.length === 0) return;
      batches.delete(effective);
      const batch: SymbolsBatch = {
        options: {
          template: { text: effective.template.source, name: effective.template.name },
          templates: effective.templates.map((t) => ({ name: t.name, globs: t.globs, template: { text: t.template.source, name: t.template.name } })),
          globs: effective.globs,
          autoDetect: effective.autoDetect,
        },
        files: b.items.map((x) => ({ text: x.text, path: globPath(x.uri, files[x.i].folder) })),
      };
      outlined.push(ctx.parser.symbols(batch, effective.template, effective.templates).then((results) => {
        b.items.forEach((x, k) => {
          const symbols = results[k] ?? null;
          cache.set(files[x.i].file, { mtimeMs: x.mtimeMs, effective, symbols });
          if (symbols) found[x.i] = { uri: x.uri, symbols };
        });
        if (partial) {
          b.items.forEach((x) => streamedFiles.add(x.i));
          stream(b.items.map((x) => found[x.i]).filter((f): f is DocOutline => !!f));
        }
        count(b.items.length);
      }));
    };
    const visit = async (i: number): Promise<void> => {
      const { file, effective } = files[i];
      const uri = pathToUri(file);
      // A workspace's templates are not documents: their headings would read as a deep dive's.
      if (open.has(uri) || !effective.enabled || ctx.workspace.isTemplateFile(uri)) return count(1);
      const st = await ctx.runtime.fileInfo(file);
      if (!st || st.size > INDEX_MAX_FILE_SIZE) return count(1);
      const e = cache.get(file);
      if (e && e.mtimeMs === st.mtimeMs && sameTemplates(e.effective, effective) && e.effective.globs.join() === effective.globs.join()) {
        if (e.symbols) found[i] = { uri, symbols: e.symbols };
        return count(1);
      }
      let text: string;
      try {
        text = await ctx.runtime.readFile(file);
      } catch {
        return count(1);
      }
      let b = batches.get(effective);
      if (!b) batches.set(effective, (b = { items: [], bytes: 0 }));
      b.items.push({ i, uri, mtimeMs: st.mtimeMs, text });
      b.bytes += text.length;
      if (b.bytes >= BATCH_BYTES || b.items.length >= BATCH_FILES) flush(effective);
    };
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < files.length && !token.isCancellationRequested) await visit(next++);
    };
    try {
      await Promise.all(Array.from({ length: READS_AT_ONCE }, reader));
      for (const effective of [...batches.keys()]) flush(effective);
      await Promise.all(outlined);
    } finally {
      progress?.done();
    }
    if (token.isCancellationRequested) return [];
    if (partial) {
      // Open documents and files unchanged since the last query are not streamed yet.
      stream([...docs, ...found.filter((f, i): f is DocOutline => !!f && !streamedFiles.has(i))]);
      return [];
    }
    for (const f of found) if (f) docs.push(f);
    return toInfos(workspaceSymbols(docs, params.query, LIMIT));
  };
}

function toInfos(symbols: FlatSymbol[]): SymbolInformation[] {
  return symbols.map((s) => ({
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    location: { uri: s.uri, range: s.range },
    containerName: s.containerName,
  }));
}

/** The same template set (by identity: a changed template file is a new model), names and globs. */
function sameTemplates(a: Effective, b: Effective): boolean {
  return a.template === b.template && a.templates.length === b.templates.length &&
    a.templates.every((t, i) => t.template === b.templates[i].template && t.name === b.templates[i].name && t.globs.join() === b.templates[i].globs.join());
}
