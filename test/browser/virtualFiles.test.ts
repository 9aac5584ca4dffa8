// The browser server on a workspace that is not on disk: documents, `.deepdive.json` and the
// template under vscode-test-web://mount/ (the scheme of VS Code's web test host), read through
// the client's FS_REQUEST. The server runs in a Web Worker of headless Chromium
// (worker-bridge.mjs, which serves the mount from a temp folder, as workspace.fs would).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { TestClient } from '../protocol/lspClient';
import { completeDoc, withoutSection } from '../protocol/fixtures';
// @ts-expect-error -- a plain ES module of the test kit, without types
import { missingBrowserKit } from './browser-kit.mjs';

import { sharedBrowserKit } from '../shared';

// Without Chromium the tests skip with one line (a failure under DEEP_DIVE_REQUIRE_SHARED=1, as in CI).
const { skip } = sharedBrowserKit((missingBrowserKit as () => string | null)());

const ROOT = 'vscode-test-web://mount';

describe('browser server on vscode-test-web://', { skip }, () => {
  let dir = '';
  let c: TestClient;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dd-mount-'));
    mkdirSync(path.join(dir, 'deep-dives'));
    mkdirSync(path.join(dir, 'team templates'));
    c = new TestClient({ DEEP_DIVE_TEST_WEB_MOUNT: dir }, { browser: true });
    await c.initialize({ rootUri: ROOT, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a document is checked, and the .deepdive.json of its folder applies', async () => {
    writeFileSync(path.join(dir, '.deepdive.json'), '{ "rules": { "missing-section": "error" } }\n');
    const uri = `${ROOT}/deep-dives/rate%20limits.md`;
    c.open(uri, withoutSection(completeDoc(), 'Tradeoffs'));
    const ds = await c.analysed(uri, 1);
    const missingSection = ds.filter((d) => d.code === 'missing-section');
    assert.equal(missingSection.length, 1, JSON.stringify(ds));
    assert.match(String(missingSection[0].message), /Tradeoffs/);
    assert.equal(missingSection[0].severity, DiagnosticSeverity.Error, 'the severity from .deepdive.json');
    c.close(uri);
  });

  test('a problem in .deepdive.json is a diagnostic on it, at its URI', async () => {
    writeFileSync(path.join(dir, '.deepdive.json'), '{ "rules": { "missing-section": "loud" } }\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${ROOT}/.deepdive.json`, type: 2 }] });
    const uri = `${ROOT}/deep-dives/b.md`;
    c.open(uri, completeDoc());
    await c.analysed(uri, 1);
    const config = await c.waitFor('config diagnostics', () => c.diagnostics.get(`${ROOT}/.deepdive.json`)?.at(-1));
    assert.deepEqual(config.diagnostics.map((d) => d.message), ['vscode-test-web://mount/.deepdive.json: rule "missing-section" must be one of error, warning, information, hint, off'], 'named by its URI');
    c.close(uri);
  });

  test('the template named in .deepdive.json is read through the client, relative to the folder', async () => {
    writeFileSync(path.join(dir, 'team templates', 'short.md'), '# Team\n\n## Title: [Topic]\n\n## Alpha Section\n\n- Guidance\n\n## Beta Section\n\n- Guidance\n');
    writeFileSync(path.join(dir, '.deepdive.json'), '{ "template": "team templates/short.md" }\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${ROOT}/.deepdive.json`, type: 2 }] });
    const uri = `${ROOT}/deep-dives/c.md`;
    c.open(uri, '# Topic\n\n## Alpha Section\n\nWritten.\n');
    const ds = await c.analysed(uri, 1);
    assert.deepEqual(ds.filter((d) => d.code === 'missing-section').map((d) => /'([^']+)'/.exec(String(d.message))?.[1]), ['Beta Section']);
    c.close(uri);
  });
});
