// The document session's incremental algorithm, in process: after any sequence
// of edits, the snapshot a session gives (its chunks re-split and re-parsed only
// around each edit, parse results handed back as a host would) equals the
// snapshot of a fresh session opened on the same text, in model facts, findings
// and outline. Some versions are superseded before they complete, with only part
// of their chunks parsed, as when the user types while the workers parse.
// Seeded (DEEP_DIVE_SEED replays a run).
import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildTemplate, createDocumentSession, parseChunk, type CheckOptions, type DocumentModel, type DocumentSnapshot, type PendingVersion } from '../../server/src/engine';
import { parseDocument } from '../../server/src/engine/document';
import { factsOf as parseWith } from '../../server/src/engine/markdown';
import { leanTree } from '../../server/src/engine/mdtree';
import { completeDoc, TEMPLATE, withoutSection } from '../protocol/fixtures';
import { applyAll, editArb, toNotifications, type Edit } from '../robustness/edits';
import { seedFor } from '../robustness/harness';
import { template } from './helpers';

const OPTIONS: CheckOptions = { template, rules: {} };

const longSections = () => completeDoc().replace(/\n## (Mental Model|Tradeoffs)\n/g, (m) => `${m}\n${Array.from({ length: 40 }, (_, i) => `Paragraph ${i} on leases and [fencing](https://example.com/${i}) tokens.\n\n- item ${i}\n  continued\n`).join('\n')}\n`);
const STARTS = [longSections(), completeDoc(), TEMPLATE, withoutSection(completeDoc(), 'Tradeoffs'), completeDoc().replace(/\n/g, '\r\n'), '', '# Notes\n\nJust notes.\n'];

/** Parses what the version lacks (all of it, or only some when `partly`), as the worker pool would. */
function parseMissing(session: ReturnType<typeof createDocumentSession>, pending: PendingVersion, partly = false): void {
  for (let round = 0; round < 100; round++) {
    const missing = pending.missing();
    if (missing.length === 0) return;
    for (const [i, t] of missing.entries()) if (!partly || i % 2 === 0) session.provide(t, parseChunk(t));
    if (partly) return;
  }
  assert.fail('the version still lacks chunks after 100 rounds of parsing');
}

function fresh(text: string, options: CheckOptions = OPTIONS): DocumentSnapshot {
  const session = createDocumentSession(options);
  const pending = session.update(text, 1);
  parseMissing(session, pending);
  return pending.complete();
}

function factsOf(m: DocumentModel) {
  return {
    blocks: m.blocks, brackets: m.brackets, comments: m.comments, definitions: [...m.definitions].sort(), headings: m.headings,
    fields: m.fields, degraded: m.degraded, frontMatter: m.frontMatter,
    sections: m.sections.map((s) => [s.heading.start, s.start, s.end, s.hasContent]),
  };
}

function assertSame(got: DocumentSnapshot, want: DocumentSnapshot, where: string): void {
  assert.deepEqual(factsOf(got.model), factsOf(want.model), `model differs from a fresh session's after ${where}`);
  assert.deepEqual(got.findings, want.findings, `findings differ from a fresh session's after ${where}`);
  assert.deepEqual(got.symbols(), want.symbols(), `outline differs from a fresh session's after ${where}`);
  assert.deepEqual(got.status(), want.status(), `status differs after ${where}`);
}

const stepArb = fc.record({ edit: editArb, superseded: fc.boolean() });

describe('document session: incremental equals from scratch', () => {
  test('random edit sequences, some versions superseded half-parsed', () => {
    const seed = seedFor('session');
    let versions = 0;
    fc.assert(
      fc.property(fc.constantFrom(...STARTS.keys()), fc.array(stepArb, { minLength: 10, maxLength: 40 }), (start, steps) => {
        const session = createDocumentSession(OPTIONS);
        let text = STARTS[start];
        let version = 1;
        let pending = session.update(text, version);
        parseMissing(session, pending);
        pending.complete();
        for (const [i, step] of steps.entries()) {
          for (const changes of toNotifications(text, step.edit as Edit)) {
            text = applyAll(text, changes);
            pending = session.update(text, ++version);
            versions++;
            // A superseded version: a newer one arrives while its chunks are being parsed, after
            // its structure-only snapshot was shown (the next version starts from that draft).
            if (step.superseded) {
              parseMissing(session, pending, true);
              pending.structure();
            }
            else {
              parseMissing(session, pending);
              assertSame(pending.complete(), fresh(text), `step ${i} (${JSON.stringify(step.edit)}) at v${version} of start ${start}`);
            }
          }
        }
        parseMissing(session, pending);
        assertSame(pending.complete(), fresh(text), `the last step at v${version} of start ${start}`);
      }),
      { seed, numRuns: 25 },
    );
    assert.ok(versions > 100, `${versions} versions checked`);
  });

  test('a document of thousands of tiny chunks is read in merged chunks, and edits there still equal a fresh read', () => {
    // (`_` keeps the titles from the parser-free path: these chunks are parsed.)
    const text = Array.from({ length: 5200 }, (_, i) => `## H_${i}\n`).join('');
    const session = createDocumentSession(OPTIONS);
    const first = session.update(text, 1);
    // Merged to about 2 KB each: a few hundred parses, not 5,200.
    assert.ok(first.missing().length < 100, `${first.missing().length} chunks to parse`);
    parseMissing(session, first);
    first.complete();
    const edited = text.replace('## H_2600\n', '## H_2600 edited\n\nText [placeholder].\n');
    const second = session.update(edited, 2);
    assert.ok(second.missing().length <= 2, `an edit re-parses ${second.missing().length} chunks`);
    parseMissing(session, second);
    assertSame(second.complete(), fresh(edited), 'an edit in the middle');
  });

  test('chunks of headings and plain lines are never missing: read without the parser, as the parser reads them', () => {
    const plain = ['# Title\n\nPlain words here.\n\n', '## Mental Model\n\nMore plain words,\non two lines.\n\n'];
    const parsed = '## Tradeoffs\n\n- a list [x]\n';
    const text = plain.join('') + parsed;
    const session = createDocumentSession(OPTIONS);
    const first = session.update(text, 1);
    assert.deepEqual(first.missing(), [parsed]);
    parseMissing(session, first);
    const snapshot = first.complete();
    assert.deepEqual(snapshot.model.headings.map((h) => h.title), ['Title', 'Mental Model', 'Tradeoffs']);
    assert.deepEqual(factsOf(snapshot.model), factsOf(parseDocument(text, undefined, (t) => parseWith(t, leanTree))));
    assert.equal(snapshot.model.degraded, false);
    // A keystroke in a plain paragraph: nothing to parse either.
    const typed = text.replace('More plain', 'More xplain');
    const second = session.update(typed, 2);
    assert.deepEqual(second.missing(), []);
    assertSame(second.complete(), fresh(typed), 'a key typed in a plain paragraph');
  });

  test('typing re-parses one small chunk: the first keystroke re-splits its stretch finely, the next one parses one piece', () => {
    const text = longSections();
    const session = createDocumentSession(OPTIONS);
    const first = session.update(text, 1);
    const all = first.missing();
    parseMissing(session, first);
    first.complete();
    const at = text.indexOf('Paragraph 20 ');
    const once = text.slice(0, at) + 'x' + text.slice(at);
    const second = session.update(once, 2);
    const resplit = second.missing();
    assert.ok(resplit.length < all.length / 2, `${resplit.length} of ${all.length} chunks re-parsed after the first keystroke`);
    parseMissing(session, second);
    second.complete();
    const twice = once.slice(0, at) + 'y' + once.slice(at);
    const third = session.update(twice, 3);
    const piece = third.missing();
    assert.equal(piece.length, 1);
    assert.ok(piece[0].includes('yxParagraph 20 ') && piece[0].length <= 512, `re-parsed: ${JSON.stringify(piece[0])}`);
    parseMissing(session, third);
    assertSame(third.complete(), fresh(twice), 'two characters typed');
  });

  test('typed while a document opens: each version is shown from the last draft, line-scanned chunks are still parsed, and the result equals a fresh read', () => {
    const text = longSections();
    const session = createDocumentSession(OPTIONS);
    const first = session.update(text, 1);
    const all = first.missing();
    const shown = first.structure();
    assert.equal(shown.model.degraded, true);
    let current = text;
    let pending = first;
    for (let v = 2; v <= 6; v++) {
      const at = current.indexOf('Paragraph 20 ');
      current = current.slice(0, at) + 'x' + current.slice(at);
      pending = session.update(current, v);
      // Until some are parsed (at v4) the draft's line-scanned chunks are still missing, not taken as parsed.
      const left = pending.missing().length;
      assert.ok(v <= 4 ? left >= all.length - 2 : left < all.length - 2, `${left} of ${all.length} chunks still to parse at v${v}`);
      const draft = pending.structure();
      assert.deepEqual(draft.symbols(), fresh(current).symbols(), `the outline shown at v${v}`);
      // Some of the chunks get parsed before the next key.
      if (v === 4) parseMissing(session, pending, true);
    }
    parseMissing(session, pending);
    assertSame(pending.complete(), fresh(current), 'five keys typed while the document opened');
  });

  test('beyond maxDocumentSize nothing is parsed: the line scanner reads it, and a notice says so', () => {
    const options = { ...OPTIONS, maxDocumentSize: 100 };
    const session = createDocumentSession(options);
    const text = completeDoc();
    const pending = session.update(text, 1);
    assert.equal(pending.tooLarge, true);
    assert.deepEqual(pending.missing(), []);
    const snap = pending.complete();
    assert.equal(snap.findings[0].code, 'too-large');
    assert.equal(snap.model.degraded, true);
    const edited = text.replace('## Tradeoffs', '## Tradeofs');
    const next = session.update(edited, 2);
    assertSame(next.complete(), fresh(edited, options), 'an edit in a document beyond the size limit');
  });

  test('beyond maxDocumentSize in UTF-8 bytes, sized after each edit from the stretch the editor reports: the same verdict as a fresh session', () => {
    let text = completeDoc();
    const limit = Buffer.byteLength(text, 'utf8') + 8;
    const options = { ...OPTIONS, maxDocumentSize: limit };
    const session = createDocumentSession(options);
    parseMissing(session, session.update(text, 1));
    // Each edit adds or removes a few bytes around the limit; the emoji's halves are typed apart and joined.
    const edits: [string, number][] = [['深', 0], ['深深', 0], ['', 3], ['🚀', 0], ['\ud83d', 0], ['', 1], ['\ude80', 0], ['é', 1], ['', 2]];
    let tooLarge = 0;
    for (const [v, [insert, remove]] of edits.entries()) {
      const from = text.indexOf('## Tradeoffs');
      const next = text.slice(0, from) + insert + text.slice(from + remove);
      const pending = session.update(next, v + 2, { base: text, from, oldEnd: from + remove, newEnd: from + insert.length });
      assert.equal(pending.tooLarge, Buffer.byteLength(next, 'utf8') > limit, `version ${v + 2}`);
      if (pending.tooLarge) tooLarge++;
      parseMissing(session, pending);
      assertSame(pending.complete(), fresh(next, options), `edit ${v + 2} near the size limit`);
      text = next;
    }
    assert.ok(tooLarge > 0 && tooLarge < edits.length, 'the edits cross the limit both ways');
  });

  test('the structure-only snapshot of an unparsed version is line-scanned and raises no partial-analysis notice', () => {
    const session = createDocumentSession(OPTIONS);
    const pending = session.update(completeDoc(), 1);
    const structure = pending.structure();
    assert.equal(structure.stage, 'structure');
    assert.equal(structure.model.degraded, true);
    assert.ok(!structure.findings.some((f) => f.code === 'partial-analysis'));
    assert.deepEqual(structure.symbols().map((s) => s.name), fresh(completeDoc()).symbols().map((s) => s.name));
  });

  test('configure applies to the versions after it', () => {
    const session = createDocumentSession(OPTIONS);
    const text = withoutSection(completeDoc(), 'Tradeoffs');
    const before = session.update(text, 1);
    parseMissing(session, before);
    assert.ok(before.complete().findings.some((f) => f.code === 'missing-section'));
    session.configure({ ...OPTIONS, rules: { 'missing-section': 'off' } });
    const after = session.update(text, 2);
    parseMissing(session, after);
    assert.ok(!after.complete().findings.some((f) => f.code === 'missing-section'));
    session.configure({ ...OPTIONS, enabled: false });
    const off = session.update(text, 3);
    parseMissing(session, off);
    const snap = off.complete();
    assert.equal(snap.analysis, null);
    assert.deepEqual(snap.findings, []);
    assert.deepEqual(snap.status(), { present: 0, written: 0, total: 0, missing: [], scaffolded: [], isDeepDive: false, degraded: false });
  });

  // Prose typed into a paragraph keeps the last status unless the sections holding the
  // template's guidance change: here the author's words come to outnumber the guidance's.
  test("prose typed key by key: the status equals a fresh session's at every key, across the key that fills a section", () => {
    const guidance = '- How to size the system?\n- What are the scaling limits?\n- How to forecast capacity needs?\n\nNotes.\n';
    const start = completeDoc().replace(/(### Capacity Planning\n)[\s\S]*?(?=\n### Monitoring)/, `$1${guidance}`);
    assert.notEqual(start, completeDoc(), 'the section was replaced');
    const typed = ' We size for the peak hour and keep half again as headroom per region';
    const at = start.indexOf('Notes.') + 'Notes.'.length;
    const other = buildTemplate('# Other\n\n## Operational Considerations\n\n### Capacity Planning\n- How to size the system?\n\n## Glossary\n\n- [Term]\n', 'other.md');
    const session = createDocumentSession(OPTIONS);
    let version = 1;
    let pending = session.update(start, version);
    parseMissing(session, pending);
    const seen = new Set([JSON.stringify(pending.complete().status())]);
    for (let i = 1; i <= typed.length; i++) {
      const text = start.slice(0, at) + typed.slice(0, i) + start.slice(at);
      // Late in the typing the template changes: a status kept under the last one must not carry over.
      const options = i > typed.length - 5 ? { ...OPTIONS, template: other } : OPTIONS;
      session.configure(options);
      pending = session.update(text, ++version);
      assert.deepEqual(pending.missing(), [], `prose typed at key ${i} is parsed by no one`);
      const status = pending.complete().status();
      assert.deepEqual(status, fresh(text, options).status(), `status after key ${i}`);
      seen.add(JSON.stringify(status));
    }
    // Scaffolded at first, written once the author's words outnumber the guidance's, then under the other template.
    assert.equal(seen.size, 3, [...seen].join('\n'));
  });
});
