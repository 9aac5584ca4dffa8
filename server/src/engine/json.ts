// JSON helpers for the config file: comments blanked out (offsets kept), and
// the offset of a syntax error. V8's JSON.parse messages carry a position only
// for some errors ("Unexpected token '}', …" has none in Node 20), and an
// editor or CLI must point at the error, so the position is found here.

/** Blanks out `//` and block comments, keeping offsets; `unterminated` is where an unclosed block comment starts. */
export function stripJsonComments(text: string): { text: string; unterminated?: number } {
  let out = '';
  let unterminated: number | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out += text[i++] === '\r' ? '\r' : ' ';
      out += text[i] ?? '';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) unterminated = i;
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\r\n]/g, ' ');
      i = stop - 1;
    } else out += c;
  }
  return { text: out, unterminated };
}

const WS = new Set([' ', '\t', '\r', '\n']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** End of the JSON string starting at `i` (a `"`), or -(offset of the error) - 1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 32) return -j - 1;
    if (c === 92) {
      const e = s[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) return -j - 1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -j - 1;
    }
  }
  return -s.length - 1;
}

/**
 * Offset of the first syntax error in JSON text (comments already blanked);
 * text.length when the text just ends too early. Iterative: nesting depth is
 * no danger.
 */
export function jsonErrorOffset(s: string): number {
  const stack: string[] = [];
  let expect: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < s.length && WS.has(s[i])) i++;
    if (i >= s.length) return expect === 'after' && stack.length === 0 ? Math.max(0, s.length - 1) : s.length;
    const c = s[i];
    const top = stack[stack.length - 1];
    if (expect === 'after') {
      if (top === undefined) return i; // something after the value
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if (c === (top === '{' ? '}' : ']')) stack.pop();
      else return i;
      i++;
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        stack.pop();
        i++;
        expect = 'after';
        continue;
      }
      if (c !== '"') return i;
      const end = stringEnd(s, i);
      if (end < 0) return -end - 1;
      i = end;
      while (i < s.length && WS.has(s[i])) i++;
      if (s[i] !== ':') return Math.min(i, s.length);
      i++;
      expect = 'value';
    } else if (c === ']' && expect === 'value-or-close') {
      stack.pop();
      i++;
      expect = 'after';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
    } else {
      let end = -1;
      if (c === '"') {
        end = stringEnd(s, i);
        if (end < 0) return -end - 1;
      } else {
        for (const re of [NUMBER, LITERAL]) {
          re.lastIndex = i;
          if (re.test(s)) end = re.lastIndex;
        }
      }
      if (end < 0) return i;
      i = end;
      expect = 'after';
    }
  }
}

/**
 * Offset of the `index`-th element of the array of strings whose key string
 * starts at `keyAt` (valid JSON, comments blanked), or undefined when the
 * value there is not such an array.
 */
export function stringElementOffset(s: string, keyAt: number, index: number): number | undefined {
  const skip = (i: number) => {
    while (i < s.length && WS.has(s[i])) i++;
    return i;
  };
  const keyEnd = stringEnd(s, keyAt);
  if (keyEnd < 0) return undefined;
  let i = skip(keyEnd);
  if (s[i] !== ':') return undefined;
  i = skip(i + 1);
  if (s[i] !== '[') return undefined;
  i = skip(i + 1);
  for (let k = 0; s[i] === '"'; k++) {
    if (k === index) return i;
    const end = stringEnd(s, i);
    if (end < 0) return undefined;
    i = skip(end);
    if (s[i] !== ',') return undefined;
    i = skip(i + 1);
  }
  return undefined;
}
