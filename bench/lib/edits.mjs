// Edit scripts for the keystroke benchmark: 200 typed characters at the end of a
// paragraph line in the middle of the document, then edits that change headings.
// Text is kept as lines so baselines can lint exactly what the server saw.

const TYPED = ' the quick brown fox jumps over the lazy dog,';

/** Lines outside fenced code, classified; used to pick edit points. */
function scan(lines) {
  const kinds = new Array(lines.length);
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f && (!fence || f[1][0] === fence)) { fence = fence ? null : f[1][0]; kinds[i] = 'fence'; continue; }
    if (fence) kinds[i] = 'code';
    else if (/^#{1,6} /.test(l)) kinds[i] = `h${/^#+/.exec(l)[0].length}`;
    else if (/^[A-Za-z]/.test(l)) kinds[i] = 'para';
    else kinds[i] = 'other';
  }
  return kinds;
}

export class EditableDoc {
  constructor(text) { this.lines = text.split('\n'); }
  get text() { return this.lines.join('\n'); }
  /** Applies an LSP-style edit {range:{start,end}, text} (positions in UTF-16 units; our texts are ASCII). */
  apply({ range: { start, end }, text }) {
    const head = this.lines[start.line].slice(0, start.character);
    const tail = this.lines[end.line].slice(end.character);
    this.lines.splice(start.line, end.line - start.line + 1, ...(head + text + tail).split('\n'));
  }
}

const pos = (line, character) => ({ line, character });
const at = (line, character, text) => ({ range: { start: pos(line, character), end: pos(line, character) }, text });

/** Plans edits against the original text; each edit assumes the previous ones were applied. */
export function planEdits(text, typed = 200) {
  const lines = text.split('\n');
  const kinds = scan(lines);
  const mid = Math.floor(lines.length / 2);
  let p = mid;
  while (p < lines.length && kinds[p] !== 'para') p++;
  if (p === lines.length) for (p = mid; p > 0 && kinds[p] !== 'para'; p--);
  const typing = [];
  const base = lines[p].length;
  for (let i = 0; i < typed; i++) typing.push({ ...at(p, base + i, TYPED[i % TYPED.length]), kind: 'type' });

  let h = mid;
  while (h > 0 && kinds[h] !== 'h2') h--;
  if (kinds[h] !== 'h2') h = kinds.indexOf('h2');
  const headingEdits = [];
  if (h >= 0) {
    const title = lines[h].slice(3);
    const renamed = `${title} Renamed`;
    const r = (l, c1, c2, t, kind) => ({ range: { start: pos(l, c1), end: pos(l, c2) }, text: t, kind });
    headingEdits.push(
      r(h, 3, 3 + title.length, renamed, 'rename-h2'),
      r(h, 3, 3 + renamed.length, title, 'restore-h2'),
      { ...at(h, 0, '## Extra Section\n\n'), kind: 'insert-h2' },
      { range: { start: pos(h, 0), end: pos(h + 2, 0) }, text: '', kind: 'delete-h2' },
      { ...at(h, 0, '#'), kind: 'demote-h2' },
      r(h, 0, 1, '', 'promote-h3'),
    );
  }
  return { typing, headingEdits, typingLine: p, headingLine: h };
}
