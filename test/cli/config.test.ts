// .deepdive.json: found by walking up from cwd (or --config), rules off or
// re-levelled, template relative to the config file, globs and autoDetect.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cleanDeepDive, json, run, tree, withoutSection } from './helpers';

const gappy = withoutSection(cleanDeepDive(), 'Tradeoffs').replace('Notes on mental model.', 'Notes on [Benefit 1].');
const codes = async (args: string[], cwd: string) => {
  const r = await run(['check', '--format', 'json', '--fail-on', 'never', ...args], cwd);
  assert.equal(r.code, 0, r.stderr);
  return json(r.stdout).files.map((f) => [f.path.split(path.sep).join('/'), f.diagnostics.map((d) => `${d.code}:${d.severity}`)]);
};

const CUSTOM_TEMPLATE = `# Team RFC template

## Title: [Name]

**One-line summary**: [What]

## Context

[Why now?]

## Proposal

### Design

- How it works

## Rollout
`;

describe('.deepdive.json', () => {
  it('is found in a parent folder and turns rules off or changes their severity', async () => {
    const root = tree({
      '.deepdive.json': '// team settings\n{"rules": {"placeholder": "off", "missing-section": "error"}}',
      'docs/x.deepdive.md': gappy,
    });
    assert.deepEqual(await codes(['x.deepdive.md'], path.join(root, 'docs')), [['x.deepdive.md', ['missing-section:error']]]);
  });

  it('is replaced by --config FILE', async () => {
    const root = tree({
      '.deepdive.json': '{"rules": {"placeholder": "off"}}',
      'ci.json': '{"rules": {"missing-section": "off"}}',
      'x.deepdive.md': gappy,
    });
    assert.deepEqual(await codes(['x.deepdive.md'], root), [['x.deepdive.md', ['missing-section:warning']]]);
    assert.deepEqual(await codes(['--config', 'ci.json', 'x.deepdive.md'], root), [['x.deepdive.md', ['placeholder:warning']]]);
  });

  it('names a template relative to the config file', async () => {
    const root = tree({
      '.deepdive.json': '{"template": "templates/rfc.md"}',
      'templates/rfc.md': CUSTOM_TEMPLATE,
      'docs/rfc.deepdive.md': '# Faster builds\n\n**One-line summary**: Cache.\n\n## Context\n\nSlow.\n\n## Proposal\n\n### Design\n\nA cache.\n',
    });
    assert.deepEqual(await codes(['rfc.deepdive.md'], path.join(root, 'docs')), [['rfc.deepdive.md', ['missing-section:warning']]]);
    const r = await run(['check', 'rfc.deepdive.md'], path.join(root, 'docs'));
    assert.match(r.stdout, /Missing section 'Rollout'/);
  });

  it('uses its globs and autoDetect to decide what a folder walk checks', async () => {
    const root = tree({
      '.deepdive.json': '{"globs": ["design/**/*.md"], "autoDetect": false}',
      'design/a.md': '# A\n',
      'docs/looks.md': cleanDeepDive(),
      'docs/b.deepdive.md': cleanDeepDive(),
      'docs/front.md': '---\ntemplate: deep-dive\n---\n# F\n',
    });
    // The config's globs add to the defaults (*.deepdive.md), as in the editor.
    assert.deepEqual((await codes(['.'], root)).map(([p]) => p), ['design/a.md', 'docs/b.deepdive.md', 'docs/front.md']);
    // Globs are relative to the config file's folder, whatever the cwd.
    assert.deepEqual((await codes(['../design'], path.join(root, 'docs'))).map(([p]) => p), ['../design/a.md']);
  });
});

describe('--template', () => {
  it('checks against a custom template (relative to cwd), over the config file', async () => {
    const root = tree({
      '.deepdive.json': '{"template": "nowhere.md"}',
      'rfc.md': CUSTOM_TEMPLATE,
      'doc.deepdive.md': '# Faster builds\n\n**One-line summary**: Cache.\n\n## Context\n\nSlow.\n\n## Rollout\n\nSoon.\n\n## Proposal\n\n### Design\n\n',
    });
    const r = await run(['check', '--format', 'json', '--template', 'rfc.md', 'doc.deepdive.md'], root);
    assert.equal(r.code, 1, r.stderr);
    const found = json(r.stdout).files[0].diagnostics.map((d) => d.code).sort();
    assert.deepEqual(found, ['empty-section', 'section-order']);
  });

  it('with the config template missing, reports that file', async () => {
    const root = tree({ '.deepdive.json': '{"template": "nowhere.md"}', 'x.deepdive.md': cleanDeepDive() });
    const r = await run(['check', 'x.deepdive.md'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'deep-dive: cannot read template nowhere.md: no such file or directory\n');
  });
});
