// A hostile repository against the built CLI (dist/cli.js, as CI runs it): a
// pull request can carry any file name, heading, `.deepdive.json` and special
// file. The CLI must refuse FIFOs, devices and sockets without reading them
// (a read would block or never end), keep a config and its template inside the
// config's folder, show nothing of a refused file, and print text output that
// no terminal, grep gate or problem matcher can be misled by.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BIN, cleanDeepDive, tree, withoutSection, type RunResult } from '../cli/helpers';
import { MAX_CONFIG_FILE_SIZE } from '../../server/src/engine/config';

const POSIX = process.platform !== 'win32';
const SKIP_FIFO = !POSIX || spawnSync('mkfifo', ['--help']).error ? 'needs mkfifo (POSIX)' : false;
const SKIP_DEV = existsSync('/dev/zero') && existsSync('/dev/null') ? false : 'needs /dev/zero and /dev/null';

/**
 * Runs the built CLI. The timeout is a safety net, not a measurement: a read of
 * a FIFO or /dev/zero would never end, and the test must fail, not hang.
 */
function cli(args: string[], cwd: string, input?: string | Buffer): RunResult {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, input: input ?? '' });
  assert.equal(r.error, undefined, `deep-dive ${args.join(' ')} did not finish: ${r.error}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo ${file} failed: ${r.stderr}`);
}

/** C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates: none may reach the terminal raw. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const DOC = withoutSection(cleanDeepDive(), 'Tradeoffs');

describe('deep-dive check refuses special files without reading them', { skip: SKIP_FIFO }, () => {
  const root = tree({ 'doc.deepdive.md': DOC, 'team/.keep': '' });
  mkfifo(path.join(root, 'pipe.md'));
  mkfifo(path.join(root, 'team/template.md'));

  it('a FIFO named on the command line: exit 2, a clear message, no output', () => {
    const r = cli(['check', 'pipe.md', 'doc.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read pipe.md: not a regular file (a FIFO)\n');
    assert.equal(r.stdout, '');
  });

  it('a FIFO as --template', () => {
    const r = cli(['check', '--template', 'pipe.md', 'doc.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read template pipe.md: not a regular file (a FIFO)\n');
  });

  it("a FIFO as the config's template (inside the repository)", () => {
    const dir = tree({ '.deepdive.json': '{"template": "t.md"}', 'doc.deepdive.md': DOC });
    mkfifo(path.join(dir, 't.md'));
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read template t.md: not a regular file (a FIFO)\n');
  });

  it('a FIFO as .deepdive.json is refused, not passed over', () => {
    const dir = tree({ 'doc.deepdive.md': DOC });
    mkfifo(path.join(dir, '.deepdive.json'));
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read config .deepdive.json: not a regular file (a FIFO)\n');
  });

  it('a FIFO inside a walked folder is passed over, never opened', () => {
    const r = cli(['check', '.'], root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^doc\.deepdive\.md:\d+:1 {2}warning {2}Missing section 'Tradeoffs'/m);
  });
});

describe('deep-dive check refuses devices and sockets', { skip: SKIP_DEV }, () => {
  const root = tree({ 'doc.deepdive.md': DOC });

  it('--template /dev/zero: refused at once, never read to the end', () => {
    const r = cli(['check', '--template', '/dev/zero', 'doc.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read template /dev/zero: not a regular file (a device)\n');
  });

  it('/dev/null named on the command line', () => {
    const r = cli(['check', '/dev/null'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read /dev/null: not a regular file (a device)\n');
  });

  it("a config's template /dev/zero is outside the repository: refused before anything is opened", () => {
    const dir = tree({ '.deepdive.json': '{"template": "/dev/zero"}', 'doc.deepdive.md': DOC });
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `deep-dive: .deepdive.json: template "/dev/zero" is outside the config file's folder; not read (name it with --template to use it)\n`);
  });

  it('a socket named on the command line', { skip: POSIX ? false : 'needs Unix sockets' }, async () => {
    const sock = path.join(root, 'sock.md');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    after(() => server.close());
    const r = cli(['check', 'sock.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read sock.md: not a regular file (a socket)\n');
  });
});

describe("the config and its template stay inside the config's folder", { skip: POSIX ? false : 'needs symbolic links' }, () => {
  const SECRET = 'SECRET-HEADING-TEXT';
  const outside = tree({ 'secret.md': `# ${SECRET}\n\n## ${SECRET} section\n\nbody\n`, 'outside.json': `{"rules": {"${SECRET}": "off"}}` });
  const secret = path.join(outside, 'secret.md');

  it("a config's template outside the folder (a path with ..) is refused and nothing of it is shown", () => {
    const dir = tree({ 'repo/doc.deepdive.md': DOC });
    writeFileSync(path.join(dir, 'repo/.deepdive.json'), JSON.stringify({ template: path.relative(path.join(dir, 'repo'), secret) }));
    const r = cli(['check', 'doc.deepdive.md'], path.join(dir, 'repo'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^deep-dive: \.deepdive\.json: template ".*secret\.md" is outside the config file's folder; not read \(name it with --template to use it\)\n$/);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
  });

  it('a symbolic link inside the folder to a template outside it is refused', () => {
    const dir = tree({ '.deepdive.json': '{"template": "team-template.md"}', 'doc.deepdive.md': DOC });
    symlinkSync(secret, path.join(dir, 'team-template.md'));
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `deep-dive: .deepdive.json: template "team-template.md" is outside the config file's folder; not read (name it with --template to use it)\n`);
    assert.ok(!r.stdout.includes(SECRET));
  });

  it('the same file named with --template is the user\'s choice and is used', () => {
    const dir = tree({ 'doc.deepdive.md': DOC });
    const r = cli(['check', '--template', secret, 'doc.deepdive.md'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Missing section 'SECRET-HEADING-TEXT section'/);
  });

  it('a found .deepdive.json that links outside its folder is not read, and nothing of it is shown', () => {
    const dir = tree({ 'doc.deepdive.md': DOC });
    symlinkSync(path.join(outside, 'outside.json'), path.join(dir, '.deepdive.json'));
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: config .deepdive.json is a link to a file outside its folder; not read (name it with --config to use it)\n');
    assert.ok(!r.stderr.includes(SECRET));
  });

  it('a config over the size bound is refused without being parsed or shown', () => {
    const dir = tree({ '.deepdive.json': `{"rules": {}, "x": "${SECRET}${'x'.repeat(1024 * 1024)}"}`, 'doc.deepdive.md': DOC });
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `deep-dive: cannot read config .deepdive.json: too large: over ${MAX_CONFIG_FILE_SIZE} bytes\n`);
  });
});

describe('text output is safe to print', { skip: POSIX ? false : 'needs control characters in file names' }, () => {
  // Each sequence a terminal or a log reader acts on.
  const SEQUENCES: Record<string, string> = {
    'OSC 8 link': '\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07',
    'clear screen': '\x1b[2J\x1b[H',
    'window title': '\x1b]0;pwned\x07',
    'C1 CSI': '\u009b31m',
    DEL: 'a\x7fb',
    'bidi override': 'txt.\u202egpj',
    'bidi isolate': '\u2066x\u2069',
    'line separator': 'a\u2028b',
  };
  const FORGED = 'forged.md:1:1  error  Forged finding  missing-section';
  const files: Record<string, string> = {};
  let i = 0;
  for (const [what, seq] of Object.entries(SEQUENCES)) {
    // The heading's section left empty: its text is quoted in the message.
    // A file name cannot hold `/`, so the link's URL loses its slashes there.
    files[`${i++} ${seq.replace(/\//g, '')}.deepdive.md`] = cleanDeepDive().replace(/Notes on mental model\.[\s\S]*?```\n/, '').replace('## Mental Model', `## Mental Model ${seq}`) + `\n<!-- ${what} -->\n`;
  }
  files[`x.md\n${FORGED}\n.deepdive.md`] = DOC;
  // A repository template whose section title carries the sequences too (echoed by missing-section).
  const template = `# Team\n\n## Setup ${SEQUENCES['OSC 8 link']}${SEQUENCES['window title']}\n\nHow.\n`;
  const root = tree({ ...files, 'team/.deepdive.json': '{"template": "template.md"}', 'team/template.md': template, 'team/doc.deepdive.md': '# Doc\n\nText.\n' });

  it('file names and headings are escaped, one line per finding, no forged line', () => {
    const text = cli(['check', '.'], root);
    const json = JSON.parse(cli(['check', '--format', 'json', '.'], root).stdout) as { files: { path: string; diagnostics: unknown[] }[] };
    const findings = json.files.reduce((n, f) => n + f.diagnostics.length, 0);
    assert.ok(findings >= Object.keys(files).length, 'every file has a finding');
    assert.doesNotMatch(text.stdout, RAW_CONTROL);
    const all = text.stdout.split('\n');
    // Each file's completeness line (its path quoted and escaped too) is one line.
    const summaries = all.filter((l) => /^(".*"|[^"].*): \d+\/\d+ written \(\d+%\)/.test(l));
    assert.equal(summaries.length, json.files.length);
    const lines = all.filter((l) => !summaries.includes(l));
    // Findings, a blank line, the summary, the final newline.
    assert.equal(lines.length, findings + 3);
    assert.ok(lines.slice(0, findings).every((l) => /:\d+:\d+ {2}(error|warning|information|hint) {2}/.test(l)));
    assert.ok(!lines.some((l) => l.startsWith('forged.md')), 'no line starts as the forged finding');
    assert.ok(lines.some((l) => l.startsWith(`"x.md\\n${FORGED}\\n.deepdive.md":`)), 'the name with newlines is quoted, escaped, on one line');
    assert.match(text.stdout, /^"0 \\033\]8;;https:evil\.example\\aclick me\\033\]8;;\\a\.deepdive\.md":7:1 {2}warning {2}Section 'Mental Model \\033\]8;;https:\/\/evil\.example\/\\aclick me\\033\]8;;\\a' is empty\. {2}empty-section$/m);
    assert.match(text.stdout, /^"1 \\033\[2J\\033\[H\.deepdive\.md":7:1 {2}warning {2}Section 'Mental Model \\033\[2J\\033\[H' is empty\./m);
    assert.match(text.stdout, /^"5 txt\.\\342\\200\\256gpj\.deepdive\.md":/m);
  });

  it("a repository template's section titles are escaped in messages", () => {
    const r = cli(['check', 'doc.deepdive.md'], path.join(root, 'team'));
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.match(r.stdout, /^doc\.deepdive\.md:\d+:\d+ {2}warning {2}Missing section 'Setup \\033\]8;;https:\/\/evil\.example\/\\aclick me\\033\]8;;\\a\\033\]0;pwned\\a': it belongs after the title\. {2}missing-section$/m);
  });

  it('messages on stderr are escaped too', () => {
    const r = cli([`chek\x1b[2J`], root);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, RAW_CONTROL);
    assert.match(r.stderr, /^deep-dive: unknown command "chek\\033\[2J"/);
    const missing = cli(['check', `gone\n${FORGED}`], root);
    assert.equal(missing.stderr, `deep-dive: cannot read gone\\n${FORGED}: no such file or directory\n`);
  });

  it('json and sarif keep the exact names (JSON escapes them)', () => {
    const json = JSON.parse(cli(['check', '--format', 'json', '.'], root).stdout) as { files: { path: string }[] };
    assert.ok(json.files.some((f) => f.path === `x.md\n${FORGED}\n.deepdive.md`));
  });
});

describe('ordinary files still pass the boundary', () => {
  it('a config template inside the folder, in a subfolder, is read', () => {
    const dir = tree({ '.deepdive.json': '{"template": "team/t.md"}', 'team/t.md': '# T\n\n## Alpha Section\n\nWhat.\n', 'doc.deepdive.md': '# Doc\n\nText.\n' });
    const r = cli(['check', 'doc.deepdive.md'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Missing section 'Alpha Section': it belongs after the title\./);
  });
});
