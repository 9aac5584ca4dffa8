// The completeness count (status item, outline, CLI summary) and the section ends it
// and the rules read: both run on every keystroke, so they search instead of scanning
// every heading or finding per section. They must
// say what a plain scan says: compared here on random documents of present, missing,
// duplicated, misplaced and mis-levelled sections with placeholders and the template's
// guidance in them, with the plain versions written out below.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from '../../server/src/engine';
import type { DocumentModel } from '../../server/src/engine/document';
import { parseDocument } from '../../server/src/engine/document';
import { analyze } from '../../server/src/engine/analyze';
import { completeness, type SectionCompleteness } from '../../server/src/engine/features/completeness';
import type { Assignment, TemplateMatch } from '../../server/src/engine/match';
import { sectionEnd } from '../../server/src/engine/placement';
import { placeholderBrackets } from '../../server/src/engine/rules/placeholder';
import { unfilledSections } from '../../server/src/engine/rules/unfilled-guidance';
import type { TemplateSection } from '../../server/src/engine/types';
import { completeDoc, run, template } from '../engine/helpers';

/** sectionEnd as a scan of every heading and assignment. */
function plainSectionEnd(doc: DocumentModel, match: TemplateMatch, a: Assignment): number {
  const depth = a.section.heading.depth;
  const next = doc.headings.find((h) => {
    if (h.start <= a.section.start) return false;
    const x = match.assignments.find((y) => y.section.heading === h);
    if (x && x.templateParent === a.template) return false;
    return h.depth <= Math.min(depth, 2) || (!!x && x.templateParent === null);
  });
  return next ? next.start : doc.text.length;
}

/** Each counted section's state and reasons as a scan of every placeholder and unfilled section finds them. */
function plainStates(analysis: Analysis): { title: string; state: string; reasons: string[]; subsections: { title: string; state: string; reasons: string[] }[] }[] {
  const { doc, match } = analysis;
  const placeholders = placeholderBrackets(doc, template);
  const unfilled = unfilledSections(analysis).map((u) => u.assignment);
  const stateOf = (t: TemplateSection, a: Assignment | undefined, stop: number, parentUnfilled: boolean) => {
    if (!a) return { title: t.title, state: 'missing', reasons: [] as string[] };
    const within = (offset: number) => offset >= a.section.start && offset < stop;
    const reasons: string[] = [];
    if (!a.section.hasContent) reasons.push('empty');
    if (placeholders.some((b) => within(b.start))) reasons.push('placeholder');
    if (parentUnfilled || unfilled.some((u) => within(u.section.start))) reasons.push('guidance');
    return { title: t.title, state: reasons.length ? 'scaffolded' : 'written', reasons };
  };
  return template.sections.filter((t) => !t.optional || match.primary.has(t)).map((t) => {
    const a = match.primary.get(t);
    const end = a ? plainSectionEnd(doc, match, a) : 0;
    const whole = !!a && unfilled.includes(a);
    const subsections = t.children.filter((c) => !c.optional || match.assignments.some((x) => x.template === c)).map((c) => {
      const sub = a && match.assignments.find((x) => x.template === c && !x.duplicate && x.section.start > a.section.start && x.section.start < end);
      return stateOf(c, sub || undefined, sub ? sub.section.end : 0, whole);
    });
    return { ...stateOf(t, a, end, false), subsections };
  });
}

const brief = (s: SectionCompleteness) => ({ title: s.title, state: s.state, reasons: s.reasons });

/** mulberry32 */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A document of the template's sections, each kept, dropped, doubled or moved, at its level or not, filled in various ways. */
function randomDoc(next: () => number): string {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const body = (t: TemplateSection) => pick([`Our own text about ${t.title}.`, t.body, '', '[TODO] later.', `${t.body}\n\nAnd one line of ours.`, 'A [Component A] box.']);
  const out = ['# A Service', ''];
  const sections = [...template.sections];
  if (next() < 0.3) sections.reverse();
  for (const s of sections) {
    if (next() < 0.15) continue;
    const times = next() < 0.1 ? 2 : 1;
    for (let k = 0; k < times; k++) {
      out.push(`${pick(['##', '##', '##', '#', '###'])} ${s.title}`, '', body(s), '');
      for (const c of s.children) {
        if (next() < 0.2) continue;
        out.push(`${pick(['###', '###', '####', '##'])} ${c.title}`, '', body(c), '');
      }
      if (next() < 0.1) out.push(`### Notes of our own`, '', 'More text.', '');
      // Another section's subsection, written here first: there it is then a duplicate.
      if (next() < 0.2) {
        const c = pick(pick(template.sections).children ?? []);
        if (c) out.push(`### ${c.title}`, '', body(c), '');
      }
    }
  }
  return out.join('\n');
}

describe('completeness and section ends, against a plain scan', () => {
  it('counts as the plain scan does on random documents, and every section ends where the scan says', () => {
    const next = random(7);
    let scaffolded = 0;
    for (let i = 0; i < 150; i++) {
      const text = randomDoc(next);
      const a = run(text);
      for (const x of a.match.assignments) assert.equal(sectionEnd(a.doc, a.match, x), plainSectionEnd(a.doc, a.match, x), `${text}\n${x.section.heading.title}`);
      const c = completeness(a);
      const got = c.sections.map((s) => ({ ...brief(s), subsections: s.subsections.map(brief) }));
      assert.deepEqual(got, plainStates(a), text);
      scaffolded += c.scaffolded;
    }
    assert.ok(scaffolded > 100, 'the documents hold placeholders, guidance and empty sections');
  });

  it('says why each present section is not written', () => {
    const text = completeDoc()
      .replace('About Mental Model.', 'A box, [TODO].')
      .replace('About Further Reading.', '');
    const c = completeness(run(text));
    const states = Object.fromEntries(c.sections.map((s) => [s.title, [s.state, ...s.reasons]]));
    assert.deepEqual(states['Mental Model'], ['scaffolded', 'placeholder']);
    assert.deepEqual(states['Further Reading'], ['scaffolded', 'empty']);
    assert.equal(c.written, c.total - 2);
  });

  it('reads a section\'s end from the document it is asked about', () => {
    const text = completeDoc();
    const first = run(text);
    const a = first.match.assignments.find((x) => x.template.title === 'Mental Model')!;
    const end = sectionEnd(first.doc, first.match, a);
    // The same match read against a longer text (no heading after the section): its end is that text's end.
    const longer = parseDocument(`${text}\n\nMore.\n`);
    const lastSection = first.match.assignments.filter((x) => !x.templateParent).at(-1)!;
    assert.equal(sectionEnd(longer, first.match, lastSection), longer.text.length);
    assert.equal(sectionEnd(first.doc, first.match, lastSection), first.doc.text.length);
    assert.equal(sectionEnd(first.doc, first.match, a), end);
    assert.ok(end < first.doc.text.length);
    // Another analysis of the same text has its own match: the same ends.
    const again = analyze(parseDocument(text), template, {});
    const b = again.match.assignments.find((x) => x.template.title === 'Mental Model')!;
    assert.equal(sectionEnd(again.doc, again.match, b), end);
  });
});
