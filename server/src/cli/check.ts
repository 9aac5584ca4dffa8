// Checks one file: read (bounded), refuse binary, strip a BOM, parse (only
// line-scan beyond the document size limit), decide whether it is a deep
// dive, analyse. Runs on the main thread or in a worker; everything it needs
// travels in a plain, cloneable CheckContext.
import * as path from 'node:path';
import {
  analyze, BATCH_CHUNK_SIZE, beyondParser, buildTemplate, parseChunk, scanChunk, coarsen, detectDeepDive, parseDocument, splitChunks,
  textExceedsDocumentSize, tooLargeNotice, utf8ByteLength, type Finding, type SeveritySetting, type TemplateModel,
} from '../engine';
import { readBoundedSync } from '../node/fileBoundary';
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
  /** deepDive.maxDocumentSize: above it (UTF-8 bytes) only section-level checks run. */
  maxDocumentSize: number;
}

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

export class Checker {
  private readonly template: TemplateModel;

  /** `template`: the model already built from ctx.templateText (the main thread has it); workers build their own. */
  constructor(private readonly ctx: CheckContext, template?: TemplateModel) {
    // Already validated on the main thread, so this does not throw.
    this.template = template ?? buildTemplate(ctx.templateText, ctx.templateName);
  }

  checkText(text: string, task: Pick<FileTask, 'abs' | 'explicit'>): FileResult {
    const body = text.replace(/^\uFEFF/, '');
    // As in the server: beyond the size limit every chunk is line-scanned, and a notice says so.
    const tooLarge = textExceedsDocumentSize(body, this.ctx.maxDocumentSize);
    // Read once, not edited: larger chunks spend less on per-parse setup (same findings; see coarsen).
    // Shapes that stall the parser are read by the line scanner (as in the server), so no file hangs the run.
    const parse = (t: string) => (tooLarge || beyondParser(t) ? scanChunk(t) : parseChunk(t));
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
    const findings = analysis.findings;
    if (tooLarge) findings.unshift(tooLargeNotice(utf8ByteLength(body), this.ctx.maxDocumentSize));
    return { kind: 'checked', findings, summary: fileSummary(analysis), outline: fileSections(analysis) };
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
