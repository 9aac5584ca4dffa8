import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTemplate, newDocument } from '../../server/src/engine';
import { documentStatus } from '../../server/src/engine/features/documentLevel';
import { analyzeText, expandSnippet, md, template, TEMPLATE_TEXT } from './helpers';

describe('newDocument', () => {
  test('the template from its title line on, title filled in, the template\'s own heading and intro dropped', () => {
    const text = newDocument(template, 'Payments Ledger');
    const from = TEMPLATE_TEXT.indexOf('## Title: [Topic Name]');
    assert.equal(text, TEMPLATE_TEXT.slice(from).replace('[Topic Name]', 'Payments Ledger').replace(/\s+$/, '\n'));
    assert.ok(text.startsWith('## Title: Payments Ledger\n\n**One-line summary**: [What is this and why does it matter?]\n'));
    assert.ok(!text.includes('Use this template'));
    const a = analyzeText(text);
    // Every section present, none written: the prose guidance is reported, the rest are placeholders.
    assert.deepEqual(a.findings.filter((f) => f.code !== 'placeholder').map((f) => [f.code, f.data?.section]), [
      'Mental Model', 'Internals & Architecture', 'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety',
      'Security Boundaries', 'Operational Considerations', 'What Staff Engineers Ask in Reviews',
    ].map((t) => ['unfilled-guidance', t]));
    assert.deepEqual(documentStatus(a), { present: 11, written: 0, total: 11, missing: [], scaffolded: template.sections.map((t) => t.title) });
  });

  test('as an H1 on request; CRLF on request; a title with `$` or brackets stays as typed', () => {
    const h1 = newDocument(template, 'Cache $1 [v2]', { titleStyle: 'h1', eol: '\r\n' });
    assert.ok(h1.startsWith('# Cache $1 [v2]\r\n\r\n**One-line summary**:'));
    assert.ok(!/(?<!\r)\n/.test(h1));
    assert.equal(analyzeText(h1).match.title?.title, 'Cache $1 [v2]');
  });

  test('an empty title keeps the placeholder; snippet mode makes the title the first tab stop', () => {
    assert.ok(newDocument(template, '  ').startsWith('## Title: [Topic Name]\n'));
    const snip = newDocument(template, '', { snippet: true });
    assert.ok(snip.startsWith('## Title: ${1:Topic Name}\n\n**One-line summary**: ${2:What is this and why does it matter?}'));
    assert.ok(snip.includes('    A[Component A] --> B[Component B]'), 'mermaid labels are code, not tab stops');
    // Each tab stop stands where the plain text has its [placeholder]; nothing else differs.
    const asBrackets = snip.replace(/\$\{\d+:([^}]*)\}/g, '[$1]');
    assert.equal(expandSnippet(asBrackets), newDocument(template, ''));
  });

  test('snippet mode with a title: the title filled in (escaped), the first placeholder after it is the first tab stop', () => {
    const snip = newDocument(template, 'Cost $5}', { snippet: true });
    assert.ok(snip.startsWith('## Title: Cost \\$5\\}\n\n**One-line summary**: ${1:What is this and why does it matter?}'), snip.slice(0, 80));
  });

  test('a template without a title line gets an H1 before its first section', () => {
    const t = buildTemplate(md('# My template', 'Intro.', '', '## Context', 'Why.', '', '## Decision', '[What we chose]', ''));
    assert.equal(newDocument(t, 'Queues'), md('# Queues', '', '## Context', 'Why.', '', '## Decision', '[What we chose]', ''));
  });
});

describe('documentStatus', () => {
  test('present, written and total sections, and the missing ones in template order', () => {
    const s = documentStatus(analyzeText(md('# T', '## Tradeoffs', 'x', '## Mental Model', 'y', '## Exercise', 'z')));
    assert.equal(s.total, 11);
    assert.equal(s.present, 3);
    assert.equal(s.written, 3);
    assert.deepEqual(s.scaffolded, []);
    assert.deepEqual(s.missing, template.sections.map((t) => t.title).filter((t) => !['Tradeoffs', 'Mental Model', 'Exercises'].includes(t)));
    assert.deepEqual(documentStatus(analyzeText('')), { present: 0, written: 0, total: 11, missing: template.sections.map((t) => t.title), scaffolded: [] });
  });

  test('a section is written only with content, no placeholder and no unfilled guidance', () => {
    const s = documentStatus(analyzeText(md(
      '# T',
      '## Mental Model', 'A ledger of entries.',
      '## Tradeoffs', '### What We Gain', '- [Benefit 1]',
      '## Exercises',
      '## Change Safety', '### Rollout Strategy', '- How to deploy changes safely?', '- Canary vs blue-green vs rolling?', "- What's the rollout cadence?",
      '## Further Reading', '- Designing Data-Intensive Applications',
    )));
    assert.equal(s.present, 5);
    assert.equal(s.written, 2);
    assert.deepEqual(s.scaffolded, ['Change Safety', 'Tradeoffs', 'Exercises']);
  });
});
