// The browser build's `lsp/uris.ts` (scripts/build.mjs swaps the module): on
// vscode.dev and github.dev documents and folders are not `file:` URIs but
// `vscode-vfs://github/owner/repo/…`, `vscode-test-web://mount/…` and the like.
// Each URI becomes a POSIX path whose first segment is `scheme:authority`
// (`/vscode-vfs:github/owner/repo/doc.md`), and back, so the adapter's path logic
// (folders, `.deepdive.json`, templates, globs) works unchanged. The path keeps
// the URI's percent-encoding, so a URI the editor sent comes back exactly as sent.
import * as path from './path';

const HIERARCHICAL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/;

export function uriToPath(uri: string): string | null {
  const m = HIERARCHICAL.exec(uri);
  if (!m) return null; // untitled:, and URIs without an authority part: no folder, no files
  const [, scheme, authority, rest] = m;
  return `/${scheme.toLowerCase()}:${authority}${rest.startsWith('/') ? rest : `/${rest}`}`.replace(/\/+$/, '') || '/';
}

export function pathToUri(p: string): string {
  const [, head = '', ...rest] = p.split('/');
  const colon = head.indexOf(':');
  if (colon < 0) return `file://${encodePath(p)}`; // a path that never was a URI (rootPath of an old client)
  return `${head.slice(0, colon)}://${head.slice(colon + 1)}/${encodePath(rest.join('/'))}`;
}

/** A path as messages show it: the URI it stands for, readable (decoded). */
export function displayPath(p: string): string {
  const uri = pathToUri(p);
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/**
 * Percent-encodes as VS Code writes a URI's path (everything but unreserved characters and
 * '/'), so a file found by a folder walk gets the URI the editor gives the same file. An
 * existing escape (the path keeps the URI's encoding) stays as it is.
 */
function encodePath(p: string): string {
  return p.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~/%]/gu, (c) =>
    c.length === 1 && c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c));
}

/** A file or folder name (as a folder listing gives it) as one segment of such a path. */
export function pathSegment(name: string): string {
  return encodePath(name.replace(/%/g, '%25')).replace(/\//g, '%2F');
}

/** `child` is `parent` or below it, as written. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Path of a URI for glob matching: workspace-relative when inside a folder, else the URI's path; decoded. */
export function globPath(uri: string, folder: string | null): string {
  const p = uriToPath(uri);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (p && folder && isInside(p, folder)) return decode(path.relative(folder, p));
  if (p) return decode(p.slice(p.indexOf('/', 1)));
  try {
    return decode(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
