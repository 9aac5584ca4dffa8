// Keeps one analysis per open document, current with its latest version:
// debounced while typing, chunk facts cached between versions (only edited
// chunks are parsed again), stale results dropped, unchanged diagnostics not
// re-sent. Requests (symbols, completion...) await the analysis of the
// version they were asked about, never a second parse of it.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze, BATCH_CHUNK_SIZE, buildDocument, textExceedsDocumentSize, tooLargeNotice, utf8ByteLength, coarsen, detectDeepDive, EDIT_CHUNK_LIMIT, relayout, resolveChunks, scanChunk, splitChunks,
  type Analysis, type ChunkFacts, type ChunkLookup, type ChunkSpan, type DocumentModel, type Finding, type Layout, type LineIndex,
  type ResolvedChunk, type SeveritySetting, type TemplateModel,
} from '../engine';
import type { ChunkParser } from '../node/chunkParser';
import { toDiagnostic } from './convert';

export interface Effective {
  enabled: boolean;
  template: TemplateModel;
  rules: Record<string, SeveritySetting>;
  globs: string[];
  autoDetect: boolean;
  delay: number;
  maxDocumentSize: number;
  /** Path used for glob matching (workspace-relative where possible). */
  globPath: string | undefined;
}

export interface DocResult {
  uri: string;
  version: number;
  /** Null when the document is not a deep dive or checking is disabled. */
  analysis: Analysis | null;
  model: DocumentModel;
  effective: Effective;
  diagnostics: Diagnostic[];
  ms: number;
}

export interface ManagerDeps {
  get(uri: string): TextDocument | undefined;
  effective(uri: string): Promise<Effective>;
  parser: ChunkParser;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  status(result: DocResult): void;
  log(message: string): void;
}

/** A version's resolved chunks and its line index. */
type VersionLayout = Layout & { version: number; lines: LineIndex };

interface DocState {
  /** The chunks of the last fully parsed version: the next edit re-splits and re-parses only around itself. */
  layout?: VersionLayout;
  /** The same for a document beyond maxDocumentSize, whose chunks are line-scanned, never parsed. */
  scanned?: VersionLayout;
  /** Parsed chunks not yet part of a layout (a run still resolving, or superseded), by text. */
  parsed: Map<string, ChunkFacts>;
  /** Chunk parses under way, shared by overlapping runs so no chunk text is parsed twice. */
  pending: Map<string, Promise<ChunkFacts | null>>;
  /** Read with merged chunks (see spansFor). */
  coarse?: boolean;
  /** The structure-only result of a large document's first open was published. */
  structureShown?: boolean;
  result?: DocResult;
  inflight?: { version: number; promise: Promise<DocResult | null> };
  timer?: ReturnType<typeof setTimeout>;
  lastPublished?: string;
}

/** Where a run finds its chunks: the spans of the text, facts known for them, the line index if patched. */
interface Plan {
  spans: ChunkSpan[];
  lookup: ChunkLookup;
  lines?: LineIndex;
}

/** Text from the editor: a BOM it sends is in its buffer, so it is a column there. */
const SYNCED = { bomIsColumn: true };

/** More chunks than this: merge them (see spansFor). */
const COARSE_ABOVE_CHUNKS = 5000;

/** Above this much unparsed text, a structure-only result (line scan) is published first. */
const STRUCTURE_FIRST_THRESHOLD = 256 * 1024;

export class AnalysisManager {
  private states = new Map<string, DocState>();

  constructor(private readonly deps: ManagerDeps) {}

  private state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) {
      // Nothing published yet is the same as an empty list: an ordinary file never gets a publish.
      s = { parsed: new Map(), pending: new Map(), lastPublished: '[]' };
      this.states.set(uri, s);
    }
    return s;
  }

  /** A change arrived: analyse after the configured delay (0 = now). */
  schedule(uri: string, delay: number): void {
    const s = this.state(uri);
    clearTimeout(s.timer);
    const run = () => {
      s.timer = undefined;
      void this.current(uri).catch((e) => this.deps.log(`Analysis of ${uri} failed: ${(e as Error)?.stack ?? e}`));
    };
    if (delay <= 0) run();
    else s.timer = setTimeout(run, delay);
  }

  /** A didOpen for an open uri replaces the document: forget everything about the old text. */
  reopen(uri: string): void {
    const s = this.states.get(uri);
    if (s) clearTimeout(s.timer);
    const last = s?.lastPublished;
    this.states.delete(uri);
    // Keep what the client shows, so unchanged diagnostics for the new text are not sent again.
    if (last !== undefined) this.state(uri).lastPublished = last;
  }

  close(uri: string): void {
    const s = this.states.get(uri);
    if (s) clearTimeout(s.timer);
    this.states.delete(uri);
    this.deps.publish(uri, undefined, []);
  }

  /** Re-check every open document (settings, config or template changed). */
  refreshAll(uris: string[]): void {
    for (const uri of uris) {
      const s = this.states.get(uri);
      if (s) s.result = undefined;
      this.schedule(uri, 0);
    }
  }

  /** The analysis of the document's current version, computing it if needed. */
  async current(uri: string): Promise<DocResult | null> {
    const doc = this.deps.get(uri);
    if (!doc) return null;
    const s = this.state(uri);
    if (s.result && s.result.version === doc.version) return s.result;
    if (s.inflight && s.inflight.version === doc.version) return s.inflight.promise;
    const promise = this.run(uri, doc, s);
    s.inflight = { version: doc.version, promise };
    try {
      return await promise;
    } finally {
      if (s.inflight?.promise === promise) s.inflight = undefined;
    }
  }

  private async run(uri: string, doc: TextDocument, s: DocState): Promise<DocResult | null> {
    const t0 = performance.now();
    const version = doc.version;
    const text = doc.getText();
    // Still the document this run was for: not closed, not reopened (a reopen is a new object, maybe the same version).
    const live = () => this.deps.get(uri) === doc && this.states.get(uri) === s;
    const effective = await this.deps.effective(uri);
    if (!live()) return null;
    const tooLarge = textExceedsDocumentSize(text, effective.maxDocumentSize);

    let model: DocumentModel;
    const plan = this.plan(text, s, tooLarge ? s.scanned ?? s.layout : s.layout);
    if (tooLarge) {
      const built = this.build(text, scanChunk, plan);
      model = built.model;
      // Keystrokes in a 30 MB document then scan around the edit, not all of it.
      s.scanned = { version, text, chunks: built.chunks, lines: model.lines };
    } else {
      s.scanned = undefined;
      const superseded = () => doc.version !== version || !live();
      const built = await this.buildAsync(text, s, plan, superseded, () => {
        if (!s.result && !s.structureShown) {
          // Opening a large document: show the outline and section findings now, placeholders when parsed.
          s.structureShown = true;
          this.emit(this.finish(uri, version, text, this.build(text, scanChunk, { spans: plan.spans, lookup: () => undefined }).model, effective, t0, false, 'structure'), s);
        }
      });
      // Superseded while its chunks were parsed: the newer version's run answers and publishes.
      if (!built) return null;
      model = built.model;
      // Scanned (too large) or structure-only chunks never enter a layout: it holds parsed facts only.
      if (!s.layout || s.layout.version < version) s.layout = { version, text, chunks: built.chunks, lines: model.lines };
      if (doc.version === version) s.parsed.clear();
    }
    if (!live()) return null;
    const result = this.finish(uri, version, text, model, effective, t0, tooLarge);
    // A newer version has its own run, which publishes; this result still answers requests made for this version.
    if (doc.version === version) {
      s.result = result;
      this.emit(result, s);
    }
    return result;
  }

  /**
   * Chunk spans: the fine ones (a keystroke re-parses a small chunk), except for a
   * document of thousands of tiny chunks (100,000 headings), where per-parse setup
   * would dominate: there chunks are merged to about 2 KB (same facts; see coarsen).
   */
  private spansFor(text: string, s: DocState): ChunkSpan[] {
    const fine = splitChunks(text);
    if (!s.coarse && fine.length > COARSE_ABOVE_CHUNKS) s.coarse = true;
    return s.coarse ? coarsen(fine, BATCH_CHUNK_SIZE) : fine;
  }

  /**
   * How to resolve `text`: after an edit, from the last layout (chunks before and
   * after the edit reused by position, the stretch around it split finely);
   * otherwise split afresh and look chunks up by text.
   */
  private plan(text: string, s: DocState, prev: VersionLayout | undefined): Plan {
    const re = prev ? relayout(prev, text, EDIT_CHUNK_LIMIT, s.coarse ? BATCH_CHUNK_SIZE : undefined) : null;
    if (!prev || !re) return { spans: this.spansFor(text, s), lookup: (t) => s.parsed.get(t) };
    return {
      spans: re.spans,
      lookup: (t, start, end) => {
        const k = re.known.get(start);
        return k && k.end === end ? k.facts : re.nearby.get(t) ?? s.parsed.get(t);
      },
      lines: prev.lines.patched(text, re.edit.from, re.edit.oldEnd, re.edit.newEnd, SYNCED),
    };
  }

  /** A model now: chunks the plan has no facts for are read with `parse` (the line scanner). */
  private build(text: string, parse: (t: string) => ChunkFacts, plan: Plan): { model: DocumentModel; chunks: ResolvedChunk[] } {
    const { chunks } = resolveChunks(text, (t, start, end) => plan.lookup(t, start, end) ?? parse(t), plan.spans);
    return { model: buildDocument(text, chunks, { ...SYNCED, lines: plan.lines }), chunks };
  }

  /**
   * Resolves the chunks, parsing what is missing. More than STRUCTURE_FIRST_THRESHOLD
   * of it (a large document opening) is background work, and `onBackground` is called
   * once its parses are queued.
   */
  private async buildAsync(
    text: string,
    s: DocState,
    plan: Plan,
    superseded: () => boolean,
    onBackground: () => void,
  ): Promise<{ model: DocumentModel; chunks: ResolvedChunk[] } | null> {
    let background: boolean | undefined;
    for (;;) {
      if (superseded()) return null;
      const r = resolveChunks(text, plan.lookup, plan.spans);
      if (r.missing.length === 0) return { model: buildDocument(text, r.chunks, { ...SYNCED, lines: plan.lines }), chunks: r.chunks };
      const first = background === undefined;
      background ??= r.missing.reduce((n, t) => n + t.length, 0) > STRUCTURE_FIRST_THRESHOLD;
      const parses = r.missing.map((t) => {
        let p = s.pending.get(t);
        if (!p) {
          // null: dropped unparsed because this run was superseded; a newer run that needs it asks again.
          p = this.deps.parser.parse(t, background, () => !superseded()).then((f) => {
            if (f) s.parsed.set(detached(t), f);
            s.pending.delete(t);
            return f;
          });
          s.pending.set(t, p);
        }
        return p;
      });
      // After the parses are queued, so the workers start while this thread scans.
      if (first && background) onBackground();
      await Promise.all(parses);
    }
  }

  /** `stage`: 'structure' for the line-scan result shown while a large document is still being parsed. */
  private finish(uri: string, version: number, text: string, model: DocumentModel, effective: Effective, t0: number, tooLarge = false, stage: 'structure' | 'full' = 'full'): DocResult {
    let analysis: Analysis | null = null;
    const findings: Finding[] = [];
    if (effective.enabled) {
      const detected = detectDeepDive(model, effective.template, { path: effective.globPath, globs: effective.globs, autoDetect: effective.autoDetect });
      if (detected) {
        analysis = analyze(model, effective.template, { rules: effective.rules });
        findings.push(...analysis.findings);
        if (tooLarge) findings.unshift(tooLargeNotice(utf8ByteLength(text), effective.maxDocumentSize));
        else if (model.degraded && stage === 'full') findings.unshift(notice('Part of this document could not be parsed in time; section checks still run there, placeholder checks do not.', 'partial-analysis'));
      }
    }
    return {
      uri,
      version,
      analysis,
      model,
      effective,
      diagnostics: findings.map((f) => toDiagnostic(f, uri)),
      ms: performance.now() - t0,
    };
  }

  private emit(result: DocResult, s: DocState): void {
    const key = JSON.stringify(result.diagnostics);
    if (key !== s.lastPublished) {
      s.lastPublished = key;
      this.deps.publish(result.uri, result.version, result.diagnostics);
    }
    this.deps.status(result);
  }
}

/**
 * A copy of a chunk's text that does not keep the whole document alive: V8 makes
 * `text.slice()` a view of its parent string, so parse results kept by text while a
 * large document opens would otherwise hold every typed version's full text.
 */
function detached(t: string): string {
  return (' ' + t).slice(1);
}

function notice(message: string, code: string): Finding {
  return { code, severity: 'information', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
