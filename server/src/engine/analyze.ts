// Runs the rules over a document model: match once, check each enabled rule,
// apply the configured severities and the document's suppression comments.
import type { DocumentModel } from './document';
import { matchDocument, type TemplateMatch } from './match';
import { rules } from './rules';
import { applySuppressions } from './suppress';
import type { CheckOptions } from './options';
import type { Finding, TemplateModel } from './types';

/** What the rules read of the check options. */
export type AnalysisOptions = Pick<CheckOptions, 'rules'>;

export interface Analysis {
  doc: DocumentModel;
  template: TemplateModel;
  match: TemplateMatch;
  findings: Finding[];
}

const byPosition = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export function analyze(doc: DocumentModel, template: TemplateModel, options: AnalysisOptions = {}): Analysis {
  const match = matchDocument(doc, template);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.code];
    if (setting === 'off') continue;
    for (const f of rule.check({ doc, template, match })) {
      findings.push({ ...f, code: rule.code, severity: setting ?? f.severity ?? rule.defaultSeverity });
    }
  }
  findings.sort(byPosition);
  return { doc, template, match, findings: applySuppressions(doc, findings) };
}
