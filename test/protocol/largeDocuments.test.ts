// Large documents through the protocol: structure first, then the full parse
// in the background, without holding up other documents.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { TestClient } from './lspClient';
import { completeDoc, withoutSection } from './fixtures';

/** A deep dive grown to `size` characters by repeating prose paragraphs inside its sections. */
function largeDoc(size: number): string {
  const base = completeDoc();
  const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} about the design, with \`code\`, a [link](https://example.com) and **bold** words.\n`).join('\n');
  let text = base;
  let n = 0;
  while (text.length < size) text = text.replace('### Logs\n', `### Logs\n\n${filler}\n<!-- ${n++} -->\n`);
  return text;
}

describe('large documents', () => {
  let c: TestClient;
  before(async () => {
    // A generous parse deadline: on a loaded machine a chunk past the usual one is line-scanned
    // (a partial-analysis notice), which is not what these tests are about.
    c = new TestClient({ DEEP_DIVE_PARSE_DEADLINE_MS: '120000' });
    await c.initialize({ initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(() => c.stop());

  test('textDocument/didOpen of a large document publishes structure first, then the full analysis', async () => {
    const uri = 'file:///ws/large.md';
    const text = withoutSection(largeDoc(1_500_000), 'Tradeoffs').replace('### Logs\n', '### Logs\n\n[Papers]\n');
    c.open(uri, text);
    // The first status is the line-scan result: sections known, placeholders not yet.
    const first = await c.waitFor('first status', () => c.status(uri, 1), 60_000);
    assert.deepEqual(first.missing, ['Tradeoffs']);
    await c.waitFor('full analysis', () => c.current(uri).some((d) => d.code === 'placeholder'), 120_000);
    const codes = c.current(uri).map((d) => d.code).sort();
    assert.deepEqual(codes, ['missing-section', 'placeholder']);
  });

  test('a small document opened while a large one is parsed gets its diagnostics first', async () => {
    const big = 'file:///ws/large2.md';
    const small = 'file:///ws/small.md';
    c.open(big, largeDoc(1_500_000).replace('### Logs\n', '### Logs\n\n[Papers]\n'));
    await c.waitFor('structure of the large document', () => c.status(big, 1), 60_000);
    c.open(small, withoutSection(completeDoc(), 'Exercises'));
    await c.waitFor('small document analysed', () => c.status(small, 1), 60_000);
    // The large document's placeholder (known only after its full parse) had not been published yet.
    const bigHasPlaceholder = c.current(big).some((d) => d.code === 'placeholder');
    assert.equal(bigHasPlaceholder, false, 'the small document was not queued behind the large one');
    assert.deepEqual(c.current(small).map((d) => d.code), ['missing-section']);
    await c.waitFor('full analysis of the large document', () => c.current(big).some((d) => d.code === 'placeholder'), 120_000);
  });
});
