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

/**
 * The options of open documents, kept between keystrokes: reading them again
 * awaits the settings, the config and every template and builds the options
 * anew (a tenth of a 30 KB keystroke). An entry holds while the stamp (the
 * generations of everything options are read from besides the uri) is the one
 * taken before it was read; a change during the read leaves it stale.
 */
export class OptionsCache {
  private entries = new Map<string, { stamp: string; effective: Effective }>();

  constructor(readonly stamp: () => string) {}

  get(uri: string): Effective | undefined {
    const e = this.entries.get(uri);
    return e && e.stamp === this.stamp() ? e.effective : undefined;
  }

  set(uri: string, stamp: string, effective: Effective): void {
    this.entries.set(uri, { stamp, effective });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
