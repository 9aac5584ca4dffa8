// Positions through the protocol in every encoding situation. A document that
// triggers every rule is sent with LF, CRLF, lone CR, mixed line ends and a BOM:
// each rule's ranges must be those of the LF document (a BOM is one UTF-16 unit
// of line 0, as the client sent it). Then columns: surrogate pairs, ZWJ emoji,
// combining marks, CJK and tabs before placeholders and in headings must give
// exact UTF-16 columns, computed here from the text independently of the server.
// Code action edits must lie inside the document, and fix-all keep its line ends.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, DocumentSymbol, Range, TextEdit } from 'vscode-languageserver-protocol';
import { completeDoc, withoutSection } from '../protocol/fixtures';
import type { TestClient } from '../protocol/lspClient';
import { analysed, rangeProblems, startServer, symbols } from './harness';
import { lineStarts, offsetAt, rangeOf, rangeProblem } from './text';

function sectionText(text: string, title: string): string {
  const s = text.indexOf(`## ${title}\n`);
  return text.slice(s, text.indexOf('\n## ', s + 3) + 1);
}

/** A deep dive with a finding of every rule (checked below), LF line ends. */
function everyRule(): string {
  let t = withoutSection(completeDoc(), 'Security Boundaries');
  const mm = sectionText(t, 'Mental Model');
  t = t.replace(mm, '');
  t = t.replace('# Rate Limiting\n', '# Rate Limiting [TODO]\n');
  t = t.replace('## Tradeoffs\n', '## Tradeofs\n').replace('## Change Safety\n', '### Change Safety\n').replace('### Traces\n', '');
  t = t.replace('**One-line summary**: What is this and why does it matter.\n\n', '');
  t = t.replace('## Operational Considerations\n', `## Operational Considerations\n${mm.replace('- Core abstraction', '- Core [TODO] abstraction [Topic Name]')}\n`);
  t = t.replace(/## Further Reading\n[\s\S]*?\n## /, '## Further Reading\n\n## ');
  return `${t}\n## Exercises\n\nAgain.\n`;
}
const EVERY_RULE = ['duplicate-section', 'empty-section', 'heading-level', 'misnamed-section', 'missing-field', 'missing-section', 'missing-subsection', 'placeholder', 'section-order'];
const NO_TITLE = '## Mental Model\n\ntext [Topic Name]\n\n## Tradeoffs\n\nx\n\n## Exercises\n\ny\n';

const rangesOf = (diags: Diagnostic[]) => diags.map((d) => ({ code: d.code, range: d.range, related: d.relatedInformation?.map((r) => r.location.range) }));
const symbolRanges = (syms: DocumentSymbol[]): unknown[] => syms.map((s) => ({ name: s.name, range: s.range, sel: s.selectionRange, children: symbolRanges(s.children ?? []) }));

/** Line 0 gains one UTF-16 unit in front (a BOM): every column on line 0 moves right by one. */
function shiftLine0<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (k, v) => (v && typeof v === 'object' && 'line' in v && 'character' in v && v.line === 0 ? { line: 0, character: v.character + 1 } : v));
}

describe('positions in every encoding situation', () => {
  let c: TestClient;
  let n = 0;
  before(async () => (c = await startServer()));
  after(() => c.stop());

  const open = async (text: string) => {
    const uri = `file:///ws/deep-dives/pos-${++n}.md`;
    c.open(uri, text);
    const diags = await analysed(c, uri, 1);
    const syms = await symbols(c, uri);
    assert.deepEqual(rangeProblems(text, diags, syms), [], 'every range inside the document');
    await checkEdits(uri, text, diags);
    return { diags, syms };
  };

  /** Quick fixes and fix-all: edit ranges inside the document, not overlapping; fix-all keeps the line ends. */
  const checkEdits = async (uri: string, text: string, diags: Diagnostic[]) => {
    const end = rangeOf(text, text.length, text.length).end;
    const actions = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: diags } })) as CodeAction[];
    const starts = lineStarts(text);
    if (diags.some((d) => d.code === 'misnamed-section' || d.code === 'missing-section')) assert.ok(actions.some((a) => a.kind?.startsWith('source.fixAll')), 'a fix-all action to check');
    for (const a of actions) {
      const edits = (a.edit?.documentChanges?.[0] as { edits: TextEdit[] } | undefined)?.edits ?? a.edit?.changes?.[uri] ?? [];
      for (const e of edits) assert.equal(rangeProblem(text, e.range, starts), null, `${a.title}: edit range ${JSON.stringify(e.range)}`);
      const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start, starts), end: offsetAt(text, e.range.end, starts), newText: e.newText })).sort((x, y) => y.start - x.start);
      sorted.forEach((e, i) => assert.ok(i === 0 || e.end <= sorted[i - 1].start, `${a.title}: overlapping edits`));
      if (!a.kind?.startsWith('source.fixAll')) continue;
      const fixed = sorted.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
      if (!text.includes('\n')) assert.ok(!fixed.includes('\n'), 'fix-all in a CR document adds no LF');
      if (!/(?<!\r)\n/.test(text)) assert.ok(!/(?<!\r)\n/.test(fixed), 'fix-all in a CRLF document adds no bare LF');
      if (!/\r/.test(text)) assert.ok(!/\r/.test(fixed), 'fix-all in an LF document adds no CR');
    }
  };

  for (const base of [{ name: 'every rule', text: everyRule() }, { name: 'no title', text: NO_TITLE }]) {
    describe(`${base.name}: line ends and BOM keep each rule's ranges`, () => {
      let lf: { diags: Diagnostic[]; syms: DocumentSymbol[] };
      before(async () => (lf = await open(base.text)));

      test('the LF document has the findings this test is about', () => {
        const codes = [...new Set(lf.diags.map((d) => d.code))].sort();
        if (base.name === 'every rule') assert.deepEqual(codes, EVERY_RULE);
        else assert.ok(codes.includes('missing-title') && codes.includes('placeholder'), codes.join());
      });

      const variants: [string, (t: string) => string][] = [
        ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
        ['lone CR', (t) => t.replace(/\n/g, '\r')],
        ['mixed LF/CR/CRLF', (t) => { let i = 0; return t.replace(/\n/g, () => ['\n', '\r', '\r\n'][i++ % 3]); }], // a CR is never followed by an LF it would pair with
      ];
      for (const [name, transform] of variants) {
        test(name, async () => {
          const got = await open(transform(base.text));
          assert.deepEqual(rangesOf(got.diags), rangesOf(lf.diags));
          assert.deepEqual(got.diags.map((d) => d.message), lf.diags.map((d) => d.message));
          assert.deepEqual(symbolRanges(got.syms), symbolRanges(lf.syms));
        });
      }

      test('BOM: the placeholders on line 0 are exact, other ranges as in the LF document', async () => {
        const text = `\uFEFF${base.text}`;
        const got = await open(text);
        for (const p of got.diags.filter((d) => d.code === 'placeholder' && d.range.start.line === 0)) {
          const at = text.indexOf(`[${(p.data as { placeholder: string }).placeholder}]`);
          assert.deepEqual(p.range, rangeOf(text, at, text.indexOf(']', at) + 1), 'placeholder on line 0 counts the BOM');
        }
        // A range starting at the very beginning may or may not cover the BOM; everything else moves by one on line 0.
        const startAtZero = (r: Range) => r.start.line === 0 && r.start.character <= 1 ? { ...r, start: { line: 0, character: 0 } } : r;
        const norm = (ranges: ReturnType<typeof rangesOf>) => ranges.map((x) => ({ ...x, range: startAtZero(x.range), related: x.related?.map(startAtZero) }));
        assert.deepEqual(norm(rangesOf(got.diags)), norm(shiftLine0(rangesOf(lf.diags))));
      });
    });
  }

  test('BOM: edits inserting at the start of the document go after the BOM', async () => {
    // Fix-all adds the missing fields at the top. At character 0 they land before the BOM, which then sits in
    // front of `## Mental Model`, and a BOM-prefixed line is no heading: the fix breaks the first section.
    const text = `\uFEFF${NO_TITLE}`;
    const uri = `file:///ws/deep-dives/pos-${++n}.md`;
    c.open(uri, text);
    const diags = await analysed(c, uri, 1);
    const actions = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(text, 0, text.length), context: { diagnostics: diags } })) as CodeAction[];
    const fixAll = actions.find((a) => a.kind?.startsWith('source.fixAll'))!;
    const edits = (fixAll.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    const starts = lineStarts(text);
    const fixed = edits.map((e) => ({ start: offsetAt(text, e.range.start, starts), end: offsetAt(text, e.range.end, starts), newText: e.newText }))
      .sort((x, y) => y.start - x.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
    assert.ok(fixed.startsWith('\uFEFF') && !fixed.slice(1).includes('\uFEFF'), `the BOM stays first: ${JSON.stringify(fixed.slice(0, 80))}`);
  });

  describe('columns are UTF-16 code units', () => {
    const prefixes: [string, string][] = [
      ['surrogate pairs', '😀𝕏'],
      ['ZWJ emoji sequence', '👩‍💻'],
      ['combining marks', 'e\u0301\u0323'],
      ['CJK', '設計データ'],
      ['tabs', 'a\t\tb\t'],
    ];
    for (const [name, p] of prefixes) {
      test(name, async () => {
        const text = completeDoc()
          .replace('# Rate Limiting\n', `# Rate Limiting ${p} [TODO]\n`)
          .replace('- Core abstraction', `- ${p}[TODO] ${p} abstraction ${p}[Topic Name]${p}`)
          .replace('## Tradeoffs\n', `## Tradeoffs\n\n### ${p} Notes ${p}\n\n${p}\n`);
        const { diags, syms } = await open(text);
        const expected: Range[] = [];
        for (const m of text.matchAll(/\[(TODO|Topic Name)\]/g)) expected.push(rangeOf(text, m.index!, m.index! + m[0].length));
        assert.deepEqual(diags.filter((d) => d.code === 'placeholder').map((d) => d.range), expected);
        const notes = syms.find((s) => s.name.startsWith('Tradeoffs'))!.children!.find((s) => s.name.includes('Notes'))!;
        const at = text.indexOf(`### ${p} Notes`);
        assert.deepEqual(notes.selectionRange, rangeOf(text, at, text.indexOf('\n', at)), 'heading selection range covers the whole line in UTF-16 units');
      });
    }
  });
});
