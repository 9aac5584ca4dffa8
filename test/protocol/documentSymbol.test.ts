// textDocument/documentSymbol's answer, built symbol by symbol from the engine's
// walk of the outline: as LSP objects (outlineSymbols, the browser's answer) and
// as JSON parts (outlineJson, what the server writes over stdio) it equals the
// engine's outline tree converted symbol by symbol (toSymbol), to the byte; and
// FrameWriter frames the parts as JSON.stringify would frame the whole message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { documentSymbols, walkOutline, type OutlineVisitor } from '../../server/src/engine/features/symbols';
import { outlineJson, outlineSymbols, toSymbol } from '../../server/src/lsp/convert';
import { EncodedResult } from '../../server/src/lsp/encoded';
import { FrameWriter, type FrameSink } from '../../server/src/lsp/stdio';
import { analyzeText, md } from '../features/helpers';
import { reference } from '../robustness/harness';
import { BROWSER_SERVER, TestClient } from './lspClient';

/** Headings cycling through the six levels (each H1 holds an H2 > H3 > H4 > H5 > H6 chain), some near the template's names. */
function headings(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${'#'.repeat(1 + (i % 6))} Heading ${i}${i % 7 === 0 ? ' Mental Model' : ''}`);
  return lines.join('\n') + '\n';
}

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

  test('the walk visits the outline tree in document order, each symbol entered with whether children follow', () => {
    const analysis = analyzeText(headings(50));
    const seen: string[] = [];
    walkOutline(analysis, { enter: (s, hasChildren) => seen.push(`${s.name}${hasChildren ? ' {' : ''}`), leave: () => seen.push('}') });
    const expected: string[] = [];
    const visit = (s: ReturnType<typeof documentSymbols>[number]) => {
      expected.push(`${s.name}${s.children.length ? ' {' : ''}`);
      s.children.forEach(visit);
      expected.push('}');
    };
    documentSymbols(analysis).forEach(visit);
    assert.deepEqual(seen, expected);
    assert.equal(seen[0], 'Heading 0 Mental Model', 'the title, lifted: its sections follow it, not inside it');
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

  test('an empty outline is an empty array', () => {
    assert.equal(text(outlineJson(walkOf('Just text.\n'))), '[]');
  });
});

class Sink implements FrameSink {
  writes: Uint8Array[] = [];
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean {
    this.writes.push(chunk);
    callback();
    return true;
  }
  on(): this {
    return this;
  }
}

const frame = (msg: object) => {
  const body = JSON.stringify(msg);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

describe('EncodedResult', () => {
  const doc = headings(2_000);
  const value = eager(doc);
  const encoded = () => new EncodedResult(outlineJson(walkOf(doc)), () => value);

  test('FrameWriter frames its parts as JSON.stringify frames the message with the value (numeric and string ids)', async () => {
    for (const id of [7, 'req-é']) {
      const sink = new Sink();
      await new FrameWriter(sink).write({ jsonrpc: '2.0', id, result: encoded() } as never);
      assert.equal(text(sink.writes), frame({ jsonrpc: '2.0', id, result: value }));
    }
  });

  test('small encoded results are joined with the other messages of the turn, in order', async () => {
    const sink = new Sink();
    const w = new FrameWriter(sink);
    const small = eager(DEEP_DIVE);
    const status = { jsonrpc: '2.0', method: 'deepDive/status', params: { version: 1 } };
    await Promise.all([w.write({ jsonrpc: '2.0', id: 1, result: new EncodedResult(outlineJson(walkOf(DEEP_DIVE)), () => small) } as never), w.write(status as never)]);
    assert.equal(sink.writes.length, 1);
    assert.equal(text(sink.writes), frame({ jsonrpc: '2.0', id: 1, result: small }) + frame(status));
  });

  test('any other writer serialises its value: JSON.stringify, and a message whose result is not last', async () => {
    assert.equal(JSON.stringify({ result: encoded() }), JSON.stringify({ result: value }));
    const sink = new Sink();
    const msg = { jsonrpc: '2.0', result: encoded(), id: 3 };
    await new FrameWriter(sink).write(msg as never);
    assert.equal(text(sink.writes), frame({ jsonrpc: '2.0', result: value, id: 3 }));
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
