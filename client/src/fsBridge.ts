// Answers the server's FS_REQUEST with the editor's file system (`workspace.fs`),
// for the browser server, which has no disk. Any scheme the editor can read works
// (`vscode-vfs:` on github.dev). Failures are answers, never exceptions: the server
// reports them and goes on with its defaults.
import * as vscode from 'vscode';
import type { FsParams, FsResult } from '../../server/src/protocol';

type Kind = 'file' | 'directory' | 'other';

function kind(type: vscode.FileType): Kind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function failure(e: unknown): FsResult {
  const notFound = e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
  return { error: notFound ? 'no such file' : e instanceof Error ? e.message : String(e), notFound };
}

/** Decodes as the desktop server does (Node's utf8): a byte order mark stays in the text. */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export async function answerFs(params: FsParams): Promise<FsResult> {
  try {
    const uri = vscode.Uri.parse(params.uri, true);
    switch (params.op) {
      case 'stat': {
        const s = await vscode.workspace.fs.stat(uri);
        return { stat: { type: kind(s.type), size: s.size, mtime: s.mtime } };
      }
      case 'readFile': {
        // Refused before reading, in the desktop server's words (fileBoundary.ts).
        const s = await vscode.workspace.fs.stat(uri);
        if (kind(s.type) !== 'file') return { error: `not a regular file${kind(s.type) === 'directory' ? ' (a directory)' : ''}` };
        if (s.size > params.maxBytes) return { error: `too large: over ${params.maxBytes} bytes` };
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.byteLength > params.maxBytes) return { error: `too large: over ${params.maxBytes} bytes` };
        return { text: utf8.decode(bytes) };
      }
      case 'readDirectory':
        return { entries: (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => [name, kind(type), (type & vscode.FileType.SymbolicLink) !== 0]) };
      default:
        return { error: 'unknown file operation' };
    }
  } catch (e) {
    return failure(e);
  }
}
