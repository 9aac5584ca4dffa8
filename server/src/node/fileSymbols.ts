// The outline of a workspace file for workspace/symbol: read with the line
// scanner (headings need no markdown parse), and only for files detected as deep
// dives. Shared by the analysis workers, which index a workspace in batches, and
// the server thread, which does it itself when workers cannot run.
import { checkText, documentSymbols, scanChunk, type DocSymbol, type PortableCheckOptions, type TemplateModel } from '../engine';
import type { NamedTemplate } from '../engine/options';

export interface SymbolsBatch {
  /** The folder's check options; a worker derives the template model once per template text. */
  options: Omit<PortableCheckOptions, 'path'>;
  /** Each file's text and the path its globs are matched against. */
  files: { text: string; path: string | undefined }[];
}

/** One outline per file of the batch, or null for a file that is no deep dive; `templates`: the named ones, built. */
export function batchSymbols(batch: SymbolsBatch, template: TemplateModel, templates: readonly NamedTemplate[] = []): (DocSymbol[] | null)[] {
  return batch.files.map(({ text, path }) => {
    const { analysis } = checkText(text, { ...batch.options, template, templates, path, rules: {} }, scanChunk);
    return analysis ? documentSymbols(analysis) : null;
  });
}
