// Bad configuration in a real workspace folder on disk: a broken .deepdive.json,
// a missing or unusable template, wrong setting types. Each gives one clear
// message (log or window message) and, where there is a config file, a
// diagnostic on it; documents keep being checked against the defaults and the
// built-in template; fixing the file (didChangeWatchedFiles) re-checks them.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync } from 'node:fs';
import { afterEach, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { completeDoc } from '../protocol/fixtures';
import type { TestClient } from '../protocol/lspClient';
import { alive, analysed, messageOf, normalise, reference, startServer } from './harness';
import { lineStarts, positionAt, rangeProblem } from './text';
import { fileChanged, reanalysed, tempWorkspace, type TempWorkspace } from './workspace';

/** A deep dive with two unfilled placeholders: their warnings show which rules are in force. */
const DOC = completeDoc().replace('- Core abstraction', '- Core [TODO] abstraction [Topic Name]');
const CUSTOM_TEMPLATE = '# Team template\n\n## Alpha Section\n\nWhat alpha is.\n\n## Beta Section\n\nWhat beta is.\n';

let ws: TempWorkspace | undefined;
let c: TestClient | undefined;
afterEach(async () => {
  await c?.stop();
  ws?.remove();
  c = ws = undefined;
});

async function session(files: Record<string, string>, settings: Record<string, unknown> = {}) {
  ws = tempWorkspace(files);
  c = await startServer({ rootUri: ws.uri, settings });
  return { ws, c };
}

/** Opens deep dives in the workspace and returns their diagnostics. */
async function openDocs(names: string[], text = DOC): Promise<Diagnostic[][]> {
  const out: Diagnostic[][] = [];
  for (const n of names) c!.open(ws!.uriOf(`deep-dives/${n}.md`), text);
  for (const n of names) out.push(await analysed(c!, ws!.uriOf(`deep-dives/${n}.md`), 1));
  return out;
}

const configDiagnostics = (uri: string) => c!.diagnostics.get(uri) ?? [];
const logged = (re: RegExp) => c!.logs.filter((m) => re.test(m));
const shown = (re: RegExp) => c!.shown.filter((m) => re.test(m));
const builtinAnswer = (uri: string) => normalise(reference(DOC, uri).diagnostics, uri);

/** The config file's diagnostics lie on the line that holds `key` (or anywhere when key is null). */
function assertOnLine(text: string, d: Diagnostic, key: string | null) {
  assert.equal(rangeProblem(text, d.range), null);
  assert.equal(d.severity, 1);
  assert.equal(d.source, 'deep-dive');
  if (key) assert.equal(d.range.start.line, positionAt(text, text.indexOf(`"${key}"`), lineStarts(text)).line, `${messageOf(d)} on the line of "${key}"`);
}

describe('bad configuration', () => {
  test('.deepdive.json that is not JSON: one log message, one diagnostic on the file, documents use the defaults', async () => {
    const config = '{\n  "rules": {\n    "placeholder": "off",\n  \n';
    await session({ '.deepdive.json': config });
    const diags = await openDocs(['a', 'b', 'c']);
    diags.forEach((d, i) => assert.deepEqual(normalise(d, ws!.uriOf(`deep-dives/${'abc'[i]}.md`)), builtinAnswer(ws!.uriOf(`deep-dives/${'abc'[i]}.md`))));
    const published = configDiagnostics(ws!.uriOf('.deepdive.json'));
    assert.equal(published.length, 1, 'published once, not once per document');
    assert.equal(published[0].diagnostics.length, 1);
    assert.match(messageOf(published[0].diagnostics[0]), /\.deepdive\.json: not valid JSON/);
    assertOnLine(config, published[0].diagnostics[0], null);
    assert.equal(logged(/not valid JSON/).length, 1, `one log line: ${c!.logs.join(' | ')}`);
    assert.ok(alive(c!));
  });

  test('unknown keys and rules, wrong types: a diagnostic on each key, the valid parts still apply', async () => {
    const config = JSON.stringify({ rulez: {}, rules: { nonsense: 'off', placeholder: 42, 'missing-section': 'error' }, globs: 'x', autoDetect: 'yes', template: 5 }, null, 2);
    await session({ '.deepdive.json': config });
    const text = DOC.replace(/## Tradeoffs\n[\s\S]*?\n## /, '## ');
    const [diags] = await openDocs(['a'], text);
    assert.deepEqual(diags.map((d) => [d.code, d.severity]).sort(), [['missing-section', 1], ['placeholder', 2], ['placeholder', 2]], 'missing-section raised to error; placeholder keeps its default');
    const [published] = configDiagnostics(ws!.uriOf('.deepdive.json'));
    const byKey: [string, RegExp][] = [['rulez', /unknown key "rulez"/], ['nonsense', /unknown rule "nonsense"/], ['placeholder', /rule "placeholder" must be one of/], ['globs', /"globs" must be/], ['autoDetect', /"autoDetect" must be/], ['template', /"template" must be/]];
    assert.equal(published.diagnostics.length, byKey.length, published.diagnostics.map(messageOf).join('\n'));
    for (const [key, re] of byKey) {
      const d = published.diagnostics.find((x) => re.test(messageOf(x)));
      assert.ok(d, `a diagnostic for ${key}`);
      assertOnLine(config, d, key);
      assert.equal(logged(re).length, 1, `${key} logged once`);
    }
  });

  test('deepDive.templatePath names a missing file: one window message, built-in template used', async () => {
    await session({}, { templatePath: 'templates/nope.md' });
    const uris = ['a', 'b'].map((n) => ws!.uriOf(`deep-dives/${n}.md`));
    const diags = await openDocs(['a', 'b']);
    diags.forEach((d, i) => assert.deepEqual(normalise(d, uris[i]), builtinAnswer(uris[i])));
    assert.equal(shown(/Cannot read the template/).length, 1, c!.shown.join(' | '));
    assert.match(shown(/Cannot read the template/)[0], /nope\.md.*built-in template/s);
  });

  for (const [name, files, problem] of [
    ['missing', {}, /Cannot read the template/],
    ['without ## sections', { 'team.md': '# Only a title\n\nNo sections here.\n' }, /has no `##` sections/],
    ['naming a section twice', { 'team.md': '## Alpha\n\n## Alpha\n' }, /twice/],
    ['a directory', { 'team.md/inner.md': 'x' }, /Cannot read the template/],
  ] as [string, Record<string, string>, RegExp][]) {
    test(`.deepdive.json names a template that is ${name}: message, diagnostic on "template", built-in used`, async () => {
      const config = '{\n  "rules": {},\n  "template": "team.md"\n}\n';
      await session({ '.deepdive.json': config, ...files });
      const uri = ws!.uriOf('deep-dives/a.md');
      const [diags] = await openDocs(['a']);
      assert.deepEqual(normalise(diags, uri), builtinAnswer(uri));
      assert.equal(shown(problem).length, 1, c!.shown.join(' | '));
      const [published] = configDiagnostics(ws!.uriOf('.deepdive.json'));
      assert.equal(published.diagnostics.length, 1);
      assert.match(messageOf(published.diagnostics[0]), problem);
      assertOnLine(config, published.diagnostics[0], 'template');
    });
  }

  test('fixing .deepdive.json (didChangeWatchedFiles) re-checks open documents and clears its diagnostics', async () => {
    await session({ '.deepdive.json': '{ "rules": { "placeholder": "of" } }' });
    const uri = ws!.uriOf('deep-dives/a.md');
    const cfg = ws!.uriOf('.deepdive.json');
    const [before] = await openDocs(['a']);
    assert.equal(before.filter((d) => d.code === 'placeholder').length, 2);
    assert.equal(configDiagnostics(cfg).at(-1)!.diagnostics.length, 1);
    ws!.write('.deepdive.json', '{ "rules": { "placeholder": "off" } }');
    await reanalysed(c!, uri, () => fileChanged(c!, cfg));
    assert.deepEqual(c!.current(uri), [], 'placeholder rule now off');
    assert.deepEqual(configDiagnostics(cfg).at(-1)!.diagnostics, [], 'config diagnostics cleared');
  });

  test('fixing the template file (didChangeWatchedFiles) switches documents to it and clears the config diagnostic', async () => {
    await session({ '.deepdive.json': '{ "template": "team.md" }', 'team.md': '# no sections\n' });
    const uri = ws!.uriOf('deep-dives/a.md');
    await openDocs(['a']);
    assert.equal(configDiagnostics(ws!.uriOf('.deepdive.json')).at(-1)!.diagnostics.length, 1);
    ws!.write('team.md', CUSTOM_TEMPLATE);
    await reanalysed(c!, uri, () => fileChanged(c!, ws!.uriOf('team.md')));
    assert.ok(c!.current(uri).some((d) => /Alpha Section/.test(messageOf(d))), 'checked against the team template');
    assert.deepEqual(configDiagnostics(ws!.uriOf('.deepdive.json')).at(-1)!.diagnostics, []);
  });

  test('deleting a broken .deepdive.json (didChangeWatchedFiles, deleted) clears its diagnostics', async () => {
    await session({ '.deepdive.json': '{ nope' });
    const uri = ws!.uriOf('deep-dives/a.md');
    const cfg = ws!.uriOf('.deepdive.json');
    await openDocs(['a']);
    assert.equal(configDiagnostics(cfg).at(-1)!.diagnostics.length, 1);
    rmSync(ws!.file('.deepdive.json'));
    await reanalysed(c!, uri, () => fileChanged(c!, cfg, 3));
    assert.deepEqual(configDiagnostics(cfg).at(-1)!.diagnostics, [], 'a deleted file keeps no diagnostics');
  });

  test('a .deepdive.json that exists but cannot be read (here: a directory) is reported, not silently ignored', async () => {
    ws = tempWorkspace();
    mkdirSync(ws.file('.deepdive.json'));
    c = await startServer({ rootUri: ws.uri });
    const uri = ws.uriOf('deep-dives/a.md');
    const [diags] = await openDocs(['a']);
    assert.deepEqual(normalise(diags, uri), builtinAnswer(uri), 'defaults apply');
    assert.ok(c.logs.some((m) => m.includes('.deepdive.json')) || c.shown.some((m) => m.includes('.deepdive.json')), `no message about the unreadable config: ${c.logs.join(' | ')}`);
  });

  test('wrong setting types pushed while documents are open: one window message, documents keep their diagnostics', async () => {
    await session({});
    const uri = ws!.uriOf('deep-dives/a.md');
    await openDocs(['a']);
    await reanalysed(c!, uri, () => void c!.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { deepDive: { enable: 'yes', rules: { nope: 'off', placeholder: 'loud' }, globs: 'docs', diagnosticsDelay: -5, maxDocumentSize: 'big', templatePath: 7 } },
    }));
    assert.deepEqual(normalise(c!.current(uri), uri), builtinAnswer(uri));
    const messages = shown(/deepDive/);
    assert.equal(messages.length, 1, c!.shown.join(' | '));
    for (const key of ['enable', 'rules\\.placeholder', 'globs', 'diagnosticsDelay', 'maxDocumentSize', 'templatePath']) assert.match(messages[0], new RegExp(`deepDive\\.${key}`));
    assert.match(messages[0], /unknown rule "nope"/);
    assert.ok(alive(c!));
  });
});
