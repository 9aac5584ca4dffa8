// Checks one file: read, strip a BOM, parse, decide whether it is a deep
// dive, analyse. Runs on the main thread or in a worker; everything it needs
// travels in a plain, cloneable CheckContext.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, BATCH_CHUNK_SIZE, beyondParser, buildTemplate, parseChunk, scanChunk, coarsen, detectDeepDive, parseDocument, splitChunks, type Finding, type SeveritySetting, type TemplateModel } from '../engine';
import { describeFsError } from './errors';
import { fileSections, fileSummary, type FileSections, type FileSummary } from './summary';
import type { FileTask } from './walk';

export interface CheckContext {
  templateText: string;
  templateName: string;
  rules: Record<string, SeveritySetting>;
  globs?: string[];
  autoDetect?: boolean;
  /** Folder that the globs are relative to (the config file's, else cwd). */
  root: string;
}

export type FileResult =
  | { kind: 'checked'; findings: Finding[]; summary: FileSummary; outline: FileSections }
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
    this.template = template ?? buildTemplate(ctx.templateText, ctx.templateName);
  }

  checkText(text: string, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    const body = text.replace(/^\uFEFF/, '');
    // Read once, not edited: larger chunks spend less on per-parse setup (same findings; see coarsen).
    // Shapes that stall the parser are read by the line scanner (as in the server), so no file hangs the run.
    const parse = (t: string) => (beyondParser(t) ? scanChunk(t) : parseChunk(t));
    const doc = parseDocument(body, undefined, parse, coarsen(splitChunks(body), BATCH_CHUNK_SIZE));
    if (!task.explicit) {
      const reason = detectDeepDive(doc, this.template, {
        path: detectPath(this.ctx.root, task.abs),
        globs: this.ctx.globs,
        autoDetect: this.ctx.autoDetect,
      });
      if (reason === null) return { kind: 'skipped' };
    }
    const analysis = analyze(doc, this.template, { rules: this.ctx.rules });
    return { kind: 'checked', findings: analysis.findings, summary: fileSummary(analysis), outline: fileSections(analysis) };
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
