// Matches the document's headings to the template's sections. Every rule reads
// this one result, so each question (is it there, at the right level, in
// order, once?) is answered in one place.
import type { DocumentModel, Heading, Section } from './document';
import { compareKeys, isNearMiss, type MatchKind } from './match-text';
import { isTitleHeading } from './template';
import type { TemplateModel, TemplateSection } from './types';

export interface Assignment {
  template: TemplateSection;
  /** The template section this is a subsection of, or null for `##` sections. */
  templateParent: TemplateSection | null;
  section: Section;
  kind: MatchKind;
  /** Written at the template's level (`##` for sections, `###` for subsections). */
  levelOk: boolean;
  /** A second (or later) occurrence of the same template section. */
  duplicate: boolean;
  /** Set when the section stands out of template order. */
  order?: { after: Assignment | null; before: Assignment | null };
}

export interface TemplateMatch {
  /** The document title: its first H1, or the template's `## Title:` line. */
  title: Heading | null;
  assignments: Assignment[];
  bySection: Map<Section, Assignment>;
  /** Primary (first, non-duplicate) assignment of each present template section. */
  primary: Map<TemplateSection, Assignment>;
  missing: TemplateSection[];
  /** Template subsections absent under each present section's primary assignment. */
  missingChildren: Map<Assignment, TemplateSection[]>;
}

function bestMatch(key: string, candidates: TemplateSection[]): { t: TemplateSection; kind: MatchKind } | null {
  let best: { t: TemplateSection; kind: MatchKind } | null = null;
  for (const t of candidates) {
    const k = compareKeys(key, t.key);
    if (k === 'exact') return { t, kind: k };
    if (k === 'prefix' && (!best || t.key.length > best.t.key.length)) best = { t, kind: k };
  }
  return best;
}

export function matchDocument(doc: DocumentModel, template: TemplateModel): TemplateMatch {
  const firstH1 = doc.sections.find((s) => s.heading.depth === 1);
  const titleLine = doc.sections.find((s) => s.heading.depth === 2 && isTitleHeading(s.heading.title));
  const titleSection = firstH1 ?? titleLine ?? null;
  const m: TemplateMatch = {
    title: titleSection?.heading ?? null,
    assignments: [],
    bySection: new Map(),
    primary: new Map(),
    missing: [],
    missingChildren: new Map(),
  };
  const skip = new Set<Section>([firstH1, titleLine].filter((s): s is Section => !!s));
  const assign = (section: Section, t: TemplateSection, parent: TemplateSection | null, kind: MatchKind, levelOk: boolean) => {
    const a: Assignment = { template: t, templateParent: parent, section, kind, levelOk, duplicate: false };
    if (m.primary.has(t)) a.duplicate = true;
    else m.primary.set(t, a);
    m.assignments.push(a);
    m.bySection.set(section, a);
    return a;
  };
  const free = (s: Section) => !m.bySection.has(s) && !skip.has(s);

  // Sections written as `##`: by name, then near misses among what is left.
  const h2s = doc.sections.filter((s) => s.heading.depth === 2 && free(s));
  for (const s of h2s) {
    const b = bestMatch(s.heading.key, template.sections);
    if (b) assign(s, b.t, null, b.kind, true);
  }
  for (const s of h2s) {
    if (!free(s)) continue;
    const t = template.sections.find((t) => !m.primary.has(t) && isNearMiss(s.heading.key, t.key));
    if (t) assign(s, t, null, 'near', true);
  }

  // Subsections under each present section.
  const matchChildren = (a: Assignment) => {
    const kids = a.section.children.filter((c) => c.heading.depth === a.section.heading.depth + 1 && free(c));
    for (const c of kids) {
      const b = bestMatch(c.heading.key, a.template.children);
      if (b) assign(c, b.t, a.template, b.kind, a.levelOk);
    }
    for (const c of kids) {
      if (!free(c)) continue;
      const t = a.template.children.find((t) => !hasChild(a, t) && isNearMiss(c.heading.key, t.key));
      if (t) assign(c, t, a.template, 'near', a.levelOk);
    }
  };
  const hasChild = (a: Assignment, t: TemplateSection) =>
    m.assignments.some((x) => x.template === t && x.templateParent === a.template && within(x.section, a.section));
  const primaries = () => m.assignments.filter((a) => a.templateParent === null && !a.duplicate);
  for (const a of primaries()) matchChildren(a);

  // Template sections written at another level (`#`, `###`, `####`).
  for (const s of doc.sections) {
    if (!free(s) || s.heading.depth === 2) continue;
    const b = bestMatch(s.heading.key, template.sections.filter((t) => !m.primary.has(t)));
    if (b && b.kind === 'exact') {
      const a = assign(s, b.t, null, b.kind, false);
      matchChildren(a);
    }
  }

  // Subsections written too deep inside their section, or as a `##` right after it.
  const tops = primaries().sort((x, y) => x.section.start - y.section.start);
  tops.forEach((a, i) => {
    const nextStart = tops[i + 1]?.section.start ?? Infinity;
    for (const s of doc.sections) {
      if (!free(s)) continue;
      const tooDeep = s.start > a.section.start && s.end <= a.section.end && s.heading.depth > a.section.heading.depth + 1;
      const tooHigh = s.heading.depth === a.section.heading.depth && s.start > a.section.start && s.start < nextStart;
      if (!tooDeep && !tooHigh) continue;
      const b = bestMatch(s.heading.key, a.template.children.filter((t) => !hasChild(a, t)));
      if (b && b.kind === 'exact') assign(s, b.t, a.template, b.kind, false);
    }
  });

  markOrder(primaries());
  for (const a of primaries()) {
    markOrder(m.assignments.filter((x) => x.templateParent === a.template && !x.duplicate));
    const absent = a.template.children.filter((t) => !m.assignments.some((x) => x.template === t && x.templateParent === a.template));
    if (absent.length > 0) m.missingChildren.set(a, absent);
  }
  m.missing = template.sections.filter((t) => !m.primary.has(t));
  return m;
}

function within(inner: Section, outer: Section): boolean {
  for (let p: Section | null = inner; p; p = p.parent) if (p === outer) return true;
  return inner.start >= outer.start && inner.start < outer.end;
}

/** Marks the assignments outside the longest run that follows template order. */
function markOrder(list: Assignment[]): void {
  const items = [...list].sort((a, b) => a.section.start - b.section.start);
  const n = items.length;
  if (n < 2) return;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (items[j].template.index < items[i].template.index && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (len[i] >= len[best]) best = i;
  const keep = new Set<Assignment>();
  for (let i = best; i >= 0; i = prev[i]) keep.add(items[i]);
  const ordered = items.filter((a) => keep.has(a));
  for (const a of items) {
    if (keep.has(a)) continue;
    const after = [...ordered].reverse().find((o) => o.template.index < a.template.index) ?? null;
    const before = ordered.find((o) => o.template.index > a.template.index) ?? null;
    a.order = { after, before };
  }
}
