// Which markdown files are deep dives under one template. An ordinary README
// gets nothing: a file counts only if its front matter names the template, it
// matches a configured glob, or (auto-detect) it already looks like one. The
// policy itself is template selection (selection.ts); this is its view for a
// workspace of the built-in template alone.
import type { DocumentModel } from './document';
import type { CheckOptions } from './options';
import { frontMatterTemplate, selectTemplate, templateNamed, templateSet } from './selection';
import type { TemplateModel } from './types';

export { AUTO_DETECT_MIN_SECTIONS, DEFAULT_GLOBS } from './selection';

/** What detection reads of the check options. */
export type DetectOptions = Pick<CheckOptions, 'path' | 'globs' | 'autoDetect'>;

export type DetectReason = 'front-matter' | 'glob' | 'sections' | 'summary-field' | null;

/** Whether the document's front matter names the built-in template (`template: deep-dive`, `deep-dive: true`). */
export function frontMatterNamesTemplate(doc: DocumentModel): boolean {
  const named = frontMatterTemplate(doc);
  return !!named && !!templateNamed(templateSet({ template: EMPTY }), named.name);
}

const EMPTY: TemplateModel = { name: '', titlePlaceholder: '', fields: [], sections: [], source: '' };

export function detectDeepDive(doc: DocumentModel, template: TemplateModel, opts: DetectOptions = {}): DetectReason {
  const { selection } = selectTemplate(doc, { ...opts, template });
  const kind = selection?.reason.kind;
  return kind === undefined || kind === 'forced' ? null : kind;
}
