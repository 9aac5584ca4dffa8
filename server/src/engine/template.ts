// Builds the template model from template markdown: nothing about the
// template's headings is written in code, so another template file works the
// same way. Everything before the first `##` (the template's own `#` heading
// and intro) belongs to the template file, not to the documents it describes.
//
// Template markup stays plain markdown (docs/templates.md): a heading ending in
// `(optional)` is never reported missing, and an HTML comment right under a
// heading, `<!-- aliases: A, B -->`, lists other accepted names. What makes a
// template unusable or ambiguous is a TemplateProblem with its range, so the
// editor can show it on the template file and the CLI can print file:line:col.
import { LineIndex } from './lines';
import { parseChunk, type BlockFact } from './markdown';
import { headingKey } from './match-text';
import type { Finding, Range, TemplateField, TemplateModel, TemplateSection } from './types';

export class TemplateError extends Error {
  constructor(readonly templateName: string, detail: string, readonly range?: Range) {
    super(`Template ${templateName}: ${detail}`);
    this.name = 'TemplateError';
  }
}

/** What is wrong with a template: an `error` makes it unusable, a `warning` is markup it does not know. */
export interface TemplateProblem {
  severity: 'error' | 'warning';
  message: string;
  range: Range;
}

/** `## Costs (Optional)`: the section may be left out. */
const OPTIONAL_MARK = /\s*\(optional\)\s*$/i;
/** A directive comment: `<!-- word: … -->` as the first thing under a heading. */
const DIRECTIVE = /^\s*<!--\s*([A-Za-z][\w-]*)\s*:([\s\S]*?)-->[ \t]*(?:\r?\n|\r|$)/;
const KNOWN_DIRECTIVES = ['aliases'];

const TITLE_KEY = 'title';

/** `## Title: [Topic Name]` and `## Title` both name the document title line. `key`: the title's headingKey, when known. */
export function isTitleHeading(title: string, key = headingKey(title)): boolean {
  return key === TITLE_KEY || key.startsWith(TITLE_KEY + ' ') && /^\s*title\s*:/i.test(title);
}

function stripSeparators(body: string): string {
  return body.replace(/(^|\n)\s*(---|\*\*\*|___)\s*(?=\n|$)/g, '\n').trim();
}

function placeholdersIn(text: string): string[] {
  // Brackets in prose only: code spans and fences are dropped first.
  const prose = text.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, '').replace(/`[^`\n]*`/g, '');
  const out: string[] = [];
  for (const m of prose.matchAll(/(?<!\\)\[([^[\]\r\n]+)\](?![([])/g)) out.push(m[1]);
  return out;
}

export function buildTemplate(markdown: string, name = 'template'): TemplateModel {
  const { model, problems } = readTemplate(markdown, name);
  const error = problems.find((p) => p.severity === 'error');
  if (error || !model) throw new TemplateError(name, error?.message ?? 'cannot be read', error?.range);
  return model;
}

/** Everything that makes the template unusable (errors) or holds markup it does not know (warnings), with ranges. */
export function templateProblems(markdown: string, name = 'template'): TemplateProblem[] {
  return readTemplate(markdown, name).problems;
}

function readTemplate(markdown: string, name: string): { model: TemplateModel | null; problems: TemplateProblem[] } {
  const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (typeof markdown !== 'string') return { model: null, problems: [{ severity: 'error', message: 'no text to read', range: whole }] };
  const text = markdown.replace(/^\uFEFF/, '');
  let facts;
  try {
    facts = parseChunk(text);
  } catch (e) {
    return { model: null, problems: [{ severity: 'error', message: `cannot be parsed as markdown (${(e as Error).message})`, range: whole }] };
  }
  // Only a problem needs positions: a usable template is read without its line index.
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const problems: TemplateProblem[] = [];
  const problem = (severity: TemplateProblem['severity'], message: string, start: number, end: number) =>
    problems.push({ severity, message, range: lines().range(start, end) });
  const headings = facts.blocks.filter((b) => b.type === 'heading');
  const headingLineEnd = (h: BlockFact) => h.start + lines().lineText(lines().positionAt(h.start).line).length - lines().positionAt(h.start).character;
  /** The heading's body; a directive comment right under it is read (and left out of the body). */
  const readBody = (h: BlockFact, section: TemplateSection) => {
    const next = headings.find((n) => n.start > h.start);
    let from = h.end;
    const raw = text.slice(from, next ? next.start : text.length);
    const d = DIRECTIVE.exec(raw);
    if (d) {
      const at = from + raw.indexOf('<!--');
      const end = from + d.index + d[0].replace(/\s+$/, '').length;
      const word = d[1].toLowerCase();
      if (word === 'aliases') {
        section.aliases = d[2].split(',').map((a) => a.trim()).filter((a) => a !== '');
        section.aliasKeys = section.aliases.map(headingKey).filter((k) => k !== '');
      } else {
        problem('warning', `unknown template markup "${d[1]}:" (known: ${KNOWN_DIRECTIVES.join(', ')}); it is ignored`, at, end);
      }
      from += d[0].length;
    }
    section.body = stripSeparators(text.slice(from, next ? next.start : text.length));
    section.placeholders = placeholdersIn(section.body);
  };
  const newSection = (h: BlockFact, depth: number, index: number): TemplateSection => {
    const written = h.title ?? '';
    const optional = OPTIONAL_MARK.test(written);
    const title = optional ? written.replace(OPTIONAL_MARK, '') : written;
    const s: TemplateSection = { title, key: headingKey(title), depth, body: '', placeholders: [], children: [], index };
    if (optional) s.optional = true;
    readBody(h, s);
    return s;
  };
  const sections: TemplateSection[] = [];
  const fields: TemplateField[] = [];
  const collectFields = (from: number, to: number) => {
    for (const b of facts.blocks) {
      if (b.start < from || b.start >= to) continue;
      for (const f of b.fields ?? []) {
        const line = text.slice(f.start, f.end).split(/\r\n|\r|\n/)[0];
        const label = f.label.replace(/:\s*$/, '').trim();
        fields.push({ label, key: headingKey(label), placeholder: placeholdersIn(line)[0] ?? '', line });
      }
    }
  };
  let titlePlaceholder = 'Topic Name';
  let titleLine = false;
  let current: TemplateSection | null = null;
  /** Where each section's heading is, for problems. */
  const at = new Map<TemplateSection, BlockFact>();

  for (const h of headings) {
    const title = h.title ?? '';
    if (h.depth === 2 && isTitleHeading(title)) {
      titleLine = true;
      const m = /\[([^\]]+)\]/.exec(text.slice(h.start, h.end));
      if (m) titlePlaceholder = m[1];
      const next = headings.find((n) => n.start > h.start);
      collectFields(h.end, next ? next.start : text.length);
      current = null;
      continue;
    }
    if (h.depth === 2) {
      current = newSection(h, 2, sections.length);
      sections.push(current);
      at.set(current, h);
    } else if (h.depth === 3 && current) {
      const child = newSection(h, 3, current.children.length);
      current.children.push(child);
      at.set(child, h);
    }
  }

  // Without a `## Title:` line, the fields are the bold lines above the first section.
  if (!titleLine) {
    const first = headings.find((h) => h.depth === 2);
    collectFields(0, first ? first.start : text.length);
  }
  if (sections.length === 0) problem('error', 'has no `##` sections, so there is nothing to check documents against', 0, 0);
  const checkSiblings = (list: TemplateSection[], kind: string) => {
    const names = new Map<string, TemplateSection>();
    for (const s of list) {
      const h = at.get(s)!;
      if (s.key === '') problem('error', `has a \`${'#'.repeat(s.depth)}\` heading with no words: "${s.title}"`, h.start, headingLineEnd(h));
      else if (names.has(s.key)) problem('error', `names the ${kind} "${s.title}" twice`, h.start, headingLineEnd(h));
      else names.set(s.key, s);
    }
    for (const s of list) {
      for (const [i, key] of (s.aliasKeys ?? []).entries()) {
        const other = names.get(key);
        const h = at.get(s)!;
        if (other && other !== s) problem('error', `the alias "${s.aliases![i]}" of "${s.title}" is also a name of "${other.title}"`, h.start, headingLineEnd(h));
        else if (!other) names.set(key, s);
      }
    }
  };
  checkSiblings(sections, 'section');
  for (const s of sections) checkSiblings(s.children, `subsection of "${s.title}"`);
  const model = { name, titlePlaceholder, fields, sections, source: text };
  return { model, problems };
}

/** Template text as a document starts from it: no aliases comments, no `(optional)` marks on headings. */
export function withoutTemplateMarkup(text: string): string {
  return text
    .replace(/^[ \t]*<!--\s*aliases\s*:[^\n]*?-->[ \t]*\r?\n/gim, '')
    .replace(/^([ \t]{0,3}#{2,6}[ \t].*?)[ \t]*\(optional\)[ \t]*$/gim, '$1');
}

/** A template file's problems as findings, for an editor showing the file (code `template-problem`). */
export function templateFindings(markdown: string): Finding[] {
  return templateProblems(markdown).map((p) => ({
    code: TEMPLATE_PROBLEM,
    severity: p.severity,
    message: /^(has|names) /.test(p.message) ? `This template ${p.message}.` : `${p.message[0].toUpperCase()}${p.message.slice(1)}.`,
    range: p.range,
  }));
}

export const TEMPLATE_PROBLEM = 'template-problem';

/** Every `[placeholder]` of the template (title, fields, sections), for recognising unfilled ones. */
export function allPlaceholders(t: TemplateModel): string[] {
  const out = [t.titlePlaceholder, ...t.fields.map((f) => f.placeholder)];
  const walk = (s: TemplateSection) => {
    out.push(...s.placeholders);
    s.children.forEach(walk);
  };
  t.sections.forEach(walk);
  return out.filter((p) => p !== '');
}
