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
    assert.deepEqual(a.findings.filter((f) => f.code !== 'placeholder').map((f) => f.code), [], 'complete but for its placeholders');
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
  test('present and total sections, and the missing ones in template order', () => {
    const s = documentStatus(analyzeText(md('# T', '## Tradeoffs', 'x', '## Mental Model', 'y', '## Exercise', 'z')));
    assert.equal(s.total, 11);
    assert.equal(s.present, 3);
    assert.deepEqual(s.missing, template.sections.map((t) => t.title).filter((t) => !['Tradeoffs', 'Mental Model', 'Exercises'].includes(t)));
    assert.deepEqual(documentStatus(analyzeText('')), { present: 0, total: 11, missing: template.sections.map((t) => t.title) });
  });
});
