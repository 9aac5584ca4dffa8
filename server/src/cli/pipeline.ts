// What `check`, `report` and `explain` share: the templates a run checks
// against and the context every file is checked in, from the loaded config.
import { DEFAULT_GLOBS, DEFAULT_MAX_DOCUMENT_SIZE, type TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';
import type { CheckContext } from './check';
import { resolveNamedTemplates, resolveTemplate, type LoadedConfig, type ResolvedNamedTemplate, type ResolvedTemplate } from './config-file';

export function checkContext(loaded: LoadedConfig, template: ResolvedTemplate, named: readonly ResolvedNamedTemplate[] = []): CheckContext {
  return {
    template: { text: template.text, name: template.name },
    templates: named.map((t) => ({ name: t.templateName, globs: t.globs, template: { text: t.text, name: t.name } })),
    rules: loaded.config.rules,
    // As in the language server: the config's globs add to the default ones.
    globs: [...DEFAULT_GLOBS, ...(loaded.config.globs ?? [])],
    autoDetect: loaded.config.autoDetect,
    root: loaded.root,
    maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
    templateFiles: [template, ...named].flatMap((t) => (t.file ? [t.file] : [])),
  };
}

/** A run's templates, read and built (a broken one fails the run first), and its check context. */
export interface RunSetup {
  ctx: CheckContext;
  built: { template: TemplateModel; templates: NamedTemplate[] };
}

/** `flag`: `--template`, which replaces the default (`deep-dive`) template; the named ones come from the config. */
export function runSetup(cwd: string, loaded: LoadedConfig, flag?: string): RunSetup {
  const template = resolveTemplate(cwd, loaded, flag);
  const named = resolveNamedTemplates(cwd, loaded);
  return {
    ctx: checkContext(loaded, template, named),
    built: { template: template.model, templates: named.map((t) => ({ name: t.templateName, globs: t.globs, template: t.model })) },
  };
}
