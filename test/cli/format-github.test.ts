// --format github: workflow commands that GitHub Actions turns into annotations.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { escapeData, escapeProperty, formatGithubError, formatGithubFile } from '../../server/src/cli/format-github';
import { cleanDeepDive, json, README, run, tree, withoutSection } from './helpers';

describe('github format', () => {
  it('escapes % CR LF in data, and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('docs/a,b:c%.md\n'), 'docs/a%2Cb%3Ac%25.md%0A');
  });

  it('writes one command per finding, positions 1-based, level by severity', () => {
    const range = (l: number, c: number, el: number, ec: number) => ({ start: { line: l, character: c }, end: { line: el, character: ec } });
    const out = formatGithubFile('docs/a, b.md', [
      { code: 'missing-section', severity: 'warning', message: "Missing section 'X': it belongs after 'Y'.", range: range(4, 0, 4, 12) },
      { code: 'empty-section', severity: 'error', message: 'Section is empty.\nFill it.', range: range(9, 2, 10, 3) },
      { code: 'missing-subsection', severity: 'information', message: 'm', range: range(0, 0, 0, 1) },
      { code: 'placeholder', severity: 'hint', message: 'h', range: range(1, 1, 1, 2) },
    ]);
    assert.equal(out, [
      "::warning file=docs/a%2C b.md,line=5,col=1,endLine=5,endColumn=13,title=missing-section::Missing section 'X': it belongs after 'Y'.",
      '::error file=docs/a%2C b.md,line=10,col=3,endLine=11,endColumn=4,title=empty-section::Section is empty.%0AFill it.',
      '::notice file=docs/a%2C b.md,line=1,col=1,endLine=1,endColumn=2,title=missing-subsection::m',
      '::notice file=docs/a%2C b.md,line=2,col=2,endLine=2,endColumn=3,title=placeholder::h',
      '',
    ].join('\n'));
  });

  it('names files by their path from the repository root and ends with the text summary', async () => {
    const root = tree({ 'docs/a.deepdive.md': withoutSection(cleanDeepDive(), 'Tradeoffs'), 'docs/README.md': README });
    mkdirSync(path.join(root, '.git'));
    const cwd = path.join(root, 'docs');
    const r = await run(['check', '--format', 'github', '.'], cwd);
    const d = json((await run(['check', '--format', 'json', '.'], cwd)).stdout).files[0].diagnostics[0];
    assert.equal(r.code, 1);
    assert.equal(r.stdout, [
      `::warning file=docs/a.deepdive.md,line=${d.range.start.line + 1},col=1,endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=missing-section::${d.message}`,
      '',
      '1 problem (0 errors, 1 warning, 0 information) in 1 file; 1 deep dive checked (1 markdown file skipped: not a deep dive).',
      '',
    ].join('\n'));
  });

  it('reports a file it cannot read as an error command without a place', () => {
    assert.equal(formatGithubError('cannot read a.md: permission denied'), '::error title=deep-dive::cannot read a.md: permission denied\n');
  });
});
