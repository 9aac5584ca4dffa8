// Several templates in one workspace, from the command line: each file's
// template and why in JSON and SARIF, `deep-dive explain`, template files left
// out of a walk, and a broken template reported as file:line:col (exit 2).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cleanDeepDive, json, REPO, run, runBin, tree } from './helpers';

const ADR = '# ADR\n\n## Context\n<!-- aliases: Background -->\n\n[Forces]\n\n## Decision\n\n## Consequences\n\n## Alternatives (optional)\n';
const PM = '# Postmortem\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Action Items\n';
const CONFIG = JSON.stringify({
  templates: {
    adr: { path: 'templates/adr.md', globs: ['docs/adr/**/*.md'] },
    postmortem: { path: 'templates/postmortem.md', globs: ['postmortems/**/*.md'] },
  },
});
const ADR_DOC = '# Use PostgreSQL\n\n## Background\n\nLedger.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nOps.\n';

function workspace(extra: Record<string, string> = {}): string {
  return tree({
    '.deepdive.json': CONFIG,
    'templates/adr.md': ADR,
    'templates/postmortem.md': PM,
    'docs/adr/0001.md': ADR_DOC,
    'postmortems/outage.md': '# Outage\n\n## Summary\n\nDown.\n\n## Impact\n\nAll.\n\n## Action Items\n\nFix.\n',
    'notes/retro.md': '---\ntemplate: postmortem\n---\n# Retro\n\n## Summary\n\nSlow.\n',
    'notes/ledger.md': ADR_DOC,
    'guide.deepdive.md': cleanDeepDive(),
    ...extra,
  });
}

describe('template families (CLI)', () => {
  it('worker threads check against the templates the main thread built: the same output as one thread, from the bin too', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      files[`docs/adr/${String(i).padStart(4, '0')}.md`] = i % 2 ? ADR_DOC : ADR_DOC.replace('## Decision\n\nPostgres.\n\n', '');
      files[`postmortems/p${i}.md`] = i % 3 ? '# Outage\n\n## Summary\n\nDown.\n\n## Impact\n\nAll.\n' : '# Outage\n\n## Impact\n\nAll.\n\n## Summary\n\nDown.\n';
    }
    const root = workspace(files);
    const one = await run(['check', '--format', 'json', '--jobs', '1', '.'], root);
    assert.equal(one.code, 1, one.stderr);
    assert.deepEqual(new Set(json(one.stdout).files.map((f) => f.template)), new Set(['adr', 'postmortem', 'deep-dive']));
    assert.deepEqual(await run(['check', '--format', 'json', '--jobs', '3', '.'], root), one);
    const bin = runBin(['check', '--format', 'json', '--jobs', '2', '.'], root);
    assert.equal(bin.stdout, one.stdout);
    assert.equal(bin.code, one.code);
  });

  it('JSON gives each file its template and why; the template files are not checked as documents', async () => {
    const r = await run(['check', '--format', 'json', '.'], workspace());
    assert.equal(r.stderr, '');
    const out = json(r.stdout);
    assert.deepEqual(out.files.map((f) => [f.path, f.template, f.templateReason]), [
      [path.join('docs', 'adr', '0001.md'), 'adr', 'glob docs/adr/**/*.md'],
      ['guide.deepdive.md', 'deep-dive', 'glob **/*.deepdive.md'],
      [path.join('notes', 'ledger.md'), 'adr', 'auto-detected with 3 of 4 headings'],
      [path.join('notes', 'retro.md'), 'postmortem', 'front matter on line 2'],
      [path.join('postmortems', 'outage.md'), 'postmortem', 'glob postmortems/**/*.md'],
    ]);
    const byPath = new Map(out.files.map((f) => [f.path, f]));
    // Each file is checked against its own template: the postmortem lacks Timeline, the retro three sections.
    assert.deepEqual(byPath.get(path.join('postmortems', 'outage.md'))!.diagnostics.map((d) => d.message), ["Missing section 'Timeline': it belongs after 'Impact'."]);
    assert.deepEqual(byPath.get(path.join('notes', 'retro.md'))!.summary, { written: 1, scaffolded: 0, missing: 3, total: 4, placeholders: 0, percent: 25 });
    // The ADR's alias and optional section: nothing missing.
    assert.deepEqual(byPath.get(path.join('docs', 'adr', '0001.md'))!.diagnostics, []);
  });

  it('SARIF results carry the template and why in their properties', async () => {
    const r = await run(['check', '--format', 'sarif', 'postmortems'], workspace());
    const results = JSON.parse(r.stdout).runs[0].results;
    assert.deepEqual(results.map((x: { ruleId: string; properties: unknown }) => [x.ruleId, x.properties]), [
      ['missing-section', { template: 'postmortem', templateReason: 'glob postmortems/**/*.md' }],
    ]);
  });

  it('text output: each summary line names the template the file was checked against', async () => {
    const r = await run(['check', 'docs/adr/0001.md', 'notes/retro.md', 'guide.deepdive.md'], workspace());
    const summaries = r.stdout.split('\n').filter((l) => / written \(/.test(l));
    assert.deepEqual(summaries.map((l) => l.slice(l.lastIndexOf(';') + 2)), ['template adr', 'template postmortem', 'template deep-dive']);
  });
  it('text output without named templates: no template on the summary line', async () => {
    const r = await run(['check', 'guide.deepdive.md'], tree({ 'guide.deepdive.md': cleanDeepDive() }));
    assert.doesNotMatch(r.stdout, /template/);
  });

  it('a walked file no template applies to, whose front matter names an unknown one, reports that alone', async () => {
    const root = workspace({ 'notes/runbook.md': '---\ntemplate: runbok\n---\n# Restarting the queue\n' });
    const r = await run(['check', '--format', 'json', 'notes'], root);
    assert.equal(r.code, 1);
    const runbook = json(r.stdout).files.find((f) => f.path === path.join('notes', 'runbook.md'))!;
    assert.deepEqual([runbook.template, runbook.templateReason, runbook.summary], [null, null, null]);
    assert.deepEqual(runbook.diagnostics.map((d) => [d.code, d.severity, d.range]), [
      ['unknown-template', 'error', { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } }],
    ]);
    const text = await run(['check', 'notes/runbook.md', 'notes/retro.md'], root);
    assert.match(text.stdout, /^notes\/runbook\.md:2:11 {2}error {2}Unknown template 'runbok': this workspace has 'adr', 'postmortem', 'deep-dive'\. {2}unknown-template$/m);
  });

  it('a template file named on the command line is checked (as its own template)', async () => {
    const out = json((await run(['check', '--format', 'json', 'templates/adr.md'], workspace())).stdout);
    assert.deepEqual(out.files.map((f) => [f.template, f.templateReason]), [['adr', 'auto-detected with 3 of 4 headings']]);
  });

  it('explain says which template and why, and names a front-matter name that is no template', async () => {
    const root = workspace({ 'docs/adr/0002.md': '---\ntemplate: adrr\n---\n# Queue\n' });
    assert.deepEqual(await run(['explain', 'notes/retro.md'], root), {
      code: 0,
      stdout: 'notes/retro.md\n  template: postmortem\n  reason:   front matter on line 2\n  templates: adr, postmortem, deep-dive\n',
      stderr: '',
    });
    assert.equal((await run(['explain', 'notes/ledger.md'], root)).stdout.split('\n')[2], '  reason:   auto-detected with 3 of 4 headings');
    assert.equal((await run(['explain', path.join('docs', 'adr', '0002.md')], root)).stdout, [
      path.join('docs', 'adr', '0002.md'),
      '  template: adr',
      '  reason:   glob docs/adr/**/*.md',
      "  problem:  Unknown template 'adrr': this workspace has 'adr', 'postmortem', 'deep-dive'. Did you mean 'adr'? (line 2)",
      '  templates: adr, postmortem, deep-dive',
      '',
    ].join('\n'));
  });

  it('explain of a file no template applies to says so, and what naming it to check does', async () => {
    const r = await run(['explain', 'README.md'], workspace({ 'README.md': '# Project\n\n## Usage\n' }));
    assert.equal(r.code, 0);
    assert.equal(r.stdout, [
      'README.md',
      '  template: none (no front matter names one, no globs match, and it does not look like any template)',
      '  named on the command line, `deep-dive check` checks it against the default template, deep-dive',
      '  templates: adr, postmortem, deep-dive',
      '',
    ].join('\n'));
    assert.equal((await run(['explain'], workspace())).code, 2);
  });

  it('a broken named template stops the run with file:line:col and exit 2, before any output', async () => {
    const root = workspace({ 'templates/postmortem.md': '# Postmortem\n\n## Summary\n\n## Impact\n\n## Summary\n' });
    const r = await run(['check', '.'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `deep-dive: ${path.join('templates', 'postmortem.md')}:7:1: names the section "Summary" twice\n`);
  });

  it('a bad templates entry in the config is reported at its place', async () => {
    const root = tree({ '.deepdive.json': '{\n  "templates": {\n    "adr": {"globs": []}\n  }\n}\n', 'a.md': '# a\n' });
    const r = await run(['check', 'a.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: .deepdive.json:3:5: template "adr": "path" must be the path of a template markdown file\n');
  });

  it('the example workspace prints what examples/README.md quotes', () => {
    const quoted = /cd examples\/template-families\nnpx deep-dive check \.\n```\n\n```text\n([\s\S]*?)```/.exec(readFileSync(path.join(REPO, 'examples/README.md'), 'utf8'))![1];
    const r = runBin(['check', '.'], path.join(REPO, 'examples/template-families'));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, quoted);
  });
});
