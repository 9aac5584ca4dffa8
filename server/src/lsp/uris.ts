import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A path as messages show it: on disk, the path itself. */
export function displayPath(p: string): string {
  return p;
}

import { isInside } from '../node/fileBoundary';

export { isInside };

/** Path of a URI for glob matching: workspace-relative when inside a folder, else the URI's path. */
export function globPath(uri: string, folder: string | null): string {
  const p = uriToPath(uri);
  if (p && folder && isInside(p, folder)) return path.relative(folder, p).split(path.sep).join('/');
  if (p) return p.split(path.sep).join('/');
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}
