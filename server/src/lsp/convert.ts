// Engine results to LSP types. The engine already speaks LSP positions, so
// this is shape only: severities, codes, documentation links, symbol kinds.
import { DiagnosticSeverity, SymbolKind, type Diagnostic, type DocumentSymbol } from 'vscode-languageserver';
import { ruleDocsUrl, type DocSymbol, type Finding, type Severity, type SymbolKindName } from '../engine';

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

export const SYMBOL_KIND: Record<SymbolKindName, SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Module,
  subsection: SymbolKind.Class,
  heading: SymbolKind.String,
};

/**
 * An outline symbol as LSP's. `detail` and `children` are optional in LSP and
 * left out when empty: clients read them as '' and none, and an outline of
 * 100,000 headings is about a tenth smaller on the wire.
 */
export function toSymbol(s: DocSymbol): DocumentSymbol {
  const d: DocumentSymbol = { name: s.name || '(untitled)', kind: SYMBOL_KIND[s.kind], range: s.range, selectionRange: s.selectionRange };
  if (s.detail) d.detail = s.detail;
  if (s.children.length > 0) d.children = s.children.map(toSymbol);
  return d;
}
