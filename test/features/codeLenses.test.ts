// Code lenses at the gaps where missing sections belong, and the sections overview.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeActions, documentOverview, insertMissingSections, missingSectionLenses } from '../../server/src/engine';
import { completeDoc, lineOf, r, run } from '../engine/helpers';
import { applyEdits } from './helpers';

describe('missingSectionLenses', () => {
  test('one missing section: one lens on the gap, naming it', () => {
    const text = completeDoc({ skip: ['Security Boundaries'] });
    const gap = lineOf(text, '## Tradeoffs') - 1;
    assert.deepEqual(missingSectionLenses(run(text)), [
      { range: r(gap, 0, gap, 0), title: 'Missing: Security Boundaries · Insert', sections: ['Security Boundaries'] },
    ]);
  });

  test('several missing at one point: one lens for them all; another point has its own', () => {
    const text = completeDoc({ skip: ['Observability Contract', 'Change Safety', 'Security Boundaries', 'Tradeoffs', 'Exercises'] });
    const gap = lineOf(text, '## Operational Considerations') - 1;
    const end = text.split('\n').length - 1;
    assert.deepEqual(missingSectionLenses(run(text)), [
      { range: r(gap, 0, gap, 0), title: 'Insert 4 missing sections', sections: ['Observability Contract', 'Change Safety', 'Security Boundaries', 'Tradeoffs'] },
      { range: r(end, 0, end, 0), title: 'Missing: Exercises · Insert', sections: ['Exercises'] },
    ]);
  });

  test('none when nothing is missing, or when the rule is off', () => {
    assert.deepEqual(missingSectionLenses(run(completeDoc())), []);
    assert.deepEqual(missingSectionLenses(run(completeDoc({ skip: ['Exercises'] }), { 'missing-section': 'off' })), []);
  });

  test('the quick fix is found from the gap (a zero-width request range there) and inserts the section there', () => {
    const text = completeDoc({ skip: ['Security Boundaries'] });
    const a = run(text);
    const [lens] = missingSectionLenses(a);
    const fix = codeActions(a, lens.range).find((c) => c.title === "Insert section 'Security Boundaries'");
    assert.ok(fix, 'the quick fix at the gap');
    const out = applyEdits(text, fix.edits);
    assert.equal(lineOf(out, '## Security Boundaries'), lineOf(text, '## Tradeoffs'));
  });

  test('insertMissingSections inserts only the sections named, when named', () => {
    const text = completeDoc({ skip: ['Security Boundaries', 'Exercises'] });
    const out = applyEdits(text, insertMissingSections(run(text), ['Exercises']));
    assert.ok(out.includes('## Exercises'));
    assert.ok(!out.includes('## Security Boundaries'));
  });
});

describe('documentOverview', () => {
  test('every template section in template order: present ones at their heading with their detail, missing ones at their gap', () => {
    const text = completeDoc({ skip: ['Security Boundaries', 'Logs'] });
    const o = documentOverview(run(text));
    assert.deepEqual([o.present, o.total], [10, 11]);
    const byTitle = new Map(o.sections.map((s) => [s.title, s]));
    const obs = lineOf(text, '## Observability Contract');
    assert.deepEqual(byTitle.get('Observability Contract'), { title: 'Observability Contract', present: true, detail: '3/4 subsections · missing Logs', range: r(obs, 0, obs, 25) });
    const gap = lineOf(text, '## Tradeoffs') - 1;
    assert.deepEqual(byTitle.get('Security Boundaries'), { title: 'Security Boundaries', present: false, detail: 'missing · belongs after Change Safety', range: r(gap, 0, gap, 0) });
    assert.deepEqual(o.sections.map((s) => s.title).slice(0, 2), ['Mental Model', 'Internals & Architecture']);
  });
});
