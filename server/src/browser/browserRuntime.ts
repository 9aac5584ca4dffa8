// The server's runtime in a browser (vscode.dev, github.dev): no disk, so every
// file (templates, `.deepdive.json`, the workspace's deep dives) is asked of the
// client, which reads it with `workspace.fs` on whatever scheme the workspace
// lives on. Paths here are the URIs of ./uris.ts as POSIX paths. Parsing runs in
// this thread in slices (slicedParser.ts); a large open document is kept in a
// buffer as on Node (../node/bufferText.ts).
import type { FsParams, FsResult } from '../protocol';
import { bufferedTexts } from '../node/bufferText';
import { MAX_READ_BYTES, PARSE_DEADLINE_MS } from '../node/limits';
import { codeUnitOrder, isMarkdownName, skippedName } from '../node/markdownNames';
import { portableCodec } from '../node/textCodec';
import type { Runtime } from '../node/runtime';
import { SlicedParser } from './slicedParser';
import { pathSegment, pathToUri } from './uris';

/** Asks the client for a file operation (the `deepDive/fs` request). */
export type FsRequester = (params: FsParams) => Promise<FsResult>;

/** Reads through the editor may go over the network (github.dev fetches from GitHub). */
const READ_DEADLINE_MS = 10_000;

/** The browser's MessagePort as used here (the project's types are Node's, whose ports are emitters). */
interface Port {
  onmessage: (() => void) | null;
  postMessage(message: null): void;
  /** Node only (the tests): a port keeps the process alive while a yield waits on it, and only then. */
  ref?: () => void;
  unref?: () => void;
}

/**
 * Yields a macrotask: a message through a MessageChannel, which browsers do not clamp as they
 * clamp nested timeouts (a chain of `setTimeout(0)` waits 4 ms a turn). One channel serves
 * every yield, in order: a new channel per yield costs about three times as much (some 40 µs
 * against 15 in Chromium), once per chunk while a large document is parsed.
 */
function yielder(): () => Promise<void> {
  let channel: { port: Port; post: () => void; waiting: (() => void)[] } | null = null;
  const open = () => {
    const { port1, port2 } = new MessageChannel() as unknown as { port1: Port; port2: Port };
    const waiting: (() => void)[] = [];
    port1.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) port1.unref?.();
    };
    return { port: port1, waiting, post: () => port2.postMessage(null) };
  };
  return () => new Promise<void>((resolve) => {
    channel ??= open();
    channel.waiting.push(resolve);
    channel.port.ref?.();
    channel.post();
  });
}

/** An Error for a failed operation; `code` 'ENOENT' marks a missing file as on Node. */
function failure(result: FsResult): Error {
  const message = 'error' in result ? result.error : 'unexpected answer from the editor';
  return Object.assign(new Error(message), 'notFound' in result && result.notFound ? { code: 'ENOENT' } : {});
}

/** Folders deeper than this are not walked (a bound, should a file system loop without links). */
const MAX_DEPTH = 32;

/**
 * The markdown files under `folder` through the editor: the disk walk's names, order and limit
 * (markdownFiles.ts). Symbolic links are not followed: the editor does not say where one leads,
 * so whether it stays inside the folder (and is not a loop) cannot be told.
 */
async function walkThroughEditor(folder: string, limit: number, ask: FsRequester): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    const r = await ask({ op: 'readDirectory', uri: pathToUri(dir) });
    if (!('entries' in r)) return; // a folder that cannot be read has no files to offer
    for (const [name, kind, link] of [...r.entries].sort((a, b) => codeUnitOrder(a[0], b[0]))) {
      if (out.length >= limit) return;
      if (skippedName(name) || link) continue;
      const p = `${dir}/${pathSegment(name)}`;
      if (kind === 'file' && isMarkdownName(name)) out.push(p);
      else if (kind === 'directory' && depth < MAX_DEPTH) await visit(p, depth + 1);
    }
  };
  await visit(folder, 0);
  return out;
}

export function browserRuntime(fs: FsRequester, builtinTemplate: { text: string; path: string }): Runtime {
  const ask = async (params: FsParams): Promise<FsResult> => {
    try {
      return await fs(params);
    } catch (e) {
      return { error: `the editor could not be asked (${(e as Error).message})` };
    }
  };
  const yieldToEvents = yielder();
  return {
    builtinTemplate,
    yieldToEvents,
    readDeadlineMs: READ_DEADLINE_MS,
    createParser: (log) => new SlicedParser({ deadlineMs: PARSE_DEADLINE_MS, log, now: () => performance.now(), yieldToEvents }),
    async readFile(path, maxBytes = MAX_READ_BYTES) {
      const r = await ask({ op: 'readFile', uri: pathToUri(path), maxBytes });
      if ('text' in r) return r.text;
      throw failure(r);
    },
    async fileInfo(path) {
      const r = await ask({ op: 'stat', uri: pathToUri(path) });
      return 'stat' in r && r.stat.type === 'file' ? { size: r.stat.size, mtimeMs: r.stat.mtime } : null;
    },
    // workspace.fs reports a symbolic link as what it leads to: there is nothing to resolve.
    realpath: async (path) => path,
    listMarkdownFiles: (folder, limit) => walkThroughEditor(folder, limit, ask),
    // A string edited per key would be a fresh copy of the whole text each version.
    editableText: bufferedTexts(portableCodec()),
  };
}
