// Protocol tests: the bundled server over stdio, one test per LSP method or
// behaviour, named after it (as unified-language-server's tests are).
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { TestClient } from './lspClient';
import { completeDoc, README, withoutSection } from './fixtures';

const DOC = 'file:///ws/docs/rate-limiting.md';

describe('diagnostics', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize({ initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(() => c.stop());

  test('initialize advertises incremental sync and the server name', async () => {
    const c2 = new TestClient();
    const res = await c2.initialize();
    await c2.stop();
    assert.equal((res.capabilities.textDocumentSync as { change: number }).change, 2);
    assert.equal(res.serverInfo?.name, 'deep-dive-language-server');
    assert.ok(res.capabilities.documentSymbolProvider, 'document symbols by default: the outline of editors without their own');
    assert.ok(res.capabilities.codeLensProvider);
  });

  test('initialize with initializationOptions.documentSymbols false advertises no document symbols (the editor has its own outline)', async () => {
    const c2 = new TestClient();
    const res = await c2.initialize({ initializationOptions: { documentSymbols: false } });
    await c2.stop();
    assert.equal(res.capabilities.documentSymbolProvider, undefined);
    assert.ok(res.capabilities.foldingRangeProvider && res.capabilities.codeLensProvider, 'the other features stay');
  });

  test('textDocument/didOpen publishes findings with codes, links and exact ranges', async () => {
    const text = withoutSection(completeDoc(), 'Security Boundaries');
    c.open(DOC, text);
    const diags = await c.analysed(DOC, 1);
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.code, 'missing-section');
    assert.equal(d.source, 'deep-dive');
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /docs\/rules\/missing-section\.md$/);
    // It marks the gap (the blank line before the heading it precedes), zero-width, and names its neighbour.
    const lines = text.split('\n');
    const line = lines.indexOf('## Tradeoffs') - 1;
    assert.deepEqual(d.range, { start: { line, character: 0 }, end: { line, character: 0 } });
    assert.equal(d.relatedInformation?.[0].location.uri, DOC);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, lines.indexOf('## Change Safety'));
    assert.deepEqual((d.data as { section: string }).section, 'Security Boundaries');
  });

  test('textDocument/didChange (incremental) re-checks only the latest version', async () => {
    const text = completeDoc();
    const uri = 'file:///ws/docs/change.md';
    c.open(uri, text);
    assert.deepEqual(await c.analysed(uri, 1), []);
    // Type a placeholder into the summary, one character at a time.
    const line = text.split('\n').findIndex((l) => l.startsWith('**One-line summary**'));
    const typed = ' [Papers]';
    for (let i = 0; i < typed.length; i++) {
      const col = text.split('\n')[line].length + i;
      c.change(uri, 2 + i, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: typed[i] }]);
    }
    const last = 1 + typed.length;
    const diags = await c.analysed(uri, last);
    assert.deepEqual(diags.map((d) => d.code), ['placeholder']);
    const col = text.split('\n')[line].length + 1;
    assert.deepEqual(diags[0].range, { start: { line, character: col }, end: { line, character: col + '[Papers]'.length } });
    // No diagnostics were ever published for an older version after a newer one.
    const versions = (c.diagnostics.get(uri) ?? []).map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
  });

  test('stale versions never publish after a newer one (burst of changes)', async () => {
    const uri = 'file:///ws/docs/race.md';
    const text = completeDoc();
    c.open(uri, text);
    await c.analysed(uri, 1);
    // Alternately break and fix a heading, 40 versions, as fast as possible.
    for (let v = 2; v <= 41; v++) {
      const heading = v % 2 === 0 ? '## Tradeofs' : '## Tradeoffs';
      const line = text.split('\n').indexOf('## Tradeoffs');
      c.change(uri, v, [{ range: { start: { line, character: 0 }, end: { line, character: 100 } }, text: heading }]);
    }
    await c.analysed(uri, 41);
    const published = c.diagnostics.get(uri)!;
    const versions = published.map((p) => p.version ?? -1);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions must not go backwards');
    assert.deepEqual(c.current(uri), [], 'the final version (fixed heading) is clean');
  });

  test('textDocument/didClose clears the diagnostics', async () => {
    const uri = 'file:///ws/docs/close.md';
    c.open(uri, withoutSection(completeDoc(), 'Tradeoffs'));
    assert.equal((await c.analysed(uri, 1)).length, 1);
    c.close(uri);
    await c.waitFor('cleared diagnostics', () => c.diagnostics.get(uri)!.length === 2 && c.current(uri).length === 0);
  });

  test('an ordinary README gets no diagnostics', async () => {
    const uri = 'file:///ws/README.md';
    c.open(uri, README);
    assert.deepEqual(await c.analysed(uri, 1), []);
    assert.equal(c.status(uri, 1)!.isDeepDive, false);
    assert.equal(c.diagnostics.get(uri), undefined, 'nothing was ever published for it');
  });

  test('a file stops counting as a deep dive: its diagnostics are cleared', async () => {
    const uri = 'file:///ws/notes.md';
    const text = '# Notes\n\n## Mental Model\n\n## Tradeoffs\n\n## Exercises\n\nx\n';
    c.open(uri, text);
    assert.ok((await c.analysed(uri, 1)).length > 0);
    c.change(uri, 2, [{ text: '# Notes\n\nJust notes.\n' }]);
    assert.deepEqual(await c.analysed(uri, 2), []);
  });
});

describe('settings', () => {
  test('workspace/didChangeConfiguration: pushed settings apply without a pull (Neovim 0.7)', async () => {
    const c = new TestClient();
    await c.initialize({ configuration: false });
    const uri = 'file:///ws/a.md';
    c.open(uri, withoutSection(completeDoc(), 'Tradeoffs').replace('Papers', '[Papers]'));
    const first = await c.analysed(uri, 1);
    assert.deepEqual(first.map((d) => d.code).sort(), ['missing-section', 'placeholder']);
    const before = c.statuses.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { rules: { placeholder: 'off', 'missing-section': 'error' } } } });
    await c.waitFor('re-analysis', () => c.statuses.length > before);
    const after = c.current(uri);
    assert.deepEqual(after.map((d) => [d.code, d.severity]), [['missing-section', 1]]);
    await c.stop();
  });

  test('workspace/configuration: settings are pulled once per workspace folder when the client supports it', async () => {
    const c = new TestClient();
    const asked: string[] = [];
    c.configurationAnswer = (items) => items.map((i) => {
      asked.push(`${i.section}@${i.scopeUri}`);
      return { rules: { 'missing-section': 'off' } };
    });
    await c.initialize({ configuration: true, rootUri: 'file:///ws' });
    const uris = ['file:///ws/b.md', 'file:///ws/docs/c.md'];
    for (const uri of uris) c.open(uri, withoutSection(completeDoc(), 'Tradeoffs'));
    for (const uri of uris) assert.deepEqual(await c.analysed(uri, 1), []);
    // A file outside every folder: the settings without a folder scope, asked once too.
    c.open('file:///elsewhere/d.md', withoutSection(completeDoc(), 'Tradeoffs'));
    assert.deepEqual(await c.analysed('file:///elsewhere/d.md', 1), []);
    assert.deepEqual(asked, ['deepDive@file:///ws', 'deepDive@undefined']);
    await c.stop();
  });

  test('workspace/didChangeConfiguration: a changed pulled setting re-checks open documents (enable off clears, on again reports)', async () => {
    const c = new TestClient();
    let enable = true;
    c.configurationAnswer = (items) => items.map(() => ({ enable }));
    await c.initialize({ configuration: true, rootUri: 'file:///ws' });
    const uri = 'file:///ws/docs/a.md';
    c.open(uri, withoutSection(completeDoc(), 'Tradeoffs'));
    assert.ok((await c.analysed(uri, 1)).length > 0);
    enable = false;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('diagnostics cleared', () => c.current(uri).length === 0);
    enable = true;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('diagnostics again', () => c.current(uri).length > 0);
    await c.stop();
  });

  test('wrong setting types fall back to defaults with a clear message', async () => {
    const c = new TestClient();
    await c.initialize({ initializationOptions: { settings: { deepDive: { rules: { nonsense: 'off', placeholder: 42 }, diagnosticsDelay: 'soon', enable: 'yes' } } } });
    const uri = 'file:///ws/c.md';
    c.open(uri, withoutSection(completeDoc(), 'Tradeoffs'));
    assert.equal((await c.analysed(uri, 1)).length, 1);
    await c.waitFor('message', () => c.shown.length >= 1);
    assert.equal(c.shown.length, 1, 'one message for all setting problems');
    const all = c.shown[0];
    assert.match(all, /unknown rule "nonsense"/);
    assert.match(all, /deepDive\.rules\.placeholder must be one of/);
    assert.match(all, /deepDive\.diagnosticsDelay must be a number/);
    await c.stop();
  });
});
