// LSP feature handlers: each finds the document's current analysis, asks the
// engine and converts the answer. Non-deep-dive documents get empty answers,
// so ordinary markdown keeps only the editor's own features.
import {
  CodeActionKind, MarkupKind, ProgressType,
  type CancellationToken, type CodeAction, type CodeActionParams, type CodeLens, type CodeLensParams, type CompletionParams, type DocumentSymbolParams, type ExecuteCommandParams,
  type FoldingRangeParams, type HoverParams, type ResultProgressReporter, type WorkspaceSymbolParams, type CompletionItem, type DocumentSymbol, type FoldingRange,
  type SymbolInformation, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import { newDocument } from '../engine';
import { templateNamed, templateSet } from '../engine/selection';
import { FIX_ALL_KIND, INSERT_ALL_KIND, INSERT_MISSING_COMMAND, NEW_DOCUMENT_REQUEST, SECTIONS_REQUEST, type InsertMissingResult, type NewDocumentParams, type NewDocumentResult, type SectionsResult } from '../protocol';
import type { ServerContext } from './context';
import { outlineJson, outlineSymbols, toCompletionItem, toDiagnostic, type CompletionCaps } from './convert';
import { acceptsEncodedResults, EncodedResult } from './encoded';
import { walkOutline, type OutlineVisitor } from '../engine/features/symbols';
import { invalidParams, onRequest, safe, shapes } from './safe';
import { workspaceSymbolsProvider } from './workspaceSymbols';
import { documentsProvider } from './documents';
import { DOCUMENTS_REQUEST, type DocumentsResult } from '../protocol';

export function registerFeatures(ctx: ServerContext): void {
  const { connection, manager, log, documents } = ctx;
  const completionCaps = (): CompletionCaps => {
    const item = ctx.caps.textDocument?.completion?.completionItem;
    return { snippets: item?.snippetSupport ?? false, insertReplace: item?.insertReplaceSupport ?? false };
  };
  const documentChanges = () => ctx.caps.workspace?.workspaceEdit?.documentChanges ?? false;

  /** The document's current snapshot when it is a deep dive (other documents get empty answers). */
  const deepDive = async (uri: string) => {
    const snapshot = (await manager.current(uri))?.snapshot;
    return snapshot?.analysis ? snapshot : null;
  };
  const editFor = (uri: string, edits: TextEdit[]): WorkspaceEdit => {
    const version = documents.get(uri)?.version ?? null;
    return documentChanges() ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  };

  // Built symbol by symbol, never as the engine's tree then an LSP copy; where the connection takes
  // them (stdio), as JSON parts: an outline of 100,000 headings is 22 MB of JSON.
  const encodes = acceptsEncodedResults(connection);
  onRequest(connection, 'textDocument/documentSymbol', safe('documentSymbol', log, [] as DocumentSymbol[] | EncodedResult, async (p: DocumentSymbolParams) => {
    const analysis = (await deepDive(p.textDocument.uri))?.analysis;
    if (!analysis) return [];
    const walk = (visitor: OutlineVisitor) => walkOutline(analysis, visitor);
    return encodes ? new EncodedResult(outlineJson(walk), () => outlineSymbols(walk)) : outlineSymbols(walk);
  }), shapes.uri);

  onRequest(connection, 'textDocument/foldingRange', safe('foldingRange', log, [] as FoldingRange[], async (p: FoldingRangeParams) => {
    const d = await deepDive(p.textDocument.uri);
    return d ? d.folding().map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind })) : [];
  }), shapes.uri);

  onRequest(connection, 'textDocument/hover', safe('hover', log, null, async (p: HoverParams) => {
    const h = (await deepDive(p.textDocument.uri))?.hover(p.position);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
  }), shapes.uri, shapes.position);

  onRequest(connection, 'textDocument/completion', safe('completion', log, [] as CompletionItem[], async (p: CompletionParams, token: CancellationToken) => {
    // Any markdown document: template names after `template:` are how one becomes a deep dive.
    const d = (await manager.current(p.textDocument.uri))?.snapshot;
    if (!d || token.isCancellationRequested) return [];
    const caps = completionCaps();
    // A template snippet without tab stops is only its text: not worth offering.
    return d.completions(p.position).filter((s) => caps.snippets || s.kind !== 'snippet').map((s) => toCompletionItem(s, caps));
  }), shapes.uri, shapes.position);

  onRequest(connection, 'textDocument/codeAction', safe('codeAction', log, [] as CodeAction[], async (p: CodeActionParams, token: CancellationToken) => {
    const uri = p.textDocument.uri;
    const d = await deepDive(uri);
    if (!d || token.isCancellationRequested) return [];
    const only = p.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const c of d.codeActions(p.range)) {
        out.push({ title: c.title, kind: CodeActionKind.QuickFix, isPreferred: c.isPreferred, diagnostics: c.findings.map((f) => toDiagnostic(f, uri)), edit: editFor(uri, c.edits) });
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = d.fixAll();
      if (edits.length > 0) out.push({ title: 'Fix all safe Deep Dive problems', kind: FIX_ALL_KIND, edit: editFor(uri, edits) });
    }
    if (wants(INSERT_ALL_KIND) && only) {
      const edits = d.insertMissingSections();
      if (edits.length > 0) out.push({ title: 'Insert all missing sections', kind: INSERT_ALL_KIND, edit: editFor(uri, edits) });
    }
    return out;
  }), shapes.uri, shapes.range, (p) => (p.context !== null && typeof p.context === 'object') || 'params.context must be an object');

  onRequest(connection, 'textDocument/codeLens', safe('codeLens', log, [] as CodeLens[], async (p: CodeLensParams, token: CancellationToken) => {
    const d = await deepDive(p.textDocument.uri);
    if (!d || token.isCancellationRequested) return [];
    return d.codeLenses().map((l) => ({
      range: l.range,
      command: { title: l.title, command: INSERT_MISSING_COMMAND, arguments: [p.textDocument.uri, l.sections] },
    }));
  }), shapes.uri);

  // Arguments: the document URI (or { uri }), then optionally the titles to insert (default: every missing section).
  onRequest(connection, 'workspace/executeCommand', safe('executeCommand', log, null, async (p: ExecuteCommandParams): Promise<InsertMissingResult | null> => {
    if (typeof p.command !== 'string') invalidParams('workspace/executeCommand: params.command must be a command name');
    if (p.arguments !== undefined && !Array.isArray(p.arguments)) invalidParams('workspace/executeCommand: params.arguments must be an array');
    if (p.command !== INSERT_MISSING_COMMAND) invalidParams(`workspace/executeCommand: unknown command ${JSON.stringify(p.command.slice(0, 100))}`);
    const [arg, titles] = (p.arguments ?? []) as [unknown, unknown];
    if (arg === undefined) return { applied: false, reason: 'No document given' };
    const uri = typeof arg === 'string' ? arg : (arg as { uri?: unknown } | null)?.uri;
    if (typeof uri !== 'string') invalidParams(`${INSERT_MISSING_COMMAND} takes a document URI (or {uri}) as its argument`);
    if (titles !== undefined && !Array.isArray(titles)) invalidParams(`${INSERT_MISSING_COMMAND}: the section titles must be an array`);
    const d = await deepDive(uri);
    if (!d) return { applied: false, reason: 'Not a deep dive' };
    const only = Array.isArray(titles) ? titles.filter((t): t is string => typeof t === 'string') : undefined;
    const inserted = d.status().missing.filter((t) => !only || only.includes(t));
    const edits = d.insertMissingSections(only);
    if (edits.length === 0) return { applied: false, reason: 'No missing sections', inserted: [] };
    const res = await connection.workspace.applyEdit({ label: 'Insert missing sections', edit: editFor(uri, edits) });
    return { applied: res.applied, inserted };
  }));

  onRequest(connection, SECTIONS_REQUEST, safe('sections', log, null, async (p: { uri: string }): Promise<SectionsResult> => {
    const d = await deepDive(p.uri);
    return d ? d.overview() : null;
  }), (p) => typeof p.uri === 'string' || 'params.uri must be a string');

  // `snippet: true`: placeholders as tab stops (the client inserts it with its snippet engine).
  onRequest(connection, NEW_DOCUMENT_REQUEST, safe('newDocument', log, { text: '', template: '', templates: [] }, async (p: NewDocumentParams): Promise<NewDocumentResult> => {
    const title = p.title?.trim() || 'Untitled Deep Dive';
    const scope = p.uri ?? (ctx.workspace.folders[0] ? `file://${ctx.workspace.folders[0]}/new.md` : 'untitled:new.md');
    const eff = await ctx.effective(scope);
    const set = templateSet(eff);
    const chosen = (p.template !== undefined ? templateNamed(set, p.template) : undefined) ?? set[set.length - 1];
    // With several templates the front matter says which one: globs and detection need not guess.
    const templateName = set.length > 1 ? chosen.name : undefined;
    return { text: newDocument(chosen.template, title, { snippet: p.snippet === true, templateName }), template: chosen.name, templates: set.map((t) => t.name) };
  }), (p) => (['title', 'uri', 'template'].every((k) => p[k] === undefined || typeof p[k] === 'string') && (p.snippet === undefined || typeof p.snippet === 'boolean')) || 'params.title, params.uri and params.template must be strings, params.snippet a boolean');

  const symbols = safe('workspaceSymbol', log, [] as SymbolInformation[], workspaceSymbolsProvider(ctx));
  onRequest(connection, 'workspace/symbol', (p: WorkspaceSymbolParams, token) => symbols(p, token, undefined, partialReporter(connection, p)), (p) => typeof p.query === 'string' || 'params.query must be a string');
  onRequest(connection, DOCUMENTS_REQUEST, safe('documents', log, { documents: [], partial: true } as DocumentsResult, documentsProvider(ctx)),
    (p) => p.folder === undefined || typeof p.folder === 'string' || 'params.folder must be a string');
}

/** Streams partial results to the client's token, where it sent one. */
function partialReporter(connection: ServerContext['connection'], p: WorkspaceSymbolParams): ResultProgressReporter<SymbolInformation[]> | undefined {
  const token = p.partialResultToken;
  return token === undefined ? undefined : { report: (data) => void connection.sendProgress(new ProgressType<SymbolInformation[]>(), token, data) };
}
