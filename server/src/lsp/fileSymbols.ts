// The outline of a workspace file for workspace/symbol: read with the line
// scanner (headings need no markdown parse), and only for files detected as deep
// dives. Shared by the analysis workers, which index a workspace in batches, and
// the server thread, which does it itself when workers cannot run.
import { analyze, buildDocument, detectDeepDive, documentSymbols, resolveChunks, scanChunk, type DocSymbol, type TemplateModel } from '../engine';

export interface SymbolsBatch {
  /** The template markdown and its name; a worker derives the model once per template text. */
  template: { text: string; name: string };
  globs: string[];
  autoDetect: boolean;
  /** Each file's text and the path its globs are matched against. */
  files: { text: string; globPath: string | undefined }[];
}

/** One outline per file of the batch, or null for a file that is no deep dive. */
export function batchSymbols(batch: SymbolsBatch, template: TemplateModel): (DocSymbol[] | null)[] {
  return batch.files.map(({ text, globPath }) => {
    const model = buildDocument(text, resolveChunks(text, scanChunk).chunks);
    if (!detectDeepDive(model, template, { path: globPath, globs: batch.globs, autoDetect: batch.autoDetect })) return null;
    return documentSymbols(analyze(model, template, { rules: {} }));
  });
}
