// Engine results to LSP types. The engine already speaks LSP positions, so
// this is shape only: severities, codes, documentation links.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl, type Finding, type Severity } from './engine';

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
