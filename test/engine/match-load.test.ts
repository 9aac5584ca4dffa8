// Matching cost is bounded whatever the template and document: long headings
// sharing a prefix, and thousands of near-miss headings against thousands of
// template sections, are answered (a hang fails by the test's timeout) with
// the right results for what they do match.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { buildTemplate } from '../../server/src/engine';
import { parseDocument } from '../../server/src/engine/document';
import { matchDocument } from '../../server/src/engine/match';

const template = (titles: string[]) => buildTemplate(`# Big template\n\n${titles.map((t) => `## ${t}\n\nWhat it holds.\n`).join('\n')}`, 'big.md');
const doc = (titles: string[]) => parseDocument(`# A document\n\n${titles.map((t) => `## ${t}\n\ntext\n`).join('\n')}`);

test('headings sharing a 9,000-character prefix are no near misses, and are answered', () => {
  const prefix = 'word '.repeat(1800);
  const t = template(Array.from({ length: 12 }, (_, i) => `${prefix}section ${String.fromCharCode(97 + i)}lpha`));
  const m = matchDocument(doc(Array.from({ length: 12 }, (_, i) => `${prefix}section ${String.fromCharCode(97 + i)}lpah`)), t);
  assert.equal(m.assignments.length, 0);
  assert.equal(m.missing.length, 12);
});

test('thousands of near-miss headings against thousands of sections: each match found is the right one', () => {
  const n = 3000;
  const titles = Array.from({ length: n }, (_, i) => `Operational topic number ${String(i).padStart(4, '0')} of the handbook`);
  // One letter dropped from each: a near miss of its own section only.
  const typos = titles.map((s) => s.replace('handbook', 'hanbook'));
  const m = matchDocument(doc(typos), template(titles));
  const near = m.assignments.filter((a) => a.kind === 'near');
  assert.ok(near.length > 0, 'near misses are found until the work bound');
  for (const a of near) assert.equal(a.section.heading.title.replace('hanbook', 'handbook'), a.template.title);
  assert.equal(m.assignments.length, near.length);
  assert.equal(m.missing.length, n - near.length);
});

test('thousands of exact headings against thousands of sections all match, in order', () => {
  const titles = Array.from({ length: 3000 }, (_, i) => `Topic ${i} of the handbook`);
  const m = matchDocument(doc(titles), template(titles));
  assert.equal(m.assignments.length, 3000);
  assert.ok(m.assignments.every((a) => a.kind === 'exact' && a.order === undefined));
  assert.equal(m.missing.length, 0);
});

test('thousands of headings against thousands of sections sharing a long prefix: each finds its own section by name', () => {
  // Every key is as long as every other and the document's add a word, so a scan comparing
  // each heading with each section would compare the 1,000-character prefix millions of times.
  const n = 2000;
  const prefix = 'word '.repeat(200);
  const titles = Array.from({ length: n }, (_, i) => `${prefix}topic ${String(i).padStart(4, '0')}`);
  const m = matchDocument(doc(titles.map((s) => `${s} explained`)), template(titles));
  assert.equal(m.assignments.length, n);
  for (const a of m.assignments) {
    assert.equal(a.kind, 'prefix');
    assert.equal(`${a.template.title} explained`, a.section.heading.title);
  }
  assert.equal(m.missing.length, 0);
});
