// Plain-text tables (markdown pipe syntax, so the output can be pasted into the README).
export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c == null ? '' : String(c))));
  const w = headers.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(cells[0]), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export const ms = (x) => (x == null || !Number.isFinite(x) ? '-' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
export const mb = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MB` : '-');
export const trio = (s) => (s && s.n ? `${ms(s.median)} / ${ms(s.p95)} / ${ms(s.max)}` : '-');
