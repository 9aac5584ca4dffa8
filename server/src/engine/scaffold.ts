// Section scaffolds: a template section's heading, subsections and guidance as
// text (final or snippet). Used by the fixes, completion, snippets and new
// documents alike, so every way of adding a section produces the same text.
// Where a scaffold goes is placement.ts.
import type { TemplateSection } from './types';

export interface ScaffoldOptions {
  eol?: string;
  /** Produce snippet syntax: `[placeholder]` becomes a tab stop, `$` and `}` are escaped. */
  snippet?: boolean;
  /** First tab stop number (snippets). */
  firstTabStop?: number;
  /** Include the template's `###` subsections under a `##` section. */
  withChildren?: boolean;
  /**
   * Snippets: a body with no `[placeholder]` (guidance questions) becomes one
   * tab stop, selected so typing replaces it and Tab goes on to the next.
   */
  guidanceStops?: boolean;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** Turns template markdown into final text or snippet text. */
export function renderBody(body: string, opts: ScaffoldOptions, counter = { n: opts.firstTabStop ?? 1 }): string {
  const eol = opts.eol ?? '\n';
  let out: string;
  if (!opts.snippet) out = body;
  else {
    const parts: string[] = [];
    let last = 0;
    // Placeholders in fenced code (mermaid node labels) are code, not tab stops.
    const fenceRanges: [number, number][] = [];
    for (const m of body.matchAll(/^(```|~~~)[\s\S]*?^\1/gm)) fenceRanges.push([m.index!, m.index! + m[0].length]);
    for (const m of body.matchAll(/(?<!\\)\[([^[\]\r\n]+)\](?!\()/g)) {
      if (fenceRanges.some(([a, b]) => m.index! >= a && m.index! < b)) continue;
      parts.push(escapeSnippet(body.slice(last, m.index)));
      parts.push(`\${${counter.n++}:${escapeSnippet(m[1])}}`);
      last = m.index! + m[0].length;
    }
    parts.push(escapeSnippet(body.slice(last)));
    out = parts.join('');
  }
  return out.replace(/\r\n|\r|\n/g, eol);
}

export function sectionScaffold(t: TemplateSection, opts: ScaffoldOptions = {}, counter = { n: opts.firstTabStop ?? 1 }): string {
  const eol = opts.eol ?? '\n';
  const hashes = '#'.repeat(t.depth);
  const parts = [`${hashes} ${opts.snippet ? escapeSnippet(t.title) : t.title}`];
  if (t.body) {
    const first = counter.n;
    const body = renderBody(t.body, opts, counter);
    parts.push(opts.snippet && opts.guidanceStops && counter.n === first ? `\${${counter.n++}:${body}}` : body);
  }
  if (opts.withChildren !== false) {
    for (const c of t.children) parts.push(sectionScaffold(c, { ...opts, withChildren: false }, counter));
  }
  return parts.join(eol + eol);
}
