// The pure engine's face. Callers pass text in; nothing here reads files,
// touches the editor or uses Node built-ins (enforced by eslint). A document
// is checked through a session (an editor's open document, edited and parsed
// incrementally) or checkText (a whole text read once); the rest is what a
// host needs around them: templates, chunk readers, config, the rule registry.
// Kept small on purpose: engine internals are imported from their own modules
// by the engine itself and by tests, not by hosts.
export * from './types';
export type { CheckOptions, PortableCheckOptions } from './options';
export { createDocumentSession, type DocumentSession, type DocumentSnapshot, type DocumentStatusReport, type PendingVersion } from './session';
export { checkText } from './check';
export type { DocumentModel } from './document';
export type { Analysis, Verdict } from './analyze';
export type { KnownEdit } from './relayout';
export type { SourceText, TextView } from './textView';
export { findWithin } from './textView';
export { LineIndex } from './lines';
export { parseChunk, type ChunkFacts } from './markdown';
export { scanChunk } from './scan';
export { beyondParser } from './hostile';
export { buildTemplate, TemplateError } from './template';
export { rules, type Rule } from './rules';
export { ruleDocsUrl } from './rules/rule';
export { DEFAULT_GLOBS } from './detect';
export { settleSelectionGlobs } from './selection';
export { parseConfig, readRules, mergeRules, CONFIG_FILE_NAME, DEFAULT_MAX_DOCUMENT_SIZE, type DeepDiveConfig, type ConfigProblem } from './config';
export { newDocument, type NewDocumentOptions, type DocumentStatus } from './features/documentLevel';
export { documentSymbols, workspaceSymbols, type DocSymbol, type FlatSymbol, type SymbolKindName } from './features/symbols';
export type { CodeAction } from './features/codeActions';
export type { Suggestion, SuggestionKind } from './features/completion';
export type { FoldRange, FoldKind } from './features/folding';
export type { HoverResult } from './features/hover';
