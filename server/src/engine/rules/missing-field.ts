import { insertFields } from '../edits';
import type { FindingOf, Rule, RuleContext, RuleFinding } from './rule';

export type MissingFieldData = {
  field: string;
  /** The template's line for the field; absent when the field is there but empty (nothing to insert). */
  line?: string;
};

export const missingField: Rule<MissingFieldData> = {
  code: 'missing-field',
  description: 'A field from the top of the template (e.g. **One-line summary**:) is absent or empty.',
  defaultSeverity: 'warning',
  check({ doc, template, match }) {
    const out: RuleFinding<MissingFieldData>[] = [];
    const anchor = match.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lines.lineText(0).length } };
    for (const f of template.fields) {
      const found = doc.fields.find((d) => d.key === f.key);
      if (!found) {
        out.push({
          message: `Missing field **${f.label}**: add it below the title.`,
          range: anchor,
          data: { field: f.label, line: f.line },
        });
      } else if (found.value === '') {
        out.push({
          message: `Field **${f.label}** is empty.`,
          range: found.range,
          data: { field: f.label },
        });
      }
    }
    return out;
  },
  fix: {
    quickFix(ctx, finding) {
      const fields = absentFields(ctx, [finding]);
      return fields.length > 0 ? { title: `Insert field **${fields[0].label}**`, edits: insertFields(ctx, fields) } : null;
    },
    safe: true,
    all: { title: 'Insert all missing fields', offered: false, edits: (ctx, findings) => insertFields(ctx, absentFields(ctx, findings)) },
  },
};

/** The template fields these findings say are absent (an empty field has nothing to insert), in template order. */
function absentFields({ template }: RuleContext, findings: FindingOf<MissingFieldData>[]) {
  return template.fields.filter((t) => findings.some((f) => f.data?.field === t.label && typeof f.data?.line === 'string'));
}
