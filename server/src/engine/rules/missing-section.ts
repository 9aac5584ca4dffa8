import { insertSections } from '../edits';
import { placeSection } from '../placement';
import type { Position } from '../types';
import { quote, type Rule } from './rule';

export type MissingSectionData = {
  /** The template section's title. */
  section: string;
  /** Where its scaffold would be inserted. */
  insertAt: Position;
};

export const missingSection: Rule<MissingSectionData> = {
  code: 'missing-section',
  description: 'A `##` section of the template is absent from the document.',
  defaultSeverity: 'warning',
  check({ doc, match }) {
    return match.missing.map((t) => {
      const p = placeSection(doc, match, t);
      const where = p.after ? `after ${quote(p.after.template.title)}` : p.before ? `before ${quote(p.before.template.title)}` : 'in the document';
      // The finding sits where the section belongs: the heading it should precede, or the last line.
      const heading = doc.headings.find((h) => h.start === p.offset);
      const line = heading ? heading.range.start.line : lastNonBlankLine(doc.lines);
      const range = heading
        ? heading.range
        : { start: { line, character: 0 }, end: { line, character: doc.lines.lineText(line).length } };
      return {
        message: `Missing section ${quote(t.title)}: it belongs ${where}.`,
        range,
        data: { section: t.title, insertAt: doc.lines.positionAt(p.offset) },
        related: p.after
          ? [{ range: p.after.section.heading.range, message: `${quote(t.title)} belongs after this section` }]
          : undefined,
      };
    });
  },
  fix: {
    quickFix(ctx, finding) {
      const t = ctx.template.sections.find((s) => s.title === finding.data?.section);
      return t ? { title: `Insert section ${quote(t.title)}`, edits: insertSections(ctx, [t]) } : null;
    },
    safe: true,
    // Every section the match lacks, whether or not the rule reports it (it may be off or suppressed).
    all: { title: 'Insert all missing sections', offered: true, edits: (ctx) => insertSections(ctx, ctx.match.missing) },
  },
};

/** The last line with more than whitespace on it (0 when there is none past the first). */
function lastNonBlankLine(lines: { lineCount: number; lineText(l: number): string }): number {
  for (let l = lines.lineCount - 1; l > 0; l--) if (lines.lineText(l).trim() !== '') return l;
  return 0;
}
