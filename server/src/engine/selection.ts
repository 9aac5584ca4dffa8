// Which template a document is checked against, and why. A workspace has a
// set of templates: the built-in `deep-dive` (or the file that replaces it)
// plus named ones, each with globs. The order is written once, here, and
// documented in docs/templates.md:
//   1. front matter `template: NAME`;
//   2. else the first template whose globs match the path (named templates in
//      declaration order, then `deep-dive`);
//   3. else auto-detection: the template with the most of its `##` headings
//      present, if it has at least three (ties: the earlier one), or the one
//      whose first field line the document has;
//   4. else the document is not checked (unless it is forced: the default).
// The reason is data, so every host words it the same way (describeReason).
import { blockAt, type DocumentModel } from './document';
import { matchesGlob, rememberGlobAnswers } from './glob';
import type { CheckOptions, NamedTemplate } from './options';
import type { Range, TemplateModel } from './types';

export const BUILTIN_TEMPLATE_NAME = 'deep-dive';
export const DEFAULT_GLOBS = ['**/*.deepdive.md', '**/deep-dives/**/*.md'];
export const AUTO_DETECT_MIN_SECTIONS = 3;

export type SelectionReason =
  | { kind: 'front-matter'; /** 0-based line of the `template:` entry. */ line: number }
  | { kind: 'glob'; glob: string }
  | { kind: 'sections'; found: number; total: number }
  | { kind: 'summary-field'; field: string }
  /** Checked whatever detection says (a file named on the command line): the default template. */
  | { kind: 'forced' };

export interface TemplateSelection {
  name: string;
  template: TemplateModel;
  reason: SelectionReason;
}

/** The `template:` entry of a document's front matter: the name as written and where it is. */
export interface FrontMatterTemplate {
  name: string;
  line: number;
  range: Range;
}

/** What selection found: the template (null: not checked) and a front-matter name that names none. */
export interface SelectionResult {
  selection: TemplateSelection | null;
  unknown: FrontMatterTemplate | null;
}

/** What selection reads of the check options. */
export type SelectOptions = Pick<CheckOptions, 'template' | 'templates' | 'path' | 'globs' | 'autoDetect' | 'force'>;

/** The workspace's templates in selection order: the named ones as declared, then `deep-dive`. */
export function templateSet(options: Pick<CheckOptions, 'template' | 'templates' | 'globs'>): NamedTemplate[] {
  return [...(options.templates ?? []), { name: BUILTIN_TEMPLATE_NAME, template: options.template, globs: options.globs ?? DEFAULT_GLOBS }];
}

/**
 * Works out, in slices (see rememberGlobAnswers), whether the document's path
 * matches each glob that can pick its template, so that selectTemplate then
 * answers from memory: a host on a thread that answers an editor yields
 * between the slices.
 */
export function* settleSelectionGlobs(options: Pick<CheckOptions, 'template' | 'templates' | 'globs' | 'path'>): Generator<void, void, void> {
  if (options.path) yield* rememberGlobAnswers(options.path, selectionGlobs(options));
}

/** Every glob that can pick a template for a document checked with these options, in the order they are tried. */
export function selectionGlobs(options: Pick<CheckOptions, 'template' | 'templates' | 'globs'>): string[] {
  return templateSet(options).flatMap((t) => t.globs);
}

/** Names the built-in template answers to in front matter (as before there were several). */
const BUILTIN_SPELLINGS = /^deep[-_ ]?dive$/;

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.md$/, '');
}

/** The set's template a front-matter name means, if any. */
export function templateNamed(set: readonly NamedTemplate[], name: string): NamedTemplate | undefined {
  const n = normaliseName(name);
  return set.find((t) => t.name.toLowerCase() === n) ?? (BUILTIN_SPELLINGS.test(n) ? set.find((t) => t.name === BUILTIN_TEMPLATE_NAME) : undefined);
}

const TEMPLATE_ENTRY = /^(\s*template\s*[:=]\s*)(["']?)([^"'\r\n#]*?)\2\s*(?:#.*)?$/i;
const BUILTIN_FLAG = /^\s*deep[-_]?dive\s*[:=]\s*true\s*$/i;

/** The document's `template:` front-matter entry (`deep-dive: true` counts as naming the built-in one). */
export function frontMatterTemplate(doc: DocumentModel): FrontMatterTemplate | null {
  const block = blockAt(doc, 0);
  if (doc.frontMatter === null || !block || (block.type !== 'yaml' && block.type !== 'toml')) return null;
  const first = doc.lines.positionAt(block.start).line;
  const last = doc.lines.positionAt(block.end).line;
  for (let line = first + 1; line < last; line++) {
    const text = doc.lines.lineText(line);
    const m = TEMPLATE_ENTRY.exec(text);
    if (m && m[3].trim() !== '') {
      const start = m[1].length + m[2].length;
      return { name: m[3].trim(), line, range: { start: { line, character: start }, end: { line, character: start + m[3].trimEnd().length } } };
    }
    if (BUILTIN_FLAG.test(text)) return { name: BUILTIN_TEMPLATE_NAME, line, range: { start: { line, character: 0 }, end: { line, character: text.length } } };
  }
  return null;
}

export function selectTemplate(doc: DocumentModel, options: SelectOptions): SelectionResult {
  const set = templateSet(options);
  let unknown: FrontMatterTemplate | null = null;
  const named = frontMatterTemplate(doc);
  if (named) {
    const t = templateNamed(set, named.name);
    if (t) return { selection: { name: t.name, template: t.template, reason: { kind: 'front-matter', line: named.line } }, unknown };
    unknown = named;
  }
  const kept = keptFor(options, set);
  const selection = kept.glob ?? (options.autoDetect === false ? null : autoDetect(doc, set, kept, options));
  if (selection) return { selection, unknown };
  const fallback = set[set.length - 1];
  return { selection: options.force ? { name: fallback.name, template: fallback.template, reason: { kind: 'forced' } } : null, unknown };
}

function byGlob(set: readonly NamedTemplate[], path: string | undefined): TemplateSelection | null {
  if (!path) return null;
  for (const t of set) {
    const glob = t.globs.find((g) => matchesGlob(path, g));
    if (glob !== undefined) return { name: t.name, template: t.template, reason: { kind: 'glob', glob } };
  }
  return null;
}

/**
 * What selection found for one options object (an editor keeps one per document
 * between keystrokes), while its templates, globs and path are the ones it was found
 * for: the template the globs pick for the path, and the last auto-detection by the
 * `##` headings' keys, which a keystroke in prose leaves as they are. With 20
 * templates, looking each heading up in each template was most of choosing one.
 */
interface Kept {
  template: TemplateModel;
  templates: SelectOptions['templates'];
  globs: SelectOptions['globs'];
  path: string | undefined;
  glob: TemplateSelection | null;
  bySections?: { keys: string[]; selection: TemplateSelection | null };
}
const keptSelections = new WeakMap<object, Kept>();

function keptFor(options: SelectOptions, set: readonly NamedTemplate[]): Kept {
  const k = keptSelections.get(options);
  if (k && k.template === options.template && k.templates === options.templates && k.globs === options.globs && k.path === options.path) return k;
  const fresh: Kept = { template: options.template, templates: options.templates, globs: options.globs, path: options.path, glob: byGlob(set, options.path) };
  keptSelections.set(options, fresh);
  return fresh;
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function autoDetect(doc: DocumentModel, set: readonly NamedTemplate[], kept: Kept, options: SelectOptions): TemplateSelection | null {
  const keys = doc.headings.filter((h) => h.depth === 2).map((h) => h.key);
  if (!kept.bySections || !sameKeys(kept.bySections.keys, keys)) kept.bySections = { keys, selection: bySections(keys, set, sectionHolders(options, set)) };
  const best = kept.bySections.selection;
  if (best) return best;
  for (const t of set) {
    const summary = t.template.fields[0];
    if (summary && doc.fields.some((f) => f.key === summary.key)) return { name: t.name, template: t.template, reason: { kind: 'summary-field', field: summary.label } };
  }
  return null;
}

/**
 * For each `##` heading key of the set's templates (titles and aliases), the positions
 * in the set of the templates that have a section by that key: one look-up per heading
 * of a document instead of one per heading and template. Kept per set (its named
 * templates' list and its default template), which a run or an editor keeps as long as
 * its templates stay.
 */
interface SectionHolders {
  template: TemplateModel;
  holders: Map<string, number[]>;
}
const sectionHoldersBySet = new WeakMap<object, SectionHolders>();

function sectionHolders(options: Pick<SelectOptions, 'template' | 'templates'>, set: readonly NamedTemplate[]): Map<string, number[]> {
  const owner = options.templates ?? options.template;
  const kept = sectionHoldersBySet.get(owner);
  if (kept && kept.template === options.template) return kept.holders;
  const holders = new Map<string, number[]>();
  set.forEach((t, i) => {
    for (const s of t.template.sections) {
      for (const key of [s.key, ...(s.aliasKeys ?? [])]) {
        if (key === '') continue;
        const list = holders.get(key);
        if (!list) holders.set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  sectionHoldersBySet.set(owner, { template: options.template, holders });
  return holders;
}

/**
 * The template with the most of its `##` headings among `keys` (at least three, or all it
 * has; ties: the earlier one). A template's count is the number of distinct keys that name
 * one of its sections (by title or alias), as exactMatch finds them.
 */
function bySections(keys: readonly string[], set: readonly NamedTemplate[], holders: Map<string, number[]>): TemplateSelection | null {
  const found = new Array<number>(set.length).fill(0);
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    for (const i of holders.get(key) ?? []) found[i]++;
  }
  let best: TemplateSelection | null = null;
  let bestFound = 0;
  for (let i = 0; i < set.length; i++) {
    const t = set[i];
    const total = t.template.sections.length;
    if (found[i] > bestFound && found[i] >= Math.min(AUTO_DETECT_MIN_SECTIONS, total)) {
      best = { name: t.name, template: t.template, reason: { kind: 'sections', found: found[i], total } };
      bestFound = found[i];
    }
  }
  return best;
}

/** Why the template applies, in words every host shows the same way. */
export function describeReason(reason: SelectionReason): string {
  switch (reason.kind) {
    case 'front-matter': return `front matter on line ${reason.line + 1}`;
    case 'glob': return `glob ${reason.glob}`;
    case 'sections': return `auto-detected with ${reason.found} of ${reason.total} headings`;
    case 'summary-field': return `auto-detected by its "${reason.field}" line`;
    case 'forced': return 'the default template (the file was named to be checked)';
  }
}
