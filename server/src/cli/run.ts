// `deep-dive check`: a thin wrapper over the engine. Arguments and exit codes
// live here; config/template loading, walking, checking and formatting are the
// small modules in ./cli/. runCli() takes its streams as functions so tests
// can call it in-process.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from '../version';
import { rules, type Finding, type Severity } from '../engine';
import type { FileResult } from './check';
import { loadConfig } from './config-file';
import { readBaseline, toEntry, writeBaseline, type Baseline, type BaselineEntry } from './baseline';
import { CliError, describeFsError, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './errors';
import { explain } from './explain';
import { formatGithubError, formatGithubFile } from './format-github';
import { formatJson, toJsonFile, type JsonFile } from './format-json';
import { SarifBuilder } from './format-sarif';
import { countFindings, formatTextFile, formatTextSummary, newTally } from './format-text';
import { runSetup } from './pipeline';
import { runChecks } from './pool';
import { repoPath, repoRoot } from './repo-path';
import { report, REPORT_FORMATS } from './report';
import { escapeText } from './safe-text';
import { selectTasks, type SelectOptions } from './select';
import { parseShard } from './shard';
import { nearest } from './suggest';
import { formatSummaryLine } from './summary';
import { collectFiles, STDIN_ARG, type FileTask, type StdinInput } from './walk';

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input to its end (for `check -`); absent where there is none. */
  stdin?: () => Promise<Uint8Array>;
}


const COMMANDS = ['check', 'report', 'explain', 'rules', 'mcp', 'help'] as const;
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
const FAIL_ON = [...SEVERITIES, 'never'] as const;
type Format = (typeof FORMATS)[number];
type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export const HELP = `Usage: deep-dive check [options] PATH...
       deep-dive report [--format markdown|html|json] [options] PATH...
       deep-dive explain [--config FILE] [--template FILE] FILE
       deep-dive rules
       deep-dive mcp [--root FOLDER]
       deep-dive --help | --version

Checks markdown deep dives against the Deep Dive template, or against the
workspace's own templates (see "templates" in .deepdive.json).

PATH is a file (always checked), a folder (walked for *.md; only files that
count as deep dives are checked; node_modules and dot-folders are skipped), a
quoted glob such as "docs/**/*.md" (matches are checked if they are deep
dives), or - for standard input (checked if it is a deep dive). Only regular
text files are read: a FIFO, device or socket is refused, a file with NUL
bytes is reported as not text, and above 5 MiB only section-level checks run.

report prints how far each deep dive is written: one row per document with a
bar of its template sections (written, scaffolded, missing), as markdown
(default), one self-contained HTML page, or JSON. It exits 0 whatever the
findings (2 on an unreadable file or a bad template/config).

explain prints which template FILE is checked against and why (front matter,
a glob, or auto-detection with how many of the template's headings).

What to check:
      --template FILE            template markdown (default: "template" in
                                 .deepdive.json, else the built-in template)
      --config FILE              config file (default: the nearest .deepdive.json
                                 in the current folder or a parent)
      --stdin-filename NAME      the path standard input (-) stands for, used in
                                 output, glob matching and detection
      --shard I/N                check only shard I of N (files split by their
                                 path from the repository root)
      --changed-since REF        check only files added, modified or renamed
                                 since the git ref REF (and new files)
      --only-deep-dives          files named directly are checked only if they
                                 are deep dives too (for pre-commit hooks)
      --baseline FILE            report only findings that FILE does not hold
      --write-baseline FILE      record every finding in FILE and exit 0
What to print:
  -f, --format text|json|sarif|github
                                 output format (default: text; github:
                                 annotations for GitHub Actions; report:
                                 markdown|html|json, default markdown)
  -q, --quiet                    print only warnings and errors
                                 (--min-severity warning)
      --min-severity LEVEL       error|warning|information|hint: print only
                                 findings at or above LEVEL (default: hint);
                                 exit codes still count every finding
When to fail:
      --fail-on LEVEL            error|warning|information|hint|never: exit 1
                                 when a finding is at or above LEVEL
                                 (default: warning)
How:
  -j, --jobs N                   threads checking files (1 or more), the main
                                 one included (default: one per core for more
                                 than 64 files, else 1)
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage error, unreadable or refused file, or bad template/config.
Docs: https://github.com/deep-dive/deep-dive/blob/main/docs/cli.md
`;

function pick<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`, true);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        // What to check
        template: { type: 'string' },
        config: { type: 'string' },
        'stdin-filename': { type: 'string' },
        // What to print
        format: { type: 'string', short: 'f' },
        quiet: { type: 'boolean', short: 'q' },
        'min-severity': { type: 'string' },
        // When to fail
        'fail-on': { type: 'string' },
        // How
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        'changed-since': { type: 'string' },
        'only-deep-dives': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new CliError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''), true);
  }
}

/** Whether argv runs a command that serves until its client goes (`mcp`) rather than a run that ends on its own. */
export function servesUntilClosed(argv: string[]): boolean {
  try {
    const { values, positionals } = parse(argv);
    return !values.help && !values.version && positionals[0] === 'mcp';
  } catch {
    return false; // a usage error: runCli reports it and the run ends
  }
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT_OK;
    }
    const [command, ...paths] = positionals;
    if (values.help || command === 'help') {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (command === undefined) {
      io.stderr(HELP);
      return EXIT_ERROR;
    }
    if (command === 'rules') {
      io.stdout(formatRules());
      return EXIT_OK;
    }
    if (command === 'mcp') return await runMcp(paths, values.root, io);
    if (values.root !== undefined) throw new CliError('--root is an option of deep-dive mcp', true);
    if (command === 'explain') return explain(paths, { template: values.template, config: values.config }, io);
    if (command !== 'check' && command !== 'report') {
      const guess = nearest(command, COMMANDS);
      const hint = guess ? `; did you mean '${guess}'?` : existsSync(path.resolve(io.cwd, command)) ? `; to check it: deep-dive check ${command}` : '';
      throw new CliError(`unknown command "${command}"${hint}`, true);
    }
    if (paths.length === 0) throw new CliError(`${command} needs at least one PATH (a file, folder, quoted glob or - for standard input)`, true);
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
      jobs = Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) throw new CliError(`--jobs must be a whole number, 1 or more (got "${values.jobs}")`, true);
    }
    if (command === 'report') {
      return await report(paths, { format: pick('format', values.format, REPORT_FORMATS, 'markdown'), template: values.template, config: values.config, jobs }, io);
    }
    if (values.quiet && values['min-severity'] !== undefined) throw new CliError('--quiet and --min-severity cannot be used together', true);
    if (values['stdin-filename'] !== undefined && !paths.includes(STDIN_ARG)) throw new CliError('--stdin-filename needs - among the PATHs', true);
    return await check(paths, {
      format: pick('format', values.format, FORMATS, 'text'),
      failOn: pick('fail-on', values['fail-on'], FAIL_ON, 'warning'),
      minSeverity: values.quiet ? 'warning' : pick('min-severity', values['min-severity'], SEVERITIES, 'hint'),
      template: values.template,
      config: values.config,
      stdinFilename: values['stdin-filename'],
      jobs,
      select: {
        shard: values.shard === undefined ? undefined : parseShard(values.shard),
        changedSince: values['changed-since'],
        onlyDeepDives: values['only-deep-dives'],
      },
      baseline: values.baseline,
      writeBaseline: values['write-baseline'],
    }, io);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    for (const line of e.lines) io.stderr(`deep-dive: ${escapeText(line)}\n`);
    if (e.usage) io.stderr(`Run 'deep-dive --help' for usage.\n`);
    return EXIT_ERROR;
  }
}

interface CheckOptions {
  format: Format;
  failOn: FailOn;
  /** Findings below this are not printed (they still count for the exit code). */
  minSeverity: Severity;
  template?: string;
  config?: string;
  stdinFilename?: string;
  jobs?: number;
  select: SelectOptions;
  baseline?: string;
  writeBaseline?: string;
}

async function readStdin(io: CliIO, name: string | undefined): Promise<StdinInput> {
  if (!io.stdin) throw new CliError('standard input is not available here');
  try {
    return { bytes: await io.stdin(), name };
  } catch (e) {
    throw new CliError(`cannot read standard input: ${describeFsError(e)}`);
  }
}

async function check(paths: string[], opts: CheckOptions, io: CliIO): Promise<number> {
  // Everything that can make the run meaningless fails before any output.
  const loaded = loadConfig(io.cwd, opts.config);
  const setup = runSetup(io.cwd, loaded, opts.template);
  // With several templates, each file's summary line says which one it was checked against.
  const families = setup.built.templates.length > 0;
  if (opts.writeBaseline !== undefined && (opts.select.shard || opts.select.changedSince !== undefined)) {
    throw new CliError('--write-baseline records every finding, so it cannot be combined with --shard or --changed-since', true);
  }
  const stdin = paths.includes(STDIN_ARG) ? await readStdin(io, opts.stdinFilename) : undefined;
  const root = repoRoot(io.cwd);
  const tasks = selectTasks(await collectFiles(io.cwd, paths, stdin), io.cwd, root, opts.select);
  const baseline: Baseline | null = opts.baseline === undefined ? null : readBaseline(io.cwd, opts.baseline);
  const recorded: BaselineEntry[] = [];

  const tally = newTally();
  const json: JsonFile[] = [];
  const sarif = new SarifBuilder(io.cwd, VERSION);
  const errors: string[] = [];
  let worst = -1;
  let hidden = 0;
  const shown = (f: Finding) => RANK[f.severity] >= RANK[opts.minSeverity];

  const fail = (message: string) => {
    errors.push(message);
    io.stderr(`deep-dive: ${escapeText(message)}\n`);
    sarif.addError(message);
    if (opts.format === 'github') io.stdout(formatGithubError(message));
  };
  const onResult = (task: FileTask, result: FileResult) => {
    if (result.kind === 'skipped') {
      tally.skipped++;
      return;
    }
    if (result.kind === 'error') return fail(result.message);
    if (result.kind === 'binary') {
      const message = `${task.display}: not a text file (it contains NUL bytes); not checked`;
      // Named on the command line: the run could not do what was asked. Found in a folder: passed over, and said.
      if (task.explicit) return fail(message);
      io.stderr(`deep-dive: ${escapeText(message)}\n`);
      tally.skipped++;
      return;
    }
    const file = repoPath(root, task.abs);
    const reported = baseline ? baseline.filter(file, result.findings) : result.findings;
    if (opts.writeBaseline !== undefined) recorded.push(...result.findings.map((f) => toEntry(file, f)));
    countFindings(tally, reported);
    for (const f of reported) worst = Math.max(worst, RANK[f.severity]);
    const findings = reported.filter(shown);
    hidden += reported.length - findings.length;
    // A file no template applies to has its unknown-template finding, and no summary.
    const checked = result.kind === 'checked' ? result : null;
    if (opts.format === 'text') {
      io.stdout(formatTextFile(task.display, findings) + (checked ? formatSummaryLine(task.display, checked.summary, families ? checked.template.name : null) : ''));
    } else if (opts.format === 'github') io.stdout(formatGithubFile(file, findings));
    else if (opts.format === 'json') json.push(toJsonFile(task.display, findings, checked?.summary ?? null, checked?.template ?? null));
    else sarif.addFile(task.abs, findings, checked?.template);
  };

  await runChecks(tasks, setup.ctx, { jobs: opts.jobs, onResult, built: setup.built });

  if (opts.format === 'text' || opts.format === 'github') io.stdout(formatTextSummary(tally, { hidden, minSeverity: opts.minSeverity }));
  else if (opts.format === 'json') io.stdout(formatJson(json));
  else io.stdout(JSON.stringify(sarif.build(), null, 2) + '\n');

  if (baseline) io.stderr(baseline.summary(opts.baseline!));
  if (errors.length > 0) return EXIT_ERROR;
  if (opts.writeBaseline !== undefined) {
    writeBaseline(io.cwd, opts.writeBaseline, recorded);
    io.stderr(`deep-dive: wrote ${recorded.length} finding${recorded.length === 1 ? '' : 's'} to ${opts.writeBaseline}\n`);
    return EXIT_OK;
  }
  if (opts.failOn !== 'never' && worst >= RANK[opts.failOn]) return EXIT_FINDINGS;
  return EXIT_OK;
}

export function formatRules(): string {
  const width = Math.max(...rules.map((r) => r.code.length));
  const lines = rules.map((r) => `${r.code.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.description}`);
  return `${'code'.padEnd(width)}  ${'default'.padEnd(11)}  description\n${lines.join('\n')}\n`;
}

/** `deep-dive mcp`: the MCP server (loaded only for this command), serving until stdin closes. */
async function runMcp(extra: string[], root: string | undefined, io: CliIO): Promise<number> {
  if (extra.length > 0) throw new CliError(`mcp takes no PATH (got "${extra[0]}"); use --root FOLDER`, true);
  const folder = path.resolve(io.cwd, root ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`--root must be a folder (got "${root}")`, true);
  const { serveMcp } = await import('../mcp/serve');
  await serveMcp(folder, VERSION);
  return EXIT_OK;
}
