// Baselines: `--write-baseline FILE` records today's findings so that
// `--baseline FILE` reports only new ones. An entry is a finding's file
// (repo-path.ts), rule, section and message, never its line, so it survives
// lines moving; identical findings in one file are one entry each, so a
// second copy of a problem is still reported. The file is sorted JSON, one
// entry per finding, so a review shows exactly which findings came and went.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine';
import { CliError, describeFsError } from './errors';

export interface BaselineEntry {
  file: string;
  rule: string;
  /** The template section the finding is about, "" when it is about the document. */
  section: string;
  message: string;
}

export interface BaselineFile {
  version: 1;
  findings: BaselineEntry[];
}

/** The section a finding names in its data (the rules put it under one of these), else "". */
export function findingSection(f: Finding): string {
  const d = f.data ?? {};
  for (const key of ['section', 'expected', 'field']) if (typeof d[key] === 'string') return d[key] as string;
  return '';
}

export function toEntry(file: string, f: Finding): BaselineEntry {
  return { file, rule: f.code, section: findingSection(f), message: f.message };
}

/** What makes two entries the same finding. A message that cites a line ("the first is on line 12") matches it on any line. */
function entryKey(e: Omit<BaselineEntry, 'file'>): string {
  return JSON.stringify([e.rule, e.section, e.message.replace(/\bline \d+/g, 'line #')]);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => compare(a.file, b.file) || compare(a.rule, b.rule) || compare(a.section, b.section) || compare(a.message, b.message));
}

export function baselineText(entries: BaselineEntry[]): string {
  // Keys in a fixed order whatever built the objects.
  const findings = sortEntries(entries).map(({ file, rule, section, message }) => ({ file, rule, section, message }));
  return JSON.stringify({ version: 1, findings } satisfies BaselineFile, null, 2) + '\n';
}

function isEntry(e: unknown): e is BaselineEntry {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return ['file', 'rule', 'section', 'message'].every((k) => typeof r[k] === 'string');
}

export function parseBaseline(text: string, name: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`baseline ${name} is not valid JSON: ${(e as Error).message}`);
  }
  const findings = (data as Partial<BaselineFile> | null)?.findings;
  if (typeof data !== 'object' || data === null || (data as BaselineFile).version !== 1 || !Array.isArray(findings)) {
    throw new CliError(`baseline ${name} is not a deep-dive baseline (expected {"version": 1, "findings": [...]}; write one with --write-baseline)`);
  }
  const bad = findings.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new CliError(`baseline ${name}: findings[${bad}] needs string "file", "rule", "section" and "message"`);
  return findings;
}

export function readBaseline(cwd: string, file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`cannot read baseline ${file}: ${describeFsError(e)}`);
  }
  return new Baseline(parseBaseline(text, file));
}

/** Writes through a temporary file beside it, so an interrupted run leaves the old baseline whole. */
export function writeBaseline(cwd: string, file: string, entries: BaselineEntry[]): void {
  const abs = path.resolve(cwd, file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, baselineText(entries));
    renameSync(tmp, abs);
  } catch (e) {
    throw new CliError(`cannot write baseline ${file}: ${describeFsError(e)}`);
  }
}

/** The findings of a baseline, counted per file, used up as matching findings are seen. */
export class Baseline {
  private readonly left = new Map<string, Map<string, number>>();
  /** Findings left out because the baseline holds them. */
  matched = 0;
  private readonly seenFiles = new Set<string>();

  constructor(entries: BaselineEntry[]) {
    for (const e of entries) {
      const counts = this.left.get(e.file) ?? new Map<string, number>();
      counts.set(entryKey(e), (counts.get(entryKey(e)) ?? 0) + 1);
      this.left.set(e.file, counts);
    }
  }

  /** The findings of `file` that the baseline does not hold. */
  filter(file: string, findings: Finding[]): Finding[] {
    this.seenFiles.add(file);
    const counts = this.left.get(file);
    if (!counts) return findings;
    return findings.filter((f) => {
      const key = entryKey(toEntry(file, f));
      const n = counts.get(key) ?? 0;
      if (n === 0) return true;
      counts.set(key, n - 1);
      this.matched++;
      return false;
    });
  }

  /** For stderr after the run: what the baseline `file` held back, and what no longer occurs. */
  summary(file: string): string {
    const n = (count: number) => `${count} finding${count === 1 ? '' : 's'}`;
    let out = `deep-dive: ${n(this.matched)} left out: ${this.matched === 1 ? 'it is' : 'they are'} in ${file}\n`;
    const fixed = this.fixed();
    if (fixed > 0) out += `deep-dive: ${n(fixed)} in ${file} no longer occur${fixed === 1 ? 's' : ''}: run --write-baseline to drop ${fixed === 1 ? 'it' : 'them'}\n`;
    return out;
  }

  /** Entries of the files checked so far that matched no finding: fixed since the baseline was written. */
  fixed(): number {
    let n = 0;
    for (const file of this.seenFiles) for (const count of this.left.get(file)?.values() ?? []) n += count;
    return n;
  }
}
