// `deep-dive mcp`: the built CLI's MCP server driven over stdio by the SDK's own client.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, cleanDeepDive, json, README, REPO, run, runBin, tree, withoutSection } from './helpers';

interface ToolText { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> }

async function connect(cwd: string, args: string[] = []): Promise<Client> {
  const client = new Client({ name: 'deep-dive-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], cwd, stderr: 'pipe' }));
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolText;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const data = (r: ToolText): any => {
  assert.ok(!r.isError, r.content[0]?.text);
  const parsed = JSON.parse(r.content[0].text);
  assert.deepEqual(r.structuredContent, parsed);
  return parsed;
};
const errorOf = (r: ToolText) => {
  assert.equal(r.isError, true, 'an error result');
  return r.content[0].text;
};

/** Applies inserts last first, so earlier offsets stay valid. */
function applyInserts(text: string, inserts: { offset: number; text: string }[]): string {
  return [...inserts].sort((a, b) => b.offset - a.offset).reduce((t, i) => t.slice(0, i.offset) + i.text + t.slice(i.offset), text);
}

const gappy = withoutSection(cleanDeepDive(), 'Tradeoffs').replace('### Traces\n\nDetails on traces.\n\n', '').replace('Notes on mental model.', 'Notes on [Cost 1].');

describe('deep-dive mcp (tools/call over stdio)', { skip: existsSync(BIN) ? false : 'dist/cli.js is not built (npm run build)' }, () => {
  const outside = tree({ 'secret.md': cleanDeepDive('Secret') });
  const root = tree({
    'docs/gappy.deepdive.md': gappy,
    'docs/clean.deepdive.md': cleanDeepDive(),
    'docs/README.md': README,
    'notes/front.md': `---\ntemplate: deep-dive\n---\n${cleanDeepDive('Front')}`,
    'custom/template.md': '# Template\n\n## Title: [Topic]\n\n## Context\n\nWhy this exists.\n\n## Decision\n\nWhat we chose.\n',
  });
  symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs', 'link.md'));
  let client: Client;
  before(async () => {
    client = await connect(root);
  });
  after(() => client?.close());

  it('tools/list: check, explain, scaffold and list, with their arguments', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['check', 'explain', 'scaffold', 'list']);
    const props = (name: string) => Object.keys(tools.find((t) => t.name === name)!.inputSchema.properties ?? {});
    assert.deepEqual(props('check'), ['path', 'text', 'template']);
    assert.deepEqual(props('scaffold'), ['path', 'text', 'template', 'section']);
    assert.deepEqual(props('list'), ['folder', 'template']);
  });

  it('check: the CLI\'s findings, each with its section and the template\'s guidance for it', async () => {
    const r = data(await call(client, 'check', { path: 'docs/gappy.deepdive.md' }));
    const cli = json(runBin(['check', '--format', 'json', 'docs/gappy.deepdive.md'], root).stdout).files[0].diagnostics;
    assert.deepEqual(r.findings.map((f: { code: string; message: string; start: { line: number; column: number } }) => [f.code, f.message, f.start.line, f.start.column]),
      cli.map((d) => [d.code, d.message, d.range.start.line + 1, d.range.start.character + 1]));
    const bySection = Object.fromEntries(r.findings.map((f: { code: string; section: string }) => [f.code, f.section]));
    assert.deepEqual(bySection, { placeholder: 'Mental Model', 'missing-subsection': 'Observability Contract', 'missing-section': 'Tradeoffs' });
    const tradeoffs = r.findings.find((f: { code: string }) => f.code === 'missing-section');
    assert.match(tradeoffs.guidance, /\*\*What We Gain\*\*/);
    assert.deepEqual(r.status, { present: 10, written: 9, total: 11, missing: ['Tradeoffs'], scaffolded: ['Mental Model'] });
    assert.equal(r.file, 'docs/gappy.deepdive.md');
  });

  it('check: text instead of a path, against a named template', async () => {
    const text = '# ADR\n\n## Context\n\nBecause.\n';
    const r = data(await call(client, 'check', { text, template: 'custom/template.md' }));
    assert.equal(r.file, null);
    assert.equal(r.template, 'custom/template.md');
    assert.deepEqual(r.findings.map((f: { code: string; section: string; guidance: string }) => [f.code, f.section, f.guidance]), [['missing-section', 'Decision', 'What we chose.']]);
    const builtin = data(await call(client, 'check', { text, template: 'built-in' }));
    assert.equal(builtin.status.total, 11);
  });

  it('explain: which template applies and why, and why the document counts as a deep dive', async () => {
    const glob = data(await call(client, 'explain', { path: 'docs/gappy.deepdive.md' }));
    assert.equal(glob.template.source, 'built-in');
    assert.equal(glob.reason, 'glob');
    assert.equal(glob.why, 'glob **/*.deepdive.md');
    assert.equal(data(await call(client, 'explain', { path: 'notes/front.md' })).reason, 'front-matter');
    const readme = data(await call(client, 'explain', { path: 'docs/README.md' }));
    assert.equal(readme.deepDive, false);
    assert.match(readme.why, /^not recognised as a deep dive/);
    const named = data(await call(client, 'explain', { text: cleanDeepDive(), template: 'built-in' }));
    assert.deepEqual([named.reason, named.template.source], ['sections', 'argument']);
  });

  it('scaffold: inserting its texts where it says leaves no section missing', async () => {
    const r = data(await call(client, 'scaffold', { path: 'docs/gappy.deepdive.md' }));
    assert.deepEqual(r.inserts.map((i: { section: string; parent: string | null; after: string | null }) => [i.section, i.parent, i.after]), [
      ['Traces', 'Observability Contract', 'Logs'],
      ['Tradeoffs', null, 'Security Boundaries'],
    ]);
    const fixed = applyInserts(gappy, r.inserts);
    const after = data(await call(client, 'check', { text: fixed }));
    // Complete and in order; what remains is the template's own [placeholders] and guidance the scaffolds
    // brought: those sections are scaffolded, not written.
    assert.deepEqual(after.status, { present: 11, written: 8, total: 11, missing: [], scaffolded: ['Mental Model', 'Observability Contract', 'Tradeoffs'] });
    assert.deepEqual([...new Set(after.findings.map((f: { code: string }) => f.code))].sort(), ['placeholder', 'unfilled-guidance']);
    const one = data(await call(client, 'scaffold', { path: 'docs/gappy.deepdive.md', section: 'tradeoffs' }));
    assert.deepEqual(one.inserts.map((i: { section: string }) => i.section), ['Tradeoffs']);
    assert.match(one.inserts[0].text, /^## Tradeoffs\n\n### What We Gain\n/);
    assert.equal(errorOf(await call(client, 'scaffold', { path: 'docs/gappy.deepdive.md', section: 'Mental Model' })), '"Mental Model" is already in the document');
  });

  it('list: the deep dives under a folder with their completeness', async () => {
    const r = data(await call(client, 'list', { folder: 'docs' }));
    assert.deepEqual(r.deepDives.map((d: { path: string; present: number; complete: boolean; missing: string[] }) => [d.path, d.present, d.complete, d.missing]), [
      ['docs/clean.deepdive.md', 11, true, []],
      ['docs/gappy.deepdive.md', 10, false, ['Tradeoffs']],
    ]);
    assert.equal(r.skipped, 1); // README.md; link.md leads out of the root and is not read
    const all = data(await call(client, 'list', {}));
    assert.deepEqual(all.deepDives.map((d: { path: string }) => d.path), ['docs/clean.deepdive.md', 'docs/gappy.deepdive.md', 'notes/front.md']);
  });

  it('refuses paths outside the root, symlinks out of it included, and bad arguments, then goes on serving', async () => {
    assert.match(errorOf(await call(client, 'check', { path: '../secret.md' })), /is outside the server's root/);
    assert.match(errorOf(await call(client, 'check', { path: path.join(outside, 'secret.md') })), /is outside the server's root/);
    assert.match(errorOf(await call(client, 'check', { path: 'docs/link.md' })), /leads outside the server's root/);
    assert.match(errorOf(await call(client, 'list', { folder: '..' })), /is outside the server's root/);
    assert.match(errorOf(await call(client, 'check', { text: 'x', template: '../secret.md' })), /is outside the server's root/);
    assert.match(errorOf(await call(client, 'check', {})), /give exactly one of "path"/);
    assert.match(errorOf(await call(client, 'check', { path: 'docs/clean.deepdive.md', text: 'x' })), /give exactly one of "path"/);
    assert.match(errorOf(await call(client, 'check', { path: 5 })), /Input validation error/);
    assert.match(errorOf(await call(client, 'check', { path: 'docs/none.md' })), /^no such file: docs\/none\.md$/);
    assert.match(errorOf(await call(client, 'check', { path: 'docs' })), /^docs is not a file$/);
    assert.match(errorOf(await call(client, 'nope', {})), /Tool nope not found/);
    assert.equal(data(await call(client, 'check', { path: 'docs/clean.deepdive.md' })).findings.length, 0);
  });

  it('--root sets the root; a broken config is a tool error, not a crash', async () => {
    const other = tree({ 'a/x.deepdive.md': cleanDeepDive(), 'a/.deepdive.json': '{"rules": {"no-such-rule": "off"}}' });
    mkdirSync(path.join(other, 'b'));
    const c = await connect(path.join(other, 'b'), ['--root', '../a']);
    try {
      assert.match(errorOf(await call(c, 'check', { path: 'x.deepdive.md' })), /no-such-rule/);
      assert.match(errorOf(await call(c, 'check', { path: '../b' })), /outside the server's root/);
    } finally {
      await c.close();
    }
  });

  it('takes no PATH and needs --root to be a folder (exit 2)', async () => {
    assert.equal((await run(['mcp', 'docs'], root)).code, 2);
    const r = await run(['mcp', '--root', 'nowhere'], root);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: `deep-dive: --root must be a folder (got "nowhere")\nRun 'deep-dive --help' for usage.\n` });
    assert.equal((await run(['check', '--root', 'docs', '.'], root)).code, 2);
  });
});

describe('deep-dive mcp with several templates (the template-families example)', { skip: existsSync(BIN) ? false : 'dist/cli.js is not built (npm run build)' }, () => {
  let client: Client;
  before(async () => {
    client = await connect(path.join(REPO, 'examples/template-families'));
  });
  after(() => client?.close());

  it('explain: the template each document picks, and why, in the words the CLI uses', async () => {
    const adr = data(await call(client, 'explain', { path: 'docs/adr/0002-event-bus.md' }));
    assert.deepEqual([adr.template.name, adr.template.source, adr.reason, adr.why], ['adr', 'selected', 'glob', 'glob docs/adr/**/*.md']);
    assert.deepEqual(adr.template.sections, ['Context', 'Decision', 'Consequences', 'Alternatives Considered']);
    assert.deepEqual(adr.template.available, ['adr', 'postmortem', 'deep-dive']);
    const retro = data(await call(client, 'explain', { path: 'notes/checkout-retro.md' }));
    assert.deepEqual([retro.template.name, retro.reason, retro.why], ['postmortem', 'front-matter', 'front matter on line 2']);
  });

  it("check and list: findings against each document's own template", async () => {
    const adr = data(await call(client, 'check', { path: 'docs/adr/0002-event-bus.md' }));
    assert.equal(adr.template, 'adr');
    assert.deepEqual(adr.findings.map((f: { code: string; section: string }) => [f.code, f.section]), [['missing-section', 'Decision']]);
    const listed = data(await call(client, 'list', {}));
    assert.deepEqual(listed.deepDives.map((d: { path: string; template: string; missing: string[] }) => [d.path, d.template, d.missing]), [
      ['docs/adr/0001-use-postgresql.md', 'adr', []],
      ['docs/adr/0002-event-bus.md', 'adr', ['Decision']],
      ['notes/checkout-retro.md', 'postmortem', ['Timeline']],
      ['postmortems/2026-02-11-queue-outage.md', 'postmortem', []],
    ]);
    assert.equal(listed.skipped, 2, 'the two templates are not listed as documents');
  });

  it("a template argument naming one of the config's templates checks against it", async () => {
    const r = data(await call(client, 'check', { path: 'notes/checkout-retro.md', template: 'adr' }));
    assert.equal(r.template, 'adr');
    assert.deepEqual(r.status.missing, ['Context', 'Decision', 'Consequences']);
  });
});
