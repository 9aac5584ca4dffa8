// Every rule, found and not found, with exact ranges (0-based line, UTF-16 character).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { completeDoc, findings, lineOf, r, run } from './helpers';

const doc = (...lines: string[]) => lines.join('\n') + '\n';

describe('a complete document', () => {
  test('has no findings at all', () => {
    assert.deepEqual(run(completeDoc()).findings, []);
  });
});

describe('missing-title', () => {
  test('no H1 and no `## Title:` line: reported on line 0', () => {
    const f = findings(doc('**One-line summary**: x', '', '## Mental Model', '', 'text'), 'missing-title');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, r(0, 0, 0, 23));
    assert.equal(f[0].severity, 'warning');
  });
  test('an H1 or the template `## Title:` line is a title', () => {
    assert.deepEqual(findings(doc('# Ledger', '', '## Mental Model', '', 'x'), 'missing-title'), []);
    assert.deepEqual(findings(doc('## Title: Ledger', '', '## Mental Model', '', 'x'), 'missing-title'), []);
    assert.equal(run(doc('## Title: Ledger', '', '## Mental Model', '', 'x')).match.title?.title, 'Title: Ledger');
  });
});

describe('missing-field', () => {
  test('absent fields are reported at the title, one finding each', () => {
    const f = findings(doc('# Ledger', '', '## Mental Model', '', 'text'), 'missing-field');
    assert.deepEqual(f.map((x) => x.data?.field), ['One-line summary', 'Prerequisites']);
    for (const x of f) assert.deepEqual(x.range, r(0, 0, 0, 8));
    assert.equal(f[0].data?.line, '**One-line summary**: [What is this and why does it matter?]');
  });
  test('an empty field is reported on its own line', () => {
    const f = findings(doc('# Ledger', '', '**One-line summary**:', '', '**Prerequisites**: Accounting.', '', '## Mental Model', '', 'x'), 'missing-field');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /empty/);
    assert.deepEqual(f[0].range, r(2, 0, 2, 21));
  });
  test('fields on consecutive lines (one paragraph) are each found', () => {
    const text = doc('# Ledger', '', '**One-line summary**: A ledger.', '**Prerequisites**:', '', '## Mental Model', '', 'x');
    const f = findings(text, 'missing-field');
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.equal(f[0].data?.field, 'Prerequisites');
    assert.deepEqual(f[0].range, r(3, 0, 3, 18));
  });
  test('a colon inside the bold label counts too; filled fields are not reported', () => {
    assert.deepEqual(findings(doc('# Ledger', '', '**One-line summary:** A ledger.', '', '**Prerequisites:** none', '', '## Mental Model', '', 'x'), 'missing-field'), []);
  });
  test('a field after the first `##` section is not the document field', () => {
    const f = findings(doc('# Ledger', '', '**One-line summary**: A ledger.', '', '## Mental Model', '', '**Prerequisites**: x'), 'missing-field');
    assert.deepEqual(f.map((x) => x.data?.field), ['Prerequisites']);
  });
});

describe('missing-section', () => {
  test('a section absent in the middle: a zero-width range on the blank line before the heading it precedes, insertAt that heading', () => {
    const text = completeDoc({ skip: ['Security Boundaries'] });
    const f = findings(text, 'missing-section');
    assert.equal(f.length, 1);
    const tradeoffs = lineOf(text, '## Tradeoffs');
    assert.equal(text.split('\n')[tradeoffs - 1], '');
    assert.deepEqual(f[0].range, r(tradeoffs - 1, 0, tradeoffs - 1, 0));
    assert.deepEqual(f[0].data, { section: 'Security Boundaries', insertAt: { line: tradeoffs, character: 0 } });
    assert.equal(f[0].message, "Missing section 'Security Boundaries': it belongs after 'Change Safety'.");
    const change = lineOf(text, '## Change Safety');
    assert.deepEqual(f[0].related?.[0].range, r(change, 0, change, 16));
    assert.equal(f[0].related?.[0].message, "'Security Boundaries' belongs after this section");
    assert.equal(f[0].severity, 'warning');
  });
  test('no blank line before the next heading: the range is the insertion point itself', () => {
    const text = completeDoc({ skip: ['Security Boundaries'] }).replace(/\n+## Tradeoffs/, '\n## Tradeoffs');
    const tradeoffs = lineOf(text, '## Tradeoffs');
    assert.deepEqual(findings(text, 'missing-section').map((x) => x.range), [r(tradeoffs, 0, tradeoffs, 0)]);
  });
  test('the last section absent: a zero-width range at the end of the document, insertAt the end', () => {
    const text = completeDoc({ skip: ['Exercises'] });
    const f = findings(text, 'missing-section');
    assert.equal(f.length, 1);
    const lines = text.split('\n');
    const end = lines.length - 1; // the text ends with a newline: the last (empty) line
    assert.notEqual(lines[end - 1], '');
    assert.deepEqual(f[0].range, r(end, 0, end, 0));
    assert.deepEqual(f[0].data?.insertAt, { line: end, character: 0 });
    assert.match(f[0].message, /after 'Further Reading'/);
  });
  test('the first section absent: it belongs before the first present one, which the related information names', () => {
    const text = completeDoc({ skip: ['Mental Model'] });
    const f = findings(text, 'missing-section');
    const internals = lineOf(text, '## Internals & Architecture');
    assert.deepEqual(f.map((x) => x.range), [r(internals - 1, 0, internals - 1, 0)]);
    assert.equal(f[0].message, "Missing section 'Mental Model': it belongs before 'Internals & Architecture'.");
    assert.deepEqual(f[0].related, [{ range: r(internals, 0, internals, 27), message: "'Mental Model' belongs before this section" }]);
  });
  test('several absent at one point share one range', () => {
    const text = completeDoc({ skip: ['Observability Contract', 'Change Safety', 'Security Boundaries'] });
    const tradeoffs = lineOf(text, '## Tradeoffs');
    assert.deepEqual(findings(text, 'missing-section').map((x) => [x.data?.section, x.range]), [
      ['Observability Contract', r(tradeoffs - 1, 0, tradeoffs - 1, 0)],
      ['Change Safety', r(tradeoffs - 1, 0, tradeoffs - 1, 0)],
      ['Security Boundaries', r(tradeoffs - 1, 0, tradeoffs - 1, 0)],
    ]);
  });
  test('every section absent: one finding each, in template order', () => {
    const f = findings(doc('# Ledger', '', 'Just prose.'), 'missing-section');
    assert.equal(f.length, 11);
    assert.equal(f[0].data?.section, 'Mental Model');
    assert.equal(f[10].data?.section, 'Exercises');
    assert.equal(f[0].message, "Missing section 'Mental Model': it belongs after the prerequisites.");
    assert.equal(f[1].message, "Missing section 'Internals & Architecture': it belongs after 'Mental Model' (also missing).");
  });
  test('no template section present, another heading first: the first missing one belongs before it', () => {
    const f = findings(doc('# Ledger', '', '## Background', '', 'Prose.'), 'missing-section');
    assert.equal(f[0].message, "Missing section 'Mental Model': it belongs before 'Background'.");
  });
  test('a misnamed or mis-levelled section is not also missing', () => {
    const text = completeDoc().replace('## Observability Contract', '## Obervability Contract').replace('## Tradeoffs', '### Tradeoffs');
    assert.deepEqual(findings(text, 'missing-section'), []);
  });
});

describe('missing-subsection', () => {
  test('one finding per section listing every absent subsection, at the section heading', () => {
    const text = completeDoc({ skip: ['Logs', 'Traces', 'Cost'] });
    const f = findings(text, 'missing-subsection');
    assert.equal(f.length, 2);
    const obs = lineOf(text, '## Observability Contract');
    assert.deepEqual(f[0].range, r(obs, 0, obs, 25));
    assert.deepEqual(f[0].data, { section: 'Observability Contract', subsections: ['Logs', 'Traces'] });
    assert.equal(f[0].message, "'Observability Contract' lacks the template's subsections 'Logs', 'Traces'.");
    assert.equal(f[0].severity, 'information');
    assert.deepEqual(f[1].data, { section: 'Operational Considerations', subsections: ['Cost'] });
    assert.match(f[1].message, /subsection 'Cost'\.$/);
  });
  test('not reported for a section that has its subsections, or for an absent section', () => {
    assert.deepEqual(findings(completeDoc({ skip: ['Tradeoffs'] }), 'missing-subsection'), []);
  });
  test('own names beside the template ones do not hide the absent ones', () => {
    const text = doc('# T', '', '## Observability Contract', '', '### Metrics', 'x', '### Dashboards', 'x', '### Logs', 'x', '### Traces', 'x');
    const f = findings(text, 'missing-subsection');
    assert.deepEqual(f.map((x) => x.data?.subsections), [['Alerts']]);
  });
});

describe('section-order', () => {
  test('a section out of order says where it belongs, with the anchor as related info', () => {
    const text = completeDoc().replace('## Exercises\n\nAbout Exercises.\n', '');
    const moved = text.replace('## Internals & Architecture', '## Exercises\n\nAbout Exercises.\n\n## Internals & Architecture');
    const f = findings(moved, 'section-order');
    assert.equal(f.length, 1);
    const ex = lineOf(moved, '## Exercises');
    assert.deepEqual(f[0].range, r(ex, 0, ex, 12));
    assert.equal(f[0].message, "'Exercises' is out of template order: it belongs after 'Further Reading'.");
    assert.deepEqual(f[0].data, { section: 'Exercises', after: 'Further Reading', before: null });
    const fr = lineOf(moved, '## Further Reading');
    assert.deepEqual(f[0].related?.[0].range, r(fr, 0, fr, 18));
    assert.equal(findings(moved, 'missing-section').length, 0);
  });
  test('a section moved to the front belongs before its successor', () => {
    const text = doc('# T', '', '## Change Safety', 'x', '## Mental Model', 'x', '## Internals & Architecture', 'x', '## Observability Contract', 'x');
    const f = findings(text, 'section-order');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].data, { section: 'Change Safety', after: 'Observability Contract', before: null });
    assert.deepEqual(f[0].range, r(2, 0, 2, 16));
  });
  test('subsections out of order inside their section', () => {
    const text = doc('# T', '', '## Observability Contract', '', '### Logs', 'x', '### Metrics to Track', 'x', '### Traces', 'x', '### Alerts', 'x');
    const f = findings(text, 'section-order');
    // Either heading could be "the one that moved"; the engine keeps the later
    // run (Logs, Traces, Alerts) and reports the other, pointing at Logs.
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].data, { section: 'Metrics to Track', after: null, before: 'Logs' });
    assert.deepEqual(f[0].range, r(6, 0, 6, 20));
    assert.equal(f[0].message, "'Metrics to Track' is out of template order: it belongs before 'Logs'.");
    assert.deepEqual(f[0].related?.[0].range, r(4, 0, 4, 8));
  });
  test('in order (with gaps): nothing', () => {
    assert.deepEqual(findings(completeDoc({ skip: ['Tradeoffs', 'Logs'] }), 'section-order'), []);
  });
});

describe('duplicate-section', () => {
  test('a second `##` of the same template section, pointing at the first', () => {
    const text = completeDoc() + '\n## Tradeoffs\n\nMore.\n';
    const f = findings(text, 'duplicate-section');
    assert.equal(f.length, 1);
    const lines = text.split('\n');
    const second = lines.lastIndexOf('## Tradeoffs');
    const first = lines.indexOf('## Tradeoffs');
    assert.deepEqual(f[0].range, r(second, 0, second, 12));
    assert.equal(f[0].message, `'Tradeoffs' appears more than once; the first is on line ${first + 1}.`);
    assert.deepEqual(f[0].related?.[0].range, r(first, 0, first, 12));
  });
  test('a duplicated subsection in its section', () => {
    const text = doc('# T', '', '## Observability Contract', '', '### Logs', 'x', '### Logs', 'y');
    const f = findings(text, 'duplicate-section');
    assert.deepEqual(f.map((x) => x.range), [r(6, 0, 6, 8)]);
    assert.deepEqual(f[0].related?.[0].range, r(4, 0, 4, 8));
  });
  test('the same subsection name under two different sections is not a duplicate', () => {
    assert.deepEqual(findings(completeDoc(), 'duplicate-section'), []);
    const text = doc('# T', '', '## Mental Model', '', '### Logs', 'x', '## Observability Contract', '', '### Logs', 'y');
    assert.deepEqual(findings(text, 'duplicate-section'), []);
  });
});

describe('heading-level', () => {
  test('### for a ## section', () => {
    const f = findings(doc('# T', '', '## Mental Model', '', 'text', '', '### Tradeoffs', '', 'text'), 'heading-level');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, r(6, 0, 6, 13));
    assert.equal(f[0].message, "'Tradeoffs' is a ## section in the template but is written as ###.");
    assert.deepEqual(f[0].data, { section: 'Tradeoffs', expectedDepth: 2, actualDepth: 3, atx: true });
  });
  test('#### for a ### subsection, inside its section', () => {
    const f = findings(doc('# T', '', '## Observability Contract', '', '### Metrics to Track', 'x', '', '#### Logs', '', 'x'), 'heading-level');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, r(7, 0, 7, 9));
    assert.deepEqual(f[0].data, { section: 'Logs', expectedDepth: 3, actualDepth: 4, atx: true });
    assert.match(f[0].message, /is a ### subsection/);
  });
  test('## for a ### subsection right after its section', () => {
    const text = doc('# T', '', '## Observability Contract', '', '### Metrics to Track', 'x', '', '## Logs', '', 'x', '', '## Change Safety', 'x');
    const f = findings(text, 'heading-level');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, r(7, 0, 7, 7));
    assert.deepEqual(f[0].data, { section: 'Logs', expectedDepth: 3, actualDepth: 2, atx: true });
    // It counts as present: Logs is not listed as missing.
    assert.deepEqual(findings(text, 'missing-subsection')[0].data?.subsections, ['Traces', 'Alerts']);
  });
  test('a setext heading at the wrong level says it is not ATX', () => {
    const f = findings(doc('Ledger', '======', '', 'Tradeoffs', '=========', '', 'x'), 'heading-level');
    assert.deepEqual(f.map((x) => x.data), [{ section: 'Tradeoffs', expectedDepth: 2, actualDepth: 1, atx: false }]);
    assert.deepEqual(f[0].range, r(3, 0, 4, 9));
  });
  test('the subsections of a mis-levelled section are not reported again', () => {
    const text = doc('# T', '', '# Tradeoffs', '', '## What We Gain', 'x', '## What We Lose', 'x');
    assert.deepEqual(findings(text, 'heading-level').map((f) => f.data?.section), ['Tradeoffs']);
  });
  test('headings at their template level: nothing', () => {
    assert.deepEqual(findings(completeDoc(), 'heading-level'), []);
  });
});

describe('misnamed-section', () => {
  test('"Obervability Contract": range is the heading text, data has the expected title', () => {
    const text = completeDoc().replace('## Observability Contract', '## Obervability Contract');
    const f = findings(text, 'misnamed-section');
    assert.equal(f.length, 1);
    const l = lineOf(text, '## Obervability Contract');
    assert.deepEqual(f[0].range, r(l, 3, l, 24));
    assert.deepEqual(f[0].data, { expected: 'Observability Contract', actual: 'Obervability Contract' });
    assert.equal(f[0].message, "'Obervability Contract' looks like the template's 'Observability Contract'.");
    // Its subsections still match under it.
    assert.deepEqual(findings(text, 'missing-subsection'), []);
  });
  test('"Failure Modes & Blast Radus"', () => {
    const text = completeDoc().replace('## Failure Modes & Blast Radius', '## Failure Modes & Blast Radus');
    assert.deepEqual(findings(text, 'misnamed-section').map((f) => f.data?.expected), ['Failure Modes & Blast Radius']);
  });
  test('a misnamed subsection', () => {
    const text = completeDoc().replace('### Failure Domains', '### Failure Domain');
    const f = findings(text, 'misnamed-section');
    assert.deepEqual(f.map((x) => x.data), [{ expected: 'Failure Domains', actual: 'Failure Domain' }]);
    assert.deepEqual(findings(text, 'missing-subsection'), []);
  });
  test('case, `and` for `&` and extra words are matches, not near misses', () => {
    const text = completeDoc()
      .replace('## Failure Modes & Blast Radius', '## failure modes and blast radius')
      .replace('### What We Gain', '### What We Gain with Idempotency');
    assert.deepEqual(run(text).findings, []);
  });
});

describe('empty-section', () => {
  const text = doc(
    '# T', // 0
    '', // 1
    '## Mental Model', // 2
    '', // 3
    '<!-- to do -->', // 4
    '', // 5
    '## Tradeoffs', // 6
    '', // 7
    '### What We Gain', // 8
    '', // 9
    '---', // 10
    '', // 11
    '## Exercises', // 12
    '', // 13
    '### Warm-up', // 14
    '', // 15
    '1. Do it.', // 16
    '', // 17
    '### Harder', // 18
    '', // 19
  );
  const f = findings(text, 'empty-section');
  test('a `##` with only comments, rules or empty subsections is a warning', () => {
    assert.deepEqual(f.filter((x) => x.severity === 'warning').map((x) => [x.data?.section, x.range]), [
      ['Mental Model', r(2, 0, 2, 15)],
      ['Tradeoffs', r(6, 0, 6, 12)],
    ]);
  });
  test('an empty `###` in a section with content is information', () => {
    assert.deepEqual(f.filter((x) => x.severity === 'information').map((x) => [x.data?.section, x.range]), [['Harder', r(18, 0, 18, 10)]]);
  });
  test('the empty subsections of an empty section are not reported', () => {
    assert.equal(f.some((x) => x.data?.section === 'What We Gain'), false);
    assert.equal(f.length, 3);
  });
  test('content in a subsection fills its section', () => {
    assert.equal(f.some((x) => x.data?.section === 'Exercises'), false);
  });
});

describe('severities and options', () => {
  test('a rule set to off reports nothing; another severity replaces the default', () => {
    const text = completeDoc({ skip: ['Tradeoffs'] });
    assert.deepEqual(run(text, { 'missing-section': 'off' }).findings, []);
    assert.deepEqual(run(text, { 'missing-section': 'error' }).findings.map((f) => f.severity), ['error']);
  });
  test('findings are sorted by position', () => {
    const all = run(doc('# T', '', '## Tradeoffs', '', '## Mental Model', 'x')).findings;
    const keys = all.map((f) => f.range.start.line * 1000 + f.range.start.character);
    assert.deepEqual(keys, [...keys].sort((a, b) => a - b));
  });
});

describe('empty-section while typing', () => {
  test('a bare `##` line being typed is not reported as an empty section', async () => {
    const { analyze, buildTemplate, parseDocument } = await import('../../server/src/engine');
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const template = buildTemplate(readFileSync(path.resolve(__dirname, '../../server/templates/deep-dive.md'), 'utf8'));
    const text = '# T\n\n## Mental Model\n\nText.\n\n##\n';
    const codes = analyze(parseDocument(text), template).findings.filter((f) => f.code === 'empty-section');
    assert.deepEqual(codes, []);
  });
});
