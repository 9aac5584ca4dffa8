// textDocument/documentSymbol's answer, built symbol by symbol from the engine's
// walk of the outline: as LSP objects (outlineSymbols, the browser's answer) and
// as JSON parts (outlineJson, what the server writes over stdio) it equals the
// engine's outline tree converted symbol by symbol (toSymbol), to the byte.
// stdio.test.ts frames the parts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import type { Section } from '../../server/src/engine/document';
import { documentSymbols, walkOutline, type OutlineVisitor } from '../../server/src/engine/features/symbols';
import { LARGE_PUBLICATION } from '../../server/src/lsp/analysisManager';
import { outlineJson, outlineSymbols, toSymbol } from '../../server/src/lsp/convert';
import { analyzeText, md } from '../features/helpers';
import { reference } from '../robustness/harness';
import { headings } from './fixtures';
import { BROWSER_SERVER, TestClient } from './lspClient';

const DEEP_DIVE = md(
  '# Ledger',
  '',
  '**One-line summary**: Money moves once.',
  '',
  '## Mental Model',
  'Entries, not balances.',
  '',
  '## Observability Contract',
  '### Metrics to Track',
  '#### Dashboards',
  '### Alerts',
  '## Mental Model',
  '## Apendix "quoted" \\ back\\slash',
  '### Ünïcödé — 日本語 🚀 tab\there',
  '## ',
  '###### deep',
  '',
);

const DOCUMENTS: [string, string][] = [
  ['a deep dive: the title beside its sections, details, a duplicate, escapes and non-ASCII names', DEEP_DIVE],
  ['no title: H2s at the top', md('## Mental Model', 'Text.', '## Tradeoffs', '### One', '')],
  ['a title without sections', md('# Only a title', '', 'Text.', '')],
  ['a lone surrogate in a name', md('# Title', '## Bad \ud800 half', '')],
  ['3,000 headings, six levels deep', headings(3_000)],
];

const eager = (text: string) => documentSymbols(analyzeText(text)).map(toSymbol);
const walkOf = (text: string) => {
  const analysis = analyzeText(text);
  return (visitor: OutlineVisitor) => walkOutline(analysis, visitor);
};
const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');

describe('documentSymbol answer, symbol by symbol', () => {
  for (const [what, doc] of DOCUMENTS) {
    test(`${what}: the LSP symbols and the JSON parts equal the outline tree converted`, () => {
      const expected = eager(doc);
      assert.deepEqual(outlineSymbols(walkOf(doc)), expected);
      assert.equal(text(outlineJson(walkOf(doc))), JSON.stringify(expected));
    });
  }

  test('the deep dive\'s answer holds what the template says of each section', () => {
    const details = JSON.parse(text(outlineJson(walkOf(DEEP_DIVE)))) as DocumentSymbol[];
    assert.deepEqual(details.map((s) => [s.name, s.detail ?? '']), [
      ['Ledger', '1/11 written'],
      ['Mental Model', ''],
      ['Observability Contract', '2/4 subsections · missing Logs, Traces · empty'],
      ['Mental Model', 'duplicate · empty'],
      ['Apendix "quoted" \\ back\\slash', ''],
      ['##', ''],
    ]);
  });

  for (const [what, doc] of [...DOCUMENTS, ['levels skipped and climbed back', md('## A', '#### B', '### C', '##### D', '## E', '###### F', '# G', '### H', '')]]) {
    test(`${what}: the walk visits the section tree in document order, each symbol entered with whether children follow`, () => {
      const analysis = analyzeText(doc);
      const seen: string[] = [];
      walkOutline(analysis, { enter: (s, hasChildren) => seen.push(`${s.name}${hasChildren ? ' {' : ''}`), leave: () => seen.push('}') });
      // The section tree walked recursively, the title (with sections) lifted: its sections follow it, not inside it.
      const expected: string[] = [];
      const name = (s: Section) => s.heading.title || '#'.repeat(s.heading.depth);
      const visit = (s: Section) => {
        expected.push(`${name(s)}${s.children.length ? ' {' : ''}`);
        s.children.forEach(visit);
        expected.push('}');
      };
      for (const s of analysis.doc.roots) {
        if (s.heading === analysis.match.title && s.children.length > 0) {
          expected.push(name(s), '}');
          s.children.forEach(visit);
        } else visit(s);
      }
      assert.deepEqual(seen, expected);
    });
  }

  test('the title with sections comes first, lifted', () => {
    const seen: string[] = [];
    walkOutline(analyzeText(headings(50)), { enter: (s, hasChildren) => seen.push(`${s.name}${hasChildren ? ' {' : ''}`), leave: () => seen.push('}') });
    assert.deepEqual(seen.slice(0, 4), ['Heading 0 Mental Model', '}', 'Heading 1 {', 'Heading 2 {']);
  });

  test('a large outline comes in several parts, cut anywhere in its text, with nested levels and the completeness in the title\'s detail', () => {
    const doc = headings(3_000);
    const parts = outlineJson(walkOf(doc));
    assert.ok(parts.length > 1, `${parts.length} part(s)`);
    const answer = JSON.parse(text(parts)) as DocumentSymbol[];
    let depth = 0;
    for (let s: DocumentSymbol | undefined = answer[1]; s; s = s.children?.[0]) depth++;
    assert.equal(depth, 5, 'H2 > H3 > H4 > H5 > H6 under the second root');
    assert.equal(answer[0].detail, '0/11 written', 'the title says how complete the document is');
  });

  test('each symbol holds what LSP requires, `detail` and `children` only when not empty, nothing else', () => {
    const pos = (line: number, character: number) => `{"line":${line},"character":${character}}`;
    const range = (a: string, b: string) => `{"start":${a},"end":${b}}`;
    const symbol = (name: string, kind: number, r: string, selection: string, rest = '') => `{"name":"${name}","kind":${kind},"range":${r},"selectionRange":${selection}${rest}}`;
    const doc = md('# Ledger', '', '## Mental Model', 'Entries.', '', '', '### Invariants', '## Notes', '');
    assert.equal(text(outlineJson(walkOf(doc))), `[${[
      symbol('Ledger', 15, range(pos(0, 0), pos(1, 0)), range(pos(0, 0), pos(0, 8)), ',"detail":"1/11 written"'),
      symbol('Mental Model', 15, range(pos(2, 0), pos(7, 0)), range(pos(2, 0), pos(2, 15)),
        `,"children":[${symbol('Invariants', 20, range(pos(6, 0), pos(7, 0)), range(pos(6, 0), pos(6, 14)))}]`),
      symbol('Notes', 15, range(pos(7, 0), pos(8, 0)), range(pos(7, 0), pos(7, 8))),
    ].join(',')}]`);
  });

  test('an empty outline is an empty array', () => {
    assert.equal(text(outlineJson(walkOf('Just text.\n'))), '[]');
  });
});

describe('textDocument/documentSymbol of many headings', () => {
  let c: TestClient;
  const uri = 'file:///ws/deep-dives/headings.md';
  const doc = headings(6_000);
  before(async () => {
    c = new TestClient();
    await c.initialize({ initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(() => c.stop());

  test(`the answer (${BROWSER_SERVER ? 'objects posted by the browser server' : 'JSON parts over stdio'}) equals the engine's outline converted symbol by symbol`, async () => {
    c.open(uri, doc);
    const answer = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(answer, reference(doc, uri).symbols);
  });
});

describe('textDocument/documentSymbol asked while its version is analysed', () => {
  let c: TestClient;
  const uri = 'file:///ws/deep-dives/asked-early.md';
  let version = 1;
  before(async () => {
    c = new TestClient();
    // Changes wait for the delay: the request, sent at once, is what starts each version's analysis.
    await c.initialize({ initializationOptions: { settings: { deepDive: { diagnosticsDelay: 5_000 } } } });
    c.open(uri, headings(12));
    await c.analysed(uri, 1);
  });
  after(() => c.stop());

  /** Replaces the text, asks for the outline at once; what had been published of the new version when the answer came. */
  const askRightAfter = async (text: string) => {
    c.change(uri, ++version, [{ text }]);
    const answer = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    const published = (c.diagnostics.get(uri) ?? []).filter((p) => p.version === version).length;
    return { answer, published, status: c.status(uri, version) };
  };

  test('with a large set of findings, the answer comes first, then that version\'s diagnostics and status', async () => {
    const doc = headings(7_000);
    const expected = reference(doc, uri);
    assert.ok(expected.diagnostics.length >= LARGE_PUBLICATION, `${expected.diagnostics.length} findings`);
    const { answer, published, status } = await askRightAfter(doc);
    assert.deepEqual(answer, expected.symbols);
    assert.equal(published, 0, 'no diagnostics of this version before the answer');
    assert.equal(status, undefined, 'no status of this version before the answer');
    assert.deepEqual(await c.analysed(uri, version), expected.diagnostics);
  });

  test('with fewer findings, the diagnostics come first, as they do after a keystroke', async () => {
    const doc = headings(600);
    const expected = reference(doc, uri);
    assert.ok(expected.diagnostics.length > 0 && expected.diagnostics.length < LARGE_PUBLICATION, `${expected.diagnostics.length} findings`);
    const { answer, published, status } = await askRightAfter(doc);
    assert.deepEqual(answer, expected.symbols);
    assert.equal(published, 1, 'this version\'s diagnostics before the answer');
    assert.ok(status, 'and its status');
    assert.deepEqual(c.current(uri), expected.diagnostics);
  });

  test('the same diagnostics again are not published again, asked early or not', async () => {
    const doc = headings(7_000);
    await askRightAfter(doc);
    await c.analysed(uri, version);
    const before = c.diagnostics.get(uri)!.length;
    await askRightAfter(`${doc}\n`);
    await c.analysed(uri, version);
    assert.equal(c.diagnostics.get(uri)!.length, before, 'unchanged: not sent again');
    assert.deepEqual(c.current(uri), reference(`${doc}\n`, uri).diagnostics);
  });
});
