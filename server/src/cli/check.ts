// Checks one file: read, strip a BOM, parse, decide whether it is a deep
// dive, analyse. Runs on the main thread or in a worker; everything it needs
// travels in a plain, cloneable CheckContext. Shapes that stall the parser
// are read by the line scanner (engine/check.ts readChunk), so no file hangs the run.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildTemplate, checkText, type Finding, type PortableCheckOptions, type TemplateModel } from '../engine';
import { describeFsError } from './errors';
import type { FileTask } from './walk';

/** The run's check options, cloneable for the workers; `root` is the folder the globs are relative to (the config file's, else cwd). */
export type CheckContext = Omit<PortableCheckOptions, 'path' | 'force'> & { root: string };

export type FileResult =
  | { kind: 'checked'; findings: Finding[] }
  | { kind: 'skipped' }
  | { kind: 'error'; message: string };

/** The path the globs are matched against: relative to the root, `/`-separated. */
export function detectPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export class Checker {
  private readonly template: TemplateModel;

  /** `template`: the model already built from ctx.templateText (the main thread has it); workers build their own. */
  constructor(private readonly ctx: CheckContext, template?: TemplateModel) {
    // Already validated on the main thread, so this does not throw.
    this.template = template ?? buildTemplate(ctx.template.text, ctx.template.name);
  }

  checkText(text: string, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    const checked = checkText(text.replace(/^\uFEFF/, ''), {
      ...this.ctx,
      template: this.template,
      path: detectPath(this.ctx.root, task.abs),
      force: task.explicit,
    });
    return checked.analysis ? { kind: 'checked', findings: checked.findings } : { kind: 'skipped' };
  }

  checkFile(task: Pick<FileTask, 'abs' | 'explicit' | 'display'>): FileResult {
    let text: string;
    try {
      text = readFileSync(task.abs, 'utf8');
    } catch (e) {
      return { kind: 'error', message: `cannot read ${task.display}: ${describeFsError(e)}` };
    }
    return this.checkText(text, task);
  }
}
