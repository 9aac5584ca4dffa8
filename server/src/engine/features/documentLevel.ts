// Whole-document helpers: a new deep dive from the template, and the
// section count behind the status item ("Deep dive: 7/11 written").
import type { Analysis } from '../analyze';
import { parseChunk } from '../markdown';
import { isTitleHeading, withoutTemplateMarkup } from '../template';
import type { TemplateModel } from '../types';
import { renderBody } from '../scaffold';
import { completeness, type SectionState } from './completeness';
import { unfilledSections } from '../rules/unfilled-guidance';

export interface NewDocumentOptions {
  eol?: string;
  /** Snippet syntax: placeholders become tab stops (the title's too, when no title is given). */
  snippet?: boolean;
  /**
   * `template` (default): the title as the template writes it (`## Title: X`);
   * `h1`: as `# X`. A template without a title line always gets an H1.
   */
  titleStyle?: 'template' | 'h1';
  /** Front matter naming this template (`template: NAME`), for a workspace of several. */
  templateName?: string;
}

/**
 * The full text of a new deep dive: the template from its title line on (the
 * template file's own heading and intro dropped), verbatim, with the title
 * filled in.
 */
export function newDocument(template: TemplateModel, title: string, opts: NewDocumentOptions = {}): string {
  const source = template.source;
  const name = String(title ?? '').replace(/\s+/g, ' ').trim();
  const headings = parseChunk(source).blocks.filter((b) => b.type === 'heading');
  const titleLine = headings.find((h) => h.depth === 2 && isTitleHeading(h.title ?? ''));
  const firstSection = headings.find((h) => h.depth === 2 && h !== titleLine);
  let text: string;
  if (titleLine && opts.titleStyle !== 'h1') {
    const line = source.slice(titleLine.start, titleLine.end);
    const placeholder = `[${template.titlePlaceholder}]`;
    const filled = !name ? line : line.includes(placeholder) ? line.replace(placeholder, () => name) : `## Title: ${name}`;
    text = filled + source.slice(titleLine.end);
  } else {
    const h1 = !name ? `# [${template.titlePlaceholder}]` : `# ${name}`;
    text = titleLine ? h1 + source.slice(titleLine.end) : `${h1}\n\n${source.slice(firstSection?.start ?? source.length)}`;
  }
  text = withoutTemplateMarkup(text).replace(/\s+$/, '') + '\n';
  if (opts.templateName) text = `---\ntemplate: ${opts.templateName}\n---\n${text}`;
  return renderBody(text, { eol: opts.eol ?? '\n', snippet: !!opts.snippet });
}

export interface DocumentStatus {
  /** Template `##` sections present in the document, written or not. */
  present: number;
  /** Template `##` sections present, with content, no placeholder and no unfilled guidance. */
  written: number;
  total: number;
  /** Titles of the template sections the document lacks, in template order. */
  missing: string[];
  /** Titles of the template sections present but not written yet, in template order. */
  scaffolded: string[];
}

export function documentStatus(analysis: Analysis): DocumentStatus {
  const c = completeness(analysis);
  const titles = (state: SectionState) => c.sections.filter((s) => s.state === state).map((s) => s.title);
  return { present: c.total - c.missing, written: c.written, total: c.total, missing: titles('missing'), scaffolded: titles('scaffolded') };
}

/**
 * The status of an analysis of prose typed into a paragraph of the text `before`
 * was made from (relayout's `proseTyped`), kept from it when nothing it counts can
 * differ: typing prose adds no heading, block, bracket or field, so the same
 * sections are present, hold content and hold placeholders, and the match is the
 * last one moved (its assignments in the same order). What typing can change is
 * the share of a section's words in the template's guidance: the status is kept
 * only when the same sections, by their place in the match, hold unfilled
 * guidance. Counting from scratch took a sixth of a keystroke's time in the
 * server thread while the keystroke path still ran unoptimised.
 */
export function typedStatus(analysis: Analysis, before: { analysis: Analysis; status: DocumentStatus } | undefined): DocumentStatus {
  if (before && before.analysis.template === analysis.template && sameUnfilled(before.analysis, analysis)) {
    const s = before.status;
    return { present: s.present, written: s.written, total: s.total, missing: [...s.missing], scaffolded: [...s.scaffolded] };
  }
  return documentStatus(analysis);
}

/** Whether the same assignments, by index in matches of the same shape, hold unfilled guidance in both. */
function sameUnfilled(a: Analysis, b: Analysis): boolean {
  if (a.match.assignments.length !== b.match.assignments.length) return false;
  const x = unfilledSections(a);
  const y = unfilledSections(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (a.match.assignments.indexOf(x[i].assignment) !== b.match.assignments.indexOf(y[i].assignment)) return false;
  }
  return true;
}

/** "7/11 written": what the status item and the outline say of a deep dive. */
export function writtenLabel(status: Pick<DocumentStatus, 'written' | 'total'>): string {
  return `${status.written}/${status.total} written`;
}
