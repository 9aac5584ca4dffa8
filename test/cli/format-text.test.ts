// Default text output: `path:line:col  severity  message  code`, 1-based, then a summary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanDeepDive, json, README, run, tree, withoutSection } from './helpers';

const LINE = /^(.+):(\d+):(\d+) {2}(error|warning|information|hint) {2}(.+) {2}([a-z]+(?:-[a-z]+)*)$/;

describe('text format', () => {
  const root = tree({
    'a.deepdive.md': withoutSection(cleanDeepDive(), 'Security Boundaries').replace('Notes on tradeoffs.', 'Notes on [Benefit 1] 🚀 and [Cost 1].'),
    'b.deepdive.md': cleanDeepDive(),
    'README.md': README,
  });

  it('prints one line per finding with 1-based positions matching the JSON ranges', async () => {
    const text = await run(['check', '.'], root);
    const data = json((await run(['check', '--format', 'json', '.'], root)).stdout);
    const lines = text.stdout.split('\n').filter((l) => LINE.test(l));
    const expected = data.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.message}  ${d.code}`));
    assert.equal(lines.length, 3);
    assert.deepEqual(lines, expected);
    assert.match(lines[0], /^a\.deepdive\.md:\d+:1 {2}warning {2}Missing section 'Security Boundaries'.* {2}missing-section$/);
  });

  it('ends with a summary counting problems, files and skipped non-deep-dives', async () => {
    const r = await run(['check', '.'], root);
    const last = r.stdout.trimEnd().split('\n').pop();
    assert.equal(last, '3 problems (0 errors, 3 warnings, 0 information) in 1 file; 2 deep dives checked (1 markdown file skipped: not a deep dive).');
  });

  it('says so when there is nothing to report', async () => {
    const r = await run(['check', 'b.deepdive.md'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'b.deepdive.md: 11/11 written (100%)\nNo problems: 1 deep dive checked.\n');
  });

  it('ends each file with a one-line summary of how far it is written', async () => {
    const dir = tree({ 'x.deepdive.md': withoutSection(cleanDeepDive(), 'Exercises').replace('Notes on tradeoffs.', '[Benefit 1] and [Cost 1].') });
    const r = await run(['check', 'x.deepdive.md'], dir);
    const lines = r.stdout.split('\n');
    assert.equal(lines[3], 'x.deepdive.md: 9/11 written (81%); 1 scaffolded, 1 missing, 2 placeholders');
    assert.deepEqual(lines.slice(0, 3).map((l) => l.split('  ').pop()), ['placeholder', 'placeholder', 'missing-section']);
  });

  it('counts UTF-16 columns after emoji and CJK text', async () => {
    const dir = tree({ 'x.deepdive.md': cleanDeepDive().replace('Notes on mental model.', '日本語 🚀 [Benefit 1]') });
    const r = await run(['check', 'x.deepdive.md'], dir);
    // "日本語 " is 4 UTF-16 units, "🚀 " is 3: the bracket starts at column 8.
    assert.match(r.stdout, /^x\.deepdive\.md:\d+:8 {2}warning {2}.*\[Benefit 1\].* {2}placeholder$/m);
  });
});
