// The committed snippets and grammar are generated from the template: they
// must equal what the generator makes now (run `npm run build:snippets`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generatedFiles } from '../../scripts/gen-snippets';
import { MARKERS } from '../../server/src/engine/features/grammar';
import { isPlaceholderText } from '../../server/src/engine/rules/placeholder';
import { ROOT, template } from './helpers';

const files = generatedFiles();
const snippets = JSON.parse(files['snippets/markdown.json']) as Record<string, { prefix: string | string[]; body: string[]; description: string }>;

describe('generated editor files', () => {
  for (const [file, text] of Object.entries(files)) {
    test(`${file} is in step with the template`, () => {
      assert.equal(readFileSync(join(ROOT, file), 'utf8'), text, `${file} is stale: run npm run build:snippets`);
    });
  }

  test('snippets: the whole template as "deepdive", each section with its subsections, and the structures', () => {
    const byPrefix = new Map<string, { body: string[] }>();
    for (const s of Object.values(snippets)) for (const p of [s.prefix].flat()) {
      assert.ok(!byPrefix.has(p), `prefix ${p} is unique`);
      byPrefix.set(p, s);
    }
    const whole = byPrefix.get('deepdive')!.body.join('\n');
    for (const t of template.sections) {
      assert.ok(whole.includes(`\n## ${t.title}\n`), t.title);
      for (const c of t.children) assert.ok(whole.includes(`\n### ${c.title}\n`), c.title);
    }
    assert.ok(whole.startsWith('## Title: ${1:Topic Name}'));
    const failure = byPrefix.get('dd-failure-modes')!.body;
    assert.deepEqual(failure.filter((l) => l.startsWith('#')), [
      '## Failure Modes & Blast Radius', '### Failure Domains', '### Common Failure Scenarios', '### Overload Behavior', '### Cascading Failures',
    ]);
    assert.deepEqual(byPrefix.get('dd-overload')!.body, [
      '- **10× normal load**: ${1:What happens?}', '- **100× normal load**: ${2:What breaks?}', '- **1000× normal load**: ${3:Catastrophic failure?}',
    ]);
    assert.equal(byPrefix.get('dd-scenario')!.body[0], '1. **Scenario**: ${1:What fails}');
    assert.equal(byPrefix.get('dd-metrics')!.body.length, 4);
    assert.deepEqual(byPrefix.get('dd-mermaid')!.body, ['```mermaid', 'flowchart TD', '    A[Component A] --> B[Component B]', '    B --> C[Component C]', '```']);
  });

  test('every snippet body is valid snippet syntax: tab stops numbered from 1, braces balanced, `$` escaped', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = s.body.join('\n');
      const stops = [...body.matchAll(/(?<!\\)\$\{(\d+):/g)].map((m) => Number(m[1]));
      stops.forEach((n, i) => assert.equal(n, i + 1, `${name}: tab stops in order`));
      let depth = 0;
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '\\') i++;
        else if (body[i] === '$') {
          assert.equal(body[i + 1], '{', `${name}: a bare $ at ${i}`);
          depth++;
        } else if (body[i] === '}') depth--;
        assert.ok(depth >= 0, `${name}: unbalanced } at ${i}`);
      }
      assert.equal(depth, 0, `${name}: every \${ is closed`);
    }
  });

  test('grammar: an injection into markdown with the placeholder and field-label patterns', () => {
    const g = JSON.parse(files['syntaxes/deepdive.injection.tmLanguage.json']);
    assert.equal(g.scopeName, 'markdown.deepdive.injection');
    assert.match(g.injectionSelector, /^L:text\.html\.markdown -meta\.embedded -markup\.fenced_code -markup\.inline\.raw /);
    const placeholder = new RegExp(g.repository.placeholder.match.replace('(?i:', '(?:'), 'i');
    assert.ok(placeholder.test('[Topic Name]') && placeholder.test('[benefit 7]') && !placeholder.test('[Topic Name](x)') && !placeholder.test('![Papers]'));
    for (const m of MARKERS) assert.ok(isPlaceholderText(template, m), `the placeholder rule flags [${m}] too`);
    const label = new RegExp(g.repository['field-label'].match.replace('(?i:', '(?:'), 'i');
    assert.ok(label.test('**One-line summary**:') && label.test('**Recovery**:') && !label.test('**Key insight**:'));
  });
});
