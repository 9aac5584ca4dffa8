// textDocument/didChange: the open documents' text store (server/src/lsp/openDocument.ts)
// and the hosts' buffer under large documents (server/src/node/bufferText.ts, with the
// Node host's codec and with the portable one the browser host uses, also where there
// is no Buffer at all). In process, random edit sessions give the same text, lines,
// offsets and positions as vscode-languageserver-textdocument and as the tests' own text
// model, with the text kept as a string and in the buffer; through the server, a
// document large enough for the buffer is checked after edits as a fresh open of
// the same text.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument, type Position } from 'vscode-languageserver-textdocument';
import { diffSpan } from '../../server/src/engine/relayout';
import { wholeText } from '../../server/src/engine/textView';
import { OpenDocument, openDocuments } from '../../server/src/lsp/openDocument';
import { bufferCodec } from '../../server/src/node/bufferCodec';
import { BUFFERED_TEXT_MIN, BufferText } from '../../server/src/node/bufferText';
import { portableCodec, type TextCodec } from '../../server/src/node/textCodec';
import { applyAll, editArb, toNotifications } from '../robustness/edits';
import { normalise, seedFor } from '../robustness/harness';
import { lineStarts, offsetAt, positionAt } from '../robustness/text';
import { completeDoc } from './fixtures';
import { TestClient } from './lspClient';

type Change = Parameters<OpenDocument['update']>[0][number];
/** The changes as the server receives them: through JSON (a position the generator leaves NaN arrives as null). */
const wire = <T>(changes: T): T => JSON.parse(JSON.stringify(changes)) as T;
const CODECS: Record<string, TextCodec> = { 'Node codec': bufferCodec, 'portable codec': portableCodec() };
const STORES = {
  string: () => undefined,
  'buffer (Node codec)': (t: string) => new BufferText(t, bufferCodec),
  'buffer (portable codec)': (t: string) => new BufferText(t, CODECS['portable codec']),
};

/** Runs `f` with no global Buffer, as in a browser's worker. */
function withoutBuffer<T>(f: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'Buffer')!;
  delete (globalThis as { Buffer?: unknown }).Buffer;
  try {
    return f();
  } finally {
    Object.defineProperty(globalThis, 'Buffer', saved);
  }
}
const START = completeDoc();

/**
 * Everything a handler can read from a document, compared with the library's and,
 * with `model`, the tests' text model (ranges outside the text leave the library's
 * line count off: it is the library's answers that are kept then).
 */
function assertSame(doc: OpenDocument, lib: TextDocument, text: string, where: string, probes: number[], model = true): void {
  assert.equal(doc.getText(), text, `text after ${where}`);
  assert.equal(doc.getText(), lib.getText(), `text (library) after ${where}`);
  assert.equal(doc.lineCount, lib.lineCount, `lineCount after ${where}`);
  const starts = model ? lineStarts(text) : Array.from({ length: lib.lineCount }, (_, i) => lib.offsetAt({ line: i, character: 0 }));
  if (model) assert.equal(doc.lineCount, starts.length, `lineCount (model) after ${where}`);
  for (const p of probes) {
    const offset = Math.floor(p * (text.length + 2)) - 1;
    assert.deepEqual(doc.positionAt(offset), lib.positionAt(offset), `positionAt(${offset}) after ${where}`);
    const line = Math.floor(p * (starts.length + 1));
    const pos = { line, character: Math.floor(p * 97) % 40 };
    assert.equal(doc.offsetAt(pos), lib.offsetAt(pos), `offsetAt(${JSON.stringify(pos)}) after ${where}`);
    if (model && line < starts.length) assert.equal(doc.offsetAt(pos), offsetAt(text, pos), `offsetAt (model) after ${where}`);
    const inside = Math.max(0, Math.min(offset, text.length));
    // The model puts no position inside a line break: compared at line starts.
    if (model && line < starts.length) assert.deepEqual(doc.positionAt(starts[line]), positionAt(text, starts[line]), `positionAt (model) after ${where}`);
    assert.deepEqual(doc.getLineRange(line), lib.getLineRange(line), `getLineRange(${line}) after ${where}`);
    assert.equal(doc.getEOLCharacters(line), lib.getEOLCharacters(line), `getEOLCharacters(${line}) after ${where}`);
    const range = { start: doc.positionAt(inside), end: pos };
    assert.equal(doc.getText(range), lib.getText(range), `getText(range) after ${where}`);
  }
}

/** A position on a line of `doc`: before the first line, its start; after the last, its end. */
function inside(doc: TextDocument, p: Position): Position {
  if (p.line < 0) return { line: 0, character: 0 };
  if (p.line >= doc.lineCount) return { line: doc.lineCount - 1, character: 1e9 };
  return p;
}

/** Every version of a buffer-kept text read as it was, after random later edits, by character, stretch, search and whole. */
function readsEveryVersion(codec: TextCodec, seed: string, numRuns: number): void {
  // Searched for in Latin-1 and in UTF-16 buffers: a byte pattern found across two code units is no match.
  const NEEDLES = ['\n\n', '\n\r\n', 'a', 'ba', 'é', '深', '\u6df1', '\u0a0a', '\ud83d\ude00', '\u0085', '\ufeffa', '\ufffd', ''];
  /** Two probes as a range inside a text of `length`. */
  const within = (x: number, y: number, length: number) => [Math.min(Math.abs(x), Math.abs(y), length), Math.min(Math.max(Math.abs(x), Math.abs(y)), length)];
  /** Where `needle` first stands wholly inside [from, to) of `text`. */
  const found = (text: string, needle: string, from: number, to: number) => {
    const i = text.slice(from, to).indexOf(needle);
    return i < 0 ? -1 : from + i;
  };
  const piece = fc.array(fc.constantFrom('a', 'b', '\n', '\r', ' ', 'é', '深', '\ud83d', '\ude00', '\u0085', '\ufeff', '\ufffd'), { maxLength: 12 }).map((cs) => cs.join(''));
  const step = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(15), text: piece, snapshot: fc.boolean(), read: fc.boolean() });
  const probe = fc.tuple(fc.integer({ min: -20, max: 200 }), fc.integer({ min: -20, max: 200 }));
  fc.assert(
    fc.property(piece, fc.array(step, { minLength: 1, maxLength: 40 }), fc.array(probe, { minLength: 1, maxLength: 8 }), fc.boolean(), (start, steps, probes, wholeFirst) => {
      const b = new BufferText(start, codec);
      let text = start;
      const versions: { view: ReturnType<BufferText['snapshot']>; text: string }[] = [{ view: b.snapshot(), text }];
      for (const e of steps) {
        const from = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
        const to = Math.min(text.length, from + e.len);
        b.replace(from, to, e.text);
        text = text.slice(0, from) + e.text + text.slice(to);
        if (e.snapshot) versions.push({ view: b.snapshot(), text });
        // Some versions are read while current (a stretch, or all of it), the rest only after later edits.
        if (e.read) versions[versions.length - 1].view.slice(0, 3);
      }
      for (const [x, y] of probes) {
        const [from, to] = within(x, y, text.length);
        for (const needle of NEEDLES) assert.equal(b.find(needle, from, to), found(text, needle, from, to), `find(${JSON.stringify(needle)}, ${from}, ${to}) in the buffer`);
      }
      assert.equal(b.text(), text);
      // Newest first or oldest first: a version whose successor made its whole text reads from it.
      const order = wholeFirst ? [...versions].reverse() : versions;
      for (const { view, text: was } of order) {
        assert.equal(view.length, was.length);
        for (const [x, y] of probes) {
          assert.equal(view.slice(x, y), was.slice(x, y), `slice(${x}, ${y}) of ${JSON.stringify(was)}`);
          assert.ok(Object.is(view.charCodeAt(x), was.charCodeAt(x)), `charCodeAt(${x}) of ${JSON.stringify(was)}`);
          const [from, to] = within(x, y, was.length);
          for (const needle of NEEDLES) assert.equal(view.find(needle, from, to), found(was, needle, from, to), `find(${JSON.stringify(needle)}, ${from}, ${to}) in ${JSON.stringify(was)}`);
        }
        if (wholeFirst) assert.equal(view.whole(), was);
      }
      for (const { view, text: was } of versions) assert.equal(view.whole(), was);
    }),
    { seed: seedFor(seed), numRuns },
  );
}

/** The characters a buffer keeps through its change from one byte a code unit to two. */
function keepsEveryCharacter(codec: TextCodec): void {
  const b = new BufferText('caf\u00e9 \u00ff\0', codec);
  b.replace(3, 3, 'x');
  assert.equal(b.text(), 'cafxé ÿ\0');
  b.replace(0, 0, '\ud83d');
  b.replace(b.length, b.length, '😀\udc00');
  assert.equal(b.text(), '\ud83dcafxé ÿ\0😀\udc00');
  assert.equal(b.charCodeAt(0), 0xd83d);
  assert.ok(Number.isNaN(b.charCodeAt(b.length)));
  assert.equal(b.substring(1, 4), 'caf');
  assert.equal(b.substring(4, 1), 'caf');
  const big = 'a'.repeat(10_000);
  b.replace(2, 5, big);
  assert.equal(b.text(), `\ud83dc${big}é ÿ\0😀\udc00`);
  // Stretches long enough for the portable codec's decoders: C1 controls, a byte-order mark, lone surrogates and U+FFFD.
  const long = 'é\u00a0'.repeat(10) + 'x'.repeat(40);
  const c = new BufferText(long, codec);
  c.replace(0, 0, 'ÿ');
  assert.equal(c.substring(0, c.length), `ÿ${long}`);
  c.replace(0, 0, '\u0085');
  assert.equal(c.substring(0, c.length), `\u0085ÿ${long}`, 'a C1 control: two bytes a code unit');
  c.replace(1, 1, '\ufeff');
  assert.equal(c.substring(1, c.length), `\ufeffÿ${long}`, 'a byte-order mark opening a stretch is text');
  c.replace(5, 5, '\udc00\ufffd\ud83d');
  const now = `\u0085\ufeffÿé\u00a0\udc00\ufffd\ud83d${long.slice(2)}`;
  assert.equal(c.substring(0, c.length), now);
  assert.equal(c.snapshot().slice(1, 50), now.slice(1, 50));
  for (const needle of ['\u0085', '\ufeff', '\ufffd', '\udc00', 'x'.repeat(40), 'é\u00a0x']) assert.equal(c.find(needle, 0, c.length), now.indexOf(needle), `find(${JSON.stringify(needle)})`);
}

describe('textDocument/didChange: the text store', () => {
  for (const [name, store] of Object.entries(STORES)) {
    it(`answers as vscode-languageserver-textdocument after random edit sessions (text kept as a ${name})`, () => {
      const probes = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 8 });
      fc.assert(
        fc.property(fc.constantFrom(START, START.replace(/\n/g, '\r\n'), 'é\r', ''), fc.array(editArb, { minLength: 1, maxLength: 25 }), probes, (start, edits, ps) => {
          const doc = new OpenDocument('file:///a.md', 'markdown', 1, start, store);
          const lib = TextDocument.create('file:///a.md', 'markdown', 1, start);
          let text = start;
          let version = 1;
          assertSame(doc, lib, text, 'the open', ps);
          for (const [i, e] of edits.entries()) {
            for (const changes of wire(toNotifications(text, e))) {
              doc.update(changes as Change[], ++version);
              TextDocument.update(lib, changes as Change[], version);
              text = applyAll(text, changes);
            }
            assert.equal(doc.version, version);
            assertSame(doc, lib, text, `edit ${i} ${JSON.stringify(e)}`, ps);
          }
        }),
        { seed: seedFor(`didChange ${name}`), numRuns: 60 },
      );
    });

    it(`takes ranges as the library does: reversed, past a line's end or the text's, inside a CRLF or a surrogate pair (text kept as a ${name})`, () => {
      const pos = fc.record({ line: fc.integer({ min: -1, max: 6 }), character: fc.integer({ min: -1, max: 12 }) });
      const change = fc.oneof(
        fc.record({ range: fc.record({ start: pos, end: pos }), text: fc.constantFrom('', 'x', '\r', '\n', '\r\n', '😀', '\ud83d', 'é\n設計', 'a\r\nb\rc\n') }),
        fc.record({ text: fc.constantFrom('', 'one\r\ntwo', '\n\n😀') }),
      );
      fc.assert(
        fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (didChanges) => {
          const start = 'ab\r\ncd😀ef\r\n\r\ngh\rij\n';
          const doc = new OpenDocument('file:///a.md', 'markdown', 1, start, store);
          const lib = TextDocument.create('file:///a.md', 'markdown', 1, start);
          let version = 1;
          for (const changes of didChanges) {
            doc.update(changes as Change[], ++version);
            // The library loses its line offsets on a line outside the text: it gets the position that line stands for.
            for (const ch of changes as Change[]) {
              TextDocument.update(lib, ['range' in ch ? { ...ch, range: { start: inside(lib, ch.range.start), end: inside(lib, ch.range.end) } } : ch], version);
            }
            assertSame(doc, lib, lib.getText(), JSON.stringify(changes), [0, 0.13, 0.3, 0.5, 0.71, 0.9, 1], false);
          }
        }),
        { seed: seedFor(`didChange ranges ${name}`), numRuns: 150 },
      );
    });
  }

  for (const [name, store] of Object.entries(STORES)) {
    it(`says what changed since the text read before: the texts agree outside that span, and the session's comparison from it finds what a full one finds (text kept as a ${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 30 }), (steps) => {
          const doc = new OpenDocument('file:///a.md', 'markdown', 1, START, store);
          // The text read before, as the analysis got it (a view of the buffer), and what it was then.
          let base = doc.readWithEdit().text;
          let baseText = START;
          let text = START;
          let version = 1;
          let full = false;
          for (const [e, read] of steps) {
            for (const changes of wire(toNotifications(text, e))) {
              doc.update(changes as Change[], ++version);
              text = applyAll(text, changes);
              full ||= changes.some((ch) => !ch.range);
            }
            if (!read) continue;
            const { text: now, known } = doc.readWithEdit();
            // The text read before still reads as it was, after the edits since.
            assert.equal(wholeText(base), baseText, 'the text read before, after later edits');
            assert.equal(wholeText(now), text);
            if (full) assert.equal(known, undefined, 'nothing to say after a full change');
            else if (!known) assert.equal(wholeText(now), baseText, 'a span after edits that changed the text');
            else {
              assert.equal(known.base, base);
              assert.equal(now.slice(0, known.from), base.slice(0, known.from), 'the same before the span');
              assert.equal(now.slice(known.newEnd, now.length), base.slice(known.oldEnd, base.length), 'the same after the span');
              assert.deepEqual(diffSpan(base, now, known), diffSpan(baseText, text));
            }
            base = now;
            baseText = text;
            full = false;
          }
        }),
        { seed: seedFor(`didChange known edit ${name}`), numRuns: 60 },
      );
    });
  }

  for (const [name, store] of Object.entries(STORES)) {
    it(`answers as the library after keys typed on one line, then on others, with nothing read between (text kept as a ${name})`, () => {
      // Runs of keys on one line (each shifting every line start after it), then a break or a key elsewhere.
      const pos = fc.record({ line: fc.integer({ min: -1, max: 40 }), character: fc.integer({ min: 0, max: 30 }) });
      const key = fc.record({ at: pos, text: fc.constantFrom('', 'x', 'yz', 'é', '😀'), del: fc.nat(3) });
      const run = fc.record({ keys: fc.array(key, { minLength: 1, maxLength: 12 }), sameLine: fc.boolean(), then: fc.constantFrom('', '\n', 'a\r\nb', '\r') });
      fc.assert(
        fc.property(fc.array(run, { minLength: 1, maxLength: 8 }), (runs) => {
          const start = START.replace(/\n/g, (m, i: number) => (i % 3 === 0 ? '\r\n' : m));
          const doc = new OpenDocument('file:///a.md', 'markdown', 1, start, store);
          const lib = TextDocument.create('file:///a.md', 'markdown', 1, start);
          let version = 1;
          const apply = (changes: Change[]) => {
            doc.update(changes, ++version);
            TextDocument.update(lib, changes, version);
          };
          for (const r of runs) {
            const line = Math.min(Math.max(r.keys[0].at.line, 0), lib.lineCount - 1);
            for (const k of r.keys) {
              const at = { line: r.sameLine ? line : inside(lib, k.at).line, character: k.at.character };
              const from = lib.positionAt(lib.offsetAt(at));
              const to = lib.positionAt(Math.min(lib.offsetAt(at) + k.del, lib.offsetAt({ line: from.line, character: 1e9 })));
              apply([{ range: { start: from, end: to }, text: k.text }]);
            }
            // A line break typed, or a key on another line, after the run.
            apply([{ range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, text: r.then }]);
          }
          assertSame(doc, lib, lib.getText(), `after ${runs.length} runs of keys`, [0, 0.2, 0.45, 0.7, 0.95], false);
        }),
        { seed: seedFor(`didChange keys on a line ${name}`), numRuns: 150 },
      );
    });
  }

  it('moves a string-kept text into the host store once it grows to the store size, and keeps it there', () => {
    let stored = 0;
    const config = openDocuments((t) => (t.length >= 40 ? (stored++, new BufferText(t, bufferCodec)) : undefined));
    const doc = config.create('file:///a.md', 'markdown', 1, 'short\n') as OpenDocument;
    assert.equal(stored, 0);
    config.update(doc, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x'.repeat(40) }], 2);
    assert.equal(stored, 1);
    config.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 40 } }, text: '' }], 3);
    assert.equal(stored, 1, 'a text kept in the store stays there when it shrinks');
    assert.equal(doc.getText(), '');
    config.update(doc, [{ text: 'a full change' }], 4);
    assert.equal(doc.getText(), 'a full change');
    assert.equal(doc.version, 4);
  });

  for (const [name, codec] of Object.entries(CODECS)) {
    it(`reads every version of a buffer-kept text as it was, after any later edits, by character, stretch, search and whole (${name})`, () => {
      readsEveryVersion(codec, name === 'Node codec' ? 'buffer versions' : `buffer versions ${name}`, 300);
    });

    it(`keeps every character in the buffer: one byte a code unit until the first that needs two, then UTF-16 with lone surrogates (${name})`, () => {
      keepsEveryCharacter(codec);
    });
  }

  for (const [name, codec] of Object.entries(CODECS)) {
    it(`makes a whole text from the last one made and the edits since, up to 256 edits, and reads it out of the buffer after more (${name})`, () => {
      // Whole texts read out of the buffer are counted: a decode of every code unit.
      let decodes = 0;
      const counting: TextCodec = { ...codec, read: (bytes, start, end, wide) => (start === 0 && end >= b.length * (wide ? 2 : 1) && decodes++, codec.read(bytes, start, end, wide)) };
      const next = (() => {
        let x = seedFor('composed whole texts');
        return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
      })();
      let text = 'é\u00a0 line\n'.repeat(300);
      const b = new BufferText(text, counting);
      const edit = (wide: boolean) => {
        const from = Math.floor(next() * (text.length + 1));
        const to = Math.min(text.length, from + Math.floor(next() * 6));
        const inserted = ['', 'a', 'b\n', wide ? '深\ud83d' : 'ÿ'][Math.floor(next() * 4)];
        b.replace(from, to, inserted);
        text = text.slice(0, from) + inserted + text.slice(to);
      };
      for (const [edits, wide] of [[1, false], [7, false], [256, false], [1, true], [40, true], [3, true], [300, true], [257, true], [256, true]] as const) {
        for (let i = 0; i < edits; i++) edit(wide);
        const before = decodes;
        assert.equal(b.text(), text, `after ${edits} edits`);
        // Widening the buffer (the first character that needs two bytes) reads it whole once, by composing too.
        assert.equal(decodes - before, edits > 256 ? 1 : 0, `whole texts decoded after ${edits} edits`);
        assert.equal(b.snapshot().whole(), text);
      }
    });
  }

  it('keeps and reads every version with the portable codec where there is no Buffer, as in a browser', () => {
    withoutBuffer(() => {
      assert.equal(typeof (globalThis as { Buffer?: unknown }).Buffer, 'undefined');
      keepsEveryCharacter(portableCodec());
      readsEveryVersion(portableCodec(), 'buffer versions without Buffer', 100);
    });
  });
});

describe('textDocument/didChange through the server: a document in the buffer', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(() => c.stop());

  it('shows, after edits with CRLF and wide characters, what a fresh open of the same text shows', async () => {
    // Past the size the Node host keeps in a buffer: the sections repeated under new headings.
    const filler = Array.from({ length: Math.ceil(BUFFERED_TEXT_MIN / 60) }, (_, i) => `Line ${i} of notes on leases, quorum and fencing tokens.\r\n`).join('');
    let text = START.replace(/\n/g, '\r\n') + `\r\n## Notes\r\n\r\n${filler}`;
    const uri = 'file:///ws/deep-dives/large.md';
    c.open(uri, text);
    await c.analysed(uri, 1);
    const edits: Change[][] = [
      [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Décision — 設計 😀 [placeholder]\r\n' }],
      [{ range: { start: { line: 9, character: 0 }, end: { line: 12, character: 0 } }, text: '' }],
      [{ range: { start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, text: '\r' }, { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '\n## Tradeofs\n' }],
    ];
    let version = 1;
    for (const changes of edits) {
      c.change(uri, ++version, changes);
      for (const ch of changes) text = applyAll(text, [ch]);
    }
    const shown = await c.analysed(uri, version);
    const freshUri = 'file:///ws/deep-dives/fresh.md';
    c.open(freshUri, text);
    const fresh = await c.analysed(freshUri, 1);
    assert.ok(shown.some((d) => d.code === 'missing-section' && String(d.message).includes('Mental Model')), 'the heading the edits removed is missed');
    assert.deepEqual(normalise(shown, uri), normalise(fresh, freshUri));
  });
});
