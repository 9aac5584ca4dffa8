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
  // disable-next-line: the codes (null: all) silenced on each line.
  const nextLine = new Map<number, Set<string> | null>();
  for (const d of ds) {
    if (d.kind !== 'disable-next-line') continue;
    const line = d.endLine + 1;
    const had = nextLine.get(line);
    if (had === null || d.codes === null) nextLine.set(line, null);
    else nextLine.set(line, new Set([...(had ?? []), ...d.codes]));
  }
  // disable / enable: one sweep in line order. A code is off when the last
  // directive naming it (or naming no code) at or above the line disabled it.
  const ranged = ds.filter((d) => d.kind !== 'disable-next-line');
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].range.start.line - findings[b].range.start.line);
  const keep = new Array<boolean>(findings.length).fill(true);
  let all: { off: boolean; seq: number } = { off: false, seq: -1 };
  const perCode = new Map<string, { off: boolean; seq: number }>();
  let di = 0;
  for (const i of order) {
    const f = findings[i];
    const line = f.range.start.line;
    for (; di < ranged.length && ranged[di].line <= line; di++) {
      const d = ranged[di];
      const state = { off: d.kind === 'disable', seq: di };
      if (d.codes === null) all = state;
      else for (const c of d.codes) perCode.set(c, state);
    }
    const own = perCode.get(f.code);
    const off = own && own.seq > all.seq ? own.off : all.off;
    const next = nextLine.get(line);
    if (off || next === null || next?.has(f.code)) keep[i] = false;
  }
  return findings.filter((_, i) => keep[i]);
}
