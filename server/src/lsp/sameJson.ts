// Whether two values would be written as the same JSON, compared without
// writing either. The manager asks it whether a document's findings changed
// since their diagnostics were last published: kept as one JSON string of the
// diagnostics instead, 16,680 findings held 5 MB for the document's lifetime
// and cost a conversion and a serialisation per analysis.

/**
 * Equal as JSON values: the same primitives, arrays of equal items, objects with
 * equal members. Members whose value is undefined count as absent, as JSON.stringify
 * leaves them out; the order of members is not compared (the client reads a value).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    members++;
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) members--;
  return members === 0;
}
