import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from '../../server/src/engine/document';
import { foldingRanges } from '../../server/src/engine/features/folding';
import { md } from './helpers';

const fold = (text: string) => foldingRanges(parseDocument(text)).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`);

describe('foldingRanges', () => {
  test('sections fold from their heading to their last non-blank line, subsections inside', () => {
    const text = md(
      '# Ledger', //             0
      '', //                     1
      '## Mental Model', //      2
      'one', //                  3
      '', //                     4
      '### Invariants', //       5
      'two', //                  6
      '', //                     7
      '', //                     8
      '## Tradeoffs', //         9
      '## Exercises', //         10
      'three', //                11
      '', //                     12
    );
    assert.deepEqual(fold(text), ['0-11', '2-6', '5-6', '10-11']);
  });

  test('fenced code blocks (closed or running to the end), multi-line HTML comments and #region pairs', () => {
    const text = md(
      '## Mental Model', //           0
      '```mermaid', //                1
      'flowchart TD', //              2
      '  A --> B', //                 3
      '```', //                       4
      '<!--', //                      5
      'a note', //                    6
      '-->', //                       7
      '<!-- one line -->', //         8
      '', //                          9
      '<!-- #region details -->', //  10
      'text', //                      11
      '<!-- #endregion -->', //       12
      '', //                          13
      '~~~', //                       14
      'never closed', //              15
    );
    assert.deepEqual(fold(text), ['0-15', '1-4', '5-7 comment', '10-12 region', '14-15']);
  });

  test('one-line sections and one-line code do not fold; CRLF gives the same lines', () => {
    const text = md('## A', '## B', '```', '```', 'text', '');
    assert.deepEqual(fold(text), ['1-4', '2-3']);
    assert.deepEqual(fold(text.replace(/\n/g, '\r\n')), ['1-4', '2-3']);
    assert.deepEqual(fold(''), []);
  });
});
