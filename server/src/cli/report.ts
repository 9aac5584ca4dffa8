// `deep-dive report`: how far each deep dive of a folder is written, one row
// per document with a bar of its template sections (written, scaffolded,
// missing), as Markdown (for a pull request or wiki), one self-contained HTML
// page (inline CSS, nothing loaded from elsewhere: publishable from CI as an
// artifact) or JSON.
import type { Finding, Severity } from '../engine';
import type { SectionState } from '../engine/features/completeness';
import { EXIT_ERROR, EXIT_OK } from './errors';
import { loadConfig, resolveTemplate } from './config-file';
import { checkContext } from './pipeline';
import { runChecks } from './pool';
import { escapeText } from './safe-text';
import { collectFiles } from './walk';
import type { FileSections, FileSummary } from './summary';

export const REPORT_FORMATS = ['markdown', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRow {
  path: string;
  /** The document's title, else null. */
  title: string | null;
  summary: FileSummary;
  sections: FileSections['sections'];
  findings: Record<Severity, number>;
}

export interface ReportIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface ReportOptions {
  format: ReportFormat;
  template?: string;
  config?: string;
  jobs?: number;
}

export async function report(paths: string[], opts: ReportOptions, io: ReportIO): Promise<number> {
  // A bad config or template fails before any output, as in `check`.
  const loaded = loadConfig(io.cwd, opts.config);
  const template = resolveTemplate(io.cwd, loaded, opts.template);
  const rows: ReportRow[] = [];
  let errors = 0;
  await runChecks(await collectFiles(io.cwd, paths), checkContext(loaded, template), { jobs: opts.jobs, template: template.model, onResult: (task, result) => {
    if (result.kind === 'error' || (result.kind === 'binary' && task.explicit)) {
      errors++;
      io.stderr(`deep-dive: ${escapeText(result.kind === 'error' ? result.message : `${task.display}: not a text file (it contains NUL bytes); not checked`)}\n`);
    } else if (result.kind === 'checked') {
      rows.push({ path: task.display, title: result.outline.title, summary: result.summary, sections: result.outline.sections, findings: countBySeverity(result.findings) });
    }
  } });
  io.stdout(opts.format === 'html' ? reportHtml(rows) : opts.format === 'json' ? reportJson(rows) : reportMarkdown(rows));
  return errors > 0 ? EXIT_ERROR : EXIT_OK;
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

export interface ReportTotals {
  documents: number;
  written: number;
  sections: number;
  percent: number;
}

export function totals(rows: ReportRow[]): ReportTotals {
  const written = rows.reduce((n, r) => n + r.summary.written, 0);
  const sections = rows.reduce((n, r) => n + r.summary.total, 0);
  return { documents: rows.length, written, sections, percent: sections === 0 ? 100 : Math.floor((written / sections) * 100) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const STATE_TEXT: Record<SectionState, string> = { written: 'written', scaffolded: 'scaffolded (present, not written yet)', missing: 'missing' };

function totalLine(rows: ReportRow[]): string {
  const t = totals(rows);
  if (t.documents === 0) return 'No deep dives found.';
  return `${plural(t.documents, 'deep dive')}: ${t.written} of ${plural(t.sections, 'template section')} written (${t.percent}%).`;
}

function findingsText(f: Record<Severity, number>): string {
  const parts = [f.error ? plural(f.error, 'error') : '', f.warning ? plural(f.warning, 'warning') : '', f.information ? `${f.information} information` : '', f.hint ? plural(f.hint, 'hint') : ''];
  return parts.filter((p) => p !== '').join(', ') || 'none';
}

// Markdown ---------------------------------------------------------------

const SQUARE: Record<SectionState, string> = { written: '🟩', scaffolded: '🟨', missing: '⬜' };

/** Text in a table cell: no line breaks, pipes and markup characters escaped. */
function mdCell(text: string): string {
  return escapeText(text).replace(/\s+/g, ' ').replace(/([\\|[\]*_`<>])/g, '\\$1');
}

function mdLink(path: string): string {
  return encodeURI(path.split('\\').join('/')).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function reportMarkdown(rows: ReportRow[]): string {
  const out = ['# Deep dive completeness', '', totalLine(rows)];
  if (rows.length > 0) {
    out.push('', '| Document | Written | Sections | Findings |', '|---|---|---|---|');
    for (const r of rows) {
      const name = mdCell(r.title ?? r.path);
      out.push(`| [${name}](${mdLink(r.path)}) | ${r.summary.written}/${r.summary.total} (${r.summary.percent}%) | ${r.sections.map((s) => SQUARE[s.state]).join('')} | ${findingsText(r.findings)} |`);
    }
    out.push('', (Object.keys(SQUARE) as SectionState[]).map((s) => `${SQUARE[s]} ${STATE_TEXT[s]}`).join(' · '));
  }
  return out.join('\n') + '\n';
}

// HTML -------------------------------------------------------------------

/** Text for HTML, control and bidi characters made visible as in the text output. */
function esc(text: string): string {
  return escapeText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
:root { color-scheme: light dark; --written: #2da44e; --scaffolded: #d4a72c; --missing: #afb8c1; --line: #d0d7de; --muted: #57606a; }
@media (prefers-color-scheme: dark) { :root { --line: #30363d; --muted: #8b949e; --missing: #484f58; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; }
main { max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.total { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-weight: 600; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.path { color: var(--muted); font-size: .85em; }
.bar { display: flex; gap: 2px; min-width: 12rem; }
.bar span { flex: 1; height: 1rem; border-radius: 2px; }
.written { background: var(--written); }
.scaffolded { background: var(--scaffolded); }
.missing { background: var(--missing); }
.legend { color: var(--muted); margin-top: 1rem; }
.legend span { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin: 0 .3rem 0 1rem; vertical-align: -1px; }
`;

export function reportHtml(rows: ReportRow[]): string {
  const body = rows.map((r) => {
    const counts = `${r.summary.written} written, ${r.summary.scaffolded} scaffolded, ${r.summary.missing} missing`;
    const bar = r.sections.map((s) => `<span class="${s.state}" title="${esc(`${s.title}: ${s.state}`)}"></span>`).join('');
    return `<tr class="document"><td><a href="${esc(mdLink(r.path))}">${esc(r.title ?? r.path)}</a><div class="path">${esc(r.path)}</div></td>` +
      `<td class="num">${r.summary.written}/${r.summary.total} (${r.summary.percent}%)</td>` +
      `<td><div class="bar" role="img" aria-label="${esc(counts)}">${bar}</div></td><td>${esc(findingsText(r.findings))}</td></tr>`;
  });
  const table = rows.length === 0 ? '' : `<table>
<thead><tr><th>Document</th><th>Written</th><th>Sections</th><th>Findings</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
<p class="legend">${(Object.keys(STATE_TEXT) as SectionState[]).map((s) => `<span class="${s}"></span>${esc(STATE_TEXT[s])}`).join('')}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Deep dive completeness</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Deep dive completeness</h1>
<p class="total">${esc(totalLine(rows))}</p>
${table}
</main>
</body>
</html>
`;
}

// JSON -------------------------------------------------------------------

export function reportJson(rows: ReportRow[]): string {
  return JSON.stringify({ documents: rows, total: totals(rows) }, null, 2) + '\n';
}
