// Completion while writing a deep dive. At a heading line start (`#`, `##`,
// `###`, with or without text after it): the template headings the document
// still lacks, `###` ones only for the enclosing template section, each
// inserting its whole scaffold as a snippet. On an empty or list-marker line
// inside a section: that section's recurring structures (structures.ts).
// Above the first section: the template's missing bold fields.
import type { Analysis } from '../analyze';
import type { Assignment } from '../match';
import { headingKey } from '../match-text';
import { isTitleHeading } from '../template';
import type { Position, Range, TemplateSection } from '../types';
import { guidanceMarkdown, sectionLabel } from './guidance';
import { renderBody, sectionScaffold } from '../scaffold';
import { labelsIn, nextItemNumber, structureText, templateStructures } from './structures';
import { offsetOf, orderKey } from './util';

export type SuggestionKind = 'section' | 'subsection' | 'structure' | 'field';

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
  /** The text the item replaces: from the line's marker (`##`, `-`, `**`) to the cursor. */
  range: Range;
  filterText: string;
  /** Template order. */
  sortText: string;
}

/** Blocks whose lines are not markdown: code, HTML, front matter (where `#` starts a comment). */
const OPAQUE = new Set(['code', 'html', 'yaml', 'toml']);
const HEADING_PREFIX = /^( {0,3})(#{1,6})(?:[ \t]+.*)?$/;
const STRUCTURE_PREFIX = /^([ \t]*)((?:[-*+]|\d{1,9}[.)])?[ \t]*(?:\*{1,2}[^*\s]*)?|`{1,3}[\w-]*)$/;
const FIELD_PREFIX = /^([ \t]*)(\*{1,2}[^*]*)?$/;

export function completions(analysis: Analysis, position: Position): Suggestion[] {
  const { doc } = analysis;
  const offset = offsetOf(doc, position);
  if (offset === null) return [];
  const line = position.line;
  const lineStart = doc.lines.starts[line];
  const prefix = doc.text.slice(lineStart, offset);
  // `#` in a code block is a comment, `- ` in HTML is HTML: nothing to offer past
  // a block's first line (on it, "```mer" may be the start of a structure).
  if (doc.blocks.some((b) => OPAQUE.has(b.type) && b.start < offset && offset <= b.end && doc.text.slice(b.start, offset).includes('\n'))) return [];
  const ctx: Context = { analysis, line, offset, eol: doc.lines.eol(), cursor: doc.lines.positionAt(offset) };

  const h = HEADING_PREFIX.exec(prefix);
  if (h) return analysis.match.title?.range.start.line === line ? [] : headingSuggestions(ctx, h[1].length, h[2].length);
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

/** Assignments other than the heading being typed on the cursor's line (which may already match by prefix). */
function others(ctx: Context): Assignment[] {
  return ctx.analysis.match.assignments.filter((a) => a.section.heading.range.start.line !== ctx.line);
}

function headingSuggestions(ctx: Context, indent: number, hashes: number): Suggestion[] {
  const { template } = ctx.analysis;
  const range = replaceFrom(ctx, indent);
  const out: Suggestion[] = [];
  const item = (t: TemplateSection, parent: TemplateSection | null, group: string): Suggestion => ({
    label: t.title,
    kind: parent ? 'subsection' : 'section',
    detail: `Template ${sectionLabel(template, t, parent)}`,
    documentation: guidanceMarkdown(t),
    insertText: sectionScaffold(t, { snippet: true, eol: ctx.eol, guidanceStops: true }),
    plainText: sectionScaffold(t, { eol: ctx.eol }),
    range,
    filterText: `${'#'.repeat(t.depth)} ${t.title}`,
    sortText: group + orderKey(t.index),
  });
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
  const around = doc.sections.filter((s) => s.start < ctx.offset && (ctx.offset < s.end || s.end === doc.text.length));
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
      out.push({
        label,
        kind: 'structure',
        detail,
        documentation: text,
        insertText: renderBody(text, { snippet: true, eol: ctx.eol }),
        plainText: renderBody(text, { eol: ctx.eol }),
        range,
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
    filterText: `**${f.label}**:`,
    sortText: 'd' + orderKey(i),
  }));
}

