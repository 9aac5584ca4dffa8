// Completion while writing a deep dive. At a heading line start (`#`, `##`,
// `###`, with or without text after it): the template headings the document
// still lacks, `###` ones only for the enclosing template section, each
// inserting its whole scaffold as a snippet, set off from its neighbours as
// the quick fix sets it off (blank lines, the document's `---`). On an empty
// or list-marker line inside a section: that section's recurring structures
// (structures.ts). Above the first section: the template's missing bold fields.
//
// Every item also comes split for clients that insert one line only (Vim's
// `complete()` turns line breaks into NULs and inserts its word after the typed
// keyword, whatever the edit's range says): the cursor's line gets the first
// line, and the rest is an edit at the next line's start. When the heading
// marker typed is the item's own, the item's range starts after it, so such a
// client, inserting after the typed `## `, writes the title once.
import type { Analysis } from '../analyze';
import type { Assignment } from '../match';
import { headingKey } from '../match-text';
import { isTitleHeading } from '../template';
import type { Position, Range, TemplateSection, TextEdit } from '../types';
import { guidanceMarkdown, sectionLabel } from './guidance';
import { usesSeparators } from '../placement';
import { renderBody, sectionScaffold } from '../scaffold';
import { labelsIn, nextItemNumber, structureText, templateStructures } from './structures';
import { cachedSnippets } from './snippets';
import { offsetOf, orderKey } from './util';

export type SuggestionKind = 'section' | 'subsection' | 'structure' | 'field' | 'snippet' | 'template';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  detail: string;
  /** Markdown: the template's guidance for what the item inserts. */
  documentation: string;
  /** Snippet syntax (`${1:placeholder}` tab stops). */
  insertText: string;
  /** The same text without snippet syntax, for clients without snippet support: `[placeholders]` stay visible (and flagged). */
  plainText: string;
  /**
   * The text the item replaces: from the line's marker (`##`, `-`, `**`) to the cursor;
   * for a heading whose marker is already typed as the item's, from after the marker.
   */
  range: Range;
  /** For clients that offer insert or replace: from the same start through the end of the line. */
  replaceRange: Range;
  /** Edits every client applies with the item: a blank line or `---` before a new section. */
  additionalEdits: TextEdit[];
  /**
   * `plainText` for clients that insert one line only: `firstLine` replaces `range` and
   * `rest` inserts the other lines at the next line's start. Absent when `plainText` is
   * one line, or when the cursor's line is the document's last (no next line to insert at).
   */
  lines?: { firstLine: string; rest: TextEdit };
  /** What the client matches the typed text against, when it is not the label. */
  filterText?: string;
  /** Template order. */
  sortText: string;
}

/** Blocks whose lines are not markdown: code, HTML, front matter (where `#` starts a comment). */
const OPAQUE = new Set(['code', 'html', 'yaml', 'toml']);
const HEADING_PREFIX = /^( {0,3})(#{1,6})(?:[ \t]+.*)?$/;
const STRUCTURE_PREFIX = /^([ \t]*)((?:[-*+]|\d{1,9}[.)])?[ \t]*(?:\*{1,2}[^*\s]*)?|`{1,3}[\w-]*)$/;
const FIELD_PREFIX = /^([ \t]*)(\*{1,2}[^*]*)?$/;
const SNIPPET_WORD = /^([ \t]*)([A-Za-z][\w-]*)$/;

export function completions(analysis: Analysis, position: Position): Suggestion[] {
  const { doc } = analysis;
  const offset = offsetOf(doc, position);
  if (offset === null) return [];
  const line = position.line;
  const lineStart = doc.lines.lineStart(line);
  const prefix = doc.text.slice(lineStart, offset);
  // `#` in a code block is a comment, `- ` in HTML is HTML: nothing to offer past
  // a block's first line (on it, "```mer" may be the start of a structure).
  if (doc.blocks.some((b) => OPAQUE.has(b.type) && b.start < offset && offset <= b.end && doc.text.slice(b.start, offset).includes('\n'))) return [];
  const ctx: Context = { analysis, line, offset, eol: doc.lines.eol(), cursor: doc.lines.positionAt(offset) };

  const h = HEADING_PREFIX.exec(prefix);
  if (h) return analysis.match.title?.range.start.line === line ? [] : headingSuggestions(ctx, h[1].length, h[2].length);
  const w = SNIPPET_WORD.exec(prefix);
  if (w) return snippetSuggestions(ctx, w[1].length, w[2]);
  const firstSection = doc.headings.find((x) => x.depth <= 2 && x !== analysis.match.title && !isTitleHeading(x.title));
  if (!firstSection || offset <= firstSection.start) {
    const f = FIELD_PREFIX.exec(prefix);
    return f ? fieldSuggestions(ctx, f[1].length) : [];
  }
  const s = STRUCTURE_PREFIX.exec(prefix);
  return s ? structureSuggestions(ctx, s[1].length) : [];
}

interface Context {
  analysis: Analysis;
  line: number;
  offset: number;
  eol: string;
  cursor: Position;
}

function replaceFrom(ctx: Context, character: number): Range {
  return { start: { line: ctx.line, character }, end: ctx.cursor };
}

/** The fields every item derives the same way from its text and range. */
function placed(ctx: Context, range: Range, plainText: string, additionalEdits: TextEdit[] = []): Pick<Suggestion, 'replaceRange' | 'additionalEdits' | 'lines'> {
  const { lines } = ctx.analysis.doc;
  const lineEnd = lines.lineEnd(ctx.line) - lines.lineStart(ctx.line);
  const out: Pick<Suggestion, 'replaceRange' | 'additionalEdits' | 'lines'> = {
    replaceRange: { start: range.start, end: { line: ctx.line, character: lineEnd } },
    additionalEdits,
  };
  const br = /\r\n|\r|\n/.exec(plainText);
  if (br && ctx.line + 1 < lines.lineCount) {
    const next = { line: ctx.line + 1, character: 0 };
    out.lines = { firstLine: plainText.slice(0, br.index), rest: { range: { start: next, end: next }, newText: plainText.slice(br.index + br[0].length) + ctx.eol } };
  }
  return out;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;
const isBlank = (s: string) => s.trim() === '';

/**
 * What sets a new heading on the cursor's line off from its neighbours, as the
 * quick fix sets off an inserted scaffold: a blank line on each side, and for a
 * `##` section in a document that separates its sections with `---`, a `---`
 * between it and the section before it and the content after it (unless one is
 * already there).
 */
function headingSurroundings(ctx: Context, section: boolean): { before: TextEdit[]; after: string } {
  const { doc, match } = ctx.analysis;
  const { lines } = doc;
  const textOf = (l: number) => lines.lineText(l);
  let prev = ctx.line - 1;
  while (prev >= 0 && isBlank(textOf(prev))) prev--;
  let next = ctx.line + 1;
  while (next < lines.lineCount && isBlank(textOf(next))) next++;
  const hasNext = next < lines.lineCount;
  const separated = section && usesSeparators(doc);
  const sectionAbove = doc.headings.some((h) => h.range.start.line < ctx.line && h.depth <= 2 && h !== match.title && !isTitleHeading(h.title));
  const sepBefore = separated && sectionAbove && prev >= 0 && !THEMATIC_BREAK.test(textOf(prev));
  const blankBefore = ctx.line > 0 && !isBlank(textOf(ctx.line - 1));
  const lead = (blankBefore ? ctx.eol : '') + (sepBefore ? `---${ctx.eol}${ctx.eol}` : '');
  const start = { line: ctx.line, character: 0 };
  const sepAfter = separated && hasNext && !THEMATIC_BREAK.test(textOf(next));
  const blankAfter = ctx.line + 1 < lines.lineCount && !isBlank(textOf(ctx.line + 1));
  return {
    before: lead ? [{ range: { start, end: start }, newText: lead }] : [],
    after: (sepAfter ? `${ctx.eol}${ctx.eol}---` : '') + (blankAfter ? ctx.eol : ''),
  };
}

/** Assignments other than the heading being typed on the cursor's line (which may already match by prefix). */
function others(ctx: Context): Assignment[] {
  return ctx.analysis.match.assignments.filter((a) => a.section.heading.range.start.line !== ctx.line);
}

function headingSuggestions(ctx: Context, indent: number, hashes: number): Suggestion[] {
  const { template, doc } = ctx.analysis;
  const typed = /^#+[ \t]+/.exec(doc.lines.lineText(ctx.line).slice(indent));
  const out: Suggestion[] = [];
  const surroundings = { section: headingSurroundings(ctx, true), subsection: headingSurroundings(ctx, false) };
  const item = (t: TemplateSection, parent: TemplateSection | null, group: string): Suggestion => {
    // The typed marker stays when it is the item's own (and the cursor is past it).
    const markerKept = !!typed && hashes === t.depth && indent + typed[0].length <= ctx.cursor.character;
    const range = replaceFrom(ctx, markerKept ? indent + typed![0].length : indent);
    const drop = markerKept ? t.depth + 1 : 0;
    const around = parent ? surroundings.subsection : surroundings.section;
    // An edit before the line may not start where the item's own edit starts (clients order those differently).
    const lead = range.start.character === 0 && around.before.length > 0 ? around.before[0].newText : '';
    const before = lead ? [] : around.before;
    const insertText = lead + sectionScaffold(t, { snippet: true, eol: ctx.eol, guidanceStops: true }).slice(drop) + around.after;
    const plainText = lead + sectionScaffold(t, { eol: ctx.eol }).slice(drop) + around.after;
    return {
      label: t.title,
      kind: parent ? 'subsection' : 'section',
      detail: `Template ${sectionLabel(template, t, parent)}`,
      documentation: guidanceMarkdown(t),
      insertText,
      plainText,
      range,
      ...placed(ctx, range, plainText, before),
      ...(markerKept ? {} : { filterText: `${'#'.repeat(t.depth)} ${t.title}` }),
      sortText: group + orderKey(t.index),
    };
  };
  const present = new Set(others(ctx).map((a) => a.template));
  if (hashes <= 2) {
    for (const t of template.sections) if (!present.has(t)) out.push(item(t, null, 'a'));
  }
  if (hashes === 1 || hashes === 3) {
    const a = enclosingSection(ctx);
    if (a) {
      const have = new Set(others(ctx).filter((x) => x.templateParent === a.template).map((x) => x.template));
      for (const t of a.template.children) if (!have.has(t)) out.push(item(t, a.template, 'b'));
    }
  }
  return out;
}

/** The template section the cursor's line lies in, judged by the headings above it. */
function enclosingSection(ctx: Context): Assignment | null {
  const { doc, match } = ctx.analysis;
  for (let i = doc.sections.length - 1; i >= 0; i--) {
    const s = doc.sections[i];
    if (s.heading.range.start.line >= ctx.line) continue;
    const a = match.bySection.get(s);
    if (a && !a.templateParent) return a;
    if (!a && s.heading.depth <= 2) return null;
  }
  return null;
}

function structureSuggestions(ctx: Context, indent: number): Suggestion[] {
  const { doc, match, template } = ctx.analysis;
  const structures = templateStructures(template);
  const range = replaceFrom(ctx, indent);
  const out: Suggestion[] = [];
  const around = doc.sections.filter((s) => s.start < ctx.offset && (ctx.offset < s.end || s.end === doc.source.length));
  for (const s of around) {
    const a = match.bySection.get(s);
    if (!a || s.heading.range.start.line === ctx.line) continue;
    const sectionText = doc.text.slice(s.start, s.end);
    structures.forEach((st, i) => {
      if (st.section !== a.template) return;
      let text: string;
      let label = st.label;
      let detail = `${st.section.title}: ${st.kind === 'fence' ? 'diagram' : 'template structure'}`;
      if (st.kind === 'item') {
        const n = nextItemNumber(st, sectionText);
        text = structureText(st, { number: n });
        detail = `${st.section.title}: item ${n}`;
      } else if (st.kind === 'lines') {
        const have = labelsIn(sectionText);
        const only = st.labels.filter((l) => !have.has(headingKey(l)));
        if (only.length === 0) return;
        text = structureText(st, { only });
        label = `${st.label}: ${only.join(', ')}`;
      } else text = structureText(st);
      const plainText = renderBody(text, { eol: ctx.eol });
      out.push({
        label,
        kind: 'structure',
        detail,
        documentation: text,
        insertText: renderBody(text, { snippet: true, eol: ctx.eol }),
        plainText,
        range,
        ...placed(ctx, range, plainText),
        filterText: text.split('\n')[0],
        sortText: 'c' + orderKey(i),
      });
    });
  }
  return out;
}

function fieldSuggestions(ctx: Context, indent: number): Suggestion[] {
  const { doc, match, template } = ctx.analysis;
  if (match.title && ctx.line <= match.title.range.end.line) return [];
  const range = replaceFrom(ctx, indent);
  const have = new Set(doc.fields.filter((f) => f.range.start.line !== ctx.line).map((f) => f.key));
  return template.fields.filter((f) => !have.has(f.key)).map((f, i) => ({
    label: f.label,
    kind: 'field' as const,
    detail: 'Template field',
    documentation: f.line,
    insertText: renderBody(f.line, { snippet: true, eol: ctx.eol }),
    plainText: renderBody(f.line, { eol: ctx.eol }),
    range,
    ...placed(ctx, range, renderBody(f.line, { eol: ctx.eol })),
    filterText: `**${f.label}**:`,
    sortText: 'd' + orderKey(i),
  }));
}


/** The template's snippets whose prefix begins with the word typed (none for ordinary words). */
function snippetSuggestions(ctx: Context, indent: number, word: string): Suggestion[] {
  const typed = word.toLowerCase();
  const out: Suggestion[] = [];
  Object.entries(cachedSnippets(ctx.analysis.template)).forEach(([name, sn], i) => {
    const prefix = [sn.prefix].flat().find((p) => p.startsWith(typed));
    if (!prefix) return;
    const insertText = sn.body.join(ctx.eol);
    const range = replaceFrom(ctx, indent);
    const plainText = withoutTabStops(insertText);
    out.push({
      label: prefix,
      kind: 'snippet',
      detail: name,
      documentation: sn.description,
      insertText,
      plainText,
      range,
      ...placed(ctx, range, plainText),
      filterText: prefix,
      sortText: 'e' + orderKey(i),
    });
  });
  return out;
}

/** Snippet text as plain text: each tab stop's default text stays, escapes are undone. */
function withoutTabStops(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([\\$}])/g, '$1');
}
