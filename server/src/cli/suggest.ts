// "did you mean 'check'?" for a mistyped command: the nearest known word by
// edit distance, when it is near enough to be a typo rather than another word.

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The known word nearest to `word` (case-insensitive), if at most 2 edits and under half its length away. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase().slice(0, 64);
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(w, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.min(2, Math.ceil(best.length / 2)) ? best : undefined;
}
