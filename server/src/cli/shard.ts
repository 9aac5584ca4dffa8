// `--shard I/N`: N CI jobs split the files between them. A file's shard
// depends on nothing but its repository path (repo-path.ts), hashed with
// 32-bit FNV-1a over its UTF-8 bytes: the same file lands in the same shard on
// every machine, whatever else is checked, and the N shards together hold every
// file exactly once.
import { CliError } from './errors';
import { repoPath } from './repo-path';
import type { FileTask } from './walk';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new CliError(`--shard must be I/N with 1 <= I <= N, e.g. 2/4 (got "${value}")`, true);
  }
  return { index, count };
}

const utf8 = new TextEncoder();

/** 32-bit FNV-1a of the string's UTF-8 bytes. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The 1-based shard, of `count`, that the file with this repository path belongs to. */
export function shardOf(repoRelativePath: string, count: number): number {
  return (fnv1a(repoRelativePath) % count) + 1;
}

export function inShard(tasks: FileTask[], root: string, shard: Shard): FileTask[] {
  return tasks.filter((t) => shardOf(repoPath(root, t.abs), shard.count) === shard.index);
}
