// Text output is read by terminals, grep gates and problem matchers, so what a
// repository controls (file names, headings, config values) must not reach
// them raw: control characters (C0, DEL, C1), the line and paragraph
// separators and the bidi embeddings, overrides and isolates are written
// visibly as C-style escapes (`\n`, `\033`, `\342\200\256` for U+202E: the
// UTF-8 bytes in octal, as git writes them), so one finding stays one line and
// nothing can recolour, retitle, clear or link the terminal.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

function escapeChar(c: string): string {
  return NAMED[c] ?? [...Buffer.from(c, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
}

/** `text` with every unsafe character escaped (for messages and headings). */
export function escapeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

/**
 * A path as git quotes it (core.quotePath style): unchanged when it is safe,
 * else in double quotes with `"` and `\` escaped as well, so the quoted form
 * reads back unambiguously.
 */
export function quotePath(p: string): string {
  if (!UNSAFE.test(p) && !p.includes('"')) return p;
  return `"${p.replace(/["\\]/g, (c) => `\\${c}`).replace(UNSAFE_ALL, escapeChar)}"`;
}
