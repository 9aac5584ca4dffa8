import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hover } from '../../server/src/engine/features/hover';
import { analyzeText, md } from './helpers';

const DOC = md(
  '# Ledger', //                                            0
  '', //                                                    1
  '**One-line summary**: [What is this and why does it matter?]', // 2
  '', //                                                    3
  '## Failure Modes & Blast Radius', //                     4
  '', //                                                    5
  '### Common Failure Scenarios', //                        6
  '1. **Scenario**: disk full', //                          7
  '   - **Impact**: [What breaks]', //                      8
  '', //                                                    9
  '### Overload Behavior', //                               10
  'See [the runbook](https://example.com) and [TODO].', //  11
  '', //                                                    12
  '## Tradeoffs', //                                        13
  '- [Benefit 3]', //                                       14
  '- `[Cost 1]` in code', //                                15
  '', //                                                    16
  '## Appendix', //                                         17
);

const at = (line: number, character: number) => hover(analyzeText(DOC), { line, character });

describe('hover on headings', () => {
  test('a template section: its place, completeness, guidance and subsections marked present or missing', () => {
    const h = at(4, 5)!;
    assert.deepEqual(h.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 31 } });
    assert.equal(h.contents, md(
      '**Failure Modes & Blast Radius** · template section 3 of 11',
      '',
      'Subsections (2/4):',
      '- Failure Domains *(missing)*',
      '- Common Failure Scenarios',
      '- Overload Behavior',
      '- Cascading Failures *(missing)*',
    ));
  });

  test('a template subsection: its guidance from the template', () => {
    const h = at(10, 0)!;
    assert.equal(h.contents, md(
      '**Overload Behavior** · template subsection 3 of 4 in Failure Modes & Blast Radius',
      '',
      '- **10× normal load**: [What happens?]',
      '- **100× normal load**: [What breaks?]',
      '- **1000× normal load**: [Catastrophic failure?]',
    ));
  });

  test('the title: the section count and what is missing; other headings: nothing', () => {
    const h = at(0, 3)!;
    assert.match(h.contents, /^\*\*Deep dive\*\* · 2\/11 template sections\n\nMissing: Mental Model, Internals & Architecture, /);
    assert.equal(at(17, 4), null);
  });

  test('notes a misspelt, misplaced or mis-levelled heading', () => {
    const text = md('# T', '## Tradeoffs', 'x', '## Mental Model', 'y');
    const h = hover(analyzeText(text), { line: 1, character: 3 })!;
    assert.match(h.contents, /^\*\*Tradeoffs\*\* · template section 7 of 11\n\nOut of template order: it belongs after Mental Model\./);
    const level = hover(analyzeText(md('# T', '# Mental Model', 'x')), { line: 1, character: 3 })!;
    assert.match(level.contents, /The template writes it as `##`\./);
    const near = hover(analyzeText(md('# T', '## Mental Modle', 'x')), { line: 1, character: 3 })!;
    assert.match(near.contents, /The template spells it "Mental Model"\./);
  });
});

describe('hover on placeholders', () => {
  test('a section placeholder: the template item around it', () => {
    const h = at(8, 20)!;
    assert.deepEqual(h.range, { start: { line: 8, character: 17 }, end: { line: 8, character: 30 } });
    assert.equal(h.contents, md(
      '**Unfilled placeholder** `[What breaks]`',
      '',
      'In the template\'s **Common Failure Scenarios** it asks for: *What breaks*',
      '',
      '1. **Scenario**: [What fails]',
      '   - **Impact**: [What breaks]',
      '   - **Detection**: [How do we know?]',
      '   - **Recovery**: [How do we fix it?]',
    ));
  });

  test('numbers aside it is still the template\'s; a field and the title say what they are', () => {
    assert.match(at(14, 4)!.contents, /In the template's \*\*What We Gain\*\* it asks for: \*Benefit 1\*\n\n- \[Benefit 1\]$/);
    assert.equal(at(2, 30)!.contents, '**Unfilled placeholder** `[What is this and why does it matter?]`\n\nThe template\'s field **One-line summary** asks: What is this and why does it matter?');
    const title = hover(analyzeText(md('## Title: [Topic Name]', '## Mental Model', 'x')), { line: 0, character: 12 })!;
    assert.match(title.contents, /The document's topic/);
  });

  test('a generic marker gets the enclosing section\'s guidance', () => {
    const h = at(11, 46)!;
    assert.match(h.contents, /^\*\*Unfilled placeholder\*\* `\[TODO\]`\n\nReplace it with the document's own text\.\n\nThe template's guidance for Overload Behavior:/);
  });

  test('links, code and plain text are not placeholders; positions out of range give nothing', () => {
    assert.equal(at(11, 6), null, 'a link');
    assert.equal(at(15, 4), null, 'code');
    assert.equal(at(7, 20), null, 'text');
    assert.equal(at(999, 0), null);
    assert.equal(at(-1, 0), null);
    assert.equal(hover(analyzeText(''), { line: 0, character: 0 }), null);
    const defined = md('# T', '', 'See [Papers] and [the list][Papers].', '', '[Papers]: https://example.com');
    assert.equal(hover(analyzeText(defined), { line: 2, character: 6 }), null, 'a shortcut reference link');
    assert.equal(hover(analyzeText(defined), { line: 2, character: 20 }), null, 'a full reference link');
  });
});
