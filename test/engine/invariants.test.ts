// Invariants over random documents: analysis never throws, and every range
// it reports lies inside the document (both for the parser and the scanner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanChunk, type DocumentModel, type Range } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { splitChunks } from '../../server/src/engine/chunks';
import { buildDocument, parseDocument } from '../../server/src/engine/document';
import { ruleCodes } from '../../server/src/engine/rules';
import { template } from './helpers';

const inside = (doc: DocumentModel, r: Range, what: string) => {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lines.lineCount, `${what}: line ${p.line}`);
    assert.ok(p.character >= 0 && p.character <= doc.lines.lineText(p.line).length, `${what}: character ${p.character} on line ${p.line}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
};

const line = fc.oneof(
  fc.constantFrom(...template.sections.flatMap((s) => [`## ${s.title}`, ...s.children.map((c) => `### ${c.title}`)])),
  fc.constantFrom('# Title', '## Title: [Topic Name]', '**One-line summary**: [What is this and why does it matter?]', '**Prerequisites**:',
    '## Obervability Contract', '#### Logs', '- [Benefit 1]', '```', '<!--', '-->', '<!-- deep-dive-disable -->', '<!-- deep-dive-enable placeholder -->',
    '<!-- deep-dive-disable-next-line -->', '---', '', '', 'Prose.', '===', '<div>', '🚀 [Cost 1] 設計', '\t- [ ] task'),
  fc.string({ maxLength: 12 }),
);

test('analysis never throws and its ranges lie inside the document (property)', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 50 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (lines, eol, bom) => {
      const text = (bom ? '\uFEFF' : '') + lines.join(eol);
      const scanned = buildDocument(text, splitChunks(text).map((s) => ({ start: s.start, facts: scanChunk(text.slice(s.start, s.end)) })));
      for (const doc of [parseDocument(text), scanned]) {
        const a = analyze(doc, template);
        for (const f of a.findings) {
          assert.ok(ruleCodes.includes(f.code), f.code);
          assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
          inside(doc, f.range, f.code);
          for (const rel of f.related ?? []) inside(doc, rel.range, `${f.code} related`);
          const at = f.data?.insertAt as { line: number; character: number } | undefined;
          if (at) inside(doc, { start: at, end: at }, `${f.code} insertAt`);
        }
        for (const h of doc.headings) inside(doc, h.titleRange, 'heading title');
      }
    }),
    { seed: 4242, numRuns: 300 },
  );
});
