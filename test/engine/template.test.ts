// The template model is derived from template markdown, never hand-written.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTemplate, TemplateError } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import { allPlaceholders, isTitleHeading } from '../../server/src/engine/template';
import { fixture, r, template, TEMPLATE_PATH } from './helpers';

describe('the built-in template', () => {
  test('its `##` sections, in order (the title line and intro are not sections)', () => {
    assert.deepEqual(template.sections.map((s) => s.title), [
      'Mental Model', 'Internals & Architecture', 'Failure Modes & Blast Radius', 'Observability Contract',
      'Change Safety', 'Security Boundaries', 'Tradeoffs', 'Operational Considerations',
      'What Staff Engineers Ask in Reviews', 'Further Reading', 'Exercises',
    ]);
    assert.deepEqual(template.sections.map((s) => s.index), [...template.sections.keys()]);
    assert.ok(template.sections.every((s) => s.depth === 2));
    assert.equal(template.sections[2].key, 'failure modes and blast radius');
  });
  test('each section\'s `###` subsections, in order', () => {
    const kids = Object.fromEntries(template.sections.map((s) => [s.title, s.children.map((c) => c.title)]));
    assert.deepEqual(kids['Mental Model'], []);
    assert.deepEqual(kids['Internals & Architecture'], ['High-Level Architecture', 'Implementation Details', 'Design Decisions']);
    assert.deepEqual(kids['Failure Modes & Blast Radius'], ['Failure Domains', 'Common Failure Scenarios', 'Overload Behavior', 'Cascading Failures']);
    assert.deepEqual(kids['Observability Contract'], ['Metrics to Track', 'Logs', 'Traces', 'Alerts']);
    assert.deepEqual(kids['Security Boundaries'], ['Identity & Authentication', 'Authorization', 'Data Protection', 'Attack Surfaces']);
    assert.deepEqual(kids['Tradeoffs'], ['What We Gain', 'What We Lose', 'When to Use', 'When NOT to Use', 'Alternatives']);
    assert.deepEqual(kids['What Staff Engineers Ask in Reviews'], ['Design Questions', 'Scale Questions', 'Security Questions', 'Operational Questions']);
    const logs = template.sections[3].children[1];
    assert.deepEqual([logs.depth, logs.index, logs.key], [3, 1, 'logs']);
  });
  test('guidance bodies keep the bullets, bold prompts and diagram, without the `---` separators', () => {
    const mm = template.sections[0];
    assert.ok(mm.body.startsWith('**How to think about this system/concept**\n\n- Core abstraction'));
    assert.ok(mm.body.includes('```mermaid\nflowchart TD\n    A[Component A] --> B[Component B]'));
    assert.ok(mm.body.endsWith('```'));
    assert.equal(template.sections[3].children[1].body, '- What events should be logged?\n- What log levels?\n- What information is needed for debugging?');
    assert.ok(template.sections.every((s) => !/^---$/m.test(s.body)));
  });
  test('placeholders: from prose only (not the diagram\'s node labels)', () => {
    assert.deepEqual(template.sections[0].placeholders, []);
    const scenarios = template.sections[2].children[1];
    assert.deepEqual(scenarios.placeholders, ['What fails', 'What breaks', 'How do we know?', 'How do we fix it?', 'Another failure']);
    assert.deepEqual(template.sections[6].children[4].placeholders, ['Alternative 1', 'When to use instead', 'Alternative 2', 'When to use instead']);
    assert.deepEqual(template.sections[9].placeholders, ['Related deep dives', 'Papers', 'Documentation', 'Blog posts']);
  });
  test('the fields near the top and the title placeholder', () => {
    assert.equal(template.titlePlaceholder, 'Topic Name');
    assert.deepEqual(template.fields, [
      { label: 'One-line summary', key: 'one line summary', placeholder: 'What is this and why does it matter?', line: '**One-line summary**: [What is this and why does it matter?]' },
      { label: 'Prerequisites', key: 'prerequisites', placeholder: 'What should readers know before diving in?', line: '**Prerequisites**: [What should readers know before diving in?]' },
    ]);
    const all = allPlaceholders(template);
    assert.equal(all[0], 'Topic Name');
    assert.ok(all.includes('Exercise 3: Debug a failure scenario'));
    assert.ok(!all.includes('Component A'));
  });
  test('name and source', () => {
    assert.equal(template.name, TEMPLATE_PATH);
    assert.ok(template.source.startsWith('# Deep Dive Template'));
  });
  test('a CRLF copy with a BOM gives the same model', () => {
    const text = readFileSync(TEMPLATE_PATH, 'utf8');
    const crlf = buildTemplate('\uFEFF' + text.replace(/\n/g, '\r\n'), 'crlf.md');
    assert.deepEqual(crlf.sections.map((s) => [s.title, s.children.map((c) => c.title), s.placeholders]), template.sections.map((s) => [s.title, s.children.map((c) => c.title), s.placeholders]));
    assert.deepEqual(crlf.fields.map((f) => [f.label, f.placeholder, f.line]), template.fields.map((f) => [f.label, f.placeholder, f.line]));
  });
  test('`## Title: [Topic Name]` and `## Title` are title lines; other headings are not', () => {
    assert.ok(isTitleHeading('Title: [Topic Name]'));
    assert.ok(isTitleHeading('Title'));
    assert.ok(!isTitleHeading('Titles of Nobility'));
    assert.ok(!isTitleHeading('Mental Model'));
  });
});

describe('another template file', () => {
  const rfc = buildTemplate(fixture('templates/rfc.md'), 'rfc.md');
  test('derives its own sections, subsections, fields and placeholders', () => {
    assert.deepEqual(rfc.sections.map((s) => [s.title, s.children.map((c) => c.title)]), [
      ['Motivation', []],
      ['Design', ['API', 'Storage']],
      ['Risks & Mitigations', []],
    ]);
    assert.equal(rfc.titlePlaceholder, 'RFC Name');
    assert.deepEqual(rfc.fields.map((f) => [f.label, f.placeholder]), [['Summary', 'One paragraph'], ['Owner', 'Team']]);
    assert.deepEqual(rfc.sections[0].placeholders, ['Why are we doing this?']);
  });
  test('without a `## Title:` line, the fields are the bold lines above the first section', () => {
    const t = buildTemplate('# Postmortem\n\n**Incident**: [ID]\n\n**Severity**: [SEV1-4]\n\n## Timeline\n\n**Note**: [not a field]\n', 'pm.md');
    assert.deepEqual(t.fields.map((f) => [f.label, f.placeholder]), [['Incident', 'ID'], ['Severity', 'SEV1-4']]);
    assert.equal(t.titlePlaceholder, 'Topic Name');
  });
  test('documents are checked against it', () => {
    const text = '# Cache RFC\n\n**Summary**: Add a cache.\n\n## Motivation\n\n[Why are we doing this?]\n\n## Design\n\n### API\n\nGET /x\n\n## Risks and mitigations\n\nFew.\n';
    const a = analyze(parseDocument(text), rfc);
    assert.deepEqual(a.findings.map((f) => [f.code, f.range, f.data]), [
      ['missing-field', r(0, 0, 0, 11), { field: 'Owner', line: '**Owner**: [Team]' }],
      ['placeholder', r(6, 0, 6, 24), { placeholder: 'Why are we doing this?' }],
      ['missing-subsection', r(8, 0, 8, 9), { section: 'Design', subsections: ['Storage'] }],
    ]);
  });
});

describe('bad templates are a TemplateError naming the file', () => {
  const fails = (text: unknown, pattern: RegExp) => {
    assert.throws(() => buildTemplate(text as string, 'custom/bad.md'), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.equal(e.templateName, 'custom/bad.md');
      assert.match(e.message, /^Template custom\/bad\.md: /);
      assert.match(e.message, pattern);
      return true;
    });
  };
  test('no `##` sections', () => fails('# Just a title\n\nSome text.\n', /no `##` sections/));
  test('only the title line', () => fails('# T\n\n## Title: [Name]\n\n**Summary**: [x]\n', /no `##` sections/));
  test('empty text', () => fails('', /no `##` sections/));
  test('unreadable input (not text)', () => fails(undefined, /no text/));
  test('binary garbage', () => fails('\u0000\u0001\uFFFD'.repeat(50), /no `##` sections/));
  test('a section named twice', () => fails('## A\n\n## B\n\n## a\n', /names the section "a" twice/));
  test('a heading with no words', () => fails('## A\n\n## ***\n', /no words/));
});
