// LSP feature handlers: each finds the document's current analysis, asks the
// engine and converts the answer. Non-deep-dive documents get empty answers,
// so ordinary markdown keeps only the editor's own features.
import {
  CodeActionKind, CompletionItemKind, InsertTextFormat, MarkupKind,
  type CodeAction, type CompletionItem, type DocumentSymbol, type FoldingRange, type ServerCapabilities,
  type SymbolInformation, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  codeActions, completions, documentSymbols, fixAll, foldingRanges, hover, insertMissingSections, newDocument,
  type SuggestionKind,
} from '../engine';
import { toDiagnostic, toSymbol } from './convert';
import type { ServerContext } from './server';
import { safe } from './safe';
import { workspaceSymbolsProvider } from './workspaceSymbols';
import { documentsProvider } from './documents';
import { DOCUMENTS_REQUEST, type DocumentsResult } from '../protocol';

export const INSERT_MISSING_COMMAND = 'deepDive.insertMissingSections';
export const SERVER_COMMANDS = [INSERT_MISSING_COMMAND] as const;
export const NEW_DOCUMENT_REQUEST = 'deepDive/newDocument';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.deepDive`;
export const INSERT_ALL_KIND = `${CodeActionKind.Source}.deepDive.insertMissingSections`;

const capabilities: ServerCapabilities = {
  documentSymbolProvider: { label: 'Deep Dive' },
  foldingRangeProvider: true,
  hoverProvider: true,
  workspaceSymbolProvider: true,
  completionProvider: { triggerCharacters: ['#', ' ', '*', '-', '`'], resolveProvider: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_ALL_KIND], resolveProvider: false },
};

const COMPLETION_KIND: Record<SuggestionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  subsection: CompletionItemKind.Class,
  structure: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
};

export function registerFeatures(ctx: ServerContext): void {
  const { connection, manager, log, documents } = ctx;
  const snippetsOk = () => ctx.caps.textDocument?.completion?.completionItem?.snippetSupport ?? false;
  const documentChanges = () => ctx.caps.workspace?.workspaceEdit?.documentChanges ?? false;

  const analysisOf = async (uri: string) => (await manager.current(uri))?.analysis ?? null;
  const editFor = (uri: string, edits: TextEdit[]): WorkspaceEdit => {
    const version = documents.get(uri)?.version ?? null;
    return documentChanges() ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  };

  connection.onDocumentSymbol(safe('documentSymbol', log, [] as DocumentSymbol[], async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    return a ? documentSymbols(a).map(toSymbol) : [];
  }));

  connection.onFoldingRanges(safe('foldingRange', log, [] as FoldingRange[], async (p) => {
    const r = await manager.current(p.textDocument.uri);
    return r?.analysis ? foldingRanges(r.model).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind })) : [];
  }));

  connection.onHover(safe('hover', log, null, async (p) => {
    const a = await analysisOf(p.textDocument.uri);
    const h = a ? hover(a, p.position) : null;
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
  }));

  connection.onCompletion(safe('completion', log, [] as CompletionItem[], async (p, token) => {
    const a = await analysisOf(p.textDocument.uri);
    if (!a || token.isCancellationRequested) return [];
    const snippets = snippetsOk();
    return completions(a, p.position).map((s): CompletionItem => ({
      label: s.label,
      kind: COMPLETION_KIND[s.kind],
      detail: s.detail,
      documentation: { kind: MarkupKind.Markdown, value: s.documentation },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: s.range, newText: snippets ? s.insertText : s.plainText },
      filterText: s.filterText,
      sortText: s.sortText,
    }));
  }));

  connection.onCodeAction(safe('codeAction', log, [] as CodeAction[], async (p, token) => {
    const uri = p.textDocument.uri;
    const a = await analysisOf(uri);
    if (!a || token.isCancellationRequested) return [];
    const only = p.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const out: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const c of codeActions(a, p.range)) {
        out.push({ title: c.title, kind: CodeActionKind.QuickFix, isPreferred: c.isPreferred, diagnostics: c.findings.map((f) => toDiagnostic(f, uri)), edit: editFor(uri, c.edits) });
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = fixAll(a);
      if (edits.length > 0) out.push({ title: 'Fix all safe Deep Dive problems', kind: FIX_ALL_KIND, edit: editFor(uri, edits) });
    }
    if (wants(INSERT_ALL_KIND) && only) {
      const edits = insertMissingSections(a);
      if (edits.length > 0) out.push({ title: 'Insert all missing sections', kind: INSERT_ALL_KIND, edit: editFor(uri, edits) });
    }
    return out;
  }));

  connection.onExecuteCommand(safe('executeCommand', log, null, async (p) => {
    if (p.command !== INSERT_MISSING_COMMAND) return null;
    const arg = p.arguments?.[0] as string | { uri?: string } | undefined;
    const uri = typeof arg === 'string' ? arg : arg?.uri;
    if (!uri) return { applied: false, reason: 'No document given' };
    const a = await analysisOf(uri);
    if (!a) return { applied: false, reason: 'Not a deep dive' };
    const edits = insertMissingSections(a);
    if (edits.length === 0) return { applied: false, reason: 'No missing sections' };
    const res = await connection.workspace.applyEdit({ label: 'Insert missing sections', edit: editFor(uri, edits) });
    return { applied: res.applied, inserted: a.match.missing.map((t) => t.title) };
  }));

  connection.onRequest(NEW_DOCUMENT_REQUEST, safe('newDocument', log, { text: '' }, async (p: { title?: unknown; uri?: unknown }) => {
    const title = typeof p?.title === 'string' && p.title.trim() ? p.title.trim() : 'Untitled Deep Dive';
    const scope = typeof p?.uri === 'string' ? p.uri : ctx.workspace.folders[0] ? `file://${ctx.workspace.folders[0]}/new.md` : 'untitled:new.md';
    const eff = await ctx.effective(scope);
    return { text: newDocument(eff.template, title) };
  }));

  connection.onWorkspaceSymbol(safe('workspaceSymbol', log, [] as SymbolInformation[], workspaceSymbolsProvider(ctx)));
  connection.onRequest(DOCUMENTS_REQUEST, safe('documents', log, { documents: [], partial: true } as DocumentsResult, documentsProvider(ctx)));
}
registerFeatures.capabilities = capabilities;
