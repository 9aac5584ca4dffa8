import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, workspaceSymbols, type DocSymbol, type Range } from '../../server/src/engine';
import { buildDocument, resolveChunks } from '../../server/src/engine/document';
import { parseChunk } from '../../server/src/engine/markdown';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { sectionRangeEnd, trimmedEnd } from '../../server/src/engine/features/util';
import { analyzeText, md } from './helpers';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

/** name, kind, detail, range, selectionRange, as one line per symbol with indentation. */
function outline(symbols: DocSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [
    `${indent}${s.kind} ${s.name} [${s.detail}] ${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`,
    ...outline(s.children, indent + '  '),
  ]);
}

const DOC = md(
  '# Ledger', //                                  0
  '', //                                          1
  '**One-line summary**: Money moves once.', //   2
  '', //                                          3
  '---', //                                       4
  '', //                                          5
  '## Mental Model', //                           6
  '', //                                          7
  'Entries, not balances.', //                    8
  '', //                                          9
  '', //                                         10
  '## Observability Contract', //                11
  '', //                                         12
  '### Metrics to Track', //                     13
  '- **Latency**: p99 under 50 ms', //           14
  '', //                                         15
  '#### Dashboards', //                          16
  'One per region.', //                          17
  '', //                                         18
  '### Alerts', //                               19
  'Page on ledger imbalance.', //                20
  '', //                                         21
  '## Appendix', //                              22
  'Notes.', //                                   23
  '', //                                         24
);

describe('documentSymbols', () => {
  test('the title, then its sections beside it, nesting H2 > H3 > H4, with whole-span ranges (trailing blank lines cut) and heading-line selection ranges', () => {
    const symbols = documentSymbols(analyzeText(DOC));
    // the title spans what precedes its sections: the fields and the `---`
    assert.deepEqual(outline(symbols), [
      'title Ledger [2/11 written] 0:0-5:0',
      'section Mental Model [] 6:0-9:0',
      'section Observability Contract [2/4 subsections · missing Logs, Traces] 11:0-21:0',
      '  subsection Metrics to Track [] 13:0-18:0',
      '    heading Dashboards [] 16:0-18:0',
      '  subsection Alerts [] 19:0-21:0',
      'section Appendix [] 22:0-24:0',
    ]);
    const mental = symbols[1];
    assert.deepEqual(mental.selectionRange, r(6, 0, 6, 15));
    assert.deepEqual(symbols[0].selectionRange, r(0, 0, 0, 8));
  });

  test('every child range lies inside its parent and every selection range inside its range', () => {
    const check = (s: DocSymbol, parent?: DocSymbol) => {
      const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(le(s.range.start, s.selectionRange.start) && le(s.selectionRange.end, s.range.end), s.name);
      if (parent) assert.ok(le(parent.range.start, s.range.start) && le(s.range.end, parent.range.end), `${s.name} in ${parent.name}`);
      s.children.forEach((c) => check(c, s));
    };
    documentSymbols(analyzeText(DOC)).forEach((s) => check(s));
  });

  test('details name what is off: order, level, spelling, repeats, emptiness', () => {
    const text = md(
      '# T', //                           0
      '## Tradeoffs', //                  1
      'x', //                             2
      '## Mental Modle', //               3
      'y', //                             4
      '# Change Safety', //               5
      'z', //                             6
      '## Tradeoffs', //                  7
      'again', //                         8
      '### Security Boundaries', //       9
    );
    const lines = outline(documentSymbols(analyzeText(text)));
    assert.deepEqual(lines, [
      'title T [3/11 written] 0:0-1:0',
      'section Tradeoffs [0/5 subsections · out of order] 1:0-3:0',
      'section Mental Modle [template: Mental Model] 3:0-5:0',
      'section Change Safety [0/4 subsections · should be ##] 5:0-9:23',
      '  section Tradeoffs [duplicate] 7:0-9:23',
      '    section Security Boundaries [0/4 subsections · should be ## · empty] 9:0-9:23',
    ]);
  });

  test('the template\'s `## Title:` line is a title symbol and, without an H1, carries the section count', () => {
    const text = md('## Title: Ledger', '', '**Prerequisites**: SQL', '', '## Mental Model', 'x');
    assert.deepEqual(outline(documentSymbols(analyzeText(text))), [
      'title Title: Ledger [1/11 written] 0:0-3:0',
      'section Mental Model [] 4:0-5:1',
    ]);
  });

  test('setext and empty headings get names; CRLF text gives the same ranges', () => {
    const lf = md('Ledger', '======', '', '##', '', '## Mental Model', 'x', '');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = outline(documentSymbols(analyzeText(lf)));
    assert.deepEqual(a, [
      'title Ledger [1/11 written] 0:0-2:0',
      'section ## [] 3:0-4:0',
      'section Mental Model [] 5:0-7:0',
    ]);
    assert.deepEqual(outline(documentSymbols(analyzeText(crlf))), a);
    assert.deepEqual(documentSymbols(analyzeText(lf))[0].selectionRange, r(0, 0, 1, 6), 'a setext heading spans its underline');
  });

  test('section ranges equal the heading-to-trimmed-end span on awkward line ends, indented headings and a BOM', () => {
    const texts = [
      DOC,
      md('# A', '', '', '   ## B', 'x', '  ', '', '  ### C', '', '  ## D', 'y', '   # E'),
      md('# A', 'x', '', '## B', '', '', ''),
      '# A\r\n\r\n## B\r\nx\r\n\r\n\r\n## C\r\n',
      '# A\r\rx\r\r## B\r',
      '\ufeff# A\n\n## B\nx',
      '## A\n## B\n## C',
      md('Setext', '======', '', 'x', '', 'Two', '---', '', ''),
      md('# A', 'x', ' \t ', '\t', '## B', '', ' ', '### C', 'y', '\t \t', '## D', '  ', '#### E', '## F'),
      '\ufeff# A\r\n \t\r\n## B\r \r\n\r## C\n\n',
    ];
    for (const text of texts) {
      for (const bomIsColumn of [false, true]) {
        const doc = buildDocument(text, resolveChunks(text, (t) => parseChunk(t)).chunks, { bomIsColumn });
        const lines = new LineIndex(text, { bomIsColumn });
        for (const s of doc.sections) {
          const start = s.start === s.heading.start ? s.heading.range.start : doc.lines.positionAt(s.start);
          const range = { start, end: sectionRangeEnd(doc, s.start, s.end, start.line) };
          assert.deepEqual(range, lines.range(s.start, trimmedEnd(doc, s.start, s.end)), `${JSON.stringify(text)} ${s.heading.title}`);
        }
      }
    }
  });

  test('the outline of an analysis is built once', () => {
    const a = analyzeText(DOC);
    assert.equal(documentSymbols(a), documentSymbols(a));
    assert.notEqual(documentSymbols(analyzeText(DOC)), documentSymbols(a));
  });

  test('a document without headings has no symbols', () => {
    assert.deepEqual(documentSymbols(analyzeText('just text\n')), []);
    assert.deepEqual(documentSymbols(analyzeText('')), []);
  });
});

describe('workspaceSymbols', () => {
  const docs = [
    { uri: 'file:///a.md', symbols: documentSymbols(analyzeText(DOC)) },
    { uri: 'file:///b.md', symbols: documentSymbols(analyzeText(md('# Cache', '## Mental Model', 'x', '## Metrics', 'y'))) },
  ];

  test('an empty query lists every heading in document order, each with its container', () => {
    const all = workspaceSymbols(docs, '');
    assert.deepEqual(all.map((s) => `${s.uri.slice(8)} ${s.name} < ${s.containerName ?? ''}`), [
      'a.md Ledger < ',
      'a.md Mental Model < Ledger',
      'a.md Observability Contract < Ledger',
      'a.md Metrics to Track < Observability Contract',
      'a.md Dashboards < Metrics to Track',
      'a.md Alerts < Observability Contract',
      'a.md Appendix < Ledger',
      'b.md Cache < ',
      'b.md Mental Model < Cache',
      'b.md Metrics < Cache',
    ]);
    assert.deepEqual(all[1].range, r(6, 0, 9, 0));
    assert.equal(all[0].kind, 'title');
  });

  test('a query matches prefixes first, then substrings, then letters in order; case and spaces aside', () => {
    assert.deepEqual(workspaceSymbols(docs, 'met').map((s) => s.name), ['Metrics to Track', 'Metrics', 'Mental Model', 'Mental Model']);
    assert.deepEqual(workspaceSymbols(docs, 'MENTALMODEL').map((s) => `${s.uri.slice(8)} ${s.name}`), ['a.md Mental Model', 'b.md Mental Model']);
    assert.deepEqual(workspaceSymbols(docs, 'alert').map((s) => s.name), ['Alerts']);
    assert.deepEqual(workspaceSymbols(docs, 'ocon').map((s) => s.name), ['Observability Contract']);
    assert.deepEqual(workspaceSymbols(docs, 'board').map((s) => s.name), ['Dashboards']);
    assert.deepEqual(workspaceSymbols(docs, 'zzz'), []);
    assert.equal(workspaceSymbols(docs, '', 3).length, 3);
  });
});
