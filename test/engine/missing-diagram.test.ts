// missing-diagram: the sections the template draws (its fenced mermaid block)
// without a diagram of their own.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findings, r } from './helpers';

const doc = (...lines: string[]) => lines.join('\n') + '\n';
const TOP = ['# Ledger', '', '**One-line summary**: A ledger.', '', '**Prerequisites**: None.', ''];

describe('missing-diagram', () => {
  test('a Mental Model without a mermaid block or image: a hint on its heading', () => {
    const f = findings(doc(...TOP, '## Mental Model', '', 'An append-only list of balanced entries.', '', '## Tradeoffs', '', 'Some.'), 'missing-diagram');
    assert.deepEqual(f.map((x) => [x.range, x.severity, x.message]), [
      [r(6, 0, 6, 15), 'hint', "Section 'Mental Model' has no diagram: the template recommends a mermaid diagram here."],
    ]);
  });

  test('a mermaid block (any case, in a subsection too) or an image is a diagram; another fence language is not', () => {
    const base = ['## Mental Model', '', 'Entries.', '', '### Flow', ''];
    assert.deepEqual(findings(doc(...TOP, ...base, '```Mermaid', 'flowchart LR', '  A --> B', '```'), 'missing-diagram'), []);
    assert.deepEqual(findings(doc(...TOP, ...base, '![The flow](flow.png)'), 'missing-diagram'), []);
    assert.deepEqual(findings(doc(...TOP, ...base, '<img src="flow.svg" alt="flow">'), 'missing-diagram'), []);
    assert.equal(findings(doc(...TOP, ...base, '```text', 'A -> B', '```'), 'missing-diagram').length, 1);
    assert.equal(findings(doc(...TOP, ...base, '`![not an image](x.png)` in code'), 'missing-diagram').length, 1);
  });

  test('an empty or absent Mental Model is left to empty-section and missing-section', () => {
    assert.deepEqual(findings(doc(...TOP, '## Mental Model', '', '## Tradeoffs', '', 'Some.'), 'missing-diagram'), []);
    assert.deepEqual(findings(doc(...TOP, '## Tradeoffs', '', 'Some.'), 'missing-diagram'), []);
  });
});
