// Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage error,
// unreadable file, bad template or config (with a message on stderr).
import assert from 'node:assert/strict';
import { chmodSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cleanDeepDive, run, tree, withoutSection } from './helpers';

const infoOnly = cleanDeepDive().replace(/### Logs\n\nDetails on logs\.\n\n/, '');
const warns = withoutSection(cleanDeepDive(), 'Tradeoffs');

describe('exit codes', () => {
  const root = tree({
    'clean.deepdive.md': cleanDeepDive(),
    'info.deepdive.md': infoOnly,
    'warn.deepdive.md': warns,
    'empty-template.md': '# Just a title\n\nNo sections at all.\n',
    'bad.json': '{ "rules": { "placeholder": "of" } }',
  });

  it('0 for a clean deep dive', async () => {
    const r = await run(['check', 'clean.deepdive.md'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
  });

  it('1 for a warning with the default --fail-on warning; 0 with --fail-on error or never', async () => {
    assert.equal((await run(['check', 'warn.deepdive.md'], root)).code, 1);
    assert.equal((await run(['check', '--fail-on', 'error', 'warn.deepdive.md'], root)).code, 0);
    assert.equal((await run(['check', '--fail-on', 'never', 'warn.deepdive.md'], root)).code, 0);
  });

  it('information fails only with --fail-on information', async () => {
    const r = await run(['check', '--format', 'json', 'info.deepdive.md'], root);
    assert.deepEqual(JSON.parse(r.stdout).files[0].diagnostics.map((d: { severity: string }) => d.severity), ['information']);
    assert.equal(r.code, 0);
    assert.equal((await run(['check', '--fail-on', 'information', 'info.deepdive.md'], root)).code, 1);
  });

  it('an error-level finding fails --fail-on error', async () => {
    const cfg = tree({ '.deepdive.json': '{"rules": {"missing-section": "error"}}', 'w.deepdive.md': warns });
    const r = await run(['check', '--fail-on', 'error', 'w.deepdive.md'], cfg);
    assert.equal(r.code, 1);
    assert.match(r.stdout, / {2}error {2}Missing section 'Tradeoffs'/);
  });

  const usage: [string, string[], RegExp][] = [
    ['no command', [], /Usage: deep-dive check/],
    ['an unknown command', ['lint', '.'], /unknown command "lint"/],
    ['no PATH', ['check'], /at least one PATH/],
    ['an unknown option', ['check', '--frmat', 'json', '.'], /Unknown option '--frmat'/],
    ['a bad --format', ['check', '--format', 'xml', '.'], /--format must be one of text, json, sarif/],
    ['a bad --fail-on', ['check', '--fail-on', 'warn', '.'], /--fail-on must be one of error, warning, information, hint, never/],
    ['a missing option value', ['check', '.', '--template'], /--template/],
    ['a bad --jobs', ['check', '--jobs', 'many', '.'], /--jobs must be a whole number/],
  ];
  for (const [what, args, message] of usage) {
    it(`2 for ${what}`, async () => {
      const r = await run(args, root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it('2 for a path that does not exist, before any output', async () => {
    const r = await run(['check', 'clean.deepdive.md', 'nope.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'deep-dive: cannot read nope.md: no such file or directory\n');
  });

  it('2 for a quoted glob that matches nothing', async () => {
    const r = await run(['check', 'drafts/**/*.md'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files match drafts\/\*\*\/\*\.md/);
  });

  it('2 for a file that cannot be read, still reporting the others', async () => {
    const dir = tree({ 'ok.deepdive.md': cleanDeepDive(), 'locked.deepdive.md': cleanDeepDive() });
    const locked = path.join(dir, 'locked.deepdive.md');
    const args = ['check', '--format', 'json', '.'];
    if (process.getuid?.() === 0) {
      // root reads any mode; a link to /proc/self/mem fails to read with EIO. Named, since a
      // folder walk follows no link out of the folder.
      const linked = path.join(dir, 'zlocked.deepdive.md');
      symlinkSync('/proc/self/mem', linked);
      args.push('zlocked.deepdive.md');
    } else chmodSync(locked, 0o000);
    const r = await run(args, dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /deep-dive: cannot read (z?locked)\.deepdive\.md: /);
    assert.ok(JSON.parse(r.stdout).files.some((f: { path: string }) => f.path === 'ok.deepdive.md'));
  });

  it('2 for a template without sections, naming the file', async () => {
    const r = await run(['check', '--template', 'empty-template.md', 'clean.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^deep-dive: Template empty-template\.md: has no `##` sections/);
    assert.equal(r.stdout, '');
  });

  it('2 for a template file that cannot be read', async () => {
    const r = await run(['check', '--template', 'missing.md', 'clean.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read template missing.md: no such file or directory\n');
  });

  it('2 for a config with a bad value, naming the file and position', async () => {
    const r = await run(['check', '--config', 'bad.json', 'clean.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^deep-dive: bad\.json:1:14: rule "placeholder" must be one of error, warning, information, hint, off/);
  });

  it('2 for a config that is not JSON, an unknown rule or key, or a missing --config file', async () => {
    const dir = tree({ 'a/.deepdive.json': '{ "rules": ', 'b/.deepdive.json': '{"rules": {"no-such-rule": "off"}}', 'c/.deepdive.json': '{"templat": "x.md"}', 'x.deepdive.md': cleanDeepDive() });
    for (const [sub, message] of [['a', /\.deepdive\.json.*not valid JSON/], ['b', /unknown rule "no-such-rule"/], ['c', /unknown key "templat"/]] as const) {
      const r = await run(['check', '../x.deepdive.md'], path.join(dir, sub));
      assert.equal(r.code, 2, sub);
      assert.match(r.stderr, message);
    }
    const r = await run(['check', '--config', 'nope.json', 'x.deepdive.md'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read config nope.json: no such file or directory\n');
  });
});
