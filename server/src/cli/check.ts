// Checks one file: read (bounded), refuse binary, strip a BOM, parse (only
// line-scan beyond the document size limit), decide whether it is a deep
// dive, analyse. Runs on the main thread or in a worker; everything it needs
// travels in a plain, cloneable CheckContext. Shapes that stall the parser
// are read by the line scanner (engine/check.ts readChunk), so no file hangs the run.
import * as path from 'node:path';
import { buildTemplate, checkText, type DocumentModel, type Finding, type PortableCheckOptions, type TemplateModel, type Verdict } from '../engine';
import { readBoundedSync } from '../node/fileBoundary';
import { describeFsError } from './errors';
import { fileSections, fileSummary, type FileSections, type FileSummary } from './summary';
import type { FileTask } from './walk';

/**
 * The run's check options, cloneable for the workers: `root` is the folder the
 * globs are relative to (the config file's, else cwd); `maxDocumentSize` is
 * deepDive.maxDocumentSize (above it, in UTF-8 bytes, only section-level checks run).
 */
export type CheckContext = Omit<PortableCheckOptions, 'path' | 'force' | 'maxDocumentSize'> & { root: string; maxDocumentSize: number };

export type FileResult =
  | { kind: 'checked'; findings: Finding[]; summary: FileSummary; outline: FileSections }
  | { kind: 'skipped' }
  /** Holds NUL bytes: not text, not checked. */
  | { kind: 'binary' }
  | { kind: 'error'; message: string };

/** The path the globs are matched against: relative to the root, `/`-separated. */
export function detectPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/**
 * One file's text checked as the CLI checks it (the MCP server's tools too): BOM stripped,
 * globs matched against its root-relative path (none for a text without a file), and
 * checked whatever detection says when `explicit` (named directly).
 */
export function checkFileText(ctx: CheckContext, template: TemplateModel, text: string, task: { abs: string | null; explicit: boolean }): Verdict & { model: DocumentModel } {
  return checkText(text.replace(/^\uFEFF/, ''), {
    ...ctx,
    template,
    path: task.abs === null ? undefined : detectPath(ctx.root, task.abs),
    force: task.explicit,
  });
}

export class Checker {
  private readonly template: TemplateModel;

  /** `template`: the model already built from ctx.template (the main thread has it); workers build their own. */
  constructor(private readonly ctx: CheckContext, template?: TemplateModel) {
    // Already validated on the main thread, so this does not throw.
    this.template = template ?? buildTemplate(ctx.template.text, ctx.template.name);
  }

  checkText(text: string, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    const checked = checkFileText(this.ctx, this.template, text, task);
    return checked.analysis
      ? { kind: 'checked', findings: checked.findings, summary: fileSummary(checked.analysis), outline: fileSections(checked.analysis) }
      : { kind: 'skipped' };
  }

  /** A file's bytes (or stdin's): NUL bytes mean it is not text, so it is not checked. */
  checkBytes(bytes: Uint8Array, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    if (bytes.includes(0)) return { kind: 'binary' };
    return this.checkText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), task);
  }

  checkFile(task: Pick<FileTask, 'abs' | 'explicit' | 'display' | 'stdin'>): FileResult {
    if (task.stdin) return this.checkBytes(task.stdin, task);
    let bytes: Buffer;
    try {
      bytes = readBoundedSync(task.abs);
    } catch (e) {
      return { kind: 'error', message: `cannot read ${task.display}: ${describeFsError(e)}` };
    }
    return this.checkBytes(bytes, task);
  }
}
