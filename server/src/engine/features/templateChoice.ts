// The editor's answers about which template applies: a hover on the
// front-matter `template:` line (the template, why, and the workspace's
// others), and completion of the workspace's template names after `template:`
// (offered whether or not the document is checked yet: it is how it gets a
// template).
import { blockAt, type DocumentModel } from '../document';
import type { CheckOptions } from '../options';
import { describeReason, templateSet, type TemplateSelection } from '../selection';
import type { Position } from '../types';
import type { Suggestion } from './completion';
import type { HoverResult } from './hover';

/** `template:` (YAML) or `template =` (TOML), up to the cursor, inside front matter. */
const ENTRY_PREFIX = /^(\s*template\s*[:=]\s*["']?)([\w.-]*)$/i;

/** The front-matter block's lines, when `line` is inside it (not on its fences). */
function inFrontMatter(doc: DocumentModel, line: number): boolean {
  const block = blockAt(doc, 0);
  if (!block || (block.type !== 'yaml' && block.type !== 'toml')) return false;
  return line > doc.lines.positionAt(block.start).line && line < doc.lines.positionAt(block.end).line;
}

/** The hover on the front matter's `template:` line: which template applies and why. */
export function templateHover(doc: DocumentModel, selection: TemplateSelection | undefined, options: Pick<CheckOptions, 'template' | 'templates' | 'globs'>, position: Position): HoverResult | null {
  if (!selection || !inFrontMatter(doc, position.line)) return null;
  const text = doc.lines.lineText(position.line);
  if (!/^\s*template\s*[:=]/i.test(text) && !/^\s*deep[-_]?dive\s*[:=]/i.test(text)) return null;
  const others = templateSet(options).map((t) => (t.name === selection.name ? `**${t.name}**` : t.name));
  const contents = [
    `**Template: ${selection.name}** · ${describeReason(selection.reason)}`,
    `${selection.template.sections.length} sections, from ${selection.template.name}`,
    `Templates of this workspace: ${others.join(', ')}`,
  ].join('\n\n');
  return { contents, range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: text.length } } };
}

/** Template names after `template:` in front matter; null when the cursor is not there. */
export function templateNameCompletions(doc: DocumentModel, options: Pick<CheckOptions, 'template' | 'templates' | 'globs'>, position: Position): Suggestion[] | null {
  if (!inFrontMatter(doc, position.line)) return null;
  const prefix = doc.lines.lineText(position.line).slice(0, position.character);
  const m = ENTRY_PREFIX.exec(prefix);
  if (!m) return null;
  const range = { start: { line: position.line, character: m[1].length }, end: position };
  const after = /^[\w.-]*/.exec(doc.lines.lineText(position.line).slice(position.character))![0];
  const replaceRange = { start: range.start, end: { line: position.line, character: position.character + after.length } };
  return templateSet(options).map((t, i) => ({
    label: t.name,
    kind: 'template',
    detail: `${t.template.sections.length} sections · ${t.template.name}`,
    documentation: `Sections: ${t.template.sections.map((s) => s.title + (s.optional ? ' (optional)' : '')).join(', ')}`,
    insertText: t.name,
    plainText: t.name,
    range,
    replaceRange,
    additionalEdits: [],
    sortText: String(i).padStart(4, '0'),
  }));
}
