// --format json: exactly one object {"files":[{"path","diagnostics":[…]}]},
// every checked file listed, positions 0-based as the engine reports them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadBuiltinTemplate } from '../../server/src/node/builtinTemplate';
import { buildTemplate } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import { cleanDeepDive, json, README, run, tree, withoutSection } from './helpers';

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

describe('--format json', () => {
  const gappy = withoutSection(cleanDeepDive(), 'Tradeoffs').replace('Notes on mental model.', 'Notes on [Benefit 1].');
  const root = tree({
    'docs/clean.deepdive.md': cleanDeepDive(),
    'docs/gappy.deepdive.md': gappy,
    'docs/README.md': README,
  });

  it('prints one object listing every checked file, clean ones with an empty list', async () => {
    const r = await run(['check', '--format', 'json', 'docs'], root);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = json(r.stdout);
    assert.deepEqual(Object.keys(out), ['files']);
    assert.deepEqual(out.files.map((f) => f.path), [path.join('docs', 'clean.deepdive.md'), path.join('docs', 'gappy.deepdive.md')]);
    assert.deepEqual(out.files[0].diagnostics, []);
    for (const f of out.files) assert.deepEqual(Object.keys(f), ['path', 'template', 'templateReason', 'diagnostics', 'summary']);
    assert.deepEqual(out.files.map((f) => [f.template, f.templateReason]), [['deep-dive', 'glob **/*.deepdive.md'], ['deep-dive', 'glob **/*.deepdive.md']]);
  });

  it('gives each file a summary: sections written, scaffolded and missing, placeholders, a percentage', async () => {
    const out = json((await run(['check', '--format', 'json', 'docs'], root)).stdout);
    assert.deepEqual(out.files.map((f) => f.summary), [
      { written: 11, scaffolded: 0, missing: 0, total: 11, placeholders: 0, percent: 100 },
      { written: 9, scaffolded: 1, missing: 1, total: 11, placeholders: 1, percent: 81 },
    ]);
  });

  it('gives each diagnostic exactly code, severity, message, range and data', async () => {
    const out = json((await run(['check', '--format', 'json', 'docs/gappy.deepdive.md'], root)).stdout);
    assert.equal(out.files[0].path, 'docs/gappy.deepdive.md');
    const diags = out.files[0].diagnostics;
    assert.deepEqual(diags.map((d) => d.code).sort(), ['missing-section', 'placeholder']);
    for (const d of diags) {
      assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range', 'data']);
      assert.ok(SEVERITIES.includes(d.severity));
      assert.deepEqual(Object.keys(d.range), ['start', 'end']);
      assert.deepEqual(Object.keys(d.range.start), ['line', 'character']);
      assert.equal(typeof d.data, 'object');
    }
    const missing = diags.find((d) => d.code === 'missing-section')!;
    assert.equal(missing.data.section, 'Tradeoffs');
  });

  it('reports what the engine finds, with the same 0-based ranges', async () => {
    const text = readFileSync(path.join(root, 'docs/gappy.deepdive.md'), 'utf8');
    const engine = analyze(parseDocument(text), buildTemplate(loadBuiltinTemplate().text)).findings;
    const out = json((await run(['check', '--format', 'json', 'docs/gappy.deepdive.md'], root)).stdout);
    assert.deepEqual(out.files[0].diagnostics, engine.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: f.range, data: f.data ?? {} })));
  });

  it('lists a file named directly even when it is not a deep dive', async () => {
    const out = json((await run(['check', '--format', 'json', 'docs/README.md'], root)).stdout);
    assert.equal(out.files.length, 1);
    assert.ok(out.files[0].diagnostics.some((d) => d.code === 'missing-section'));
  });

  it('prints {"files":[]} when a folder holds no deep dive', async () => {
    const r = await run(['check', '--format', 'json', '.'], tree({ 'README.md': README }));
    assert.equal(r.code, 0);
    assert.deepEqual(json(r.stdout), { files: [] });
  });
});
