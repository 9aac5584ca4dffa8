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
import type { Position, Range } from '../types';
import { sectionRangeEnd } from './util';

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
      enter(e) {
        const s = docSymbol(e);
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
 * One symbol of the outline as walkOutline gives it, its ranges as numbers. The
 * walk reuses one entry for every symbol: read it in `enter`, never keep it.
 */
export interface OutlineEntry {
  name: string;
  detail: string;
  kind: SymbolKindName;
  /** Where the heading starts: the start of both `range` and `selectionRange`. */
  line: number;
  character: number;
  /** The end of `range`: the section's content, subsections included, without its trailing blank lines. */
  endLine: number;
  endCharacter: number;
  /** The end of `selectionRange`: the heading's line(s). */
  headingEndLine: number;
  headingEndCharacter: number;
}

/** An entry's ranges as objects of their own. */
export function entryRanges(e: OutlineEntry): { range: Range; selectionRange: Range } {
  const start = { line: e.line, character: e.character };
  return {
    range: { start, end: { line: e.endLine, character: e.endCharacter } },
    selectionRange: { start, end: { line: e.headingEndLine, character: e.headingEndCharacter } },
  };
}

/** An entry as the engine's symbol, its children empty. */
function docSymbol(e: OutlineEntry): DocSymbol {
  return { name: e.name, detail: e.detail, kind: e.kind, ...entryRanges(e), children: [] };
}

/**
 * Receives the outline in document order without it being held: each symbol,
 * then its children's, then `leave`. An answer of 100,000 headings is written
 * from this without a tree or an object of each (lsp/convert.ts).
 */
export interface OutlineVisitor {
  enter(entry: OutlineEntry, hasChildren: boolean): void;
  leave(): void;
}

/**
 * Walks the outline documentSymbols holds, symbol by symbol: the sections in
 * document order (the order of the tree's walk), each left once the next one is
 * not inside it. One loop, not a recursion: a server that has just started runs
 * it before it is optimised, and a loop is optimised while it runs.
 */
export function walkOutline(analysis: Analysis, visitor: OutlineVisitor): void {
  const { doc, match } = analysis;
  const { sections } = doc;
  const entry: OutlineEntry = { name: '', detail: '', kind: 'heading', line: 0, character: 0, endLine: 0, endCharacter: 0, headingEndLine: 0, headingEndCharacter: 0 };
  const end: Position = { line: 0, character: 0 };
  // The title's sections are listed as its siblings, the title spanning only what comes before them (the fields).
  const title = doc.roots.find((s) => s.heading === match.title && s.children.length > 0);
  /** The sections entered and not yet left, innermost last (the lifted title is never among them). */
  const open: Section[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    const parent = s.parent === title ? null : s.parent;
    while (open.length > 0 && open[open.length - 1] !== parent) {
      open.pop();
      visitor.leave();
    }
    if (s === title) {
      entryOf(analysis, s, s.children[0].start, entry, end);
      visitor.enter(entry, false);
      visitor.leave();
      continue;
    }
    entryOf(analysis, s, s.end, entry, end);
    visitor.enter(entry, s.children.length > 0);
    open.push(s);
  }
  for (let i = 0; i < open.length; i++) visitor.leave();
}

/** Fills `entry` with the symbol of section `s`, its range running to `spanEnd` (the section's end, or where the title's sections start). */
function entryOf(analysis: Analysis, s: Section, spanEnd: number, entry: OutlineEntry, end: Position): void {
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
  // Clients reject empty symbol names.
  entry.name = h.title || '#'.repeat(h.depth);
  entry.detail = detail;
  entry.kind = kind;
  // A section starts where its heading does: one position for both ranges.
  entry.line = h.line;
  entry.character = h.character;
  sectionRangeEnd(analysis.doc, s.start, spanEnd, h.line, end);
  entry.endLine = end.line;
  entry.endCharacter = end.character;
  entry.headingEndLine = h.endLine;
  entry.headingEndCharacter = h.endCharacter;
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
