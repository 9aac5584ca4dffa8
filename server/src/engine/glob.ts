// Minimal glob matching for "which files are deep dives" settings: `**`, `*`,
// `?`, `{a,b}` and character classes, on `/`-separated paths. Kept in the
// engine (no dependency) so the CLI and the server decide alike.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of whole folders, including none.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inGroup++;
      out += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      out += ')';
    } else if (c === ',' && inGroup > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  while (inGroup-- > 0) out += ')';
  re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}

/**
 * Whether a path matches a glob. A relative glob without a folder part
 * (`*.deepdive.md`) matches the file name anywhere, as in .gitignore; paths
 * are compared with `/` separators and without a leading `./`.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!g.includes('/')) return globToRegExp(g).test(p.slice(p.lastIndexOf('/') + 1));
  if (globToRegExp(g).test(p)) return true;
  // Absolute paths against workspace-relative globs: try every suffix at a folder boundary.
  if (!g.startsWith('/') && !g.startsWith('**/')) {
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) if (globToRegExp(g).test(p.slice(i + 1))) return true;
  }
  return false;
}
