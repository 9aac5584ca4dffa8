// `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it: one run,
// every rule described in tool.driver.rules (helpUri = the rule's docs page),
// results with ruleId/ruleIndex, a level, and a region in 1-based lines and
// columns. Columns count UTF-16 code units, which is what the engine reports
// (declared with columnKind); endColumn is exclusive in SARIF as in the LSP.
// Each result's properties name the template its file was checked against and
// why (`template`, `templateReason`): results only, so shards' runs still merge
// by concatenating results (docs/ci.md).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl, rules, type Finding, type Severity } from '../engine';
import type { TemplateUsed } from './check';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/deep-dive/deep-dive';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

// Minimal SARIF types: only what this file writes.
export interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
export interface SarifArtifactLocation { uri: string; uriBaseId?: string }
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  properties?: { template: string; templateReason: string };
}
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: SarifLevel; message: { text: string } }[] }[];
    results: SarifResult[];
  }[];
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

const pascal = (code: string) => code.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase());

export function sarifRules(): SarifRule[] {
  return rules.map((r) => ({
    id: r.code,
    name: pascal(r.code),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.code),
    help: { text: `${r.description} See ${ruleDocsUrl(r.code)}`, markdown: `${r.description} [Rule documentation](${ruleDocsUrl(r.code)})` },
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
    properties: { tags: ['documentation', 'deep-dive'] },
  }));
}

/** Relative to cwd (`%SRCROOT%`, normally the repository root) when inside it, else a file: URI. */
export function artifactLocation(cwd: string, abs: string): SarifArtifactLocation {
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export class SarifBuilder {
  private readonly results: SarifResult[] = [];
  private readonly notifications: { level: SarifLevel; message: { text: string } }[] = [];
  private readonly ruleIndex = new Map(rules.map((r, i) => [r.code, i]));

  constructor(private readonly cwd: string, private readonly version: string) {}

  addFile(abs: string, findings: Finding[], template?: TemplateUsed): void {
    const artifact = artifactLocation(this.cwd, abs);
    for (const f of findings) {
      const { start, end } = f.range;
      this.results.push({
        ruleId: f.code,
        ruleIndex: this.ruleIndex.get(f.code) ?? -1,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: artifact,
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        }],
        ...(template ? { properties: { template: template.name, templateReason: template.reason } } : {}),
      });
    }
  }

  addError(message: string): void {
    this.notifications.push({ level: 'error', message: { text: message } });
  }

  build(): SarifLog {
    return {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'deep-dive', version: this.version, semanticVersion: this.version, informationUri: INFORMATION_URI, rules: sarifRules() } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(this.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: this.notifications.length === 0, toolExecutionNotifications: this.notifications }],
        results: this.results,
      }],
    };
  }
}
