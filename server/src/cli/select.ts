// Narrows the files the PATHs named to the ones this run checks: those that
// changed since a git ref, those of one shard, and (for hooks that pass every
// staged markdown file) only deep dives even among files named directly.
import { keepChanged } from './changed';
import { inShard, type Shard } from './shard';
import type { FileTask } from './walk';

export interface SelectOptions {
  changedSince?: string;
  shard?: Shard;
  onlyDeepDives?: boolean;
}

export function selectTasks(tasks: FileTask[], cwd: string, root: string, opts: SelectOptions): FileTask[] {
  let out = tasks;
  if (opts.changedSince !== undefined) out = keepChanged(out, cwd, opts.changedSince);
  if (opts.shard) out = inShard(out, root, opts.shard);
  if (opts.onlyDeepDives) out = out.map((t) => ({ ...t, explicit: false }));
  return out;
}
