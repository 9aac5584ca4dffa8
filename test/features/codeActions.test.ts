import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newDocument, type Analysis, type Finding } from '../../server/src/engine';
import { codeActions, fixAll, insertMissingSections, quickFixes } from '../../server/src/engine/features/codeActions';
import { analyzeText, applyEdits, findingKey, md, template } from './helpers';

/** A complete deep dive, as the template writes it, with `---` between sections. */
const FULL = newDocument(template, 'Ledger', { titleStyle: 'h1' });

/** The `## title` section's text in `doc`, from its heading through the blank line after its `---`. */
function sectionText(doc: string, title: string): string {
  const start = doc.indexOf(`## ${title}\n`);
  assert.ok(start >= 0, title);
  const next = doc.indexOf('\n## ', start + 3);
  return doc.slice(start, next < 0 ? doc.length : next + 1);
}
const without = (doc: string, ...titles: string[]) => titles.reduce((d, t) => d.replace(sectionText(d, t), ''), doc);

function finding(a: Analysis, code: string, pred: (f: Finding) => boolean = () => true): Finding {
  const f = a.findings.find((x) => x.code === code && pred(x));
  assert.ok(f, `a ${code} finding among ${a.findings.map((x) => x.code).join(', ')}`);
  return f;
}

/** Applies the one preferred quick fix for the finding and checks it is gone and nothing else changed. */
function fix(text: string, code: string, pred?: (f: Finding) => boolean, mayGo: string[] = []): string {
  const before = analyzeText(text);
  const f = finding(before, code, pred);
  const actions = quickFixes(before, f);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].findings, [f]);
  const out = applyEdits(text, actions[0].edits);
  const after = analyzeText(out);
  assert.ok(!after.findings.some((x) => findingKey(x) === findingKey(f)), `the ${code} finding is gone`);
  // Every other finding is still there (lines may shift); new ones only for the scaffold's own
  // placeholders and guidance (an inserted section is scaffolded, not written).
  const scaffolded = (x: Finding) => x.code === 'placeholder' || x.code === 'unfilled-guidance';
  const rest = (a: Analysis) => a.findings.filter((x) => findingKey(x) !== findingKey(f) && !scaffolded(x)).map(findingKey).sort();
  assert.deepEqual(rest(after), rest(before).filter((k) => !mayGo.some((c) => k.startsWith(c + ' ')) || rest(after).includes(k)));
  return out;
}

describe('missing-section quick fix', () => {
  test('inserts the scaffold between its neighbours, with the document\'s `---` separators, as a pure insertion', () => {
    const text = without(FULL, 'Security Boundaries');
    const out = fix(text, 'missing-section');
    const at = text.indexOf('## Tradeoffs');
    assert.equal(out.slice(0, at), text.slice(0, at), 'text before is unchanged');
    assert.ok(out.endsWith(text.slice(at)), 'text after is unchanged');
    const inserted = out.slice(at, out.length - (text.length - at));
    assert.equal(inserted, md(
      '## Security Boundaries', '',
      '### Identity & Authentication', '', '- Who can access this?', '- How is identity verified?', '- What authentication mechanisms?', '',
      '### Authorization', '', '- What permissions are needed?', '- How is authorization checked?', '- What\'s the principle of least privilege?', '',
      '### Data Protection', '', '- How is data encrypted (at rest? in transit?)?', '- What\'s the key management strategy?', '- How to prevent data exfiltration?', '',
      '### Attack Surfaces', '', '- What are the attack vectors?', '- How are attacks mitigated?', '- What\'s the security monitoring?', '',
      '---', '', '',
    ));
  });

  test('the first section goes before the first present one; the last after everything', () => {
    const first = without(FULL, 'Mental Model');
    const out = fix(first, 'missing-section');
    assert.ok(out.includes('---\n\n## Mental Model\n\n**How to think'), 'after the fields\' separator');
    assert.ok(out.includes('```\n\n---\n\n## Internals & Architecture'));

    const last = without(FULL, 'Exercises').replace(/\n---\n\n$/, '\n');
    const out2 = fix(last, 'missing-section');
    assert.ok(last.endsWith('[Blog posts]\n\n'));
    assert.equal(out2, last + md('---', '', '## Exercises', '', '1. [Exercise 1: Apply concept to scenario]', '2. [Exercise 2: Design a system using this]', '3. [Exercise 3: Debug a failure scenario]', ''));
  });

  test('without separators, blank lines only; a document ending without a newline gets one blank line first', () => {
    const text = md('# T', '', '## Mental Model', 'x', '', '## Tradeoffs', 'y');
    const out = fix(text, 'missing-section', (f) => f.data?.section === 'Further Reading');
    assert.equal(out, text + md('', '', '## Further Reading', '', '- [Related deep dives]', '- [Papers]', '- [Documentation]', '- [Blog posts]', ''));
    const mid = fix(text, 'missing-section', (f) => f.data?.section === 'Internals & Architecture');
    assert.ok(mid.startsWith(md('# T', '', '## Mental Model', 'x', '', '## Internals & Architecture', '', '### High-Level Architecture')));
    assert.ok(mid.endsWith(md('- What constraints drove the design?', '', '## Tradeoffs', 'y')));
  });

  test('CRLF documents get CRLF scaffolds and keep every other byte', () => {
    const text = without(FULL, 'Security Boundaries').replace(/\n/g, '\r\n');
    const out = fix(text, 'missing-section');
    assert.ok(!/(?<!\r)\n/.test(out), 'no bare LF');
    assert.equal(out.replace(/## Security Boundaries[\s\S]*?---\r\n\r\n/, ''), text);
  });
});

describe('Insert all missing sections', () => {
  test('one edit set, one insertion per place, sections in template order, separators kept', () => {
    const text = without(FULL, 'Mental Model', 'Security Boundaries', 'Tradeoffs', 'Exercises');
    const a = analyzeText(text);
    const edits = insertMissingSections(a);
    assert.equal(edits.length, 3, 'Mental Model / Security+Tradeoffs together / Exercises');
    assert.ok(edits.every((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character), 'insertions only');
    const out = applyEdits(text, edits);
    const b = analyzeText(out);
    assert.deepEqual(b.match.missing, []);
    const h2 = b.doc.headings.filter((h) => h.depth === 2).map((h) => h.title);
    assert.deepEqual(h2, template.sections.map((t) => t.title));
    assert.ok(out.includes('- What\'s the security monitoring?\n\n---\n\n## Tradeoffs\n\n### What We Gain'));
    assert.ok(!out.includes('---\n\n---'), 'no doubled separators');
    assert.ok(!b.findings.some((f) => f.code === 'section-order' || f.code === 'missing-subsection'));
  });

  test('a code action beside a missing-section finding, naming every missing-section finding', () => {
    const text = without(FULL, 'Mental Model', 'Exercises');
    const a = analyzeText(text);
    const f = finding(a, 'missing-section');
    const actions = codeActions(a, f.range);
    const all = actions.find((x) => x.title === 'Insert all missing sections')!;
    assert.ok(all);
    assert.equal(all.kind, 'quickfix');
    assert.deepEqual(all.findings.map((x) => x.data?.section), ['Mental Model', 'Exercises']);
    assert.ok(actions.some((x) => x.title === 'Insert section \'Mental Model\'' && x.isPreferred));
    assert.deepEqual(codeActions(analyzeText(FULL), { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }), []);
  });
});

describe('missing-subsection quick fix', () => {
  test('inserts the absent subsections where template order puts them', () => {
    const text = FULL.replace(sectionText(FULL, 'Observability Contract'), md(
      '## Observability Contract', '', '### Metrics to Track', '- **Latency**: p99', '', '### Alerts', '- pages', '', '---', '', '',
    ));
    const out = fix(text, 'missing-subsection', (f) => f.data?.section === 'Observability Contract');
    assert.ok(out.includes(md(
      '- **Latency**: p99', '', '### Logs', '', '- What events should be logged?', '- What log levels?', '- What information is needed for debugging?', '',
      '### Traces', '', '- What operations should be traced?', '- What spans are critical?', '- How to correlate across services?', '',
      '### Alerts', '- pages', '', '---', '',
    )));
  });

  test('the last subsection goes before the section\'s closing `---`', () => {
    const text = FULL.replace(/### Alerts\n[^#]*?(?=---)/, '');
    const out = fix(text, 'missing-subsection');
    assert.ok(out.includes('- How to correlate across services?\n\n### Alerts\n\n- What conditions require alerts?\n- What\'s the alerting strategy?\n- How to avoid alert fatigue?\n\n---\n\n## Change Safety'));
  });
});

describe('misnamed-section and heading-level quick fixes', () => {
  test('rename replaces only the heading text', () => {
    const text = FULL.replace('## Mental Model', '## Mental Modle ##');
    const out = fix(text, 'misnamed-section');
    assert.equal(out, FULL.replace('## Mental Model', '## Mental Model ##'));
  });

  test('a `#` section becomes `##` and its subsections shift with it, up to the next template section', () => {
    const text = md(
      '# Ledger', '',
      '# Failure Modes & Blast Radius', '',
      '## Failure Domains', 'a', '',
      '### Detail', 'b', '',
      '## Common Failure Scenarios', 'c', '',
      '## Tradeoffs', 'd', '',
    );
    // The title was empty only because the `#` section followed it at its level.
    const out = fix(text, 'heading-level', undefined, ['empty-section']);
    assert.equal(out, md(
      '# Ledger', '',
      '## Failure Modes & Blast Radius', '',
      '### Failure Domains', 'a', '',
      '#### Detail', 'b', '',
      '### Common Failure Scenarios', 'c', '',
      '## Tradeoffs', 'd', '',
    ));
  });

  test('a too-deep section moves up; a setext heading becomes ATX', () => {
    const deep = md('# T', '', '## Mental Model', 'x', '', '   ### Tradeoffs', 'y', '', '#### What We Gain', 'z');
    assert.equal(fix(deep, 'heading-level'), md('# T', '', '## Mental Model', 'x', '', '   ## Tradeoffs', 'y', '', '### What We Gain', 'z'));
    const setext = md('# T', '', 'Mental Model', '============', '', 'x', '');
    assert.equal(fix(setext, 'heading-level', undefined, ['empty-section']), md('# T', '', '## Mental Model', '', 'x', ''));
  });
});

describe('section-order quick fix', () => {
  test('moves a section, subsections and separator included, to where it belongs', () => {
    const trade = sectionText(FULL, 'Tradeoffs');
    const text = FULL.replace(trade, '').replace('## Internals & Architecture', trade + '## Internals & Architecture');
    const a = analyzeText(text);
    assert.equal(finding(a, 'section-order').data?.section, 'Tradeoffs');
    assert.equal(fix(text, 'section-order'), FULL);
  });

  test('a section standing last moves back with its separator and leaves no dangling `---`', () => {
    const mental = sectionText(FULL, 'Mental Model');
    const text = FULL.replace(mental, '').replace(/\n$/, '\n\n---\n\n' + mental.replace(/\n\n---\n\n$/, '\n'));
    assert.equal(fix(text, 'section-order'), FULL);
  });

  test('subsections move within their section; CRLF kept', () => {
    const logs = '### Logs\n- What events should be logged?\n- What log levels?\n- What information is needed for debugging?\n\n';
    assert.ok(FULL.includes(logs));
    const text = FULL.replace(logs, '').replace('### Metrics to Track', logs + '### Metrics to Track');
    assert.equal(fix(text, 'section-order'), FULL);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.equal(fix(crlf, 'section-order'), FULL.replace(/\n/g, '\r\n'));
  });
});

describe('missing-field quick fix', () => {
  test('a field goes among the fields in template order, else under the title', () => {
    const text = md('# T', '', '**Prerequisites**: SQL', '', '## Mental Model', 'x');
    assert.equal(fix(text, 'missing-field'), md('# T', '', '**One-line summary**: [What is this and why does it matter?]', '', '**Prerequisites**: SQL', '', '## Mental Model', 'x'));
    const second = md('# T', '', '**One-line summary**: A ledger.', '## Mental Model', 'x');
    assert.equal(fix(second, 'missing-field'), md('# T', '', '**One-line summary**: A ledger.', '', '**Prerequisites**: [What should readers know before diving in?]', '', '## Mental Model', 'x'));
  });

  test('an empty field has no quick fix (only its author can fill it)', () => {
    const a = analyzeText(md('# T', '', '**One-line summary**:', '', '**Prerequisites**: x', '## Mental Model', 'x'));
    assert.deepEqual(quickFixes(a, finding(a, 'missing-field')), []);
  });
});

describe('fixAll', () => {
  const MESSY = md(
    '# Ledger', //                                  0
    '## Mental Modle', //                           1
    'x', //                                         2
    '', //                                          3
    '# Failure Modes & Blast Radius', //            4
    '## Failure Domains', //                        5
    'y', //                                         6
    '', //                                          7
    '## Tradeoffs', //                              8
    'z', //                                         9
    '', //                                          10
    '## Internals & Architecture', //               11
    'w', //                                         12
  );

  test('applies renames, heading levels, missing sections and fields in one disjoint edit set; leaves order alone', () => {
    const a = analyzeText(MESSY);
    const codes = new Set(a.findings.map((f) => f.code));
    for (const c of ['misnamed-section', 'heading-level', 'missing-section', 'missing-field', 'section-order']) assert.ok(codes.has(c), c);
    const out = applyEdits(MESSY, fixAll(a));
    const b = analyzeText(out);
    const left = new Set(b.findings.map((f) => f.code));
    for (const c of ['misnamed-section', 'heading-level', 'missing-section', 'missing-field']) assert.ok(!left.has(c), `${c} fixed`);
    assert.ok(left.has('section-order'), 'order is the author\'s call');
    assert.ok(out.startsWith(md('# Ledger', '', '**One-line summary**: [What is this and why does it matter?]', '', '**Prerequisites**: [What should readers know before diving in?]', '', '## Mental Model', 'x', '')));
    assert.ok(out.includes(md('## Failure Modes & Blast Radius', '### Failure Domains', 'y')));
    assert.deepEqual(fixAll(analyzeText(FULL)), [], 'nothing to do on a complete document');
  });

  test('an insertion where a re-levelled heading starts is merged into one edit', () => {
    const text = md('# T', '', '**One-line summary**: a', '', '**Prerequisites**: b', '', '## Mental Model', 'x', '', '# Failure Modes & Blast Radius', 'y', '');
    const a = analyzeText(text);
    const edits = fixAll(a);
    const at = edits.filter((e) => e.range.start.line === 9);
    assert.equal(at.length, 1);
    assert.ok(at[0].newText.startsWith('## Internals & Architecture') && at[0].newText.endsWith('\n\n##'));
    const out = applyEdits(text, edits);
    assert.ok(out.includes('- What constraints drove the design?\n\n## Failure Modes & Blast Radius\n\ny') === false);
    assert.ok(out.includes('- What constraints drove the design?\n\n## Failure Modes & Blast Radius\ny'));
  });
});
