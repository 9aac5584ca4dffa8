// The engine's one face: a document session owns everything the engine keeps
// about one document between versions (its last layout of chunks, the parsed
// chunks not yet in a layout, whether it is read in merged chunks) and answers
// every question about a version: model, findings, symbols, folding,
// completion, code actions, hover, status. Parsing is the caller's job, so it
// can happen off the thread that answers the editor: a version says which chunk
// texts it still lacks, the caller parses them anywhere and hands the facts
// back with `provide`. `checkText` (check.ts) is the same pipeline for a whole
// text read once, without the editor answers.
import { analyzeDocument, type Analysis } from './analyze';
import { BATCH_CHUNK_SIZE, coarsen, EDIT_CHUNK_LIMIT, splitChunks, type ChunkSpan } from './chunks';
import { editedByteLength, textExceedsDocumentSize, utf8ByteLength } from './documentSize';
import { buildDocument, resolveChunks, type BuiltModel, type ChunkLookup, type DocumentModel, type ResolvedChunk } from './document';
import type { LineIndex } from './lines';
import type { ChunkFacts } from './markdown';
import { createAnalysisMemo, TextMap, type AnalysisMemo } from './memo';
import { relayout, spanFits, type KnownEdit, type Layout } from './relayout';
import { plainFacts } from './plainChunk';
import { scanChunk } from './scan';
import { wholeText, type SourceText } from './textView';
import type { CheckOptions } from './options';
import type { Finding, Position, Range, TextEdit } from './types';
import { codeActions, fixAll, insertMissingSections, type CodeAction } from './features/codeActions';
import { missingSectionLenses, type GapLens } from './features/codeLenses';
import { completions, type Suggestion } from './features/completion';
import { documentStatus, typedStatus, type DocumentStatus } from './features/documentLevel';
import { foldingRanges, type FoldRange } from './features/folding';
import { hover, type HoverResult } from './features/hover';
import { documentOverview, type DocumentOverview } from './features/overview';
import { documentSymbols, type DocSymbol } from './features/symbols';
import { templateHover, templateNameCompletions } from './features/templateChoice';
import { describeReason } from './selection';

/** More chunks than this: the document is read in merged chunks from then on (see spansFor). */
const COARSE_ABOVE_CHUNKS = 5000;

/** Text from an editor: a BOM it sends is in its buffer, so it is a column there. */
const SYNCED = { bomIsColumn: true };

/** A version's resolved chunks and its line index. */
type VersionLayout = Layout & { version: number; lines: LineIndex };

/** What a version of a document is, with every answer the editor asks of it. */
export interface DocumentSnapshot {
  version: number;
  model: DocumentModel;
  /** Null when the document is not a deep dive (or checking is disabled). */
  analysis: Analysis | null;
  /** The rules' findings plus notices about how the document was read (too large, partly unparsed). */
  findings: Finding[];
  /** 'structure': the line-scan view shown while a large document is still being parsed. */
  stage: 'structure' | 'full';
  symbols(): DocSymbol[];
  folding(): FoldRange[];
  completions(position: Position): Suggestion[];
  codeActions(range: Range): CodeAction[];
  /** Every safe fix at once (the fix-all code action). */
  fixAll(): TextEdit[];
  /** Every missing section, or those titled in `only`. */
  insertMissingSections(only?: readonly string[]): TextEdit[];
  hover(position: Position): HoverResult | null;
  status(): DocumentStatusReport;
  /** Code lenses at the gaps where missing sections belong. */
  codeLenses(): GapLens[];
  /** The sections view: present and missing sections in template order (null for ordinary markdown). */
  overview(): DocumentOverview | null;
}

export interface DocumentStatusReport extends DocumentStatus {
  isDeepDive: boolean;
  degraded: boolean;
  /** The template the document is checked against, and why in words (describeReason). */
  template?: string;
  templateReason?: string;
}

/** One version being resolved: ask what is missing, hand the parses to the session, then complete it. */
export interface PendingVersion {
  readonly version: number;
  /** The text as the session was given it. */
  readonly text: SourceText;
  /** Beyond maxDocumentSize: read by the line scanner only, so nothing is ever missing. */
  readonly tooLarge: boolean;
  /** Chunk texts the session has no facts for yet (empty: `complete` can answer). */
  missing(): string[];
  /** The snapshot of this version; chunks still missing are read with the line scanner. */
  complete(): DocumentSnapshot;
  /**
   * The snapshot to show before the version's chunks are all parsed: chunks
   * parsed already are used, the others read with the line scanner (all of them
   * when a large document opens). The next version starts from its layout, so
   * a key typed meanwhile is shown after reading only around the edit.
   */
  structure(): DocumentSnapshot;
}

export interface DocumentSession {
  /** The options later versions are checked with (settings, config or template changed). */
  configure(options: CheckOptions): void;
  /**
   * A new version of the text: after an edit only the chunks around it need
   * parsing again. `editorEdit`: what the editor says changed since a text this
   * session was given, so that the texts are compared only there. A view of the
   * host's buffer (textView.ts) is read only where the work needs it: typing in
   * prose makes no string of the whole text.
   */
  update(text: SourceText, version: number, editorEdit?: KnownEdit): PendingVersion;
  /** The facts of a parsed chunk text (one `missing` named). */
  provide(chunkText: string, facts: ChunkFacts): void;
}

/** Where a version finds its chunks: the spans of the text, facts known for them, the line index if patched. */
interface Plan {
  spans: ChunkSpan[];
  /** Parsed facts only. */
  lookup: ChunkLookup;
  /** Facts of the draft the plan started from, line-scanned ones included. */
  draftLookup: ChunkLookup;
  lines?: LineIndex;
  /** Every chunk with its facts, when the relayout knew them all and none is a draft's line scan. */
  resolved?: ResolvedChunk[];
  /** Prose typed into a paragraph of this version of the last layout (relayout's `proseTyped`). */
  typedFrom?: number;
}

export function createDocumentSession(initial: CheckOptions): DocumentSession {
  let options = initial;
  /** The chunks of the last fully parsed version: the next edit re-splits and re-parses only around itself. */
  let layout: VersionLayout | undefined;
  /** The same for a document beyond maxDocumentSize, whose chunks are line-scanned, never parsed. */
  let scanned: VersionLayout | undefined;
  /** Parsed chunks not yet part of a layout (a version still resolving, or superseded), by text. */
  const parsed = new TextMap<ChunkFacts>();
  /** Read with merged chunks (see spansFor). */
  let coarse = false;
  /** The newest version begun: only its completion drops the parsed chunks of older ones. */
  let newest = -Infinity;
  /** Rule results of unchanged text, reused by the next version's analysis (memo.ts). */
  const memo = createAnalysisMemo();
  /**
   * The layout of the last structure-only snapshot, newer than `layout`: part
   * of its chunks were read by the line scanner for the time being (`drafted`
   * facts), which a version's `missing` still lists for parsing.
   */
  let draft: VersionLayout | undefined;
  const drafted = new WeakSet<ChunkFacts>();
  /** The last model built: the next one takes the facts of the chunks both share from it. */
  let built: BuiltModel | undefined;
  /** The UTF-8 size of the last text sized: the next version is sized from its edit alone. */
  let sized: { text: SourceText; bytes: number } | undefined;
  /** The status of the last full analysis that was asked for one: prose typed after it may keep it (typedStatus). */
  let lastStatus: KeptStatus | undefined;
  const keepStatus = (kept: KeptStatus) => {
    if (!lastStatus || lastStatus.version <= kept.version) lastStatus = kept;
  };

  /**
   * Whether `text` is beyond maxDocumentSize. Counting the UTF-8 bytes of a 3 MB
   * text took several milliseconds, so after an edit the editor reports only the
   * edited stretch is counted (editedByteLength). A function of the session, not a
   * closure of `update`, so that a version's answers do not keep the text before
   * it (`edit.base`) alive.
   */
  const beyondLimit = (text: SourceText, limit: number, edit: KnownEdit | undefined): boolean =>
    textExceedsDocumentSize(text, limit, (t) => {
      const last = sized;
      const bytes = last && edit && edit.base === last.text && spanFits(edit, last.text, t) ? editedByteLength(last.bytes, last.text, t, edit) : utf8ByteLength(wholeText(t));
      sized = { text: t, bytes };
      return bytes;
    });

  const build = (text: SourceText, chunks: ResolvedChunk[], lines: LineIndex | undefined): BuiltModel => {
    built = { model: buildDocument(text, chunks, { ...SYNCED, lines, from: built }), chunks };
    return built;
  };

  /**
   * Chunk spans: the fine ones (a keystroke re-parses a small chunk), except for a
   * document of thousands of tiny chunks (100,000 headings), where per-parse setup
   * would dominate: there chunks are merged to about 2 KB (same facts; see coarsen).
   */
  const spansFor = (text: SourceText): ChunkSpan[] => {
    const fine = splitChunks(wholeText(text));
    if (!coarse && fine.length > COARSE_ABOVE_CHUNKS) coarse = true;
    return coarse ? coarsen(fine, BATCH_CHUNK_SIZE) : fine;
  };

  /** Facts parsed already, or read without a parser (plainChunk.ts): such a chunk is never missing. */
  const known = (t: string): ChunkFacts | undefined => parsed.get(t) ?? plainFacts(t) ?? undefined;

  /**
   * How to resolve `text`: after an edit, from the last layout (chunks before and
   * after the edit reused by position, the stretch around it split finely);
   * otherwise split afresh and look chunks up by text. `scanOnly`: a text beyond
   * maxDocumentSize, whose chunks are all line-scanned (none taken from a parse).
   */
  const plan = (text: SourceText, prev: VersionLayout | undefined, editorEdit: KnownEdit | undefined, scanOnly: boolean): Plan => {
    const re = prev ? relayout(prev, text, EDIT_CHUNK_LIMIT, coarse ? BATCH_CHUNK_SIZE : undefined, editorEdit) : null;
    const unseen = scanOnly ? () => undefined : known;
    if (!prev || !re) return { spans: spansFor(text), lookup: unseen, draftLookup: () => undefined };
    const reused = (t: string, start: number, end: number) => {
      const k = re.known.get(start);
      return k && k.end === end ? k.facts : re.nearby.get(t);
    };
    return {
      // Made only if asked for: typing in prose resolves every chunk without them.
      get spans() {
        return re.spans;
      },
      lookup: (t, start, end) => {
        const f = reused(t, start, end);
        if (!f) return unseen(t);
        // A line-scanned draft chunk was not one plainFacts reads: only a parse can replace it.
        return drafted.has(f) ? parsed.get(t) : f;
      },
      draftLookup: reused,
      lines: prev.lines.patched(text, re.edit.from, re.edit.oldEnd, re.edit.newEnd, SYNCED),
      // A draft's line-scanned chunks still need their parse (see lookup).
      resolved: prev === draft ? undefined : re.resolved,
      typedFrom: re.proseTyped && prev !== draft ? prev.version : undefined,
    };
  };

  /** A model now: chunks the plan has no facts for are read with the line scanner. */
  const scanBuild = (text: SourceText, p: Plan): BuiltModel => {
    const chunks = p.resolved ?? resolveChunks(text, (t, start, end) => p.lookup(t, start, end) ?? scanChunk(t), p.spans).chunks;
    return build(text, chunks, p.lines);
  };

  /** A chunk read by the line scanner until it is parsed. */
  const scanForNow = (t: string): ChunkFacts => {
    const f = scanChunk(t);
    drafted.add(f);
    return f;
  };

  return {
    configure(next) {
      options = next;
    },

    update(text, version, editorEdit) {
      if (version > newest) newest = version;
      const opts = options;
      const tooLarge = opts.maxDocumentSize !== undefined && beyondLimit(text, opts.maxDocumentSize, editorEdit);
      // A text that grew beyond the limit is scanned whole once, as if opened so: none of its chunks come from a parse.
      const p = plan(text, tooLarge ? scanned : draft && (!layout || draft.version > layout.version) ? draft : layout, editorEdit, tooLarge);
      if (!tooLarge) scanned = undefined;
      let done: DocumentSnapshot | undefined;
      /** The last resolution `missing` made (or the plan's own): when it lacked nothing, `complete` builds from it. */
      let resolvedAll: ResolvedChunk[] | undefined = p.resolved;
      return {
        version,
        text,
        tooLarge,
        missing() {
          if (tooLarge || resolvedAll) return [];
          const r = resolveChunks(text, p.lookup, p.spans);
          if (r.missing.length === 0) resolvedAll = r.chunks;
          return r.missing;
        },
        complete() {
          if (done) return done;
          if (tooLarge) {
            const built = scanBuild(text, p);
            // Keystrokes in a 30 MB document then scan around the edit, not all of it.
            scanned = { version, text, chunks: built.chunks, lines: built.model.lines };
            return (done = snapshot(memo, version, built, opts, 'full', true));
          }
          const resolved = resolvedAll ? { chunks: resolvedAll, missing: [] } : resolveChunks(text, p.lookup, p.spans);
          if (resolved.missing.length > 0) {
            // Asked before every chunk was parsed: line-scan the rest, and keep this out of the layout.
            return (done = snapshot(memo, version, scanBuild(text, p), opts, 'full', false));
          }
          const { model } = build(text, resolved.chunks, p.lines);
          // Scanned (too large) or structure-only chunks never enter a layout: it holds parsed facts only.
          if (!layout || layout.version < version) layout = { version, text, chunks: resolved.chunks, lines: model.lines };
          if (draft && draft.version <= version) draft = undefined;
          if (version === newest) parsed.clear();
          const typedAfter = p.typedFrom !== undefined && lastStatus?.version === p.typedFrom ? lastStatus : undefined;
          return (done = snapshot(memo, version, { model, chunks: resolved.chunks }, opts, 'full', false, { typedAfter, keep: keepStatus }));
        },
        structure() {
          const { chunks } = resolveChunks(text, (t, start, end) => p.lookup(t, start, end) ?? p.draftLookup(t, start, end) ?? scanForNow(t), p.spans);
          const { model } = build(text, chunks, p.lines);
          if (version === newest) draft = { version, text, chunks, lines: model.lines };
          return snapshot(memo, version, { model, chunks }, opts, 'structure', false);
        },
      };
    },

    provide(chunkText, facts) {
      parsed.set(chunkText, facts);
    },
  };
}

/** A full analysis's document status, for the version after it when that is prose typed into it. */
interface KeptStatus {
  version: number;
  analysis: Analysis;
  status: DocumentStatus;
}

/** What a full snapshot's status is counted from: the last one kept when prose was typed since (`typedAfter`). */
interface StatusKeeping {
  typedAfter: KeptStatus | undefined;
  keep(kept: KeptStatus): void;
}

/** A version's snapshot: its verdict under `options` and the answers built on it. */
function snapshot(
  memo: AnalysisMemo, version: number, { model, chunks }: { model: DocumentModel; chunks: ResolvedChunk[] }, options: CheckOptions,
  stage: 'structure' | 'full', tooLarge: boolean, keeping?: StatusKeeping,
): DocumentSnapshot {
  // The memo finds again what the last analysis read of the chunks this model shares with it.
  memo.begin(chunks, model.source.length, model);
  const { analysis: a, findings } = analyzeDocument(model, options, { tooLarge, sayPartial: stage === 'full', memo });
  const statusOf = (analysis: Analysis): DocumentStatus => {
    if (!keeping) return documentStatus(analysis);
    const status = typedStatus(analysis, keeping.typedAfter);
    keeping.keep({ version, analysis, status });
    return status;
  };
  return {
    version,
    model,
    analysis: a,
    findings,
    stage,
    symbols: () => (a ? documentSymbols(a) : []),
    folding: () => (a ? foldingRanges(model) : []),
    completions: (position) => templateNameCompletions(model, options, position) ?? (a ? completions(a, position) : []),
    codeActions: (range) => (a ? codeActions(a, range) : []),
    fixAll: () => (a ? fixAll(a) : []),
    insertMissingSections: (only) => (a ? insertMissingSections(a, only) : []),
    hover: (position) => (a ? templateHover(model, a.selection, options, position) ?? hover(a, position) : null),
    codeLenses: () => (a ? missingSectionLenses(a) : []),
    overview: () => (a ? documentOverview(a) : null),
    status: () => ({
      ...(a ? statusOf(a) : { present: 0, written: 0, total: 0, missing: [], scaffolded: [] }),
      isDeepDive: !!a,
      degraded: model.degraded,
      ...(a?.selection ? { template: a.selection.name, templateReason: describeReason(a.selection.reason) } : {}),
    }),
  };
}

