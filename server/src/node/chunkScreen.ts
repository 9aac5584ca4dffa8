// Which chunks the markdown parser must not see, for both hosts' parsers (the Node
// worker pool, the browser's sliced parser): shapes known to stall it, and chunks
// that already ran past the parse deadline, remembered so that an edit elsewhere
// does not pay the deadline again. Such chunks are read by the line scanner. No Node
// built-ins: the browser build uses it as it is.
import { beyondParser, scanChunk, type ChunkFacts } from '../engine';
import { HOSTILE_MEMORY } from './limits';

export class ChunkScreen {
  /** Texts past the deadline: never retried, so a hostile chunk costs its deadline once. */
  private hostile = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /** The line scanner's facts for a chunk the parser must not see, else null. */
  screen(text: string): ChunkFacts | null {
    if (this.hostile.has(text)) return scanChunk(text);
    const refused = beyondParser(text);
    if (!refused) return null;
    this.log(`A ${text.length}-character chunk has ${refused}; reading it with the line scanner.`);
    return scanChunk(text);
  }

  /** A chunk that ran past the deadline (`why` says so): read by the line scanner, from now on too. */
  remember(text: string, why: string): ChunkFacts {
    this.hostile.add(text);
    // Bounded, oldest first out.
    if (this.hostile.size > HOSTILE_MEMORY) this.hostile.delete(this.hostile.values().next().value as string);
    this.log(why);
    return scanChunk(text);
  }

  /** The parser threw on a chunk: read by the line scanner (not remembered: it failed fast). */
  failed(text: string, message: string): ChunkFacts {
    this.log(`Parser failed on a ${text.length}-character chunk (${message}); using the line scanner for it.`);
    return scanChunk(text);
  }
}

/** What the log says of a chunk past the deadline. */
export function pastDeadline(length: number, deadlineMs: number): string {
  return `Parsing a ${length}-character chunk took over ${deadlineMs} ms; using the line scanner for it.`;
}
