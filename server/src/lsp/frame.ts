// The LSP base protocol's framing, shared by the stdio transport (stdio.ts) and the
// start-up reader that answers `initialize` before the library is loaded
// (firstMessage.ts). It imports nothing: the start-up reader runs in the first bundle.

/** Ends a frame's header. */
export const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/** The header of a frame whose body is `length` bytes. */
export const frameHeader = (length: number): Buffer => Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii');

/** The body's length from a frame's header, or what is wrong with the header. */
export function contentLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `A message header line has no ':' (${JSON.stringify(line)}).`;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d+$/.test(value)) return `Content-Length must be a number, got ${JSON.stringify(value)}.`;
      length = Number(value);
    } else if (name === 'content-type') {
      const charset = /charset=([^;]+)/i.exec(value)?.[1].trim().toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') return `Messages must be UTF-8, got charset ${charset}.`;
    }
  }
  return length ?? 'A message header has no Content-Length.';
}
