// Matches the document's headings to the template's sections. Every rule reads
// this one result, so each question (is it there, at the right level, in
// order, once?) is answered in one place.
import type { DocumentModel, Heading, Section } from './document';
import { bestMatch, exactMatch } from './match-index';
import { editDistance, editWork, MAX_NEAR_MISS_KEY, nearMissBudget, type MatchKind } from './match-text';
import { isTitleHeading } from './template';
import { lowerBound } from './lines';
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
  /** Required template sections absent from the document (optional ones are never missing). */
  missing: TemplateSection[];
  /** Required template subsections absent under each present section's primary assignment. */
  missingChildren: Map<Assignment, TemplateSection[]>;
}

/**
 * Distance-table cells one document's near-miss search may fill. Ordinary
 * documents use a small fraction of it; a template of thousands of sections
 * against thousands of unmatched headings stops here, in bounded time, with the
 * headings compared so far matched and the rest left unmatched.
 */
export const NEAR_MISS_CELLS = 20_000_000;

/** The candidate a near-miss heading is closest to (smallest edit distance within its budget). */
function nearest(key: string, candidates: TemplateSection[], work: { stop: number }): TemplateSection | null {
  let best: TemplateSection | null = null;
  let bestDistance = Infinity;
  if (key.length > MAX_NEAR_MISS_KEY) return null;
  for (const t of candidates) {
    const budget = t.key.length > MAX_NEAR_MISS_KEY ? 0 : nearMissBudget(t.key);
    if (budget === 0 || Math.abs(key.length - t.key.length) > budget) continue;
    if (editWork.cells > work.stop) return best;
    const d = editDistance(key, t.key, budget);
    if (d <= budget && d < bestDistance) {
      best = t;
      bestDistance = d;
    }
  }
  return best;
}

export function matchDocument(doc: DocumentModel, template: TemplateModel): TemplateMatch {
  // One pass over the sections for the first `#`, the title line and the `##`s (a document may have 100,000 headings).
  let firstH1: Section | undefined;
  let titleLine: Section | undefined;
  const depth2: Section[] = [];
  for (const s of doc.sections) {
    if (s.heading.depth === 1) firstH1 ??= s;
    else if (s.heading.depth === 2) {
      depth2.push(s);
      titleLine ??= isTitleHeading(s.heading.title, s.heading.key) ? s : undefined;
    }
  }
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
  const work = { stop: editWork.cells + NEAR_MISS_CELLS };
  // The template's sections not matched yet: asked for every heading, changed only by a new primary.
  let unmatched: TemplateSection[] | null = null;
  const unmatchedSections = () => (unmatched ??= template.sections.filter((t) => !m.primary.has(t)));
  const assign = (section: Section, t: TemplateSection, parent: TemplateSection | null, kind: MatchKind, levelOk: boolean) => {
    const a: Assignment = { template: t, templateParent: parent, section, kind, levelOk, duplicate: false };
    if (m.primary.has(t)) a.duplicate = true;
    else {
      m.primary.set(t, a);
      unmatched = null;
    }
    m.assignments.push(a);
    m.bySection.set(section, a);
    return a;
  };
  const free = (s: Section) => !m.bySection.has(s) && !skip.has(s);

  // Sections written as `##`: by name, then near misses among what is left (nothing is assigned yet: all but the title line).
  const h2s = titleLine ? depth2.filter((s) => s !== titleLine) : depth2;
  for (const s of h2s) {
    const b = bestMatch(s.heading.key, template.sections);
    if (b) assign(s, b.t, null, b.kind, true);
  }
  for (const s of h2s) {
    if (!free(s)) continue;
    const t = nearest(s.heading.key, unmatchedSections(), work);
    if (t) assign(s, t, null, 'near', true);
  }

  // Subsections under each present section. `childrenOf` records which
  // template subsections each present section already has (a set, not a scan
  // of all assignments: documents may have thousands of headings).
  const childrenOf = new Map<Assignment, Set<TemplateSection>>();
  const hasChild = (a: Assignment, t: TemplateSection) => childrenOf.get(a)?.has(t) ?? false;
  const assignChild = (a: Assignment, s: Section, t: TemplateSection, kind: MatchKind, levelOk: boolean) => {
    assign(s, t, a.template, kind, levelOk);
    let set = childrenOf.get(a);
    if (!set) childrenOf.set(a, (set = new Set()));
    set.add(t);
  };
  const matchChildren = (a: Assignment) => {
    const kids = a.section.children.filter((c) => c.heading.depth === a.section.heading.depth + 1 && free(c));
    for (const c of kids) {
      const b = bestMatch(c.heading.key, a.template.children);
      if (b) assignChild(a, c, b.t, b.kind, a.levelOk);
    }
    for (const c of kids) {
      if (!free(c)) continue;
      const t = nearest(c.heading.key, a.template.children.filter((t) => !hasChild(a, t)), work);
      if (t) assignChild(a, c, t, 'near', a.levelOk);
    }
  };
  const primaries = () => m.assignments.filter((a) => a.templateParent === null && !a.duplicate);
  for (const a of primaries()) matchChildren(a);

  // Template sections written at another level (`#`, `###`, `####`).
  const notPresent = (t: TemplateSection) => !m.primary.has(t);
  for (const s of doc.sections) {
    if (s.heading.depth === 2 || !free(s)) continue;
    const t = exactMatch(s.heading.key, template.sections, notPresent);
    if (t) {
      const a = assign(s, t, null, 'exact', false);
      matchChildren(a);
    }
  }

  // Subsections written too deep inside their section, or as a `##` right after it.
  // Sections are in document order, so each section's span is one contiguous run.
  const tops = primaries().sort((x, y) => x.section.start - y.section.start);
  const sectionStarts = tops.length > 0 ? doc.sections.map((s) => s.start) : [];
  tops.forEach((a, i) => {
    const nextStart = tops[i + 1]?.section.start ?? Infinity;
    const stop = Math.max(a.section.end, nextStart);
    for (let k = lowerBound(sectionStarts, a.section.start + 1); k < doc.sections.length && doc.sections[k].start < stop; k++) {
      const s = doc.sections[k];
      if (!free(s)) continue;
      const tooDeep = s.end <= a.section.end && s.heading.depth > a.section.heading.depth + 1;
      const tooHigh = s.heading.depth === a.section.heading.depth && s.start < nextStart;
      if (!tooDeep && !tooHigh) continue;
      const t = exactMatch(s.heading.key, a.template.children, (t) => !hasChild(a, t));
      if (t) assignChild(a, s, t, 'exact', false);
    }
  });

  markOrder(primaries());
  for (const a of primaries()) {
    markOrder(a.template.children.map((t) => m.primary.get(t)).filter((x): x is Assignment => !!x));
    const absent = a.template.children.filter((t) => !t.optional && !m.primary.has(t));
    if (absent.length > 0) m.missingChildren.set(a, absent);
  }
  // An `(optional)` section is never missing: it is offered (completion, scaffolds), not asked for.
  m.missing = template.sections.filter((t) => !t.optional && !m.primary.has(t));
  return m;
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
    // `ordered` rises in template index: the neighbours are either side of a's index.
    const i = ordered.findIndex((o) => o.template.index > a.template.index);
    const after = (i < 0 ? ordered[ordered.length - 1] : ordered[i - 1]) ?? null;
    const before = i < 0 ? null : ordered[i];
    a.order = { after, before };
  }
}
