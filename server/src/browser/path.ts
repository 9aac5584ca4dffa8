// The browser build's `node:path` for the LSP adapter (scripts/build.mjs points
// `node:path` here for server/src/lsp only): POSIX paths, which is what
// `uris.ts` of this folder makes of every URI. Only what the adapter uses.

export const sep = '/';

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** A repeated slash, a `.` or `..` segment, or a trailing slash: what normalize has to rewrite. */
const NOT_NORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)|.\/$/;

/** `.` and `..` resolved, repeated and trailing slashes dropped; '' is '.'. */
function normalize(p: string): string {
  // The URIs of the editor's documents and folders are already normal: asked of every path on every keystroke.
  if (p !== '' && !NOT_NORMAL.test(p)) return p;
  const absolute = isAbsolute(p);
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

/** Like Node's, but a relative result is taken from the root (a browser has no working directory). */
export function resolve(...parts: string[]): string {
  let p = '';
  for (const part of parts) p = isAbsolute(part) ? part : p ? `${p}/${part}` : part;
  return normalize(isAbsolute(p) ? p : `/${p}`);
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalize(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function relative(from: string, to: string): string {
  const base = resolve(from);
  const target = resolve(to);
  // A path below the other (a document in its folder): the rest of it, without splitting either.
  if (target.startsWith(base) && (target.length === base.length || target[base.length] === '/' || base === '/')) return target.slice(base === '/' ? 1 : base.length + 1);
  const a = base.split('/').filter(Boolean);
  const b = target.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
