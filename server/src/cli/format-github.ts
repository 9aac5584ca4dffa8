// `--format github`: GitHub Actions workflow commands, one per finding, which
// the runner turns into annotations on the pull request's files:
//   ::warning file=docs/a.md,line=3,col=1,endLine=3,endColumn=9,title=missing-section::Missing section …
// Files are named by their repository path (repo-path.ts), as GitHub expects.
// Lines and columns are 1-based; endColumn is exclusive, as in the engine.
import type { Finding, Severity } from '../engine';

/** The command's data (after `::`): `%`, CR and LF escaped, as the runner expects. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, plus `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubLevel(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

export function formatGithubFile(file: string, findings: Finding[]): string {
  let out = '';
  for (const f of findings) {
    const { start, end } = f.range;
    const props = [
      `file=${escapeProperty(file)}`,
      `line=${start.line + 1}`,
      `col=${start.character + 1}`,
      `endLine=${end.line + 1}`,
      `endColumn=${end.character + 1}`,
      `title=${escapeProperty(f.code)}`,
    ];
    out += `::${githubLevel(f.severity)} ${props.join(',')}::${escapeData(f.message)}\n`;
  }
  return out;
}

/** A file that could not be checked: an error annotation without a place. */
export function formatGithubError(message: string): string {
  return `::error title=deep-dive::${escapeData(message)}\n`;
}
