// Which markdown files are deep dives. An ordinary README gets nothing: a file
// counts only if its front matter names the template, it matches a configured
// glob, or (auto-detect) it already looks like one.
import type { DocumentModel } from './document';
import { matchesGlob } from './glob';
import { exactMatch } from './match-index';
import type { CheckOptions } from './options';
import type { TemplateModel } from './types';

export const DEFAULT_GLOBS = ['**/*.deepdive.md', '**/deep-dives/**/*.md'];
export const AUTO_DETECT_MIN_SECTIONS = 3;

/** What detection reads of the check options. */
export type DetectOptions = Pick<CheckOptions, 'path' | 'globs' | 'autoDetect'>;

export type DetectReason = 'front-matter' | 'glob' | 'sections' | 'summary-field' | null;

/** `template: deep-dive` (or `deep-dive: true`) in YAML front matter; `template = "deep-dive"` in TOML. */
export function frontMatterNamesTemplate(frontMatter: string | null): boolean {
  if (!frontMatter) return false;
  return /^\s*template\s*[:=]\s*["']?deep[-_ ]?dive(\.md)?["']?\s*$/im.test(frontMatter) || /^\s*deep[-_]?dive\s*[:=]\s*true\s*$/im.test(frontMatter);
}

export function detectDeepDive(doc: DocumentModel, template: TemplateModel, opts: DetectOptions = {}): DetectReason {
  if (frontMatterNamesTemplate(doc.frontMatter)) return 'front-matter';
  if (opts.path && (opts.globs ?? DEFAULT_GLOBS).some((g) => matchesGlob(opts.path!, g))) return 'glob';
  if (opts.autoDetect === false) return null;
  const found = new Set<string>();
  for (const h of doc.headings) {
    if (h.depth !== 2) continue;
    if (exactMatch(h.key, template.sections, () => true)) found.add(h.key);
  }
  if (found.size >= Math.min(AUTO_DETECT_MIN_SECTIONS, template.sections.length)) return 'sections';
  const summary = template.fields[0];
  if (summary && doc.fields.some((f) => f.key === summary.key)) return 'summary-field';
  return null;
}
