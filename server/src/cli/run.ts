// `deep-dive check`: a thin wrapper over the engine. Arguments and exit codes
// live here; config/template loading, walking, checking and formatting are the
// small modules in ./cli/. runCli() takes its streams as functions so tests
// can call it in-process.
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { rules, type Severity } from '../engine';
import type { FileResult } from './check';
import { CliError, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './errors';
import { formatJson, toJsonFile, type JsonFile } from './format-json';
import { SarifBuilder } from './format-sarif';
import { countFindings, formatTextFile, formatTextSummary, newTally } from './format-text';
import { checkPaths } from './pipeline';
import { report, REPORT_FORMATS } from './report';
import { formatSummaryLine } from './summary';
import type { FileTask } from './walk';

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const VERSION: string = version;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'information', 'never'] as const;
type Format = (typeof FORMATS)[number];
type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export const HELP = `Usage: deep-dive check [options] PATH...
       deep-dive report [--format markdown|html|json] [options] PATH...
       deep-dive rules
       deep-dive --help | --version

Checks markdown deep dives against the Deep Dive template.

PATH is a file (always checked), a folder (walked for *.md; only files that
count as deep dives are checked; node_modules and dot-folders are skipped) or a
quoted glob such as "docs/**/*.md" (matches are checked if they are deep dives).

report prints how far each deep dive is written: one row per document with a
bar of its template sections (written, scaffolded, missing), as markdown
(default), one self-contained HTML page, or JSON. It exits 0 whatever the
findings (2 on an unreadable file or a bad template/config).

Options:
  -f, --format text|json|sarif   output format (default: text; report:
                                 markdown|html|json, default markdown)
      --template FILE            template markdown (default: "template" in
                                 .deepdive.json, else the built-in template)
      --config FILE              config file (default: the nearest .deepdive.json
                                 in the current folder or a parent)
      --fail-on LEVEL            error|warning|information|never: exit 1 when a
                                 finding is at or above LEVEL (default: warning)
  -j, --jobs N                   threads checking files, the main one included
                                 (default: one per core for more than 64 files,
                                 else 1)
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage error, unreadable file, or bad template/config.
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
        format: { type: 'string', short: 'f' },
        template: { type: 'string' },
        config: { type: 'string' },
        'fail-on': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new CliError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''), true);
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
    if (command !== 'check' && command !== 'report') throw new CliError(`unknown command "${command}"`, true);
    if (paths.length === 0) throw new CliError(`${command} needs at least one PATH (a file, folder or quoted glob)`, true);
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
      jobs = Number(values.jobs);
      if (!Number.isInteger(jobs) || jobs < 0) throw new CliError(`--jobs must be a whole number (got "${values.jobs}")`, true);
    }
    if (command === 'report') {
      return await report(paths, { format: pick('format', values.format, REPORT_FORMATS, 'markdown'), template: values.template, config: values.config, jobs }, io);
    }
    return await check(paths, {
      format: pick('format', values.format, FORMATS, 'text'),
      failOn: pick('fail-on', values['fail-on'], FAIL_ON, 'warning'),
      template: values.template,
      config: values.config,
      jobs,
    }, io);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    io.stderr(`deep-dive: ${e.message}\n`);
    if (e.usage) io.stderr(`Run 'deep-dive --help' for usage.\n`);
    return EXIT_ERROR;
  }
}

interface CheckOptions {
  format: Format;
  failOn: FailOn;
  template?: string;
  config?: string;
  jobs?: number;
}

async function check(paths: string[], opts: CheckOptions, io: CliIO): Promise<number> {
  const tally = newTally();
  const json: JsonFile[] = [];
  const sarif = new SarifBuilder(io.cwd, VERSION);
  const errors: string[] = [];
  let worst = -1;

  const onResult = (task: FileTask, result: FileResult) => {
    if (result.kind === 'skipped') {
      tally.skipped++;
      return;
    }
    if (result.kind === 'error') {
      errors.push(result.message);
      io.stderr(`deep-dive: ${result.message}\n`);
      sarif.addError(result.message);
      return;
    }
    countFindings(tally, result.findings);
    for (const f of result.findings) worst = Math.max(worst, RANK[f.severity]);
    if (opts.format === 'text') {
      io.stdout(formatTextFile(task.display, result.findings) + formatSummaryLine(task.display, result.summary));
    } else if (opts.format === 'json') json.push(toJsonFile(task.display, result.findings, result.summary));
    else sarif.addFile(task.abs, result.findings);
  };

  // Everything that can make the run meaningless fails before any output.
  await checkPaths(io.cwd, paths, opts, onResult);

  if (opts.format === 'text') io.stdout(formatTextSummary(tally));
  else if (opts.format === 'json') io.stdout(formatJson(json));
  else io.stdout(JSON.stringify(sarif.build(), null, 2) + '\n');

  if (errors.length > 0) return EXIT_ERROR;
  if (opts.failOn !== 'never' && worst >= RANK[opts.failOn]) return EXIT_FINDINGS;
  return EXIT_OK;
}

export function formatRules(): string {
  const width = Math.max(...rules.map((r) => r.code.length));
  const lines = rules.map((r) => `${r.code.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.description}`);
  return `${'code'.padEnd(width)}  ${'default'.padEnd(11)}  description\n${lines.join('\n')}\n`;
}
