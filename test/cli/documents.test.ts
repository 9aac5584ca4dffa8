// What reaches the engine: BOM stripped, CRLF kept (positions as an editor
// shows them), suppression comments honoured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanDeepDive, json, run, tree, withoutSection } from './helpers';

const gappy = withoutSection(cleanDeepDive(), 'Tradeoffs').replace('Notes on mental model.', 'Notes on 日本 [Benefit 1].');
const diagnostics = async (file: string, cwd: string) => {
  const r = await run(['check', '--format', 'json', '--fail-on', 'never', file], cwd);
  assert.equal(r.code, 0, r.stderr);
  return json(r.stdout).files[0].diagnostics;
};

describe('document encodings', () => {
  const root = tree({
    'lf.deepdive.md': gappy,
    'bom.deepdive.md': '\uFEFF' + gappy,
    'crlf.deepdive.md': gappy.replace(/\n/g, '\r\n'),
    'bomcrlf.deepdive.md': '\uFEFF' + gappy.replace(/\n/g, '\r\n'),
    'clean-bom-crlf.deepdive.md': '\uFEFF' + cleanDeepDive().replace(/\n/g, '\r\n'),
  });

  it('reports the same findings at the same positions with a BOM, CRLF or both', async () => {
    const lf = await diagnostics('lf.deepdive.md', root);
    assert.deepEqual(lf.map((d) => d.code).sort(), ['missing-section', 'placeholder']);
    for (const f of ['bom.deepdive.md', 'crlf.deepdive.md', 'bomcrlf.deepdive.md']) assert.deepEqual(await diagnostics(f, root), lf, f);
    const placeholder = lf.find((d) => d.code === 'placeholder')!;
    assert.equal(placeholder.range.start.character, 'Notes on 日本 '.length);
  });

  it('finds nothing in a clean document with a BOM and CRLF', async () => {
    assert.deepEqual(await diagnostics('clean-bom-crlf.deepdive.md', root), []);
  });

  it('recognises front matter after a BOM when walking a folder', async () => {
    const dir = tree({ 'a.md': '\uFEFF---\r\ntemplate: deep-dive\r\n---\r\n# A\r\n' });
    const r = await run(['check', '--format', 'json', '--fail-on', 'never', '.'], dir);
    assert.deepEqual(json(r.stdout).files.map((f) => f.path), ['a.md']);
  });
});

describe('suppression comments', () => {
  const base = withoutSection(cleanDeepDive(), 'Tradeoffs');
  const placeholders = base.replace('Notes on mental model.', 'Notes on [Benefit 1].\n\nAnd [Cost 1].');

  it('disable-next-line hides one line of one rule', async () => {
    const text = placeholders.replace('Notes on [Benefit 1].', '<!-- deep-dive-disable-next-line placeholder -->\nNotes on [Benefit 1].');
    const dir = tree({ 'x.deepdive.md': text });
    const found = await diagnostics('x.deepdive.md', dir);
    assert.deepEqual(found.map((d) => d.code).sort(), ['missing-section', 'placeholder']);
    assert.match(found.find((d) => d.code === 'placeholder')!.message, /Cost 1/);
  });

  it('disable/enable hides a range; without codes it hides every rule', async () => {
    // An enable without codes turns every rule back on, so the missing-section one comes after it.
    const text = placeholders.replace('And [Cost 1].', '<!-- deep-dive-disable -->\nAnd [Cost 1].\n<!-- deep-dive-enable -->\n<!-- deep-dive-disable missing-section -->');
    const dir = tree({ 'x.deepdive.md': text });
    const found = await diagnostics('x.deepdive.md', dir);
    assert.deepEqual(found.map((d) => d.code), ['placeholder']);
    assert.match(found[0].message, /Benefit 1/);
  });

  it('a suppressed finding does not fail the run', async () => {
    const dir = tree({ 'x.deepdive.md': '<!-- deep-dive-disable missing-section -->\n' + base });
    const r = await run(['check', 'x.deepdive.md'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'x.deepdive.md: 10/11 written (90%); 1 missing\nNo problems: 1 deep dive checked.\n');
  });
});
