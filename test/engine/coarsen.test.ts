// Coarser chunks (the CLI reads whole documents with them) give the same
// findings as the editor's fine chunks: every cut is a safe block boundary.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, buildTemplate, coarsen, parseDocument, splitChunks } from '../../server/src/engine';
import { corpusDocs, sharedCorpus } from '../shared';

const ROOT = path.resolve(__dirname, '../..');
const template = buildTemplate(readFileSync(path.join(ROOT, 'server/templates/deep-dive.md'), 'utf8'));

test('coarsen merges neighbours up to the minimum size and keeps the cuts it keeps', () => {
  const spans = [{ start: 0, end: 10 }, { start: 10, end: 15 }, { start: 15, end: 40 }, { start: 40, end: 42 }];
  assert.deepEqual(coarsen(spans, 12), [{ start: 0, end: 15 }, { start: 15, end: 40 }, { start: 40, end: 42 }]);
  assert.deepEqual(coarsen(spans, 0), spans);
  assert.deepEqual(coarsen(spans, 1000), [{ start: 0, end: 42 }]);
});

const corpus = sharedCorpus();

test('the corpus gives the same findings with fine and coarse chunks', { skip: corpus.skip }, () => {
  for (const { name: f, text } of corpusDocs(corpus)) {
    const fine = analyze(parseDocument(text), template).findings;
    for (const min of [1024, 2048, 8192]) {
      const coarse = analyze(parseDocument(text, undefined, undefined, coarsen(splitChunks(text), min)), template).findings;
      assert.deepEqual(coarse, fine, `${f} with ${min}-character chunks`);
    }
  }
});
