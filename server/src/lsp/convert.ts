// Engine results to LSP types. The engine already speaks LSP positions, so
// this is shape only: severities, codes, documentation links, symbol kinds,
// completion items in the form the client's capabilities can apply.
import {
  CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type Range,
} from 'vscode-languageserver';
import { entryRanges, type OutlineVisitor } from '../engine/features/symbols';
import { JsonParts } from './encoded';
import { ruleDocsUrl, type DocSymbol, type Finding, type Severity, type Suggestion, type SuggestionKind, type SymbolKindName } from '../engine';

export const SOURCE = 'deep-dive';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocsUrl(f.code) },
    source: SOURCE,
    message: f.message,
  };
  if (f.data) d.data = f.data;
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

/**
 * Headings are text, not code: String is the kind VS Code's markdown outline and
 * Marksman give every heading, and the title and sections have it. What lies
 * inside a section has another (Key) because eglot 1.9's imenu groups entries by
 * kind, then by container: a section listed both as an entry and as the group of
 * its subsections under one kind could not be reached.
 */
export const SYMBOL_KIND: Record<SymbolKindName, SymbolKind> = {
  title: SymbolKind.String,
  section: SymbolKind.String,
  subsection: SymbolKind.Key,
  heading: SymbolKind.Key,
};

/**
 * An outline symbol as LSP's. `detail` and `children` are optional in LSP and
 * left out when empty: clients read them as '' and none, and an outline of
 * 100,000 headings is about a tenth smaller on the wire.
 */
export function toSymbol(s: DocSymbol): DocumentSymbol {
  const d = lspSymbol(s, s);
  if (s.children.length > 0) d.children = s.children.map(toSymbol);
  return d;
}

/** The LSP symbol of one outline entry, without its children. */
function lspSymbol(s: { name: string; kind: SymbolKindName; detail: string }, { range, selectionRange }: { range: Range; selectionRange: Range }): DocumentSymbol {
  const d: DocumentSymbol = { name: symbolName(s), kind: SYMBOL_KIND[s.kind], range, selectionRange };
  if (s.detail) d.detail = s.detail;
  return d;
}

/** An outline given symbol by symbol (walkOutline) as LSP symbols: toSymbol's answer without the engine's tree. */
export function outlineSymbols(walk: (visitor: OutlineVisitor) => void): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const open: DocumentSymbol[][] = [out];
  walk({
    enter(e, hasChildren) {
      const d = lspSymbol(e, entryRanges(e));
      open[open.length - 1].push(d);
      open.push(hasChildren ? (d.children = []) : NO_CHILDREN);
    },
    leave: () => void open.pop(),
  });
  return out;
}
const NO_CHILDREN: DocumentSymbol[] = [];

/**
 * The same answer as JSON in UTF-8 parts: the text JSON.stringify gives for
 * outlineSymbols' answer (its fields in their order, then the children's
 * array), written symbol by symbol without an object of each or one string of
 * the whole. One template per symbol, its numbers read straight from the walk's
 * entry: in a fresh server this runs before it is optimised, where a call per
 * position or an object per range cost as much as the rest.
 */
export function outlineJson(walk: (visitor: OutlineVisitor) => void): Uint8Array[] {
  const out = new JsonParts();
  const nested: boolean[] = [];
  let first = true;
  out.add('[');
  walk({
    enter(e, hasChildren) {
      let json = `${first ? '' : ','}{"name":${JSON.stringify(e.name || UNTITLED)},"kind":${SYMBOL_KIND[e.kind]},"range":{"start":{"line":${e.line},"character":${e.character}},"end":{"line":${e.endLine},"character":${e.endCharacter}}},"selectionRange":{"start":{"line":${e.line},"character":${e.character}},"end":{"line":${e.headingEndLine},"character":${e.headingEndCharacter}}}`;
      if (e.detail) json += `,"detail":${JSON.stringify(e.detail)}`;
      out.add(hasChildren ? `${json},"children":[` : json);
      nested.push(hasChildren);
      first = hasChildren;
    },
    leave() {
      out.add(nested.pop() ? ']}' : '}');
      first = false;
    },
  });
  out.add(']');
  return out.done();
}

/** Clients reject empty symbol names. */
const UNTITLED = '(untitled)';
const symbolName = (s: { name: string }) => s.name || UNTITLED;

const COMPLETION_KIND: Record<SuggestionKind, CompletionItemKind> = {
  section: CompletionItemKind.Module,
  subsection: CompletionItemKind.Class,
  structure: CompletionItemKind.Snippet,
  field: CompletionItemKind.Field,
  snippet: CompletionItemKind.Snippet,
  template: CompletionItemKind.EnumMember,
};

export interface CompletionCaps { snippets: boolean; insertReplace: boolean }

/**
 * A suggestion as the client can apply it. Snippet clients get the whole scaffold
 * with its tab stops; the others get plain text, split so that the cursor's line
 * receives one line and the rest comes as an additional edit (what a client that
 * inserts one line, as Vim's complete() does, can still apply; the others end with
 * the same text). Insert/replace clients also get the range through the line's end.
 */
export function toCompletionItem(s: Suggestion, caps: CompletionCaps): CompletionItem {
  const split = !caps.snippets ? s.lines : undefined;
  const newText = caps.snippets ? s.insertText : split ? split.firstLine : s.plainText;
  const additional = split ? [...s.additionalEdits, split.rest] : s.additionalEdits;
  const item: CompletionItem = {
    label: s.label,
    kind: COMPLETION_KIND[s.kind],
    detail: s.detail,
    documentation: { kind: MarkupKind.Markdown, value: s.documentation },
    insertTextFormat: caps.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: caps.insertReplace ? { newText, insert: s.range, replace: s.replaceRange } : { range: s.range, newText },
    sortText: s.sortText,
  };
  if (additional.length > 0) item.additionalTextEdits = additional;
  if (s.filterText) item.filterText = s.filterText;
  return item;
}
