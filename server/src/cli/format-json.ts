// `--format json`: exactly one object, {"files":[{"path","template","templateReason","diagnostics":[…],"summary"}]},
// every checked file listed (an empty list when clean). Positions stay 0-based
// LSP positions (UTF-16 characters), as the engine reports them.
import type { Finding, Range, Severity } from '../engine';
import type { TemplateUsed } from './check';
import type { FileSummary } from './summary';

export interface JsonDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  data: Record<string, unknown>;
}

export interface JsonFile {
  path: string;
  /**
   * The name of the template the file was checked against, and why (e.g. "glob docs/adr/**\/*.md");
   * null for a file no template applies to whose front matter names an unknown one (its only finding).
   */
  template: string | null;
  templateReason: string | null;
  diagnostics: JsonDiagnostic[];
  /** How far the file is written: sections written, scaffolded, missing; placeholders; a percentage (null with `template`). */
  summary: FileSummary | null;
}

export function toJsonFile(path: string, findings: Finding[], summary: FileSummary | null, template: TemplateUsed | null): JsonFile {
  return {
    path,
    template: template?.name ?? null,
    templateReason: template?.reason ?? null,
    diagnostics: findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: { start: { line: f.range.start.line, character: f.range.start.character }, end: { line: f.range.end.line, character: f.range.end.character } },
      data: f.data ?? {},
    })),
    summary,
  };
}

export function formatJson(files: JsonFile[]): string {
  return JSON.stringify({ files }, null, 2) + '\n';
}
