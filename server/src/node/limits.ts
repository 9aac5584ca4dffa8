// Bounds shared by the hosts (Node: files on disk, worker threads; a browser:
// files through the editor, parsing in slices), so both servers read the same
// files and chunks the same way. No imports: the browser build takes it as is.

/** Longest a single chunk may take in the parser before the line scanner reads it instead. */
export const PARSE_DEADLINE_MS = 1500;

/** Chunks larger than this are never given to the parser in the thread that answers the editor (no deadline can stop it there). */
export const IN_THREAD_LIMIT = 256 * 1024;

/** Edited chunks up to this size are parsed straight away in the thread that answers (a keystroke's chunk parses in about a millisecond). */
export const IN_THREAD_FAST = 2 * 1024;

/** The largest file read at all (documents above deepDive.maxDocumentSize are still read, up to this). */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Chunk texts that ran past the deadline (or crashed a worker), kept to read with the scanner straight away. */
export const HOSTILE_MEMORY = 64;
