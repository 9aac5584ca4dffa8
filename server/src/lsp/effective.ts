// The options a document is checked with in the editor: its folder's settings,
// config file and template combined, plus the editor-only typing delay. Built
// here and nowhere else.
import { mergeRules, type CheckOptions, type TemplateModel } from '../engine';
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
