// `--format json`: exactly one object, {"files":[{"path","diagnostics":[…]}]},
// every checked file listed (an empty list when clean). Positions stay 0-based
// LSP positions (UTF-16 characters), as the engine reports them.
import type { Finding, Range, Severity } from '../engine';

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  data: Record<string, unknown>;
}

export interface JsonFile {
  path: string;
  diagnostics: JsonDiagnostic[];
}

export function toJsonFile(path: string, findings: Finding[]): JsonFile {
  return {
    path,
    diagnostics: findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: { start: { line: f.range.start.line, character: f.range.start.character }, end: { line: f.range.end.line, character: f.range.end.character } },
      data: f.data ?? {},
    })),
  };
}

export function formatJson(files: JsonFile[]): string {
  return JSON.stringify({ files }, null, 2) + '\n';
}
