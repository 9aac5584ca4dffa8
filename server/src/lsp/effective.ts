// The options a document is checked with in the editor: its folder's settings,
// config file and template combined, plus the editor-only typing delay. Built
// here and nowhere else.
import { mergeRules, settleSelectionGlobs, type CheckOptions, type TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import type { Settings } from './settings';
import type { FolderConfig } from './workspace';
import { globPath } from './uris';

export interface Effective extends CheckOptions {
  enabled: boolean;
  rules: NonNullable<CheckOptions['rules']>;
  globs: string[];
  autoDetect: boolean;
  maxDocumentSize: number;
  templates: readonly NamedTemplate[];
  /** Milliseconds to wait after a change before checking again. */
  delay: number;
}

/** Settings win over the config file for rules; the config's globs add to the settings' ones. */
export function toEffective(
  uri: string, folder: string | null, settings: Settings, loaded: FolderConfig | null, template: TemplateModel,
  named: { templates: readonly NamedTemplate[]; templateFile: boolean } = { templates: [], templateFile: false },
): Effective {
  return {
    enabled: settings.enable,
    template,
    templates: named.templates,
    templateFile: named.templateFile,
    rules: mergeRules(loaded?.config.rules, settings.rules),
    globs: [...settings.globs, ...(loaded?.config.globs ?? [])],
    autoDetect: loaded?.config.autoDetect ?? settings.autoDetect,
    delay: settings.diagnosticsDelay,
    maxDocumentSize: settings.maxDocumentSize,
    path: globPath(uri, folder),
  };
}

/**
 * Matches the document's path against the globs that pick its template before
 * anything analyses it, yielding to other messages between slices of the
 * matching: a repository's globs can cost milliseconds on a new path, and this
 * thread answers the editor. Once done, the analyses answer from memory.
 */
export async function settleGlobs(effective: Effective, yieldToEvents: () => Promise<void>): Promise<void> {
  if (!effective.enabled) return;
  for (const _ of settleSelectionGlobs(effective)) await yieldToEvents();
}
