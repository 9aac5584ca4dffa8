// Inline suppression comments: deep-dive-disable / -enable / -disable-next-line, codes optional.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findings } from './helpers';

const doc = (...lines: string[]) => '# Ledger\n\n**One-line summary**: s\n\n**Prerequisites**: p\n\n' + lines.join('\n') + '\n';
const lines = (text: string, code?: string) => findings(text, code).map((f) => f.range.start.line);
const PRE = 6; // lines before the first of `doc(...)`'s own lines

describe('suppression comments', () => {
  test('disable CODE ... enable CODE: only that rule, only between them', () => {
    const text = doc('- [Benefit 1]', '<!-- deep-dive-disable placeholder -->', '- [Benefit 2]', '- [Cost 1]', '<!-- deep-dive-enable placeholder -->', '- [Cost 2]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE, PRE + 5]);
    // Other rules are untouched.
    assert.ok(findings(text, 'missing-section').length > 0);
  });
  test('disable with no code turns every rule off from that line on', () => {
    const text = doc('- [Benefit 1]', '', '<!-- deep-dive-disable -->', '', '## Tradeoffs', '', '- [Cost 1]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE]);
    assert.equal(findings(text).filter((f) => f.range.start.line > PRE + 2).length, 0);
  });
  test('enable with no code after disable with codes', () => {
    const text = doc('<!-- deep-dive-disable placeholder empty-section -->', '- [Cost 1]', '<!-- deep-dive-enable -->', '- [Cost 2]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 3]);
  });
  test('disable all, enable one code again', () => {
    const text = doc('<!-- deep-dive-disable -->', '## Tradeoffs', '<!-- deep-dive-enable placeholder -->', '- [Cost 1]');
    assert.deepEqual(findings(text).filter((f) => f.range.start.line >= PRE).map((f) => f.code), ['placeholder']);
  });
  test('disable-next-line CODE: the next line only', () => {
    const text = doc('<!-- deep-dive-disable-next-line placeholder -->', '- [Benefit 1]', '- [Benefit 2]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 2]);
  });
  test('disable-next-line with several codes, comma or space separated', () => {
    const text = doc('## Mental Model', '', '<!-- deep-dive-disable-next-line placeholder, empty-section -->', '## Tradeoffs [Cost 1]', '', '## Exercises [Cost 2]', 'x');
    const onTradeoffs = findings(text).filter((f) => f.range.start.line === PRE + 3).map((f) => f.code);
    assert.ok(onTradeoffs.includes('missing-section'), 'a code not listed still reports');
    assert.ok(!onTradeoffs.includes('empty-section'));
    assert.deepEqual(lines(text, 'empty-section'), [PRE]);
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 5]);
  });
  test('disable-next-line missing-section right above the heading a missing section precedes silences it', () => {
    assert.ok(!findings(doc('## Mental Model', '', 'x', '', '<!-- deep-dive-disable-next-line missing-section -->', '## Failure Modes & Blast Radius', '', 'y'), 'missing-section')
      .some((f) => f.data?.section === 'Internals & Architecture'), 'the section missing before the directive\'s heading is silenced');
    assert.ok(findings(doc('## Mental Model', '', 'x', '', '## Failure Modes & Blast Radius', '', 'y'), 'missing-section')
      .some((f) => f.data?.section === 'Internals & Architecture'), 'and reported without it');
  });
  test('disable-next-line without a code silences every rule on that line', () => {
    const text = doc('<!-- deep-dive-disable-next-line -->', '## Tradeofs', '', 'x');
    assert.deepEqual(findings(text).filter((f) => f.range.start.line === PRE + 1), []);
  });
  test('a directive for another code does not apply', () => {
    const text = doc('<!-- deep-dive-disable-next-line empty-section -->', '- [Benefit 1]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 1]);
  });
  test('a multi-line comment applies to the line after its end', () => {
    const text = doc('<!--', '  deep-dive-disable-next-line placeholder', '-->', '- [Benefit 1]', '- [Benefit 2]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 4]);
  });
  test('a directive inside a code block is text, not a directive', () => {
    const text = doc('```md', '<!-- deep-dive-disable -->', '```', '', '- [Benefit 1]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 4]);
  });
  test('an ordinary comment is not a directive', () => {
    const text = doc('<!-- deep-dive: remember to fill in -->', '- [Benefit 1]');
    assert.deepEqual(lines(text, 'placeholder'), [PRE + 1]);
  });
});
