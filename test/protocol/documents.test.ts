// The Deep Dive messages about completeness: the `deepDive/status`
// notification's written/scaffolded counts, and the `deepDive/documents`
// request listing every deep dive of the workspace with its sections' states
// and finding counts.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DOCUMENTS_REQUEST, type DocumentsParams, type DocumentsResult } from '../../server/src/protocol';
import { BROWSER_SERVER, TestClient } from './lspClient';
import { completeDoc, TEMPLATE, withoutSection } from './fixtures';

const written = withoutSection(completeDoc(), 'Tradeoffs');
/** The template as a new deep dive: every section present, none written. */
const scaffold = TEMPLATE.replace(/^# Deep Dive Template\n\nUse this template[^\n]*\n\n/, '').replace('[Topic Name]', 'Queues');

describe('completeness over the protocol', () => {
  let c: TestClient;
  let root: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dd-documents-'));
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs/limits.deepdive.md'), written);
    writeFileSync(path.join(root, 'docs/queues.deepdive.md'), scaffold);
    writeFileSync(path.join(root, 'README.md'), '# A project\n\nNot a deep dive.\n');
    c = new TestClient();
    await c.initialize({ rootUri: pathToFileURL(root).href, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(async () => {
    await c.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('deepDive/status counts written sections apart from present ones', async () => {
    const u = uri('docs/open.deepdive.md');
    c.open(u, written.replace('## Mental Model\n', '## Mental Model\n\n[TODO]\n'));
    await c.analysed(u, 1);
    const s = c.status(u, 1)!;
    assert.deepEqual({ present: s.present, written: s.written, total: s.total, missing: s.missing, scaffolded: s.scaffolded },
      { present: 10, written: 9, total: 11, missing: ['Tradeoffs'], scaffolded: ['Mental Model'] });
    c.close(u);
  });

  test('deepDive/documents lists every deep dive with its sections\' states and finding counts', async () => {
    const res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.equal(res.partial, false);
    assert.deepEqual(res.documents.map((d) => [d.uri, d.title, d.written, d.scaffolded, d.missing, d.total, d.percent]), [
      [uri('docs/limits.deepdive.md'), 'Rate Limiting', 10, 0, 1, 11, 90],
      [uri('docs/queues.deepdive.md'), 'Queues', 0, 11, 0, 11, 0],
    ]);
    const [limits, queues] = res.documents;
    assert.deepEqual(limits.findings, { error: 0, warning: 1, information: 0, hint: 0 });
    const failure = limits.sections.find((s) => s.title === 'Failure Modes & Blast Radius')!;
    assert.equal(failure.state, 'written');
    assert.equal(failure.range!.start.line, written.split('\n').indexOf('## Failure Modes & Blast Radius'));
    assert.deepEqual(failure.subsections.map((x) => x.state), ['written', 'written', 'written', 'written']);
    // A missing section says where it belongs (where its finding is): the blank line before the section after it.
    const gap = { line: written.split('\n').indexOf('## Operational Considerations') - 1, character: 0 };
    assert.deepEqual(limits.sections.find((s) => s.title === 'Tradeoffs'), {
      title: 'Tradeoffs', state: 'missing', belongs: { start: gap, end: gap },
      subsections: ['What We Gain', 'What We Lose', 'When to Use', 'When NOT to Use', 'Alternatives'].map((title) => ({ title, state: 'missing' })),
    });
    assert.ok(limits.sections.filter((s) => s.state !== 'missing').every((s) => s.belongs === undefined));
    assert.ok(queues.placeholders > 20);
    assert.ok(queues.findings.warning > 0);
    assert.ok(queues.sections.every((s) => s.state === 'scaffolded'));
  });

  test('deepDive/documents answers an open document from its editor text, and a saved change after a new request', async () => {
    const u = uri('docs/queues.deepdive.md');
    c.open(u, written);
    await c.analysed(u, 1);
    let res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.equal(res.documents.find((d) => d.uri === u)?.written, 10);
    c.close(u);
    writeFileSync(path.join(root, 'docs/queues.deepdive.md'), completeDoc());
    res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.equal(res.documents.find((d) => d.uri === u)?.written, 11);
  });

  test('deepDive/documents leaves out an open document whose file was deleted, and lists an untitled one', async () => {
    const gone = uri('docs/gone.deepdive.md');
    writeFileSync(path.join(root, 'docs/gone.deepdive.md'), written);
    c.open(gone, written);
    c.open('untitled:Untitled-1', written);
    await c.analysed(gone, 1);
    await c.analysed('untitled:Untitled-1', 1);
    let res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.deepEqual(res.documents.map((d) => d.uri).filter((u) => u === gone || u.startsWith('untitled:')), [gone, 'untitled:Untitled-1']);
    rmSync(path.join(root, 'docs/gone.deepdive.md'));
    res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.deepEqual(res.documents.map((d) => d.uri).filter((u) => u === gone || u.startsWith('untitled:')), ['untitled:Untitled-1']);
    c.close(gone);
    c.close('untitled:Untitled-1');
  });

  test('deepDive/documents reports indexing progress on the work-done token it is given', async () => {
    const params: DocumentsParams = { workDoneToken: 'index-1' };
    await c.conn.sendRequest(DOCUMENTS_REQUEST, params);
    const seen = c.progress.filter((p) => p.token === 'index-1').map((p) => p.value);
    assert.deepEqual(seen.map((v) => v.kind), ['begin', 'end']);
    assert.deepEqual([seen[0].title, seen[0].message], ['Deep Dive: indexing deep dives', '3 markdown files']);
  });
});

describe('deepDive/documentsChanged', () => {
  let c: TestClient;
  let root: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
  /** The server answers in order: whatever it sent before this answer has arrived with it. */
  const roundTrip = () => c.conn.sendRequest('workspace/symbol', { query: 'nothing-matches-this' });
  const watched = (rel: string) => void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type: 2 }] });
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dd-documents-changed-'));
    writeFileSync(path.join(root, 'limits.deepdive.md'), written);
    c = new TestClient();
    await c.initialize({ rootUri: pathToFileURL(root).href, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(async () => {
    await c.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('deepDive/documentsChanged is not sent to a client that never asked for deepDive/documents', async () => {
    const u = uri('limits.deepdive.md');
    c.open(u, written);
    await c.analysed(u, 1);
    c.save(u);
    watched('limits.deepdive.md');
    c.close(u);
    await roundTrip();
    assert.equal(c.documentsChanged, 0);
  });

  test('deepDive/documentsChanged follows a save, a markdown file event, a close, a settings change and a config change once the client has asked', async () => {
    await c.conn.sendRequest(DOCUMENTS_REQUEST, {});
    const u = uri('limits.deepdive.md');
    c.open(u, written);
    await c.analysed(u, 1);
    await roundTrip();
    assert.equal(c.documentsChanged, 0, 'opening a document changes nothing saved');
    c.save(u);
    await c.waitFor('a notification after the save', () => c.documentsChanged === 1);
    watched('notes/new.markdown');
    await c.waitFor('a notification after a .markdown file event', () => c.documentsChanged === 2);
    watched('image.png');
    c.close(u);
    await c.waitFor('a notification after the close', () => c.documentsChanged === 3);
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { deepDive: { diagnosticsDelay: 0, autoDetect: false } } });
    await c.waitFor('a notification after the settings change', () => c.documentsChanged === 4);
    watched('.deepdive.json');
    await c.waitFor('a notification after the config file changed', () => c.documentsChanged === 5);
    await roundTrip();
    assert.equal(c.documentsChanged, 5, 'a file event for a picture is not about deep dives, and a config change is told once');
  });
});

describe('deepDive/documents walks the workspace as the CLI walks a folder', () => {
  let c: TestClient;
  let root: string;
  let outside: string;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dd-documents-walk-'));
    outside = mkdtempSync(path.join(tmpdir(), 'dd-documents-outside-'));
    mkdirSync(path.join(root, 'deep-dives'));
    writeFileSync(path.join(root, 'deep-dives/queues.markdown'), written);
    writeFileSync(path.join(root, 'deep-dives/.draft.md'), written);
    writeFileSync(path.join(outside, 'far.deepdive.md'), written);
    symlinkSync(path.join(root, 'deep-dives'), path.join(root, 'linked'));
    // A hidden folder is not walked, but a link to it inside the workspace is followed by its own name.
    mkdirSync(path.join(root, '.site'));
    writeFileSync(path.join(root, '.site/guide.deepdive.md'), written);
    symlinkSync(path.join(root, '.site'), path.join(root, 'site'));
    symlinkSync(outside, path.join(root, 'out'));
    c = new TestClient();
    await c.initialize({ rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await c.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  // Through the editor a link does not say where it leads: the browser server follows none (docs/web.md).
  test('deepDive/documents takes .markdown files, no hidden file, links inside the workspace, each folder once, and no link out of it', { skip: BROWSER_SERVER && 'the browser server follows no symbolic links' }, async () => {
    const res = (await c.conn.sendRequest(DOCUMENTS_REQUEST, {})) as DocumentsResult;
    assert.deepEqual(res.documents.map((d) => d.uri), ['deep-dives/queues.markdown', 'site/guide.deepdive.md'].map((f) => pathToFileURL(path.join(root, f)).href));
  });
});
