// The browser server's parser. A web worker has no worker threads to spare, so
// chunks are parsed in the server's own thread, one at a time, with a yield to
// the event loop before each queued one: an LSP request that arrives while a
// 3 MB document is being opened is answered between two chunks, not after the
// whole document. A keystroke's small chunk is parsed straight away, as on Node.
// A synchronous parse cannot be stopped, so the deadline is kept after the fact:
// a chunk whose parse ran past it is read by the line scanner (as the Node pool
// reads one it had to stop) and remembered, so it never costs the parser again.
// Shapes known to stall the parser and chunks over IN_THREAD_LIMIT never reach it.
import { scanChunk, settleSelectionGlobs, type ChunkFacts, type DocSymbol, type TemplateModel } from '../engine';
import { parseChunk } from '../engine/markdown';
import type { NamedTemplate } from '../engine/options';
import { buildTemplate } from '../engine/template';
import { batchSymbols, type SymbolsBatch } from '../node/fileSymbols';
import { ChunkScreen, pastDeadline } from '../node/chunkScreen';
import { IN_THREAD_FAST, IN_THREAD_LIMIT } from '../node/limits';
import type { Parser } from '../node/runtime';

export interface SlicedParserOptions {
  deadlineMs: number;
  log: (message: string) => void;
  /** A monotonic clock in ms (performance.now in a browser). */
  now: () => number;
  /** Gives the event loop a turn (a macrotask: pending messages are handled first). */
  yieldToEvents: () => Promise<void>;
}

interface Job {
  run: () => void;
  background: boolean;
}

export class SlicedParser implements Parser {
  private queue: Job[] = [];
  private draining = false;
  private disposed = false;
  private readonly chunks: ChunkScreen;

  constructor(private readonly opts: SlicedParserOptions) {
    this.chunks = new ChunkScreen(opts.log);
  }

  async parse(text: string, background = false, wanted?: () => boolean): Promise<ChunkFacts | null> {
    const early = this.screen(text);
    if (early) return early;
    if (!background && text.length <= IN_THREAD_FAST) return this.timed(text);
    return this.enqueue(background, () => (wanted?.() === false ? null : this.screen(text) ?? this.timed(text)));
  }

  async buildTemplate(text: string, name: string): Promise<TemplateModel> {
    return this.enqueue(false, () => buildTemplate(text, name));
  }

  async symbols(batch: SymbolsBatch, template: TemplateModel, templates: readonly NamedTemplate[] = []): Promise<(DocSymbol[] | null)[]> {
    // The files' glob answers first, in slices between other messages: the batch then matches from memory.
    for (const { path } of batch.files) {
      for (const _ of settleSelectionGlobs({ template, templates, globs: batch.options.globs, path })) await this.opts.yieldToEvents();
    }
    return this.enqueue(true, () => batchSymbols(batch, template, templates));
  }

  /** Nothing to start: the parser is part of the bundle. */
  warmUp(): void {}

  dispose(): void {
    this.disposed = true;
  }

  /** The scanner's facts for a chunk the parser must not see, else null. */
  private screen(text: string): ChunkFacts | null {
    return this.chunks.screen(text) ?? (text.length > IN_THREAD_LIMIT ? scanChunk(text) : null);
  }

  private timed(text: string): ChunkFacts {
    const start = this.opts.now();
    let facts: ChunkFacts;
    try {
      facts = parseChunk(text);
    } catch (e) {
      return this.chunks.failed(text, (e as Error).message);
    }
    if (this.opts.now() - start <= this.opts.deadlineMs) return facts;
    return this.chunks.remember(text, pastDeadline(text.length, this.opts.deadlineMs));
  }

  /** Runs `work` after a yield, in turn: urgent jobs before background ones, each group first come first served. */
  private enqueue<T>(background: boolean, work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        background,
        run: () => {
          try {
            resolve(work());
          } catch (e) {
            reject(e);
          }
        },
      };
      const i = background ? -1 : this.queue.findIndex((j) => j.background);
      this.queue.splice(i < 0 ? this.queue.length : i, 0, job);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.disposed) {
        await this.opts.yieldToEvents();
        this.queue.shift()?.run();
      }
    } finally {
      this.draining = false;
    }
  }
}
