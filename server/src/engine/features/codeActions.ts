// Quick fixes for findings, "Insert all missing sections" and fix-all, generic
// over the rules: each rule declares its fixes (rules/rule.ts), and this file
// only gathers them. Every edit touches only what it fixes: the rest of the
// document stays byte for byte.
import type { Analysis } from '../analyze';
import { disjoint, insertSections, toTextEdits, type OffsetEdit } from '../edits';
import { findRule, rules } from '../rules';
import type { Finding, Range, TextEdit } from '../types';

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  isPreferred?: boolean;
  edits: TextEdit[];
  /** The findings the action fixes (for the diagnostics the client shows). */
  findings: Finding[];
}

/** Quick fixes for one finding (none for rules without a mechanical fix). */
export function quickFixes(analysis: Analysis, finding: Finding): CodeAction[] {
  const fix = findRule(finding.code)?.fix?.quickFix(analysis, finding);
  return fix && fix.edits.length > 0 ? [{ title: fix.title, kind: 'quickfix', isPreferred: true, edits: toTextEdits(analysis.doc, fix.edits), findings: [finding] }] : [];
}

/**
 * The quick fixes for the findings touching `range`, and each rule's fix-them-all
 * action when one of its several findings is among them.
 */
export function codeActions(analysis: Analysis, range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  const touching = analysis.findings.filter((f) => overlaps(f.range, range));
  for (const f of touching) out.push(...quickFixes(analysis, f));
  for (const rule of rules) {
    const all = rule.fix?.all;
    if (!all?.offered) continue;
    const mine = analysis.findings.filter((f) => f.code === rule.code);
    if (mine.length > 1 && touching.some((f) => f.code === rule.code)) {
      out.push({ title: all.title, kind: 'quickfix', isPreferred: false, edits: toTextEdits(analysis.doc, all.edits(analysis, mine)), findings: mine });
    }
  }
  return out;
}

/** One edit set fixing all of one rule's findings (its `all` fix, else each quick fix). */
export function fixAllOf(analysis: Analysis, code: string): TextEdit[] {
  return toTextEdits(analysis.doc, disjoint(ruleEdits(analysis, code)));
}

/** One edit set inserting every missing `##` section (or those of them titled in `only`) where it belongs. */
export function insertMissingSections(analysis: Analysis, only?: readonly string[]): TextEdit[] {
  if (!only) return fixAllOf(analysis, 'missing-section');
  return toTextEdits(analysis.doc, insertSections(analysis, analysis.match.missing.filter((t) => only.includes(t.title))));
}

/** The safe fixes of every rule (see RuleFixes.safe) as one edit set with no overlapping edits. */
export function fixAll(analysis: Analysis): TextEdit[] {
  // In registry order: fields before sections, as both may be inserted right after a title that ends the document.
  const edits = rules.filter((r) => r.fix?.safe).flatMap((r) => ruleEdits(analysis, r.code));
  return toTextEdits(analysis.doc, disjoint(edits));
}

function ruleEdits(analysis: Analysis, code: string): OffsetEdit[] {
  const fix = findRule(code)?.fix;
  if (!fix) return [];
  const mine = analysis.findings.filter((f) => f.code === code);
  return fix.all ? fix.all.edits(analysis, mine) : mine.flatMap((f) => fix.quickFix(analysis, f)?.edits ?? []);
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

