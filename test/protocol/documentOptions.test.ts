// The options an open document is checked with are kept between its keystrokes
// (server/src/lsp/effective.ts, OptionsCache) and read again after anything
// they are read from changes: each test types a key (the options kept), changes
// one input through its LSP message, and types again: that key's analysis must
// follow the change.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { analysed } from '../robustness/harness';
import { fileChanged, tempWorkspace, type TempWorkspace } from '../robustness/workspace';
import { completeDoc, withoutSection } from './fixtures';
import { TestClient } from './lspClient';

const TEMPLATE = '# T\n\n## Context\n\n## Decision\n';
const CONFIG = { template: 'templates/t.md', globs: ['docs/**/*.md'] };
const DOC = '# A\n\n## Context\n\nWhy.\n';

/** Findings as code and message. */
const shown = (c: TestClient, uri: string) => c.current(uri).map((d) => `${d.code}: ${d.message}`);

describe('document options kept between keystrokes, read again after a change', () => {
  let ws: TempWorkspace;
  let c: TestClient;
  let version = 0;
  /** Types one character at the end of the first line; resolves once that version is analysed. */
  const key = async (uri: string) => {
    // Past the line's end: the end of the title line.
    c.change(uri, ++version, [{ range: { start: { line: 0, character: 1000 }, end: { line: 0, character: 1000 } }, text: 'x' }]);
    await analysed(c, uri, version);
    return shown(c, uri);
  };
  /** Versions never repeat, so a status of an earlier opening of the same uri is never taken for this one's. */
  const open = async (uri: string, text = DOC) => {
    c.open(uri, text, ++version);
    await analysed(c, uri, version);
  };
  /** Waits for the re-check a change causes (any status after `before` for the uri). */
  const recheck = (uri: string, before: number) => c.waitFor(`a re-check of ${uri}`, () => c.statuses.slice(before).some((s) => s.uri === uri));

  beforeEach(async () => {
    ws = tempWorkspace({ '.deepdive.json': JSON.stringify(CONFIG), 'templates/t.md': TEMPLATE });
    c = new TestClient();
    // Settings pulled per folder; the client answers null (keep the pushed ones) unless a test says otherwise.
    await c.initialize({ rootUri: ws.uri, configuration: true, workspaceFolders: true, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  afterEach(async () => {
    await c.stop();
    ws.remove();
  });

  it('workspace/didChangeWatchedFiles: a changed config file applies to the next keystroke', async () => {
    const uri = ws.uriOf('docs/a.md');
    await open(uri);
    assert.deepEqual(await key(uri), ["missing-section: Missing section 'Decision': it belongs after 'Context'."]);
    const before = c.statuses.length;
    ws.write('.deepdive.json', JSON.stringify({ ...CONFIG, rules: { 'missing-section': 'off' } }));
    fileChanged(c, ws.uriOf('.deepdive.json'));
    await recheck(uri, before);
    assert.deepEqual(await key(uri), []);
  });

  it('workspace/didChangeWatchedFiles: a changed template applies to the next keystroke', async () => {
    const uri = ws.uriOf('docs/a.md');
    await open(uri);
    await key(uri);
    const before = c.statuses.length;
    ws.write('templates/t.md', TEMPLATE + '\n## Risks\n');
    fileChanged(c, ws.uriOf('templates/t.md'));
    await recheck(uri, before);
    assert.deepEqual(await key(uri), ["missing-section: Missing section 'Decision': it belongs after 'Context'.", "missing-section: Missing section 'Risks': it belongs after 'Context'."]);
  });

  it('workspace/didChangeConfiguration: pushed settings apply to the next keystroke, and going back too', async () => {
    const uri = ws.uriOf('docs/a.md');
    await open(uri);
    await key(uri);
    let before = c.statuses.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { diagnosticsDelay: 0, rules: { 'missing-section': 'off' } } } });
    await recheck(uri, before);
    assert.deepEqual(await key(uri), []);
    before = c.statuses.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { diagnosticsDelay: 0 } } });
    await recheck(uri, before);
    assert.equal((await key(uri)).length, 1);
  });

  it('workspace/didChangeWorkspaceFolders: the next keystroke is checked with its new folder\'s config and path', async () => {
    const uri = ws.uriOf('docs/a.md');
    await open(uri);
    assert.equal((await key(uri)).length, 1);
    assert.equal(c.status(uri, version)!.isDeepDive, true);
    const before = c.statuses.length;
    // docs/ becomes a folder of its own: no config file there, so the built-in template and auto-detection.
    void c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: ws.uriOf('docs'), name: 'docs' }], removed: [{ uri: ws.uri, name: 'ws' }] } });
    await recheck(uri, before);
    assert.deepEqual(await key(uri), []);
    assert.equal(c.status(uri, version)!.isDeepDive, false);
  });

  it('textDocument/didClose and didOpen: a renamed document is checked under its new name', async () => {
    const uri = ws.uriOf('docs/a.md');
    await open(uri);
    assert.equal((await key(uri)).length, 1);
    const text = `# Axx\n\n## Context\n\nWhy.\n`;
    c.close(uri);
    const renamed = ws.uriOf('notes/a.md');
    await open(renamed, text);
    assert.equal(c.status(renamed, version)!.isDeepDive, false, 'outside the glob, not detected');
    await open(uri, text);
    assert.equal((await key(uri)).length, 1, 'back under the glob');
  });

  it('a document that another document\'s settings make a template file is read as one from its next keystroke', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'dd-options-outside-'));
    try {
      const file = path.join(outside, 'family.md');
      const text = withoutSection(completeDoc(), 'Tradeoffs');
      writeFileSync(file, text);
      const t = pathToFileURL(file).href;
      c.configurationAnswer = (items) => items.map((i) => (i.scopeUri === ws.uri ? { diagnosticsDelay: 0, templatePath: file } : { diagnosticsDelay: 0 }));
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // Outside every folder, checked against the built-in template: a deep dive missing a section.
      await open(t, text);
      assert.ok((await key(t)).some((d) => d.startsWith("missing-section: Missing section 'Tradeoffs'")));
      // A document of the folder, whose settings name that file as its template: the file is now a template file.
      await open(ws.uriOf('docs/b.md'));
      assert.deepEqual(await key(t), []);
      assert.equal(c.status(t, version)!.isDeepDive, false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
