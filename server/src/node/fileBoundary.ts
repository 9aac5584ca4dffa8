// One policy for every file Deep Dive reads on its own (documents, templates,
// config files), in the server and the CLI: a regular file, at most maxBytes,
// read with that bound. A FIFO, device or socket is refused before any read
// (opened non-blocking, so even a FIFO swapped in after the stat cannot block),
// and a file that grows past the bound while being read is refused too. And
// what "inside a folder" means, symbolic links resolved.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { MAX_READ_BYTES } from './limits';

export { MAX_READ_BYTES };

/** A file refused by the policy; `message` says why in words fit for a user. */
export class ReadRefused extends Error {
  constructor(message: string, readonly reason: 'not-regular' | 'too-large') {
    super(message);
    this.name = 'ReadRefused';
  }
}

// Windows has no O_NONBLOCK (and no FIFOs to block on).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kind(s: Stats): string {
  if (s.isFIFO()) return ' (a FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return ' (a device)';
  if (s.isSocket()) return ' (a socket)';
  if (s.isDirectory()) return ' (a directory)';
  return '';
}

/** Throws ReadRefused unless `s` is a regular file's (for callers that stat before deciding). */
export function assertRegularFile(s: Stats): void {
  if (!s.isFile()) throw new ReadRefused(`not a regular file${kind(s)}`, 'not-regular');
}

function refuseSize(size: number, maxBytes: number): void {
  if (size > maxBytes) throw new ReadRefused(`too large: over ${maxBytes} bytes`, 'too-large');
}

/** Reads a whole regular file of at most maxBytes; throws ReadRefused, or the fs error (ENOENT, EACCES...). */
export function readBoundedSync(file: string, maxBytes = MAX_READ_BYTES): Buffer {
  const pre = statSync(file);
  assertRegularFile(pre);
  refuseSize(pre.size, maxBytes);
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const s = fstatSync(fd);
    assertRegularFile(s);
    refuseSize(s.size, maxBytes);
    // One byte more than the stat said: reaching it means the file grew, so read on up to the bound.
    let buf: Buffer = Buffer.allocUnsafe(s.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) buf = enlarge(buf, n, maxBytes);
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) return buf.subarray(0, n);
      n += got;
      refuseSize(n, maxBytes);
    }
  } finally {
    closeSync(fd);
  }
}

/** Room for a file longer than its stat said (it grew, or /proc reports 0): doubled, never past one byte over the bound. */
function enlarge(buf: Buffer, n: number, maxBytes: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(64 * 1024, buf.length * 2)));
  buf.copy(bigger, 0, 0, n);
  return bigger;
}

/** The same, asynchronous (for the server, whose thread must not wait on the disk). */
export async function readBounded(file: string, maxBytes = MAX_READ_BYTES): Promise<Buffer> {
  const pre = await stat(file);
  assertRegularFile(pre);
  refuseSize(pre.size, maxBytes);
  const handle = await open(file, OPEN_FLAGS);
  try {
    const s = await handle.stat();
    assertRegularFile(s);
    refuseSize(s.size, maxBytes);
    let buf: Buffer = Buffer.allocUnsafe(s.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) buf = enlarge(buf, n, maxBytes);
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) return buf.subarray(0, n);
      n += bytesRead;
      refuseSize(n, maxBytes);
    }
  } finally {
    await handle.close();
  }
}

/** `child` is `parent` or below it, as written (no file system access). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * `file` is inside `folder` as written and where symbolic links lead (the
 * folder's own links resolved too). A path outside is refused before anything
 * outside is looked at; a file that does not exist is left to the read to report.
 */
export function isReallyInsideSync(file: string, folder: string): boolean {
  return reallyInsideSync(folder)(file);
}

/** isReallyInsideSync for the files of one folder (a config's templates): the folder's links resolved once, when first needed. */
export function reallyInsideSync(folder: string): (file: string) => boolean {
  let realFolder: string | undefined;
  return (file) => {
    if (!isInside(file, folder)) return false;
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      return true;
    }
    return isInside(real, (realFolder ??= realpathSync(folder)));
  };
}

/** A stream (standard input) read to its end, refused past maxBytes. */
export async function readStreamBounded(stream: AsyncIterable<Uint8Array | string>, maxBytes = MAX_READ_BYTES): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    n += b.length;
    refuseSize(n, maxBytes);
    parts.push(b);
  }
  return Buffer.concat(parts, n);
}
