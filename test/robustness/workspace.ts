// Temporary workspace folders on disk for the configuration and security
// tests, and a snapshot of everything in one (to prove nothing was written).
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestClient } from '../protocol/lspClient';
import { HANG_GUARD_MS } from './harness';

export interface TempWorkspace {
  dir: string;
  uri: string;
  file(rel: string): string;
  uriOf(rel: string): string;
  write(rel: string, text: string): void;
  remove(): void;
}

export function tempWorkspace(files: Record<string, string> = {}): TempWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'deep-dive-robustness-'));
  const ws: TempWorkspace = {
    dir,
    uri: pathToFileURL(dir).href,
    file: (rel) => path.join(dir, rel),
    uriOf: (rel) => pathToFileURL(path.join(dir, rel)).href,
    write(rel, text) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

/** Every entry under `dir`: kind, size, mtime and a content hash (links: their target). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(p)} mtime ${st.mtimeMs}`;
      else if (st.isDirectory()) {
        out[rel] = `dir mtime ${st.mtimeMs}`;
        walk(p);
      } else if (st.isFile()) out[rel] = `file ${st.size} mtime ${st.mtimeMs} sha ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
      else out[rel] = `other mtime ${st.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

/** Tells the server a file changed on disk (1 created, 2 changed, 3 deleted). */
export function fileChanged(c: TestClient, uri: string, type: 1 | 2 | 3 = 2): void {
  void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
}

/** Runs `trigger` and waits (hang guard) until `uri` has been analysed again. */
export async function reanalysed(c: TestClient, uri: string, trigger: () => void): Promise<void> {
  const before = c.statuses.length;
  trigger();
  await c.waitFor(`re-analysis of ${uri}`, () => c.statuses.slice(before).some((s) => s.uri === uri), HANG_GUARD_MS);
}
