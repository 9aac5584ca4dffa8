// Inline suppression comments, as markdownlint has them:
//   <!-- deep-dive-disable [code ...] -->            off from this line on
//   <!-- deep-dive-enable [code ...] -->             on again from this line on
//   <!-- deep-dive-disable-next-line [code ...] -->  off for the next line
// No codes means every rule.
import type { DocumentModel } from './document';
import type { Finding } from './types';

const DIRECTIVE = /^\s*deep-dive-(disable-next-line|disable|enable)\b([^]*)$/;

interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  codes: string[] | null;
  line: number;
  endLine: number;
}

export function directives(doc: DocumentModel): Directive[] {
  const out: Directive[] = [];
  for (const c of doc.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(/[\s,]+/).filter(Boolean);
    out.push({
      kind: m[1] as Directive['kind'],
      codes: codes.length ? codes : null,
      line: doc.lines.positionAt(c.start).line,
      endLine: doc.lines.positionAt(c.end).line,
    });
  }
  return out;
}

export function applySuppressions(doc: DocumentModel, findings: Finding[]): Finding[] {
  const ds = directives(doc);
  if (ds.length === 0) return findings;
  return findings.filter((f) => !suppressed(ds, f.code, f.range.start.line));
}

function suppressed(ds: Directive[], code: string, line: number): boolean {
  let off = false;
  for (const d of ds) {
    const applies = d.codes === null || d.codes.includes(code);
    if (!applies) continue;
    if (d.kind === 'disable-next-line') {
      if (line === d.endLine + 1) return true;
    } else if (d.line <= line) {
      off = d.kind === 'disable';
    }
  }
  return off;
}
