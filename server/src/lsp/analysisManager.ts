// Keeps each open document's engine session current with its latest version:
// debounced while typing, the session's missing chunks parsed by the worker
// pool (only edited chunks are parsed again), stale results dropped, unchanged
// diagnostics not re-sent. Requests (symbols, completion...) await the
// snapshot of the version they were asked about, never a second parse of it,
// and are answered before a large set of diagnostics is published.
// The incremental state itself (layouts, parsed chunks) is the session's.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createDocumentSession, type DocumentSession, type DocumentSnapshot, type PendingVersion } from '../engine';
import type { ChunkFacts, Finding } from '../engine';
import type { Parser } from '../node/runtime';
import { toDiagnostic } from './convert';
import type { Effective } from './effective';
import { OpenDocument } from './openDocument';
import { sameJson } from './sameJson';

export interface DocResult {
  uri: string;
  version: number;
  /** The engine's answers for this version (no analysis when the document is not a deep dive). */
  snapshot: DocumentSnapshot;
  effective: Effective;
  ms: number;
}

export interface ManagerDeps {
  get(uri: string): TextDocument | undefined;
  effective(uri: string): Promise<Effective>;
  /** The document's options when nothing they are read from changed since they were read: no turn to wait. */
  keptEffective?(uri: string): Effective | undefined;
  parser: Parser;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  status(result: DocResult): void;
  log(message: string): void;
  /** Resolves after the messages and answers already under way (the runtime's yield). */
  yieldToEvents(): Promise<void>;
  /** Resolves once the messages already sent have left the transport (lsp/encoded.ts messagesWritten); at once if absent. */
  messagesWritten?(): Promise<void>;
}

interface DocState {
  /** Created by the first run, with that run's options. */
  session?: DocumentSession;
  /** Chunk parses under way, shared by overlapping runs so no chunk text is parsed twice. */
  pending: Map<string, PendingParse>;
  /** The newest version whose run has listed the chunks it lacks. */
  asked: number;
  /** Wakes the runs waiting for parses when a newer run starts: they stop rather than hold their text. */
  newerRun?: () => void;
  result?: DocResult;
  inflight?: { version: number; promise: Promise<DocResult | null>; requests: number };
  timer?: ReturnType<typeof setTimeout>;
  /** The findings whose diagnostics the client shows for the document (absent: none published yet, the same as none). */
  lastPublished?: readonly Finding[];
  /** The publication waiting for the requests of its version to be answered; a newer one replaces it. */
  publication?: object;
}

interface PendingParse {
  promise: Promise<ChunkFacts | null>;
  /** The newest version whose run needs this chunk: a parse not started before a newer run listed its own chunks without it is dropped. */
  neededBy: number;
}

/** Above this much unparsed text, a structure-only result (line scan) is published first. */
const STRUCTURE_FIRST_THRESHOLD = 256 * 1024;

/**
 * From this many findings, requests waiting for the version are answered, and their
 * answers written out, before its findings are compared, converted and written
 * (several µs a finding: 16,680 of them took 130 ms, which an outline asked for at
 * open waited behind, and then its 22 MB waited in the pipe). Below it the
 * diagnostics go first, as a keystroke's always do: publishing them costs less than
 * any answer.
 */
export const LARGE_PUBLICATION = 1_000;

export class AnalysisManager {
  private states = new Map<string, DocState>();

  constructor(private readonly deps: ManagerDeps) {}

  private state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) {
      s = { pending: new Map(), asked: -Infinity };
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
      void this.analysis(uri, false).catch((e) => this.deps.log(`Analysis of ${uri} failed: ${(e as Error)?.stack ?? e}`));
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

  /** The analysis of the document's current version for a request, computing it if needed. */
  current(uri: string): Promise<DocResult | null> {
    return this.analysis(uri, true);
  }

  /** `request`: asked by a request, whose answer a large publication of this version waits for. */
  private async analysis(uri: string, request: boolean): Promise<DocResult | null> {
    const doc = this.deps.get(uri);
    if (!doc) return null;
    const s = this.state(uri);
    if (s.result && s.result.version === doc.version) return s.result;
    if (s.inflight && s.inflight.version === doc.version) {
      if (request) s.inflight.requests++;
      return s.inflight.promise;
    }
    // In flight before the run begins: a version that lacks no chunk is analysed before the run's
    // first await, and its publication reads how many requests wait for it.
    const inflight: NonNullable<DocState['inflight']> = { version: doc.version, promise: Promise.resolve(null), requests: request ? 1 : 0 };
    s.inflight = inflight;
    const promise = (inflight.promise = this.run(uri, doc, s));
    try {
      return await promise;
    } finally {
      if (s.inflight?.promise === promise) s.inflight = undefined;
    }
  }

  private async run(uri: string, doc: TextDocument, s: DocState): Promise<DocResult | null> {
    const t0 = performance.now();
    const version = doc.version;
    // What changed since the text read before, where the store knows it: the session compares the versions only there.
    const { text, known } = doc instanceof OpenDocument ? doc.readWithEdit() : { text: doc.getText(), known: undefined };
    // Still the document this run was for: not closed, not reopened (a reopen is a new object, maybe the same version).
    const live = () => this.deps.get(uri) === doc && this.states.get(uri) === s;
    s.newerRun?.();
    const newer = new Promise<void>((resolve) => (s.newerRun = resolve));
    const kept = this.deps.keptEffective?.(uri);
    const effective = kept ?? (await this.deps.effective(uri));
    if (!kept && !live()) return null;
    if (s.session) s.session.configure(effective);
    else s.session = createDocumentSession(effective);
    const pending = s.session.update(text, version, known);
    if (!pending.tooLarge) {
      const superseded = () => doc.version !== version || !live();
      // Nothing missing (prose typed into a paragraph): no parse to await, the analysis follows in this turn.
      const missing = pending.missing();
      const parsed = missing.length === 0 ? !superseded() : await this.parseMissing(s, pending, missing, newer, live, superseded, () => {
        // Opening a large document, or typing before its parse is done: show the outline and
        // section findings now (read around the edit only), placeholders when parsed.
        if (!superseded()) this.emit(this.finish(uri, pending.structure(), effective, t0), s);
      });
      // Superseded while its chunks were parsed: the newer version's run answers and publishes.
      if (!parsed) return null;
    }
    const snapshot = pending.complete();
    if (!live()) return null;
    const result = this.finish(uri, snapshot, effective, t0);
    // A newer version has its own run, which publishes; this result still answers requests made for this version.
    if (doc.version === version) {
      s.result = result;
      const requests = s.inflight?.version === version ? s.inflight.requests : 0;
      this.emit(result, s, requests > 0 && snapshot.findings.length >= LARGE_PUBLICATION);
    }
    return result;
  }

  /**
   * Parses the chunks the version lacks (`lacking` first) in the worker pool and hands them to the
   * session, until none is missing; false when superseded first. More than
   * STRUCTURE_FIRST_THRESHOLD of it (a large document opening) is background work,
   * and `onBackground` is called once its parses are queued.
   */
  private async parseMissing(
    s: DocState,
    pending: PendingVersion,
    /** What the version lacked when the run began (resolving a large document's chunks is not free: not twice). */
    lacking: string[],
    newer: Promise<void>,
    live: () => boolean,
    superseded: () => boolean,
    onBackground: () => void,
  ): Promise<boolean> {
    let background: boolean | undefined;
    const version = pending.version;
    for (let known: string[] | null = lacking; ; known = null) {
      if (superseded()) return false;
      const missing = known ?? pending.missing();
      if (missing.length === 0) return true;
      s.asked = Math.max(s.asked, version);
      const first = background === undefined;
      background ??= missing.reduce((n, t) => n + t.length, 0) > STRUCTURE_FIRST_THRESHOLD;
      const parses = missing.map((t) => {
        let p = s.pending.get(t);
        if (p) p.neededBy = Math.max(p.neededBy, version);
        else {
          // A chunk typing left as it was stays queued for the versions after this one; null: dropped
          // unparsed because no current version needs it (or the document closed), and a run that does asks again.
          const entry: PendingParse = { neededBy: version, promise: Promise.resolve(null) };
          entry.promise = this.deps.parser.parse(t, background, () => live() && entry.neededBy >= s.asked).then((f) => {
            if (f) s.session?.provide(t, f);
            s.pending.delete(t);
            return f;
          });
          s.pending.set(t, (p = entry));
        }
        return p.promise;
      });
      // After the parses are queued, so the workers start while this thread scans.
      if (first && background) onBackground();
      const all = Promise.all(parses);
      await Promise.race([all, newer]);
      // Woken by a run for this same version (settings changed): keep waiting for the parses.
      if (!superseded()) await all;
    }
  }

  private finish(uri: string, snapshot: DocumentSnapshot, effective: Effective, t0: number): DocResult {
    return {
      uri,
      version: snapshot.version,
      snapshot,
      effective,
      ms: performance.now() - t0,
    };
  }

  /**
   * Publishes the result's diagnostics when they differ from what the client shows,
   * then its status. `afterRequests`: the requests awaiting this version are
   * answered first (their answers are written in the turn the result resolves
   * them; the publication a turn later). A newer publication, a close or a reopen
   * before then replaces it: nothing older is ever published after something newer.
   */
  private emit(result: DocResult, s: DocState, afterRequests = false): void {
    const publication = {};
    s.publication = publication;
    if (!afterRequests) return this.publish(result, s);
    // The answers are sent a turn after this; then their bytes leave (22 MB for an outline of 100,000 headings)
    // while this thread is free to write them: publishing first would hold the answer's last byte back.
    this.deps.yieldToEvents().then(() => this.deps.messagesWritten?.()).then(() => {
      if (s.publication === publication && this.states.get(result.uri) === s) this.publish(result, s);
    }).catch((e) => this.deps.log(`Publishing the diagnostics of ${result.uri} failed: ${(e as Error)?.stack ?? e}`));
  }

  private publish(result: DocResult, s: DocState): void {
    s.publication = undefined;
    const { findings } = result.snapshot;
    // Diagnostics are the findings converted for the document's uri: equal findings, equal diagnostics.
    // Nothing published yet is the same as an empty list: an ordinary file never gets a publish.
    const changed = !sameJson(findings, s.lastPublished ?? []);
    // Equal or not, the newest list is kept: the one the current snapshot holds anyway, nothing more.
    s.lastPublished = findings;
    if (changed) this.deps.publish(result.uri, result.version, findings.map((f) => toDiagnostic(f, result.uri)));
    this.deps.status(result);
  }
}
