// Shapes that make remark/micromark run for seconds or minutes on small
// input (measured: `>` x 50,000 on one line, `*a` x 500,000, `[a](` x 100,000,
// lists nested 2,000 deep, blockquotes 16k deep). Such a chunk goes straight to
// the line scanner: without this check every keystroke in it would wait for
// the parse deadline again, since the edited chunk is new text each time.

/** Longer lines than this are not parsed: prose paragraphs stay far below it. */
export const MAX_PARSED_LINE = 10_000;
/** Indentation that only nesting hundreds of levels deep produces. */
const DEEP_INDENT = 200;
const MAX_DEEP_LINES = 32;

/** Why a chunk should not be given to the markdown parser, or null when it can be. */
export function beyondParser(text: string): string | null {
  let lineStart = 0;
  let deep = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    if (i - lineStart > MAX_PARSED_LINE) return `a line of ${i - lineStart} characters`;
    let indent = lineStart;
    while (indent < i && indent - lineStart <= DEEP_INDENT) {
      const d = text.charCodeAt(indent);
      if (d !== 32 && d !== 9 && d !== 62) break; // spaces, tabs, `>`
      indent++;
    }
    if (indent - lineStart > DEEP_INDENT && ++deep > MAX_DEEP_LINES) return 'nesting hundreds of levels deep';
    lineStart = i + 1;
  }
  return null;
}
