// The steps `check` and `report` share: load the config and the template
// (either failing before any output), collect the files, check them in input
// order on as many threads as pay off.
import { DEFAULT_GLOBS } from '../engine';
import type { FileResult } from './check';
import { loadConfig, resolveTemplate } from './config-file';
import { runChecks } from './pool';
import { collectFiles, type FileTask } from './walk';

export interface PipelineOptions {
  template?: string;
  config?: string;
  jobs?: number;
}

/** Checks `paths`, each result handed on in input order. A bad config or template throws before any file is read. */
export async function checkPaths(cwd: string, paths: string[], opts: PipelineOptions, onResult: (task: FileTask, result: FileResult) => void): Promise<void> {
  const loaded = loadConfig(cwd, opts.config);
  const template = resolveTemplate(cwd, loaded, opts.template);
  const tasks = collectFiles(cwd, paths);
  await runChecks(tasks, {
    templateText: template.text,
    templateName: template.name,
    rules: loaded.config.rules,
    // As in the language server: the config's globs add to the default ones.
    globs: [...DEFAULT_GLOBS, ...(loaded.config.globs ?? [])],
    autoDetect: loaded.config.autoDetect,
    root: loaded.root,
  }, { jobs: opts.jobs, onResult, template: template.model });
}
