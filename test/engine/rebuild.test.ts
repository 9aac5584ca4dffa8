// A model built from the last version's (buildDocument's `from`): the facts of
// the chunks both versions share are taken from the old model, moved by the
// edit's length after it, instead of placed again. Each version must equal a
// model built from its chunks alone: headings after the edit on other lines,
// definitions and degraded chunks that come and go, an edit that keeps every
// length, a text with nothing in common.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildDocument, chunkShift, resolveChunks, type BuiltModel, type DocumentModel } from '../../server/src/engine/document';
import type { ChunkFacts } from '../../server/src/engine/markdown';
import { parseChunk } from '../../server/src/engine';
import { splitChunks } from '../../server/src/engine/chunks';
import { scanChunk } from '../../server/src/engine/scan';

/** Facts by chunk text, as the session finds them again: the same text gives the same facts. */
function reader(scanned: (t: string) => boolean = () => false) {
  const cache = new Map<string, ChunkFacts>();
  return (t: string) => {
    let f = cache.get(t);
    if (!f) cache.set(t, (f = scanned(t) ? scanChunk(t) : parseChunk(t)));
    return f;
  };
}

function factsOf(m: DocumentModel) {
  return {
    blocks: m.blocks, brackets: m.brackets, comments: m.comments, definitions: [...m.definitions].sort(), headings: m.headings,
    fields: m.fields, degraded: m.degraded, frontMatter: m.frontMatter,
    sections: m.sections.map((s) => [s.heading.start, s.start, s.end, s.hasContent, s.children.length]),
    roots: m.roots.map((s) => s.heading.start),
  };
}

const body = (i: number) => `## Section ${i}\n\nParagraph ${i} with a [link][ref${i}] and <!-- note ${i} --> text.\n\n- item ${i}\n`;
const START = `---\ntitle: x\n---\n# Title\n\n**Owner**: someone\n\n${Array.from({ length: 12 }, (_, i) => body(i)).join('\n')}`;

describe('model rebuilt from the last version', () => {
  for (const eol of ['\n', '\r\n']) test(`every edit gives the model of its chunks built afresh (${JSON.stringify(eol)} line ends)`, () => {
    const read = reader((t) => t.includes('SCANNED'));
    const edits: [string, string][] = [
      // Typed in a paragraph: everything after moves by one character.
      ['Paragraph 3 with', 'Paragraph 3 xwith'],
      // Lines added before later headings: their ranges move down.
      ['- item 4\n', '- item 4\n\nMore.\nAnd more.\n'],
      // Same length: nothing moves, but the text of a heading changes.
      ['## Section 7', '## Sectoin 7'],
      // A definition written, then removed.
      ['- item 8\n', '- item 8\n\n[ref8]: https://example.com/8\n'],
      ['\n[ref8]: https://example.com/8\n', ''],
      // A chunk read by the line scanner, then parsed again.
      ['Paragraph 9 with', 'Paragraph 9 SCANNED with'],
      ['Paragraph 9 SCANNED with', 'Paragraph 9 with'],
      // A heading inserted and a level changed: sections regroup around the edit.
      ['## Section 5\n', '## Section 5\n\n### Inserted\n\nText.\n'],
      ['## Section 2\n', '### Section 2\n'],
      // Lines removed across two sections.
      ['- item 10\n\n## Section 11\n', '- item 10 and 11\n'],
      // Front matter and the first field changed.
      ['title: x', 'title: changed'],
      ['**Owner**: someone', '**Owner**: someone else'],
    ];
    const lf = (t: string) => t.replace(/\n/g, eol);
    let text = lf(START);
    let built: BuiltModel | undefined;
    const step = (t: string) => {
      const { chunks } = resolveChunks(t, read);
      const model = buildDocument(t, chunks, { from: built });
      const shift = built && chunkShift(built.chunks, built.model.text.length, chunks, t.length);
      built = { model, chunks };
      assert.deepEqual(factsOf(model), factsOf(buildDocument(t, chunks)), "the model rebuilt from the last version equals one built afresh");
      return shift;
    };
    step(text);
    let shared = 0;
    for (const [from, to] of edits.map(([a, b]) => [lf(a), lf(b)])) {
      assert.ok(text.includes(from), from);
      text = text.replace(from, to);
      const shift = step(text);
      if (shift && (shift.from > 0 || shift.to < text.length)) shared++;
    }
    // Most edits did share chunks with the version before (else this tested only the fresh build).
    assert.ok(shared >= edits.length - 2, `${shared} of ${edits.length} edits shared chunks`);
    // A text with nothing in common is built afresh.
    step('# Other\n\nText.\n');
  });

  test('a section whose heading is in a chunk the edit left alone gains and loses its content by an edit further down its stretch', () => {
    const read = reader();
    let built: BuiltModel | undefined;
    const filled = (t: string) => {
      // Cut at every cut point, as around an edit.
      const { chunks } = resolveChunks(t, read, splitChunks(t, 1));
      const model = buildDocument(t, chunks, { from: built });
      const fresh = buildDocument(t, chunks);
      assert.deepEqual(factsOf(model), factsOf(fresh), 'the model rebuilt from the last version equals one built afresh');
      if (built) assert.ok(chunkShift(built.chunks, built.model.text.length, chunks, t.length).from > t.indexOf('## A'), 'the chunk of the heading is shared');
      built = { model, chunks };
      return model.sections.filter((x) => x.hasContent).map((x) => x.heading.title);
    };
    const text = (a: string, sub: string) => `# Title\n\nIntro.\n\n## A\n\n<!-- guidance only -->\n\n${a}## B\n\n<!-- guidance only -->\n\n${sub}## C\n\nText.\n`;
    assert.deepEqual(filled(text('Written.\n\n', '')), ['Title', 'A', 'C']);
    assert.deepEqual(filled(text('', '')), ['Title', 'C']);
    assert.deepEqual(filled(text('', '### B1\n\n')), ['Title', 'C']);
    assert.deepEqual(filled(text('', '### B1\n\nNow written.\n\n')), ['Title', 'B', 'B1', 'C']);
    assert.deepEqual(filled(text('Written.\n\n', '### B1\n\nNow written.\n\n')), ['Title', 'A', 'B', 'B1', 'C']);
  });
});
