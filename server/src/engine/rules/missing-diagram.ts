// A section for which the template recommends a diagram (its guidance holds a
// fenced diagram, such as the Mental Model's mermaid flowchart) with neither
// a fenced block of that language nor an image. Which sections, and which
// language, come from the template's own fenced blocks.
import { blockAt, blockCount, firstBlockFrom, type DocumentModel } from '../document';
import { sectionEnd } from '../placement';
import { templateStructures } from '../features/structures';
import { quote, type Rule } from './rule';

const IMAGE = /!\[[^\]\r\n]*\]\s*[([]|<img\b/i;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** Whether a block starting in [start, end) is a fenced block of `lang`, or holds an image. */
function hasDiagram(doc: DocumentModel, start: number, end: number, lang: string): boolean {
  for (let i = firstBlockFrom(doc, start); i < blockCount(doc); i++) {
    const b = blockAt(doc, i)!;
    if (b.start >= end) break;
    if (b.type === 'code' ? (b.lang ?? '').toLowerCase() === lang : IMAGE.test(doc.source.slice(b.start, b.end).replace(CODE_SPAN, ''))) return true;
  }
  return false;
}

export const missingDiagram: Rule = {
  code: 'missing-diagram',
  description: 'A section for which the template recommends a diagram has no diagram block or image.',
  defaultSeverity: 'hint',
  check({ doc, template, match, memo }) {
    const out = [];
    const seen = new Set<string>();
    for (const s of templateStructures(template)) {
      if (s.kind !== 'fence') continue;
      const lang = /^\s*(?:```|~~~)\s*([^\s`]+)/.exec(s.items[0])?.[1]?.toLowerCase() ?? '';
      const t = s.parent ?? s.section;
      if (seen.has(t.key)) continue;
      seen.add(t.key);
      const a = match.primary.get(t);
      if (!a || !a.section.hasContent) continue;
      const end = sectionEnd(doc, match, a);
      // A section the edit left alone has the diagram it had.
      let found = memo?.diagrams.get(a.section.start, end, (x) => x.lang === lang)?.found;
      if (found === undefined) {
        found = hasDiagram(doc, a.section.start, end, lang);
        memo?.diagrams.set(a.section.start, end, { lang, found });
      }
      if (found) continue;
      out.push({
        message: `Section ${quote(a.section.heading.title)} has no diagram: the template recommends a ${lang} diagram here.`,
        range: a.section.heading.range,
        data: { section: a.section.heading.title, language: lang },
      });
    }
    return out;
  },
};
