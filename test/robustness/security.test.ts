// Security: the server writes no files, opens no connections, starts no
// processes, reads only the workspace, its own install folder and what the
// user named; a workspace cannot point it outside its folder; an untrusted
// workspace gets the built-in template only. A preloaded guard (guard.cjs)
// records the server's file, network and process calls, main thread and
// workers alike; a snapshot of the workspace proves nothing changed on disk.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { completeDoc, withoutSection } from '../protocol/fixtures';
import { ROOT, type TestClient } from '../protocol/lspClient';
import { alive, analysed, messageOf, normalise, reference, startServer, symbols } from './harness';
import { fileChanged, reanalysed, snapshot, tempWorkspace, type TempWorkspace } from './workspace';

const GUARD = path.join(__dirname, 'guard.cjs');
const DOC = withoutSection(completeDoc(), 'Tradeoffs').replace('- Core abstraction', '- Core [TODO] abstraction');
/** A template whose findings cannot be mistaken for the built-in one's. */
const TEAM_TEMPLATE = '# Team template\n\n## Alpha Section\n\nWhat alpha is.\n\n## Beta Section\n\nWhat beta is.\n';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

/** Stops a server unless a test already did (TestClient.stop waits for an exit that happens once). */
const stopped = (c: TestClient) => (alive(c) ? c.stop() : undefined);

interface GuardRecord {
  kind: 'read' | 'write' | 'net' | 'process';
  api: string;
  target: string;
}

/** A server with the guard preloaded, in workspace `ws` (which the test removes afterwards). */
async function guarded(ws: TempWorkspace, opts: { settings?: Record<string, unknown>; trusted?: boolean } = {}) {
  const c = await startServer({ rootUri: ws.uri, settings: opts.settings, trusted: opts.trusted, env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${GUARD}`.trim() } });
  cleanup.push(() => ws.remove());
  cleanup.push(() => stopped(c));
  const records = (): GuardRecord[] => c.stderr.split('\n').flatMap((l) => {
    const m = /^\[guard\] (read|write|net|process) (\S+) (.*)$/.exec(l);
    if (!m) return [];
    let target = m[3];
    try {
      target = String((JSON.parse(m[3]) as unknown[])[0]);
    } catch { /* keep the raw text */ }
    return [{ kind: m[1] as GuardRecord['kind'], api: m[2], target }];
  });
  return { c, records };
}

const inside = (p: string, dir: string) => { const rel = path.relative(dir, path.resolve(p)); return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)); };
/** Files the server may read besides the workspace: its own bundle and the built-in template. */
const INSTALL = [path.join(ROOT, 'dist'), path.join(ROOT, 'server/templates')];

function assertNoEffects(records: GuardRecord[]) {
  const effects = records.filter((r) => r.kind !== 'read');
  assert.deepEqual(effects, [], 'no file writes, network use or child processes');
}

/** A folder beside the workspace folder (not inside it) holding the team template. */
function siblingOutside(ws: TempWorkspace): string {
  const dir = `${ws.dir}-outside`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'team.md'), TEAM_TEMPLATE);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('security', () => {
  test('a full editing session writes nothing, connects nowhere, reads only the workspace and the install folder', async () => {
    const ws = tempWorkspace({
      '.deepdive.json': JSON.stringify({ template: 'templates/deep-dive.md', rules: { 'section-order': 'hint' } }),
      'templates/deep-dive.md': readFileSync(path.join(ROOT, 'server/templates/deep-dive.md'), 'utf8'),
      'deep-dives/a.md': DOC,
      'docs/notes.md': '# Notes\n\n## Mental Model\n\n## Tradeoffs\n\n## Exercises\n',
    });
    const before = snapshot(ws.dir);
    const { c, records } = await guarded(ws);
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, DOC);
    await analysed(c, uri, 1);
    c.change(uri, 2, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 6 } }, text: 'Fast' }]);
    const diags: Diagnostic[] = await analysed(c, uri, 2);
    const req = (method: string, params: unknown) => c.conn.sendRequest(method, params);
    const doc = { textDocument: { uri } };
    const results = await Promise.all([
      symbols(c, uri),
      req('textDocument/foldingRange', doc),
      req('textDocument/hover', { ...doc, position: { line: 0, character: 3 } }),
      req('textDocument/completion', { ...doc, position: { line: 1, character: 0 } }),
      req('textDocument/codeAction', { ...doc, range: diags[0].range, context: { diagnostics: diags } }),
      req('textDocument/codeAction', { ...doc, range: diags[0].range, context: { diagnostics: [], only: ['source'] } }),
      req('workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: [uri] }),
      req('deepDive/newDocument', { title: 'New one' }),
      req('workspace/symbol', { query: '' }),
    ]);
    assert.ok(results.every((r) => r !== undefined));
    assert.ok(c.appliedEdits.length > 0, 'the insert command sent its edit to the client (not to disk)');
    await reanalysed(c, uri, () => fileChanged(c, ws.uriOf('.deepdive.json')));
    c.close(uri);
    await c.stop();

    assert.deepEqual(snapshot(ws.dir), before, 'the workspace is unchanged on disk');
    const all = records();
    assertNoEffects(all);
    const reads = [...new Set(all.map((r) => r.target))];
    assert.ok(reads.some((p) => inside(p, ws.dir)), 'the guard saw the workspace reads');
    assert.deepEqual(reads.filter((p) => !inside(p, ws.dir) && !INSTALL.some((d) => inside(p, d))), [], 'reads outside the workspace and the install folder');
  });

  for (const [name, template] of [['relative ../', (out: string) => path.join('..', path.basename(out), 'team.md')], ['absolute', (out: string) => path.join(out, 'team.md')]] as const) {
    test(`a .deepdive.json template outside the workspace folder (${name}) is refused with a message, never read`, async () => {
      const ws = tempWorkspace();
      const out = siblingOutside(ws);
      const config = JSON.stringify({ template: template(out) }, null, 2);
      ws.write('.deepdive.json', config);
      const { c, records } = await guarded(ws);
      const uri = ws.uriOf('deep-dives/a.md');
      c.open(uri, DOC);
      assert.deepEqual(normalise(await analysed(c, uri, 1), uri), normalise(reference(DOC, uri).diagnostics, uri), 'built-in template used');
      await c.waitFor('message', () => c.shown.some((m) => /outside the workspace folder/.test(m)));
      assert.ok((c.diagnostics.get(ws.uriOf('.deepdive.json')) ?? []).at(-1)?.diagnostics.some((d) => /outside the workspace folder/.test(messageOf(d))));
      await c.stop();
      assert.deepEqual(records().filter((r) => inside(r.target, out)), [], 'the outside file was not touched');
      assertNoEffects(records());
    });
  }

  test('a .deepdive.json template that is a symlink to a file outside the workspace folder is refused', async () => {
    const ws = tempWorkspace();
    const out = siblingOutside(ws);
    symlinkSync(path.join(out, 'team.md'), ws.file('team.md'));
    ws.write('.deepdive.json', '{ "template": "team.md" }');
    const { c, records } = await guarded(ws);
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, DOC);
    const shown = await analysed(c, uri, 1);
    await c.stop();
    assert.deepEqual(records().filter((r) => r.api.startsWith('readFile') && r.target === ws.file('team.md')).map((r) => r.target), [], 'the link (and so the outside file) was not read');
    assert.deepEqual(normalise(shown, uri), normalise(reference(DOC, uri).diagnostics, uri), 'built-in template used');
  });

  test('untrusted workspace: templatePath and the config file\'s template are ignored (never read), built-in used', async () => {
    const ws = tempWorkspace({ 'team.md': TEAM_TEMPLATE, 'other.md': TEAM_TEMPLATE, '.deepdive.json': '{ "template": "team.md" }' });
    const { c, records } = await guarded(ws, { trusted: false, settings: { templatePath: ws.file('other.md') } });
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, DOC);
    assert.deepEqual(normalise(await analysed(c, uri, 1), uri), normalise(reference(DOC, uri).diagnostics, uri));
    // The same workspace trusted uses the team template: the setting is what made the difference.
    const trusted = await startServer({ rootUri: ws.uri, settings: { templatePath: ws.file('other.md') } });
    cleanup.push(() => stopped(trusted));
    trusted.open(uri, DOC);
    assert.ok((await analysed(trusted, uri, 1)).some((d) => /Alpha Section/.test(messageOf(d))), 'trusted: team template in force');
    await c.stop();
    const templateReads = records().filter((r) => ['team.md', 'other.md'].includes(path.basename(r.target)));
    assert.deepEqual(templateReads, [], 'untrusted: the templates were not even read');
    assertNoEffects(records());
  });

  test('templates that are not regular files (a FIFO in the workspace, /dev/zero) neither hang nor get read', async () => {
    const ws = tempWorkspace({ '.deepdive.json': '{ "template": "fifo.md" }' });
    execFileSync('mkfifo', [ws.file('fifo.md')]);
    const { c } = await guarded(ws);
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, DOC);
    assert.deepEqual(normalise(await analysed(c, uri, 1), uri), normalise(reference(DOC, uri).diagnostics, uri));
    await c.waitFor('FIFO message', () => c.shown.some((m) => /fifo\.md/.test(m)));
    const c2 = await startServer({ rootUri: ws.uri, settings: { templatePath: '/dev/zero' } });
    cleanup.push(() => stopped(c2));
    c2.open(uri, DOC);
    assert.deepEqual(normalise(await analysed(c2, uri, 1), uri), normalise(reference(DOC, uri).diagnostics, uri));
    await c2.waitFor('/dev/zero message', () => c2.shown.some((m) => /\/dev\/zero/.test(m)));
  });

  test('the bundles load no network module (static check; the runtime guard above is the real proof)', () => {
    // dist/server.js is the entry that sets V8's tiering (v8) and runs dist/server-main.js with the build's
    // V8 code cache (vm, module), which runs dist/server-core.js likewise.
    for (const bundle of ['dist/server.js', 'dist/server-main.js', 'dist/server-core.js', 'dist/worker.js']) {
      const text = readFileSync(path.join(ROOT, bundle), 'utf8');
      const required = new Set([...text.matchAll(/require\("(?:node:)?([a-z_0-9/]+)"\)/g)].map((m) => m[1]));
      const network = ['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'undici'].filter((m) => required.has(m));
      assert.deepEqual(network, [], `${bundle} requires network modules`);
      assert.doesNotMatch(text, /\bfetch\(|new WebSocket\(|XMLHttpRequest/, `${bundle} uses fetch/WebSocket`);
      // `net` (socket/pipe transports) and `child_process` (global module lookup) come with
      // vscode-languageserver/node; over --stdio they stay unused, which the guard checks at run time.
      for (const m of required) assert.ok(['fs', 'fs/promises', 'path', 'url', 'os', 'util', 'process', 'worker_threads', 'crypto', 'net', 'child_process', 'events', 'stream', 'vm', 'module', 'v8'].includes(m), `${bundle} requires ${m}`);
    }
  });
});

