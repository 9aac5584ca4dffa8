// incomplete-item: a template item (read from the template's bold labels)
// written with only some of its labelled lines, and its quick fix.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/engine/features/codeActions';
import { templateStructures } from '../../server/src/engine/features/structures';
import { applyEdits } from '../features/helpers';
import { findings, r, run, template } from './helpers';

const doc = (...lines: string[]) => lines.join('\n') + '\n';
const TOP = ['# Ledger', '', '**One-line summary**: A ledger.', '', '**Prerequisites**: None.', ''];

describe('incomplete-item', () => {
  test('the items come from the template\'s bold labels', () => {
    const items = templateStructures(template).filter((s) => s.kind !== 'fence').map((s) => [s.section.title, s.labels]);
    assert.deepEqual(items, [
      ['Common Failure Scenarios', ['Scenario', 'Impact', 'Detection', 'Recovery']],
      ['Overload Behavior', ['10× normal load', '100× normal load', '1000× normal load']],
      ['Metrics to Track', ['Latency', 'Throughput', 'Errors', 'Resource usage']],
    ]);
  });

  const scenarios = doc(...TOP,
    '## Failure Modes & Blast Radius', '',
    '### Failures',
    '1. **Scenario**: The primary fails over', //     9
    '   - **Impact**: Writes fail for a minute',
    '   - **Detection**: Write error alert', //        11
    '',
    '2. **Scenario**: A bad deploy', //                13
    '   - **Impact**: Wrong balances',
    '   - **Detection**: Reconciliation',
    '   - **Recovery**: Roll back and replay', '',
  );

  test('a scenario without Recovery, in a subsection of the author\'s own name: information on its first line', () => {
    const f = findings(scenarios, 'incomplete-item');
    assert.deepEqual(f.map((x) => [x.range, x.severity, x.message]), [
      [r(9, 0, 9, 39), 'information', 'Scenario lacks Recovery: the template gives Impact, Detection, Recovery.'],
    ]);
    assert.deepEqual(f[0].data?.missing, ['Recovery']);
  });

  test('the quick fix inserts the missing lines with the template\'s prompts and the item\'s own indentation', () => {
    const a = run(scenarios);
    const f = a.findings.find((x) => x.code === 'incomplete-item')!;
    const [fix] = quickFixes(a, f);
    assert.equal(fix.title, 'Insert **Recovery**');
    const out = applyEdits(scenarios, fix.edits);
    assert.equal(out, scenarios.replace('Write error alert\n', 'Write error alert\n   - **Recovery**: [How do we fix it?]\n'));
    assert.deepEqual(run(out).findings.filter((x) => x.code === 'incomplete-item'), []);
  });

  test('metrics written with the prompts\' answers (QPS, CPU, Error rate) are complete; a list lacking some is reported', () => {
    const complete = doc(...TOP, '## Observability Contract', '', '### Metrics to Track',
      '- **Latency**: p99 of posting', '- **QPS**: postings per second', '- **Error rate**: failed postings', '- **CPU**: per node', '');
    assert.deepEqual(findings(complete, 'incomplete-item'), []);
    const partial = doc(...TOP, '## Observability Contract', '', '### Metrics', '', '* **Latency**: p99 of posting', '* **Throughput**: postings per second', '');
    const f = findings(partial, 'incomplete-item');
    assert.deepEqual(f.map((x) => [x.range, x.message]), [[r(10, 0, 10, 29), 'Metrics to Track lacks Errors, Resource usage: the template gives Latency, Throughput, Errors, Resource usage.']]);
    const a = run(partial);
    const out = applyEdits(partial, quickFixes(a, a.findings.find((x) => x.code === 'incomplete-item')!)[0].edits);
    assert.ok(out.includes('* **Throughput**: postings per second\n* **Errors**: [Error rates? Error types?]\n* **Resource usage**: [CPU? Memory? IOPS?]\n'), out);
  });

  test('metrics spread over several lists of the Metrics to Track subsection are one group', () => {
    const text = doc(...TOP, '## Observability Contract', '', '### Metrics to Track', '',
      '#### Request Metrics', '- **Latency**: p99', '- **Error rate**: 5xx per second', '',
      '#### Host Metrics', '- **Memory**: per node', '- **Bandwidth**: per link', '');
    assert.deepEqual(findings(text, 'incomplete-item'), []);
  });

  test('overload levels: two of three is incomplete, CRLF kept by the fix', () => {
    const text = doc(...TOP, '## Failure Modes & Blast Radius', '', '### Overload Behavior',
      '- **10× normal load**: queues grow', '- **1000× normal load**: shed everything', '').replace(/\n/g, '\r\n');
    const a = run(text);
    const f = a.findings.filter((x) => x.code === 'incomplete-item');
    assert.deepEqual(f.map((x) => [x.range, x.data?.missing]), [[r(9, 0, 9, 34), ['100× normal load']]]);
    const out = applyEdits(text, quickFixes(a, f[0])[0].edits);
    assert.ok(out.includes('shed everything\r\n- **100× normal load**: [What breaks?]\r\n'), JSON.stringify(out));
  });

  test('one label alone is an author\'s own scheme, not the template\'s item', () => {
    const text = doc(...TOP, '## Failure Modes & Blast Radius', '', '#### Scenario: Duplicate charge',
      '- **Cause**: A retry after a timeout', '- **Impact**: The customer pays twice', '- **Blast radius**: One payment', '- **Prevention**: Idempotency keys', '');
    assert.deepEqual(findings(text, 'incomplete-item'), []);
  });
});
