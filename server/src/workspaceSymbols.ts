// workspace/symbol over every deep dive in the workspace folders. Files are
// read with the engine's line scanner (headings need no markdown parse), and
// each file's symbols are cached by modification time, so typing in the
// Go to Symbol box costs a walk and a filter, not a re-read of every file.
import { stat } from 'node:fs/promises';
import type { CancellationToken, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { analyze, buildDocument, detectDeepDive, documentSymbols, resolveChunks, scanChunk, workspaceSymbols, type DocSymbol } from './engine';
import type { ServerContext } from './server';
import { pathToUri } from './uris';

/** Files looked at per folder at most: beyond this a workspace is not a deep-dive collection. */
const MAX_FILES = 20_000;
const MAX_FILE_SIZE = 2 * 1024 * 1024;

interface Entry {
  mtimeMs: number;
  symbols: DocSymbol[] | null;
}

export function workspaceSymbolsProvider(ctx: ServerContext) {
  const cache = new Map<string, Entry>();
  const symbolsOf = async (uri: string, text: string): Promise<DocSymbol[] | null> => {
    const eff = await ctx.effective(uri);
    if (!eff.enabled) return null;
    const model = buildDocument(text, resolveChunks(text, scanChunk).chunks);
    if (!detectDeepDive(model, eff.template, { path: eff.globPath, globs: eff.globs, autoDetect: eff.autoDetect })) return null;
    return documentSymbols(analyze(model, eff.template, { rules: {} }));
  };

  return async (params: WorkspaceSymbolParams, token: CancellationToken): Promise<SymbolInformation[]> => {
    const docs: { uri: string; symbols: DocSymbol[] }[] = [];
    const open = new Set(ctx.documents.keys());
    for (const d of ctx.documents.all()) {
      const r = await ctx.manager.current(d.uri);
      if (r?.analysis) docs.push({ uri: d.uri, symbols: documentSymbols(r.analysis) });
    }
    for (const folder of ctx.workspace.folders) {
      const files = await ctx.runtime.listMarkdownFiles(folder, MAX_FILES);
      for (const file of files) {
        if (token.isCancellationRequested) return [];
        const uri = pathToUri(file);
        if (open.has(uri)) continue;
        let st;
        try {
          st = await stat(file);
        } catch {
          continue;
        }
        if (st.size > MAX_FILE_SIZE) continue;
        let e = cache.get(file);
        if (!e || e.mtimeMs !== st.mtimeMs) {
          let text: string;
          try {
            text = await ctx.runtime.readFile(file);
          } catch {
            continue;
          }
          e = { mtimeMs: st.mtimeMs, symbols: await symbolsOf(uri, text) };
          cache.set(file, e);
        }
        if (e.symbols) docs.push({ uri, symbols: e.symbols });
      }
    }
    return workspaceSymbols(docs, params.query).map((s) => ({
      name: s.name,
      kind: s.kind === 'title' ? SymbolKind.File : s.kind === 'section' ? SymbolKind.Module : s.kind === 'subsection' ? SymbolKind.Class : SymbolKind.String,
      location: { uri: s.uri, range: s.range },
      containerName: s.containerName,
    }));
  };
}
