// workspace/symbol over every deep dive in the workspace folders. Files are
// read with the engine's line scanner (headings need no markdown parse), and
// each file's symbols are cached by modification time, so typing in the
// Go to Symbol box costs a walk and a filter, not a re-read of every file.
import type { CancellationToken, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import { analyze, buildDocument, detectDeepDive, documentSymbols, resolveChunks, scanChunk, workspaceSymbols, type DocSymbol } from './engine';
import type { ServerContext } from './server';
import * as path from 'node:path';
import type { Effective } from './analysisManager';
import { SYMBOL_KIND } from './convert';
import { globPath, pathToUri } from './uris';

/** Files looked at per folder at most: beyond this a workspace is not a deep-dive collection. */
const MAX_FILES = 20_000;
const MAX_FILE_SIZE = 2 * 1024 * 1024;

const PROGRESS_THRESHOLD = 300;

/** Files read concurrently while indexing. */
const READS_AT_ONCE = 16;

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

export function workspaceSymbolsProvider(ctx: ServerContext) {
  const cache = new Map<string, Entry>();
  const symbolsOf = (eff: Effective, uri: string, folder: string, text: string): DocSymbol[] | null => {
    if (!eff.enabled) return null;
    const model = buildDocument(text, resolveChunks(text, scanChunk).chunks);
    if (!detectDeepDive(model, eff.template, { path: globPath(uri, folder), globs: eff.globs, autoDetect: eff.autoDetect })) return null;
    return documentSymbols(analyze(model, eff.template, { rules: {} }));
  };

  return async (params: WorkspaceSymbolParams, token: CancellationToken): Promise<SymbolInformation[]> => {
    const docs: { uri: string; symbols: DocSymbol[] }[] = [];
    const open = new Set(ctx.documents.keys());
    for (const d of ctx.documents.all()) {
      const r = await ctx.manager.current(d.uri);
      if (r?.analysis) docs.push({ uri: d.uri, symbols: documentSymbols(r.analysis) });
    }
    // Settings are read per folder, not per file: thousands of configuration requests would be a storm.
    const folders = await Promise.all(ctx.workspace.folders.map(async (folder) => ({
      folder,
      effective: await ctx.effective(pathToUri(path.join(folder, '.deepdive-workspace-symbols.md'))),
      files: await ctx.runtime.listMarkdownFiles(folder, MAX_FILES),
    })));
    const files = folders.flatMap((f) => f.files.map((file) => ({ file, folder: f.folder, effective: f.effective })));
    const uncached = files.filter((f) => !cache.has(f.file)).length;
    // Indexing a large workspace the first time takes a while: show progress where the client can.
    const progress = uncached > PROGRESS_THRESHOLD ? await startProgress(ctx, params, files.length) : null;
    // Files are read several at a time so their reads overlap (one by one, the
    // server mostly waited on the disk); results keep the files' order.
    const found: ({ uri: string; symbols: DocSymbol[] } | null)[] = new Array(files.length).fill(null);
    const symbolsFor = async (i: number): Promise<void> => {
      const { file, folder, effective } = files[i];
      const uri = pathToUri(file);
      if (open.has(uri)) return;
      const st = await ctx.runtime.fileInfo(file);
      if (!st || st.size > MAX_FILE_SIZE) return;
      let e = cache.get(file);
      if (!e || e.mtimeMs !== st.mtimeMs || e.effective.template !== effective.template || e.effective.globs.join() !== effective.globs.join()) {
        let text: string;
        try {
          text = await ctx.runtime.readFile(file);
        } catch {
          return;
        }
        e = { mtimeMs: st.mtimeMs, effective, symbols: symbolsOf(effective, uri, folder, text) };
        cache.set(file, e);
      }
      if (e.symbols) found[i] = { uri, symbols: e.symbols };
    };
    let next = 0;
    let done = 0;
    const reader = async (): Promise<void> => {
      while (next < files.length && !token.isCancellationRequested) {
        await symbolsFor(next++);
        if (progress && ++done % 200 === 0) progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} files`);
      }
    };
    try {
      await Promise.all(Array.from({ length: READS_AT_ONCE }, reader));
    } finally {
      progress?.done();
    }
    if (token.isCancellationRequested) return [];
    for (const f of found) if (f) docs.push(f);
    return workspaceSymbols(docs, params.query).map((s) => ({
      name: s.name,
      kind: SYMBOL_KIND[s.kind],
      location: { uri: s.uri, range: s.range },
      containerName: s.containerName,
    }));
  };
}
