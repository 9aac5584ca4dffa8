import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeActions, completions, newDocument, type Position, type Suggestion } from '../../server/src/engine';
import { analyzeText, applyEdits, expandSnippet, md, template } from './helpers';

const at = (text: string, line: number, character: number) => completions(analyzeText(text), { line, character });
const labels = (s: Suggestion[]) => s.map((x) => x.label);
const bySort = (s: Suggestion[]) => [...s].sort((a, b) => a.sortText.localeCompare(b.sortText));
const TITLES = template.sections.map((t) => t.title);

const DOC = md(
  '# Ledger', //                                   0
  '', //                                           1
  '**Prerequisites**: SQL', //                     2
  '', //                                           3
  '## Mental Model', //                            4
  '', //                                           5
  'Entries, not balances.', //                     6
  '', //                                           7
  '## Failure Modes & Blast Radius', //            8
  '', //                                           9
  '### Common Failure Scenarios', //               10
  '', //                                           11
  '1. **Scenario**: disk full', //                 12
  '   - **Impact**: writes stop', //               13
  '', //                                           14
  '', //                                           15
  '### Overload Behavior', //                      16
  '- **10× normal load**: queues grow', //         17
  '', //                                           18
  '', //                                           19
  '## Observability Contract', //                  20
  '', //                                           21
  '### Metrics to Track', //                       22
  '- **Latency**: p99', //                         23
  '', //                                           24
  '### Logs', //                                   25
  'x', //                                          26
  '', //                                           27
  '## Tradeoffs', //                               28
  '', //                                           29
  '```bash', //                                    30
  '# not a heading', //                            31
  '```', //                                        32
  '', //                                           33
);

/** DOC with `line` inserted before line `n`, and the cursor at its end. */
function withLine(n: number, line: string): [string, Position] {
  const lines = DOC.split('\n');
  lines.splice(n, 0, line);
  return [lines.join('\n'), { line: n, character: line.length }];
}

describe('completion at a heading line start', () => {
  test('"## " offers the missing sections in template order, inserting after the typed marker', () => {
    const [text, pos] = withLine(33, '## ');
    const items = completions(analyzeText(text), pos);
    const missing = TITLES.filter((t) => !['Mental Model', 'Failure Modes & Blast Radius', 'Observability Contract', 'Tradeoffs'].includes(t));
    assert.deepEqual(labels(bySort(items)), missing);
    const ex = items.find((i) => i.label === 'Exercises')!;
    // the marker is the item's own: the range is empty at the cursor, the text starts at the title
    assert.deepEqual(ex.range, { start: { line: 33, character: 3 }, end: { line: 33, character: 3 } });
    assert.equal(ex.kind, 'section');
    assert.equal(ex.filterText, undefined);
    // the line before ('```') is not blank: a blank line goes in before the heading
    assert.deepEqual(ex.additionalEdits, [{ range: { start: { line: 33, character: 0 }, end: { line: 33, character: 0 } }, newText: '\n' }]);
    assert.equal(ex.insertText, md(
      'Exercises', '',
      '1. ${1:Exercise 1: Apply concept to scenario}',
      '2. ${2:Exercise 2: Design a system using this}',
      '3. ${3:Exercise 3: Debug a failure scenario}',
    ));
    assert.match(ex.detail, /section 11 of 11/);
  });

  test('a section\'s snippet carries its subsections, with tab stops on placeholders and on guidance', () => {
    const [text, pos] = withLine(33, '##');
    const cs = completions(analyzeText(text), pos).find((i) => i.label === 'Change Safety')!;
    // the line before is not blank ('```'): the item starts with the blank line that sets it off
    assert.equal(cs.insertText, md(
      '', '## Change Safety', '',
      '### Rollout Strategy', '',
      '${1:- How to deploy changes safely?', '- Canary vs blue-green vs rolling?', '- What\'s the rollout cadence?}', '',
      '### Rollback Plan', '',
      '${2:- How to detect bad changes?', '- How to roll back quickly?', '- What\'s the rollback procedure?}', '',
      '### Feature Flags', '',
      '${3:- What should be feature-flagged?', '- How to control rollouts?', '- How to kill switches work?}', '',
      '### Testing Strategy', '',
      '${4:- Unit tests?', '- Integration tests?', '- Chaos testing?', '- Load testing?}',
    ));
    assert.match(cs.documentation, /\*\*Rollout Strategy\*\*\n\n- How to deploy changes safely\?/);
    // no space typed after the marker: the item writes the marker itself, filtered as a heading
    assert.deepEqual(cs.range, { start: { line: 33, character: 0 }, end: { line: 33, character: 2 } });
    assert.equal(cs.filterText, '## Change Safety');
  });

  test('the heading being typed does not count as present, even when it already matches by prefix', () => {
    const [text, pos] = withLine(33, '## Security');
    const items = completions(analyzeText(text), pos);
    assert.ok(labels(items).includes('Security Boundaries'));
    assert.deepEqual(items[0].range, { start: { line: 33, character: 3 }, end: { line: 33, character: 11 } });
    assert.deepEqual(items[0].replaceRange, items[0].range, 'the cursor is at the line end');
    const [text3] = withLine(33, '## Security Boundaries');
    const inside = completions(analyzeText(text3), { line: 33, character: 6 })[0];
    assert.deepEqual(inside.replaceRange, { start: { line: 33, character: 3 }, end: { line: 33, character: 22 } }, 'replace runs through the line');
    const [text2, pos2] = withLine(7, '## Mental Model');
    assert.ok(!labels(completions(analyzeText(text2), pos2)).includes('Mental Model'), 'present elsewhere in the document');
  });

  test('"### " offers only the enclosing section\'s missing subsections', () => {
    const [text, pos] = withLine(27, '### ');
    const items = completions(analyzeText(text), pos);
    assert.deepEqual(labels(bySort(items)), ['Traces', 'Alerts']);
    assert.equal(items[0].kind, 'subsection');
    assert.equal(items[0].filterText, undefined);
    assert.equal(items[0].insertText, md('Traces', '', '${1:- What operations should be traced?', '- What spans are critical?', '- How to correlate across services?}'));
    // Under a subsection heading the enclosing section is still its `##`.
    const [t2, p2] = withLine(15, '###');
    assert.deepEqual(labels(bySort(completions(analyzeText(t2), p2))), ['Failure Domains', 'Cascading Failures']);
  });

  test('"#" offers both; "####" and deeper nothing; outside any template section "###" offers nothing', () => {
    const [text, pos] = withLine(27, '#');
    const items = bySort(completions(analyzeText(text), pos));
    assert.deepEqual(labels(items).slice(-2), ['Traces', 'Alerts']);
    assert.ok(labels(items).includes('Exercises'));
    for (const marker of ['####', '#### ', '###### x']) {
      const [t4, p4] = withLine(27, marker);
      assert.deepEqual(completions(analyzeText(t4), p4), [], marker);
    }
    assert.deepEqual(at(md('# T', '', '## Appendix', '', '### '), 4, 4), []);
  });

  test('a `#` inside a code block is code: nothing is offered there', () => {
    assert.deepEqual(at(DOC, 31, 1), []);
    assert.deepEqual(at(DOC, 31, 2), []);
    assert.deepEqual(at(md('---', 'title: x', '## ', '---', '# T', '## '), 2, 3), [], 'front matter');
    assert.ok(at(md('---', 'title: x', '## ', '---', '# T', '## '), 5, 3).length > 0);
  });

  test('accepting a section leaves a document in which it is no longer missing', () => {
    const [text, pos] = withLine(33, '## ');
    const item = completions(analyzeText(text), pos).find((i) => i.label === 'Security Boundaries')!;
    const after = applyEdits(text, [{ range: item.range, newText: expandSnippet(item.insertText) }, ...item.additionalEdits]);
    const a = analyzeText(after);
    assert.ok(!a.match.missing.some((t) => t.title === 'Security Boundaries'));
    assert.ok(!a.findings.some((f) => f.code === 'missing-subsection' && f.data?.section === 'Security Boundaries'));
    assert.ok(after.startsWith(text.slice(0, text.lastIndexOf('```') + 4)), 'the text before the line is unchanged');
    assert.equal(after.split('\n').filter((l) => l.startsWith('## Security')).length, 1, 'one heading');
  });

  test('CRLF documents get CRLF snippets', () => {
    const [text, pos] = withLine(33, '## ');
    const items = completions(analyzeText(text.replace(/\n/g, '\r\n')), pos);
    const ex = items.find((i) => i.label === 'Internals & Architecture')!;
    assert.ok(ex.insertText.includes('\r\n') && !/(?<!\r)\n/.test(ex.insertText));
  });
});

describe('completion sets a section off as the quick fix does', () => {
  // A deep dive that separates its sections with `---`, missing 'Security Boundaries' (before Tradeoffs).
  const SEPARATED = md(
    '# Limiter', '', '**One-line summary**: x', '', '---', '',
    '## Mental Model', '', 'Buckets.', '', '---', '',
    '## Change Safety', '', '### Rollout Strategy', '- Shadow mode.', '', '---', '',
    '## Tradeoffs', '', '### What We Gain', '- Fairness.', '',
  );
  const quickFixed = (text: string, section: string) => {
    const a = analyzeText(text);
    const f = a.findings.find((x) => x.code === 'missing-section' && x.data?.section === section)!;
    const fix = codeActions(a, f.range).find((c) => c.title === `Insert section '${section}'`)!;
    return applyEdits(text, fix.edits);
  };
  /** `text` with `typed` written as a line at `line` (0-based), the cursor at its end, and `label` accepted. */
  const accepted = (text: string, line: number, typed: string, label: string, variant: 'snippet' | 'plain' | 'split') => {
    const ls = text.split('\n');
    ls.splice(line, 0, typed);
    const t = ls.join('\n');
    const item = completions(analyzeText(t), { line, character: typed.length }).find((i) => i.label === label);
    assert.ok(item, `no '${label}' at '${typed}'`);
    const main = variant === 'snippet' ? expandSnippet(item.insertText) : variant === 'plain' ? item.plainText : item.lines!.firstLine;
    const extra = variant === 'split' ? [item.lines!.rest] : [];
    return applyEdits(t, [{ range: item.range, newText: main }, ...item.additionalEdits, ...extra]);
  };

  for (const variant of ['snippet', 'plain', 'split'] as const) {
    test(`${variant}: "## " on a blank line before the next section gives the quick fix's document`, () => {
      const before = SEPARATED.split('\n').indexOf('## Tradeoffs');
      const expected = quickFixed(SEPARATED, 'Security Boundaries').replace(/\[[^\]\n]+\]/g, (m) => variant === 'snippet' ? m.slice(1, -1) : m);
      // typed on its own line between the `---` and the heading, with or without blank lines around it
      const withBlank = SEPARATED.split('\n');
      withBlank.splice(before, 0, '');
      assert.equal(accepted(withBlank.join('\n'), before, '## ', 'Security Boundaries', variant), expected);
      assert.equal(accepted(SEPARATED, before, '## ', 'Security Boundaries', variant), expected);
      // typed right under a section's content, before its `---`: a `---` goes before the new heading, the old one follows it
      const underContent = SEPARATED.split('\n').indexOf('- Shadow mode.') + 1;
      const got = accepted(SEPARATED, underContent, '## ', 'Security Boundaries', variant);
      assert.match(got, /- Shadow mode\.\n\n---\n\n## Security Boundaries\n\n### Identity & Authentication\n[^#]*\n\n### Authorization\n[\s\S]*\?\n\n---\n\n## Tradeoffs/);
      assert.equal((got.match(/^---$/gm) ?? []).length, 4);
    });
  }

  test('at the end of the document the `---` goes before the section, as the quick fix puts it', () => {
    const text = SEPARATED + '\n';
    const n = text.split('\n').length - 1;
    for (const variant of ['snippet', 'plain', 'split'] as const) {
      const got = accepted(text, n, '## ', 'Exercises', variant);
      assert.match(got, /- Fairness\.\n\n---\n\n## Exercises\n\n1\. \[?Exercise 1[^\n]*\n2\.[^\n]*\n3\.[^\n]*\n$/, variant);
      assert.equal(got.split('\n').filter((l) => l.startsWith('## Exercises')).length, 1);
    }
  });

  test('"### " sets a subsection off with blank lines only, like the subsection quick fix', () => {
    const at = SEPARATED.split('\n').indexOf('- Shadow mode.') + 1;
    for (const variant of ['snippet', 'plain', 'split'] as const) {
      const got = accepted(SEPARATED, at, '### ', 'Rollback Plan', variant);
      assert.match(got, /- Shadow mode\.\n\n### Rollback Plan\n\n- How to detect bad changes\?\n- How to roll back quickly\?\n- What's the rollback procedure\?\n\n---\n\n## Tradeoffs/, variant);
    }
  });

  test('every item\'s split form gives the same document as its whole plain text', () => {
    const positions: [string, Position][] = [withLine(33, '## '), withLine(33, '#'), withLine(27, '### '), withLine(15, ''), withLine(18, '- ')];
    positions.push([DOC, { line: 1, character: 0 }]);
    let split = 0;
    for (const [t, pos] of positions) {
      for (const item of completions(analyzeText(t), pos)) {
        const whole = applyEdits(t, [{ range: item.range, newText: item.plainText }, ...item.additionalEdits]);
        if (!item.lines) { assert.ok(!item.plainText.includes('\n'), item.label); continue; }
        split++;
        assert.ok(!item.lines.firstLine.includes('\n'));
        assert.equal(applyEdits(t, [{ range: item.range, newText: item.lines.firstLine }, ...item.additionalEdits, item.lines.rest]), whole, item.label);
      }
    }
    assert.ok(split > 10, `${split} items split`);
  });

  test('on the document\'s last line (no line terminator after it) nothing is split', () => {
    const item = completions(analyzeText(md('# T', '', '## Mental Model', '', 'x', '', '## ')), { line: 6, character: 3 })[0];
    assert.equal(item.lines, undefined);
    assert.ok(item.plainText.includes('\n'));
  });
});

describe('completion of the template\'s structures inside a section', () => {
  test('under Common Failure Scenarios: the next numbered scenario with Impact/Detection/Recovery', () => {
    const [text, pos] = withLine(15, '');
    const items = completions(analyzeText(text), pos);
    assert.deepEqual(labels(items), ['Scenario (Impact, Detection, Recovery)']);
    assert.equal(items[0].kind, 'structure');
    assert.equal(items[0].insertText, md(
      '2. **Scenario**: ${1:What fails}',
      '   - **Impact**: ${2:What breaks}',
      '   - **Detection**: ${3:How do we know?}',
      '   - **Recovery**: ${4:How do we fix it?}',
    ));
    assert.equal(items[0].filterText, '2. **Scenario**: [What fails]');
    assert.deepEqual(items[0].range, { start: pos, end: pos });
  });

  test('under Overload Behavior: the overload lines not yet written; after a typed "- " the range covers it', () => {
    const [text, pos] = withLine(18, '- ');
    const items = completions(analyzeText(text), pos);
    assert.deepEqual(labels(items), ['Overload Behavior: 100× normal load, 1000× normal load']);
    assert.equal(items[0].insertText, md('- **100× normal load**: ${1:What breaks?}', '- **1000× normal load**: ${2:Catastrophic failure?}'));
    assert.deepEqual(items[0].range, { start: { line: 18, character: 0 }, end: { line: 18, character: 2 } });
  });

  test('under Metrics to Track: the metrics lines; under Mental Model: the mermaid flowchart', () => {
    const [t1, p1] = withLine(24, '');
    assert.deepEqual(labels(completions(analyzeText(t1), p1)), ['Metrics to Track: Throughput, Errors, Resource usage']);
    const [t2, p2] = withLine(7, '');
    const [diagram] = completions(analyzeText(t2), p2);
    assert.equal(diagram.label, 'mermaid flowchart');
    assert.equal(diagram.insertText, md('```mermaid', 'flowchart TD', '    A[Component A] --> B[Component B]', '    B --> C[Component C]', '```'));
    assert.equal(diagram.filterText, '```mermaid');
  });

  test('nothing on prose lines, on heading lines, or in sections without structures', () => {
    assert.deepEqual(at(DOC, 6, 9), [], 'typing prose');
    assert.deepEqual(at(DOC, 29, 0), [], 'Tradeoffs has no recurring structure');
    assert.deepEqual(at(DOC, 26, 1), []);
  });

  test('when every line of a structure is written, it is not offered again', () => {
    const text = md('## Observability Contract', '### Metrics to Track', '- **Latency**: a', '- **Throughput**: b', '- **Errors**: c', '- **Resource usage**: d', '');
    assert.deepEqual(at(text, 6, 0), []);
  });
});

describe('completion of fields near the top', () => {
  test('under the title: the template fields the document lacks', () => {
    const items = at(DOC, 1, 0);
    assert.deepEqual(labels(items), ['One-line summary']);
    assert.equal(items[0].kind, 'field');
    assert.equal(items[0].insertText, '**One-line summary**: ${1:What is this and why does it matter?}');
    assert.equal(items[0].filterText, '**One-line summary**:');
    const typed = at(md('# T', '**One', '', '## Mental Model'), 1, 5);
    assert.deepEqual(labels(typed), ['One-line summary', 'Prerequisites'], 'the field being typed does not count');
    assert.deepEqual(typed[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });

  test('not on the title line, not while writing a field\'s value', () => {
    assert.deepEqual(at(DOC, 0, 8), []);
    assert.deepEqual(at(DOC, 2, 22), []);
  });
});

describe('completion never throws', () => {
  test('positions out of range or malformed give nothing', () => {
    const a = analyzeText(DOC);
    for (const pos of [{ line: 999, character: 0 }, { line: -1, character: 0 }, { line: 0, character: -5 }, { line: Number.NaN, character: 0 }, { line: 33, character: 999 }]) {
      assert.ok(Array.isArray(completions(a, pos)), JSON.stringify(pos));
    }
    assert.deepEqual(completions(a, { line: 999, character: 0 }), []);
  });

  test('every position of varied documents answers', () => {
    const docs = [
      '', '#', '##', '## ', '\n\n', '- ', '1.', '```', '<!--\n## x\n-->', '# T\r\n\r\n## ', 'Title\n===\n\n###',
      newDocument(template, 'X'), DOC, DOC.replace(/\n/g, '\r'),
    ];
    for (const text of docs) {
      const a = analyzeText(text);
      const lines = text.split(/\r\n|\r|\n/);
      lines.forEach((l, line) => {
        for (let character = 0; character <= l.length; character++) assert.ok(Array.isArray(completions(a, { line, character })));
      });
    }
  });
});

describe('template snippets', () => {
  test('a word at a line start that begins a snippet prefix offers the template snippets, as snippets', () => {
    const text = md('# Ledger', '', '## Failure Modes & Blast Radius', '', 'dd-fail');
    const s = at(text, 4, 7);
    assert.ok(s.length > 0 && s.every((x) => x.kind === 'snippet' && x.label.startsWith('dd-fail')), labels(s).join());
    assert.deepEqual(s[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 7 } });
    assert.match(s[0].insertText, /^## Failure Modes & Blast Radius\n/);
    assert.ok(!/\$\{\d/.test(s[0].plainText) && s[0].plainText.startsWith('## Failure Modes & Blast Radius\n'));
    assert.ok(labels(at(md('# Ledger', '', 'deep'), 2, 4)).includes('deepdive'));
  });

  test('an ordinary word offers nothing', () => {
    assert.deepEqual(at(md('# Ledger', '', '## Mental Model', '', 'The data'), 4, 8), []);
    assert.deepEqual(at(md('# Ledger', '', '## Mental Model', '', 'We'), 4, 2), []);
  });
});
