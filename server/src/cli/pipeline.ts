// What `check` and `report` share: the context every file is checked in,
// from the loaded config and template.
import { DEFAULT_GLOBS, DEFAULT_MAX_DOCUMENT_SIZE } from '../engine';
import type { CheckContext } from './check';
import type { LoadedConfig, ResolvedTemplate } from './config-file';

export function checkContext(loaded: LoadedConfig, template: ResolvedTemplate): CheckContext {
  return {
    template: { text: template.text, name: template.name },
    rules: loaded.config.rules,
    // As in the language server: the config's globs add to the default ones.
    globs: [...DEFAULT_GLOBS, ...(loaded.config.globs ?? [])],
    autoDetect: loaded.config.autoDetect,
    root: loaded.root,
    maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
  };
}
