// Property tests over documents built from the template's sections: any
// subset, any order, sections at the wrong level, with or without `---`
// separators, fields, final newline, CRLF. The fixes must do what they say.
import fc from 'fast-check';
import { describe, test } from 'node:test';
import { newDocument, type Finding } from '../../server/src/engine';
import { fixAll, quickFixes } from '../../server/src/engine/features/codeActions';
import { completions } from '../../server/src/engine/features/completion';
import { foldingRanges } from '../../server/src/engine/features/folding';
import { hover } from '../../server/src/engine/features/hover';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { analyzeText, applyEdits, findingKey, template } from './helpers';

const FULL = newDocument(template, 'Ledger', { titleStyle: 'h1' });
const [HEAD, ...SECTIONS] = FULL.split(/\n---\n\n/).map((s) => s.replace(/\n+$/, ''));
const SAFE = ['misnamed-section', 'heading-level', 'missing-section', 'missing-field'];

const docArb = fc.record({
  order: fc.shuffledSubarray(SECTIONS.map((_, i) => i)),
  levels: fc.array(fc.constantFrom(2, 2, 2, 1, 3), { minLength: SECTIONS.length, maxLength: SECTIONS.length }),
  typo: fc.option(fc.nat(SECTIONS.length - 1), { nil: undefined }),
  sep: fc.boolean(),
  crlf: fc.boolean(),
  fields: fc.boolean(),
  finalNewline: fc.boolean(),
});

type Params = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): string {
  const body = p.order.map((i) => {
    let s = SECTIONS[i].replace(/^## /, '#'.repeat(p.levels[i]) + ' ');
    // A one-letter typo in the title makes a near miss (misnamed-section).
    if (i === p.typo) s = s.replace(/^(#+ \S+?)([a-z])([a-z]\S*)/, '$1$3$2');
    return s;
  });
  const text = [p.fields ? HEAD : '# Ledger', ...body].join(p.sep ? '\n\n---\n\n' : '\n\n') + (p.finalNewline ? '\n' : '');
  return p.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const sameFinding = (f: Finding) => (x: Finding) => findingKey(x) === findingKey(f);
const RUNS = { numRuns: 60, seed: 20240611 };

describe('fixes on generated documents', () => {
  test('fixAll leaves none of the safe findings, and CRLF documents stay CRLF', () => {
    fc.assert(fc.property(docArb, (p) => {
      const text = build(p);
      const out = applyEdits(text, fixAll(analyzeText(text)));
      const left = analyzeText(out).findings.filter((f) => SAFE.includes(f.code));
      if (left.length > 0) throw new Error(`left: ${left.map((f) => f.message).join('; ')}`);
      // (A one-line document has no terminator to follow: it gets LF.)
      if (text.includes('\r\n') && /(?<!\r)\n/.test(out)) throw new Error('a bare LF in a CRLF document');
    }), RUNS);
  });

  test('every quick fix removes its own finding', () => {
    fc.assert(fc.property(docArb, (p) => {
      const text = build(p);
      const a = analyzeText(text);
      for (const f of a.findings) {
        for (const action of quickFixes(a, f)) {
          const after = analyzeText(applyEdits(text, action.edits));
          if (after.findings.some(sameFinding(f))) throw new Error(`${action.title} left ${f.message}`);
        }
      }
    }), RUNS);
  });

  test('symbols, folding, hover and completion answer at every line of them', () => {
    fc.assert(fc.property(docArb, (p) => {
      const a = analyzeText(build(p));
      documentSymbols(a);
      foldingRanges(a.doc);
      for (let line = 0; line < a.doc.lines.lineCount; line++) {
        for (const character of [0, 2, 200]) {
          completions(a, { line, character });
          hover(a, { line, character });
        }
      }
    }), { numRuns: 25, seed: 7 });
  });
});
