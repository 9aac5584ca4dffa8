// Runs the rules over a document model: match once, check each enabled rule,
// apply the configured severities and the document's suppression comments.
import { detectDeepDive } from './detect';
import type { DocumentModel } from './document';
import { tooLargeNotice, utf8ByteLength } from './documentSize';
import { matchDocument, type TemplateMatch } from './match';
import type { AnalysisMemo } from './memo';
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
  /** The document's memo, when its analyses reuse results of unchanged sections (see memo.ts). */
  memo?: AnalysisMemo;
}

const byPosition = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export function analyze(doc: DocumentModel, template: TemplateModel, options: AnalysisOptions = {}, memo?: AnalysisMemo): Analysis {
  const match = matchDocument(doc, template);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.code];
    if (setting === 'off') continue;
    for (const f of rule.check({ doc, template, match, memo })) {
      findings.push({ ...f, code: rule.code, severity: setting ?? f.severity ?? rule.defaultSeverity });
    }
  }
  findings.sort(byPosition);
  return { doc, template, match, findings: applySuppressions(doc, findings), memo };
}

/** A version's verdict: its analysis when it is a deep dive, and the findings to show. */
export interface Verdict {
  analysis: Analysis | null;
  /** The rules' findings plus notices about how the document was read (too large, partly unparsed). */
  findings: Finding[];
}

/**
 * Decides whether `doc` is a deep dive under `options` and analyses it.
 * `tooLarge`: every chunk was line-scanned because of the document's size (a
 * notice says so); `sayPartial`: a notice says when some chunk was line-scanned
 * instead of parsed (the editor's full analysis; not its structure-only first
 * view, and not the CLI, which reads every file whole).
 */
export function analyzeDocument(doc: DocumentModel, options: CheckOptions, read: { tooLarge?: boolean; sayPartial?: boolean; memo?: AnalysisMemo } = {}): Verdict {
  if (options.enabled === false || !(options.force || detectDeepDive(doc, options.template, options))) return { analysis: null, findings: [] };
  const analysis = analyze(doc, options.template, options, read.memo);
  const findings = [...analysis.findings];
  if (read.tooLarge) findings.unshift(tooLargeNotice(utf8ByteLength(doc.text), options.maxDocumentSize ?? Infinity));
  else if (doc.degraded && read.sayPartial) findings.unshift(PARTIAL_NOTICE);
  return { analysis, findings };
}

const PARTIAL_NOTICE: Finding = {
  code: 'partial-analysis',
  severity: 'information',
  message: 'Part of this document could not be parsed in time; section checks still run there, placeholder checks do not.',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};
