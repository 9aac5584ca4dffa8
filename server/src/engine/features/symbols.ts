// The outline: one symbol per heading, nested as the document nests them
// (H2 > H3 > H4...), with the template's view of each in `detail`
// ("3/4 subsections", "out of order"), and a flat list for workspace search.
// The title is the first entry, not the parent of everything: a deep dive
// reads as its title and its sections, and outlines that nest by container
// (eglot's imenu, breadcrumbs) then reach a section in one step.
import type { Analysis } from '../analyze';
import type { Section } from '../document';
import type { Assignment } from '../match';
import { isTitleHeading } from '../template';
import { completeness } from './completeness';
import { writtenLabel } from './documentLevel';
import type { Range } from '../types';
import { sectionRange } from './util';

/** What a symbol is in the document; clients show it as a symbol kind (lsp/convert.ts). */
export type SymbolKindName = 'title' | 'section' | 'subsection' | 'heading';

export interface DocSymbol {
  name: string;
  detail: string;
  kind: SymbolKindName;
  /** Heading through the end of the section's content (subsections included, trailing blank lines not). */
  range: Range;
  /** The heading line(s), marker included (as VS Code's own markdown outline has it). */
  selectionRange: Range;
  children: DocSymbol[];
}

/** At most this many missing subsection names are spelled out in a detail. */
const NAMED_MISSING = 2;

/** An analysis never changes: its outline is built once (workspace symbol search). */
const outlines = new WeakMap<Analysis, DocSymbol[]>();

/** The outline of an analysis. Shared between callers: do not mutate it. */
export function documentSymbols(analysis: Analysis): DocSymbol[] {
  let out = outlines.get(analysis);
  if (!out) {
    out = [];
    const open: DocSymbol[][] = [out];
    walkOutline(analysis, {
      enter(s) {
        open[open.length - 1].push(s);
        open.push(s.children);
      },
      leave: () => void open.pop(),
    });
    outlines.set(analysis, out);
  }
  return out;
}

/**
 * Receives the outline in document order without it being held: each symbol
 * (its `children` empty, for the receiver to fill or ignore), then its
 * children's, then `leave`. An answer of 100,000 headings is written from this
 * without a tree of them (lsp/features.ts).
 */
export interface OutlineVisitor {
  enter(symbol: DocSymbol, hasChildren: boolean): void;
  leave(): void;
}

/** Walks the outline documentSymbols holds, symbol by symbol. */
export function walkOutline(analysis: Analysis, visitor: OutlineVisitor): void {
  const { doc, match } = analysis;
  for (const s of doc.roots) {
    if (s.heading === match.title && s.children.length > 0) {
      // The title's sections as its siblings, the title spanning only what comes before them (the fields).
      visitor.enter(symbolOf(analysis, s, { ...s, end: s.children[0].start }), false);
      visitor.leave();
      for (const c of s.children) walkSection(analysis, c, visitor);
    } else walkSection(analysis, s, visitor);
  }
}

function walkSection(analysis: Analysis, s: Section, visitor: OutlineVisitor): void {
  visitor.enter(symbolOf(analysis, s, s), s.children.length > 0);
  for (const c of s.children) walkSection(analysis, c, visitor);
  visitor.leave();
}

/** The symbol of section `s`, its range that of `span` (the section, or the title's part before its sections). */
function symbolOf(analysis: Analysis, s: Section, span: Section): DocSymbol {
  const { match } = analysis;
  const h = s.heading;
  const a = match.bySection.get(s);
  let kind: SymbolKindName;
  let detail = '';
  if (h === match.title) {
    kind = 'title';
    detail = sectionCount(analysis);
  } else if (a) {
    kind = a.templateParent ? 'subsection' : 'section';
    detail = assignmentDetail(analysis, a);
  } else if (h.depth === 2 && isTitleHeading(h.title, h.key)) {
    kind = 'title';
  } else {
    kind = h.depth === 2 ? 'section' : h.depth === 3 ? 'subsection' : 'heading';
  }
  const selectionRange = h.range;
  return {
    // Clients reject empty symbol names.
    name: h.title || '#'.repeat(h.depth),
    detail,
    kind,
    // A section starts where its heading does: one position for both.
    range: sectionRange(analysis.doc, span, selectionRange.start),
    selectionRange,
    children: [],
  };
}

function sectionCount(analysis: Analysis): string {
  return writtenLabel(completeness(analysis));
}

export function assignmentDetail({ match }: Analysis, a: Assignment): string {
  const parts: string[] = [];
  const kids = a.template.children;
  if (a.duplicate) parts.push('duplicate');
  else if (kids.length > 0) {
    const absent = match.missingChildren.get(a) ?? [];
    parts.push(`${kids.length - absent.length}/${kids.length} subsections`);
    if (absent.length > 0 && absent.length <= NAMED_MISSING) parts.push(`missing ${absent.map((t) => t.title).join(', ')}`);
  }
  if (a.order) parts.push('out of order');
  if (!a.levelOk) parts.push(`should be ${'#'.repeat(a.template.depth)}`);
  if (a.kind === 'near') parts.push(`template: ${a.template.title}`);
  if (!a.section.hasContent) parts.push('empty');
  return parts.join(' · ');
}

export interface FlatSymbol {
  name: string;
  kind: SymbolKindName;
  detail: string;
  uri: string;
  range: Range;
  selectionRange: Range;
  /** The enclosing heading's name, if any. */
  containerName?: string;
}

/**
 * The symbols of one document as a flat list, each naming its parent. Top-level
 * symbols after the title name the title: it is their parent in the document,
 * though the outline lists them beside it.
 */
export function flattenSymbols(uri: string, symbols: DocSymbol[], containerName?: string, out: FlatSymbol[] = []): FlatSymbol[] {
  let title: string | undefined;
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, detail: s.detail, uri, range: s.range, selectionRange: s.selectionRange, containerName: containerName ?? title });
    if (containerName === undefined && s.kind === 'title') title = s.name;
    flattenSymbols(uri, s.children, s.name, out);
  }
  return out;
}

/**
 * Workspace symbol search over many documents' symbols: a case-insensitive
 * fuzzy (in-order letters) match of the query, best matches first (name
 * starts with the query, then contains it, then the letters in order).
 */
export function workspaceSymbols(docs: Iterable<{ uri: string; symbols: DocSymbol[] }>, query: string, limit = 500): FlatSymbol[] {
  const q = (query ?? '').toLowerCase().replace(/\s+/g, '');
  const scored: { s: FlatSymbol; score: number; i: number }[] = [];
  let i = 0;
  for (const d of docs) {
    for (const s of flattenSymbols(d.uri, d.symbols)) {
      const score = matchScore(s.name.toLowerCase(), q);
      if (score >= 0) scored.push({ s, score, i: i++ });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.i - b.i);
  return scored.slice(0, Math.max(0, limit)).map((x) => x.s);
}

/** 0 prefix, 1 substring, 2 letters in order, -1 no match (spaces in the name are ignored). */
function matchScore(name: string, q: string): number {
  if (q === '') return 0;
  const compact = name.replace(/\s+/g, '');
  if (compact.startsWith(q)) return 0;
  if (compact.includes(q)) return 1;
  let j = 0;
  for (let k = 0; k < compact.length && j < q.length; k++) if (compact[k] === q[j]) j++;
  return j === q.length ? 2 : -1;
}
