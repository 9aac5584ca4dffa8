// Summary statistics for latency samples (nearest-rank percentiles).
export function summarize(samples) {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0, median: null, p95: null, max: null };
  const rank = (p) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
  return { n: xs.length, median: rank(0.5), p95: rank(0.95), max: xs.at(-1) };
}

/** Runs fn repeatedly until `iterations` runs or `budgetMs` elapsed (at least once). */
export async function sample(fn, { iterations, budgetMs }) {
  const out = [];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
    if (performance.now() - start > budgetMs) break;
  }
  return out;
}
