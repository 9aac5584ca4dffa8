// The hottest functions of a V8 CPU profile (`.cpuprofile`: Node's --cpu-prof, or the
// Profiler domain of Chromium's DevTools protocol), by self time, within a time window.

/**
 * @param {object} profile V8 profile: nodes, samples, timeDeltas, startTime (µs)
 * @param {{ start?: number, end?: number, source?: (url: string) => string[] | null, top?: number, group?: (callFrame: object) => string }} opts
 *   window in the profile's clock (µs); `source` gives a script's lines, to name anonymous functions by their text;
 *   `group` names the part of the program a function belongs to, for a second table of self time by part
 * @returns {{ totalMs: number, busyMs: number, lines: string[], groups: string[] }} busyMs: all but the (idle) samples
 */
export function hottestFunctions(profile, { start = -Infinity, end = Infinity, source = () => null, top = 25, group = null } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const byGroup = new Map();
  let ts = profile.startTime;
  let total = 0;
  let idle = 0;
  const snippet = (cf) => {
    const lines = source(cf.url);
    return lines ? `\`${(lines[cf.lineNumber] ?? '').slice(cf.columnNumber, cf.columnNumber + 50).trim()}\`` : '';
  };
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i];
    if (ts < start || ts > end) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const cf = byId.get(profile.samples[i]).callFrame;
    const key = `${cf.functionName || `(anonymous) ${snippet(cf)}`} ${cf.url.split('/').slice(-1)[0]}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (group) byGroup.set(group(cf), (byGroup.get(group(cf)) ?? 0) + dt);
    total += dt;
    if (cf.functionName === '(idle)') idle += dt;
  }
  const rows = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
  return { totalMs: total / 1000, busyMs: (total - idle) / 1000, lines: rows(self, top), groups: rows(byGroup, Infinity) };
}

/**
 * The part of an unminified esbuild bundle a line belongs to, from the `// path` comment esbuild
 * puts before each module: a package of node_modules, or a folder of the project's sources.
 * Functions without a script (the engine's natives, GC, idle) are their own part.
 */
export function bundleParts(bundleText) {
  const starts = [];
  bundleText.split('\n').forEach((line, i) => {
    const m = /^\s*\/\/ (?:node_modules\/((?:@[^/]+\/)?[^/ ]+)\/\S*|(\S+)\/[^/ ]+)$/.exec(line);
    if (m) starts.push([i, m[1] ?? m[2]]);
  });
  return (cf) => {
    if (!cf.url) return cf.functionName.startsWith('(') ? cf.functionName : `${cf.functionName} (native)`;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid][0] <= cf.lineNumber) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo]?.[0] <= cf.lineNumber ? starts[lo][1] : '(bundle preamble)';
  };
}
