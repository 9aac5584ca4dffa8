import type { DocumentModel } from '../document';
import type { TemplateMatch } from '../match';
import type { Finding, Severity, TemplateModel } from '../types';

export interface RuleContext {
  doc: DocumentModel;
  template: TemplateModel;
  match: TemplateMatch;
}

/** What a rule reports; the engine adds the code and the configured severity. */
export type RuleFinding = Omit<Finding, 'code' | 'severity'> & { severity?: Severity };

export interface Rule {
  /** Stable kebab-case code, used in settings, suppression comments and docs. */
  code: string;
  description: string;
  defaultSeverity: Severity;
  check(ctx: RuleContext): RuleFinding[];
}

/** Where each rule's documentation lives (shipped in docs/rules/). */
export const RULE_DOCS_BASE = 'https://github.com/deep-dive/deep-dive/blob/main/docs/rules/';

export function ruleDocsUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}

export function quote(title: string): string {
  return `'${title}'`;
}
