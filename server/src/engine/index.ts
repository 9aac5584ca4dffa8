// Public API of the pure engine. Callers pass text in; nothing here reads
// files, touches the editor or uses Node built-ins (enforced by eslint).
export * from './types';
export { LineIndex } from './lines';
export { splitChunks, coarsen, BATCH_CHUNK_SIZE, SOFT_CHUNK_LIMIT, EDIT_CHUNK_LIMIT, type ChunkSpan } from './chunks';
export { relayout, diffSpan, type Layout, type Relayout, type TextEditSpan } from './relayout';
export { parseChunk, type ChunkFacts, type BlockFact } from './markdown';
export { scanChunk } from './scan';
export { beyondParser, MAX_PARSED_LINE } from './hostile';
export { parseDocument, buildDocument, resolveChunks, type DocumentModel, type Section, type Heading, type Field, type ChunkLookup, type ResolvedChunk } from './document';
export { buildTemplate, allPlaceholders, isTitleHeading, TemplateError } from './template';
export { headingKey, compareKeys, isNearMiss } from './match-text';
export { matchDocument, type TemplateMatch, type Assignment } from './match';
export { analyze, type Analysis, type AnalysisOptions } from './analyze';
export { rules, ruleCodes, findRule, ruleDocsUrl, type Rule } from './rules';
export { detectDeepDive, DEFAULT_GLOBS, frontMatterNamesTemplate, type DetectOptions, type DetectReason } from './detect';
export { checkGlobs, compileGlob, globProblem, matchesGlob, normaliseGlob, quoteGlob, MAX_GLOBS, MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS, type CompiledGlob, type GlobListProblem, type GlobProblem } from './glob';
export { parseConfig, validateConfig, mergeRules, CONFIG_FILE_NAME, DEFAULT_MAX_DOCUMENT_SIZE, MAX_CONFIG_FILE_SIZE, type DeepDiveConfig, type ConfigProblem } from './config';
export { applySuppressions } from './suppress';
export { sectionScaffold, renderBody, placeSection, placeSubsection, insertionText, usesSeparators } from './features/scaffold';
export { documentSymbols, flattenSymbols, workspaceSymbols, type DocSymbol, type FlatSymbol, type SymbolKindName } from './features/symbols';
export { foldingRanges, type FoldRange, type FoldKind } from './features/folding';
export { completions, type Suggestion, type SuggestionKind } from './features/completion';
export { codeActions, quickFixes, insertMissingSections, fixAll, INSERT_ALL_TITLE, type CodeAction } from './features/codeActions';
export { hover, type HoverResult } from './features/hover';
export { newDocument, documentStatus, type NewDocumentOptions, type DocumentStatus } from './features/documentLevel';
export { templateStructures, type TemplateStructure, type StructureKind } from './features/structures';
export { templateSnippets, snippetsFileText, WHOLE_TEMPLATE_PREFIX, type SnippetEntry } from './features/snippets';
export { templateGrammar, grammarFileText, INJECTION_SCOPE, INJECTION_SELECTOR } from './features/grammar';
