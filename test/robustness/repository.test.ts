// A hostile repository (any `.deepdive.json`, file name and heading, opened in
// Restricted Mode or not) can neither freeze the server, nor make it read past
// its workspace folder, nor get an outside file's text shown. Against the
// bundled server; a hang fails by the harness's hang guard.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { buildTemplate } from '../../server/src/engine';
import { MAX_CONFIG_FILE_SIZE } from '../../server/src/engine/config';
import { Workspace } from '../../server/src/lsp/workspace';
import { loadBuiltinTemplate } from '../../server/src/node/builtinTemplate';
import type { Runtime } from '../../server/src/node/runtime';
import { runBin, tree } from '../cli/helpers';
import { completeDoc } from '../protocol/fixtures';
import type { TestClient } from '../protocol/lspClient';
import { alive, analysed, messageOf, startServer } from './harness';
import { lineStarts, positionAt } from './text';
import { tempWorkspace, type TempWorkspace } from './workspace';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function session(files: Record<string, string>, opts: { settings?: Record<string, unknown>; trusted?: boolean } = {}) {
  const ws = tempWorkspace(files);
  cleanup.push(() => ws.remove());
  const c = await startServer({ rootUri: ws.uri, ...opts });
  cleanup.push(() => (alive(c) ? c.stop() : undefined));
  return { ws, c };
}

/** A folder outside every workspace, removed after the test. */
function outside(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deep-dive-outside-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const configDiagnostics = (c: TestClient, ws: TempWorkspace) => (c.diagnostics.get(ws.uriOf('.deepdive.json')) ?? []).at(-1)?.diagnostics ?? [];
/** Everything the server told the client, as text. */
const everything = (c: TestClient) => JSON.stringify([[...c.diagnostics.values()], c.logs, c.shown]) + c.stderr;

describe('hostile globs', () => {
  test('.deepdive.json globs that froze a backtracking matcher are answered; malformed and over-limit ones are diagnostics at their string', async () => {
    const long = '*?'.repeat(5000);
    const globs = ['**a**a**a**a**a**a**a**ab', '[z-a]*.md', long, `${'**/'.repeat(12)}*a`, 'notes/**/*.md'];
    const config = `{\n  "globs": [\n${globs.map((g) => `    ${JSON.stringify(g)}`).join(',\n')}\n  ]\n}\n`;
    const { ws, c } = await session({ '.deepdive.json': config });
    // Names the hostile globs work hardest on: 60 `a`s, and a path 40 folders deep.
    const uris = [ws.uriOf(`notes/${'a'.repeat(60)}.txt`), ws.uriOf(`${'d/'.repeat(40)}doc-a`), ws.uriOf(`notes/${'a'.repeat(60)}.md`)];
    for (const uri of uris) c.open(uri, '# Notes\n\nJust notes.\n');
    const diags = await Promise.all(uris.map((u) => analysed(c, u, 1)));
    assert.equal(diags[0].length, 0, 'no glob matches the first: an ordinary file');
    assert.ok(diags[1].some((d) => d.code === 'missing-section'), 'the 40-folder path matches the `**/…*a` glob: checked');
    assert.ok(diags[2].some((d) => d.code === 'missing-section'), 'notes/**/*.md still applies');
    const problems = configDiagnostics(c, ws);
    assert.deepEqual(problems.map(messageOf).map((m) => m.replace(/^.*\.deepdive\.json: /, '')), [
      'invalid glob "[z-a]*.md": range "z-a" is out of order (at character 2)',
      `invalid glob ${JSON.stringify(`${long.slice(0, 60)}…`)}: longer than 256 characters (at character 257)`,
    ]);
    const starts = lineStarts(config);
    assert.deepEqual(problems.map((d) => d.range.start), [globs[1], long].map((g) => positionAt(config, config.indexOf(JSON.stringify(g)), starts)));
  });

  test('deepDive.globs from settings: a bad glob is named in a message and ignored, the others apply', async () => {
    const { ws, c } = await session({}, { settings: { globs: ['[z-a]*.md', 'notes/*.md'] } });
    const uri = ws.uriOf('notes/a.md');
    c.open(uri, '# Notes\n');
    assert.ok((await analysed(c, uri, 1)).some((d) => d.code === 'missing-section'));
    await c.waitFor('the settings message', () => c.shown.some((m) => m.includes('Setting deepDive.globs: invalid glob "[z-a]*.md": range "z-a" is out of order')));
  });
});

describe('hostile globs in CI (the built CLI)', () => {
  test('a malformed or over-limit glob in .deepdive.json is file:line:col and exit 2, not a stack trace', () => {
    const long = '*?'.repeat(5000);
    const config = `{\n  "globs": [\n    "docs/*.md",\n    "[z-a]*.md",\n    "${long}"\n  ]\n}\n`;
    const root = tree({ '.deepdive.json': config, 'docs/a.md': '# A\n' });
    const r = runBin(['check', 'docs'], root);
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.ok(lines[0].endsWith('.deepdive.json:4:5: invalid glob "[z-a]*.md": range "z-a" is out of order (at character 2)'), lines[0]);
    assert.ok(lines[1].endsWith(`.deepdive.json:5:5: invalid glob ${JSON.stringify(`${long.slice(0, 60)}…`)}: longer than 256 characters (at character 257)`), lines[1]);
  });

  test('a malformed glob argument is exit 2 with the reason; a hostile valid one is answered', () => {
    const root = tree({ [`docs/${'a'.repeat(60)}.md`]: '# Notes\n', 'deep-dives/x.md': '# X\n' });
    const bad = runBin(['check', '[z-a]*.md'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid glob "\[z-a\]\*\.md": range "z-a" is out of order \(at character 2\)/);
    assert.doesNotMatch(bad.stderr, /SyntaxError|\n {4}at /);
    // Against 60 `a`s, the pattern that took seconds per file: answered (it matches nothing, which is exit 2 by design).
    const slow = runBin(['check', 'docs/**a**a**a**a**a**a**a**ab'], root);
    assert.deepEqual([slow.code, slow.stderr], [2, 'deep-dive: no files match docs/**a**a**a**a**a**a**a**ab\n']);
  });
});

describe('.deepdive.json held to its folder', () => {
  const SECRET = 'SECRET-OUTSIDE-TEXT-4711';
  for (const trusted of [true, false]) {
    test(`a symbolic link to a file outside the folder is refused and never read or shown (${trusted ? 'trusted' : 'Restricted Mode'})`, async () => {
      const out = outside();
      writeFileSync(path.join(out, 'config.json'), `${SECRET} {"rules": {"placeholder": "off"}}`);
      const { ws, c } = await session({}, { trusted });
      symlinkSync(path.join(out, 'config.json'), ws.file('.deepdive.json'));
      const uri = ws.uriOf('deep-dives/a.md');
      c.open(uri, completeDoc().replace('- Core abstraction', '- Core [TODO] abstraction'));
      assert.ok((await analysed(c, uri, 1)).some((d) => d.code === 'placeholder'), 'the defaults apply: placeholder is not turned off');
      const [problem] = configDiagnostics(c, ws);
      assert.match(messageOf(problem), /\.deepdive\.json: cannot be read \(it leads outside the workspace folder\); using the defaults\./);
      assert.ok(!everything(c).includes(SECRET), 'nothing of the outside file reached the client');
      assert.ok(!everything(c).includes(out), 'not even where the link leads');
    });
  }

  test('a FIFO (directly or through a link) is refused without waiting on it; documents are checked', async () => {
    const { ws, c } = await session({ 'a/.keep': '' });
    execFileSync('mkfifo', [ws.file('fifo')]);
    symlinkSync(ws.file('fifo'), ws.file('.deepdive.json'));
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, '# A\n');
    assert.ok((await analysed(c, uri, 1)).some((d) => d.code === 'missing-section'));
    assert.match(messageOf(configDiagnostics(c, ws)[0]), /cannot be read \(not a regular file \(a FIFO\)\)/);
  });

  test(`a config file over ${MAX_CONFIG_FILE_SIZE} bytes is refused, not read`, async () => {
    const { ws, c } = await session({ '.deepdive.json': `{${' '.repeat(MAX_CONFIG_FILE_SIZE)}}` });
    const uri = ws.uriOf('deep-dives/a.md');
    c.open(uri, '# A\n');
    assert.ok((await analysed(c, uri, 1)).some((d) => d.code === 'missing-section'));
    assert.match(messageOf(configDiagnostics(c, ws)[0]), new RegExp(`cannot be read \\(too large: over ${MAX_CONFIG_FILE_SIZE} bytes\\)`));
  });

  test('a read that does not finish in time: the folder goes on with the defaults, and says why', async () => {
    const logs: string[] = [];
    const runtime = { realpath: async (p: string) => p, readFile: () => new Promise<string>(() => undefined), readDeadlineMs: 20 } as unknown as Runtime;
    const workspace = new Workspace(runtime, (m) => logs.push(m), () => Promise.reject(new Error('not used')));
    const loaded = await workspace.configFor(path.resolve('/ws'));
    assert.deepEqual(loaded?.config, { rules: {} });
    assert.deepEqual(loaded?.problems.map((p) => p.message), [`${path.resolve('/ws/.deepdive.json')}: cannot be read (it was not read within 20 ms); using the defaults.`]);
    assert.equal(logs.length, 1);
  });
});

describe('the built-in template', () => {
  test('is derived in the server thread: a first document does not wait for the analysis worker, even one that never answers', { timeout: 10_000 }, async () => {
    const builtinTemplate = loadBuiltinTemplate();
    const runtime = { builtinTemplate } as unknown as Runtime;
    const workspace = new Workspace(runtime, () => undefined, () => new Promise<never>(() => undefined));
    const model = await workspace.builtin();
    assert.deepEqual(model, buildTemplate(builtinTemplate.text, builtinTemplate.path));
    assert.equal(await workspace.builtin(), model, 'derived once');
  });
});
