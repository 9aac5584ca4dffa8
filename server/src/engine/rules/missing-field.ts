import { quote, type Rule } from './rule';
import type { RuleFinding } from './rule';

export const missingField: Rule = {
  code: 'missing-field',
  description: 'A field from the top of the template (e.g. **One-line summary**:) is absent or empty.',
  defaultSeverity: 'warning',
  check({ doc, template, match }) {
    const out: RuleFinding[] = [];
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
};

export { quote };
