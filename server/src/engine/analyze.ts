// Runs the rules over a document model: match once, check each enabled rule,
// apply the configured severities and the document's suppression comments.
import { firstStartingFrom, type DocumentModel, type Section } from './document';
import { tooLargeNotice, utf8ByteLength } from './documentSize';
import { matchDocument, type Assignment, type TemplateMatch } from './match';
import type { AnalysisMemo } from './memo';
import { rules, type Rule, type RuleContext } from './rules';
import { unknownTemplate } from './rules/unknown-template';
import { selectTemplate, templateSet, type TemplateSelection } from './selection';
import { applySuppressions } from './suppress';
import { templateFindings } from './template';
import type { CheckOptions } from './options';
import type { Finding, TemplateModel } from './types';

/** What the rules read of the check options. */
export type AnalysisOptions = Pick<CheckOptions, 'rules'>;

export interface Analysis {
  doc: DocumentModel;
  template: TemplateModel;
  match: TemplateMatch;
  findings: Finding[];
  /** Which template of the workspace's set this is, and why (absent: analysed directly, not selected). */
  selection?: TemplateSelection;
  /** The document's memo, when its analyses reuse results of unchanged sections (see memo.ts). */
  memo?: AnalysisMemo;
}

const byPosition = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export function analyze(doc: DocumentModel, template: TemplateModel, options: AnalysisOptions = {}, memo?: AnalysisMemo, templates?: RuleContext['templates']): Analysis {
  const match = memo ? rematched(memo, doc, template) : matchDocument(doc, template);
  return { doc, template, match, findings: runRules(rules, { doc, template, match, memo, templates }, options), memo };
}

/**
 * The match of the last analysis when the document's headings are the same (titles,
 * keys and levels, in order: typing in prose), its assignments moved to this model's
 * sections; else a new match. Matching reads only the headings, their levels and
 * their order, which an edit that keeps every heading keeps too.
 */
function rematched(memo: AnalysisMemo, doc: DocumentModel, template: TemplateModel): TemplateMatch {
  const last = memo.match;
  if (last && last.template === template && sameHeadings(last.sections, doc.sections)) return movedMatch(last.match, last.sections, doc.sections);
  const match = matchDocument(doc, template);
  memo.match = { template, sections: doc.sections, match };
  return match;
}

function sameHeadings(a: readonly Section[], b: readonly Section[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i].heading;
    const y = b[i].heading;
    if (x.depth !== y.depth || x.title !== y.title || x.key !== y.key) return false;
  }
  return true;
}

/** A match of `from`'s sections given to the same sections of another model, `to` (same headings, in order). */
function movedMatch(match: TemplateMatch, from: readonly Section[], to: readonly Section[]): TemplateMatch {
  // Sections start at their headings, so no two share a start.
  const at = (start: number) => to[firstStartingFrom(from, start)];
  const moved = new Map<Assignment, Assignment>();
  const assignments = match.assignments.map((a) => {
    const b: Assignment = { template: a.template, templateParent: a.templateParent, section: at(a.section.start), kind: a.kind, levelOk: a.levelOk, duplicate: a.duplicate };
    moved.set(a, b);
    return b;
  });
  for (const a of match.assignments) {
    if (a.order) moved.get(a)!.order = { after: a.order.after && moved.get(a.order.after)!, before: a.order.before && moved.get(a.order.before)! };
  }
  return {
    title: match.title && at(match.title.start).heading,
    assignments,
    bySection: new Map(assignments.map((a) => [a.section, a])),
    primary: new Map([...match.primary].map(([t, a]) => [t, moved.get(a)!])),
    missing: [...match.missing],
    missingChildren: new Map([...match.missingChildren].map(([a, ts]) => [moved.get(a)!, ts])),
  };
}

function runRules(list: readonly Rule[], ctx: RuleContext, options: AnalysisOptions): Finding[] {
  const findings: Finding[] = [];
  for (const rule of list) {
    const setting = options.rules?.[rule.code];
    if (setting === 'off') continue;
    for (const f of rule.check(ctx)) {
      // Member by member, not a spread: one shape for every finding, and a tenth of the time for 16,680 of them.
      const finding: Finding = { message: f.message, range: f.range, code: rule.code, severity: setting ?? f.severity ?? rule.defaultSeverity };
      if ('data' in f) finding.data = f.data;
      if ('related' in f) finding.related = f.related;
      findings.push(finding);
    }
  }
  findings.sort(byPosition);
  return applySuppressions(ctx.doc, findings);
}

/** A version's verdict: its analysis when it is a deep dive, and the findings to show. */
export interface Verdict {
  analysis: Analysis | null;
  /** The template the document is checked against and why; null when it is not checked. */
  selection: TemplateSelection | null;
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
  if (options.enabled === false) return { analysis: null, selection: null, findings: [] };
  // A template is not a document: what it shows is what makes it unusable or ambiguous.
  if (options.templateFile) return { analysis: null, selection: null, findings: templateFindings(doc.text) };
  const { selection, unknown } = selectTemplate(doc, options);
  const templates = { names: templateSet(options).map((t) => t.name), unknown };
  if (!selection) {
    // A name that is no template is reported where the workspace declares templates (elsewhere
    // `template:` may belong to another tool, as it did before there were several).
    const declared = unknown && (options.templates?.length ?? 0) > 0;
    const findings = declared ? runRules([unknownTemplate], { doc, template: options.template, match: matchDocument(doc, options.template), templates }, options) : [];
    return { analysis: null, selection: null, findings };
  }
  const analysis: Analysis = { ...analyze(doc, selection.template, options, read.memo, templates), selection };
  const findings = [...analysis.findings];
  if (read.tooLarge) findings.unshift(tooLargeNotice(utf8ByteLength(doc.text), options.maxDocumentSize ?? Infinity));
  else if (doc.degraded && read.sayPartial) findings.unshift(PARTIAL_NOTICE);
  return { analysis, selection, findings };
}

const PARTIAL_NOTICE: Finding = {
  code: 'partial-analysis',
  severity: 'information',
  message: 'Part of this document could not be parsed in time; section checks still run there, placeholder checks do not.',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
};
