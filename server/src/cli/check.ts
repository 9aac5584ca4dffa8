// Checks one file: read (bounded), refuse binary, strip a BOM, parse (only
// line-scan beyond the document size limit), decide whether it is a deep
// dive, analyse. Runs on the main thread or in a worker; everything it needs
// travels in a plain, cloneable CheckContext. Shapes that stall the parser
// are read by the line scanner (engine/check.ts readChunk), so no file hangs the run.
import * as path from 'node:path';
import { buildTemplate, checkText, type DocumentModel, type Finding, type PortableCheckOptions, type TemplateModel, type Verdict } from '../engine';
import type { NamedTemplate } from '../engine/options';
import { describeReason } from '../engine/selection';
import { readBoundedSync } from '../node/fileBoundary';
import { describeFsError } from './errors';
import { fileSections, fileSummary, type FileSections, type FileSummary } from './summary';
import type { FileTask } from './walk';

/**
 * The run's check options, cloneable for the workers: `root` is the folder the
 * globs are relative to (the config file's, else cwd); `maxDocumentSize` is
 * deepDive.maxDocumentSize (above it, in UTF-8 bytes, only section-level checks run).
 */
export type CheckContext = Omit<PortableCheckOptions, 'path' | 'force' | 'maxDocumentSize'> & {
  root: string;
  maxDocumentSize: number;
  /** Absolute paths of the run's template files: found by a walk, they are templates, not documents. */
  templateFiles?: string[];
};

export type FileResult =
  | { kind: 'checked'; findings: Finding[]; summary: FileSummary; outline: FileSections; template: TemplateUsed }
  /** No template applies, but the front matter names one the workspace does not have: that finding alone. */
  | { kind: 'unmatched'; findings: Finding[] }
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

/** Which template a file was checked against, and why in words (describeReason). */
export interface TemplateUsed {
  name: string;
  reason: string;
}

/**
 * One file's text checked as the CLI checks it (the MCP server's tools too): BOM stripped,
 * globs matched against its root-relative path (none for a text without a file), and
 * checked whatever detection says when `explicit` (named directly); `templates`: the
 * run's named templates, built.
 */
export function checkFileText(
  ctx: CheckContext, template: TemplateModel, text: string, task: { abs: string | null; explicit: boolean }, templates: readonly NamedTemplate[] = [],
): Verdict & { model: DocumentModel } {
  return checkText(text.replace(/^\uFEFF/, ''), {
    ...ctx,
    template,
    templates,
    path: task.abs === null ? undefined : detectPath(ctx.root, task.abs),
    force: task.explicit,
  });
}

export class Checker {
  private readonly template: TemplateModel;
  private readonly templates: NamedTemplate[];

  /** `built`: the models already built from ctx's templates (the main thread has them); workers build their own. */
  constructor(private readonly ctx: CheckContext, built?: { template: TemplateModel; templates: readonly NamedTemplate[] }) {
    // Already validated on the main thread, so this does not throw.
    this.template = built?.template ?? buildTemplate(ctx.template.text, ctx.template.name);
    this.templates = built ? [...built.templates] : (ctx.templates ?? []).map((t) => ({ name: t.name, globs: t.globs, template: buildTemplate(t.template.text, t.template.name) }));
  }

  checkText(text: string, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    const checked = checkFileText(this.ctx, this.template, text, task, this.templates);
    if (!checked.analysis || !checked.selection) return checked.findings.length > 0 ? { kind: 'unmatched', findings: checked.findings } : { kind: 'skipped' };
    const template = { name: checked.selection.name, reason: describeReason(checked.selection.reason) };
    return { kind: 'checked', findings: checked.findings, summary: fileSummary(checked.analysis), outline: fileSections(checked.analysis), template };
  }

  /** A file's bytes (or stdin's): NUL bytes mean it is not text, so it is not checked. */
  checkBytes(bytes: Uint8Array, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    if (bytes.includes(0)) return { kind: 'binary' };
    return this.checkText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), task);
  }

  checkFile(task: Pick<FileTask, 'abs' | 'explicit' | 'display' | 'stdin'>): FileResult {
    if (task.stdin) return this.checkBytes(task.stdin, task);
    if (!task.explicit && this.ctx.templateFiles?.includes(task.abs)) return { kind: 'skipped' };
    let bytes: Buffer;
    try {
      bytes = readBoundedSync(task.abs);
    } catch (e) {
      return { kind: 'error', message: `cannot read ${task.display}: ${describeFsError(e)}` };
    }
    return this.checkBytes(bytes, task);
  }
}
