// What a rule is: its code, default severity, the check that finds departures
// from the template with typed data, and (like markdownlint's fixInfo) the
// edits that fix them. Code actions, fix-all and Insert Missing Sections read
// rules through this contract only.
import type { DocumentModel } from '../document';
import type { OffsetEdit } from '../edits';
import type { TemplateMatch } from '../match';
import type { AnalysisMemo } from '../memo';
import type { Finding, Severity, TemplateModel } from '../types';

export interface RuleContext {
  doc: DocumentModel;
  template: TemplateModel;
  match: TemplateMatch;
  /** Results of the document's earlier analyses a rule may reuse for unchanged text. */
  memo?: AnalysisMemo;
}

/** Machine-readable facts of a finding (sent to clients as the diagnostic's `data`). */
export type FindingData = Record<string, unknown>;

/** What a rule reports; the engine adds the code and the configured severity. */
export type RuleFinding<D extends FindingData = FindingData> = Omit<Finding, 'code' | 'severity' | 'data'> & { severity?: Severity; data?: D };

/** A finding of the rule whose data is `D`. */
export type FindingOf<D extends FindingData> = Finding & { data?: D };

export interface Fix {
  title: string;
  edits: OffsetEdit[];
}

export interface RuleFixes<D extends FindingData> {
  /** The quick fix of one finding, or null when none applies to it. */
  quickFix(ctx: RuleContext, finding: FindingOf<D>): Fix | null;
  /**
   * Part of fix-all: the fix only adds text or changes heading markup, never
   * moves or drops the author's text (and the author is unlikely to mean the finding).
   */
  safe: boolean;
  /**
   * One fix for all the rule's findings, used by fix-all instead of each quick
   * fix (and called even when the rule reported nothing: it may be switched off).
   * `offered`: also a quick fix beside any of them when there are several.
   */
  all?: { title: string; offered: boolean; edits(ctx: RuleContext, findings: FindingOf<D>[]): OffsetEdit[] };
}

export interface Rule<D extends FindingData = FindingData> {
  /** Stable kebab-case code, used in settings, suppression comments and docs. */
  code: string;
  description: string;
  defaultSeverity: Severity;
  check(ctx: RuleContext): RuleFinding<D>[];
  fix?: RuleFixes<D>;
}

/** Where each rule's documentation lives (shipped in docs/rules/). */
export const RULE_DOCS_BASE = 'https://github.com/deep-dive/deep-dive/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}

export function quote(title: string): string {
  return `'${title}'`;
}
