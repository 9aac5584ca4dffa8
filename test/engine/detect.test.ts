// Which markdown files are deep dives, and the glob matching behind it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GLOBS } from '../../server/src/engine';
import { detectDeepDive, frontMatterNamesTemplate } from '../../server/src/engine/detect';
import { parseDocument } from '../../server/src/engine/document';
import { compileGlob, matchesGlob } from '../../server/src/engine/glob';
import { completeDoc, template } from './helpers';

const detect = (text: string, opts: Parameters<typeof detectDeepDive>[2] = {}) => detectDeepDive(parseDocument(text), template, opts);

const README = `# widget

A small library.

## Installation

    npm install widget

## Usage

Call \`widget()\`.

## Tradeoffs

It is small.

## License

MIT
`;

describe('detectDeepDive', () => {
  test('front matter naming the template', () => {
    assert.equal(detect('---\ntemplate: deep-dive\n---\n\n# Notes\n'), 'front-matter');
    assert.equal(detect('---\ntitle: x\ntemplate: "deep-dive"\n---\n# Notes\n'), 'front-matter');
    assert.equal(detect('---\r\ndeep-dive: true\r\n---\r\n# Notes\r\n'), 'front-matter');
    assert.equal(detect('+++\ntemplate = "deep-dive"\n+++\n# Notes\n'), 'front-matter');
    assert.equal(detect('\uFEFF---\ntemplate: deep-dive\n---\n# Notes\n'), 'front-matter');
  });
  test('front matter naming something else, or not at the top, is not enough', () => {
    assert.equal(detect('---\ntemplate: rfc\n---\n# Notes\n'), null);
    assert.equal(detect('# Notes\n\n---\ntemplate: deep-dive\n---\n'), null);
    assert.equal(frontMatterNamesTemplate(parseDocument('# Notes\n')), false);
    assert.equal(frontMatterNamesTemplate(parseDocument('---\ntemplate: deep-dive-lite\n---\n')), false);
    assert.equal(frontMatterNamesTemplate(parseDocument('---\ntemplate: "Deep Dive"\n---\n')), true);
  });
  test('the default globs, on relative, absolute and Windows paths', () => {
    assert.equal(detect(README, { path: 'docs/ledger.deepdive.md' }), 'glob');
    assert.equal(detect(README, { path: '/home/me/ws/deep-dives/ledger.md' }), 'glob');
    assert.equal(detect(README, { path: 'C:\\ws\\deep-dives\\sub\\ledger.md' }), 'glob');
    assert.equal(detect(README, { path: 'docs/README.md' }), null);
  });
  test('configured globs replace the defaults', () => {
    assert.equal(detect(README, { path: 'design/ledger.md', globs: ['design/*.md'] }), 'glob');
    assert.equal(detect(README, { path: 'docs/ledger.deepdive.md', globs: ['design/*.md'] }), null);
    assert.equal(detect(README, { path: 'docs/ledger.deepdive.md', globs: [] }), null);
  });
  test('auto-detect: three template `##` headings', () => {
    const text = '# Ledger\n\n## Mental Model\n\nx\n\n## Failure Modes and Blast Radius\n\nx\n\n## Tradeoffs\n\nx\n';
    assert.equal(detect(text), 'sections');
    assert.equal(detect(completeDoc()), 'sections');
  });
  test('auto-detect: two headings are not enough; `###` headings do not count', () => {
    assert.equal(detect('# L\n\n## Mental Model\n\nx\n\n## Tradeoffs\n\nx\n'), null);
    assert.equal(detect('# L\n\n### Mental Model\n\n### Change Safety\n\n### Tradeoffs\n'), null);
  });
  test('auto-detect: the summary field', () => {
    assert.equal(detect('# Ledger\n\n**One-line summary**: A ledger.\n\nProse.\n'), 'summary-field');
    assert.equal(detect('# Ledger\n\n**Summary**: A ledger.\n'), null);
  });
  test('auto-detect off: only front matter and globs', () => {
    assert.equal(detect(completeDoc(), { autoDetect: false }), null);
    assert.equal(detect(completeDoc(), { autoDetect: false, path: 'a.deepdive.md' }), 'glob');
  });
  test('an ordinary README is not a deep dive (one template heading among its own)', () => {
    assert.equal(detect(README), null);
    assert.equal(detect(README, { path: 'README.md' }), null);
    assert.equal(detect(''), null);
  });
});

describe('glob matching', () => {
  test('the defaults', () => {
    assert.deepEqual(DEFAULT_GLOBS, ['**/*.deepdive.md', '**/deep-dives/**/*.md']);
    const yes = ['a.deepdive.md', 'docs/a.deepdive.md', './docs/a.deepdive.md', '/abs/docs/a.deepdive.md', 'deep-dives/a.md', 'x/deep-dives/y/z/a.md'];
    const no = ['a.md', 'deepdive.md.txt', 'docs/a.deepdive.markdown', 'deep-dives.md', 'docs/deepdives/a.md', 'deep-dives/a.txt', 'my-deep-dives/a.md'];
    for (const p of yes) assert.ok(DEFAULT_GLOBS.some((g) => matchesGlob(p, g)), p);
    for (const p of no) assert.ok(!DEFAULT_GLOBS.some((g) => matchesGlob(p, g)), p);
  });
  test('`*` stays in one folder, `**` crosses folders', () => {
    assert.ok(matchesGlob('docs/a.md', 'docs/*.md'));
    assert.ok(!matchesGlob('docs/sub/a.md', 'docs/*.md'));
    assert.ok(matchesGlob('docs/sub/a.md', 'docs/**/*.md'));
    assert.ok(matchesGlob('docs/a.md', 'docs/**/*.md'));
    assert.ok(matchesGlob('docs/a/b/c', 'docs/**'));
  });
  test('a glob without a folder matches the file name anywhere', () => {
    assert.ok(matchesGlob('deep/inside/notes.md', '*.md'));
    assert.ok(matchesGlob('deep/inside/design.md', 'design.md'));
    assert.ok(!matchesGlob('deep/inside/design.md.bak', 'design.md'));
  });
  test('a folder glob matches a workspace-relative tail of an absolute path', () => {
    assert.ok(matchesGlob('/home/me/ws/design/a.md', 'design/*.md'));
    assert.ok(!matchesGlob('/home/me/ws/design/a.md', '/design/*.md'));
  });
  test('?, {a,b} and character classes; regex characters are literal', () => {
    assert.ok(matchesGlob('docs/a1.md', 'docs/a?.md'));
    assert.ok(!matchesGlob('docs/a12.md', 'docs/a?.md'));
    assert.ok(matchesGlob('rfc/x.md', '{rfc,design}/*.md'));
    assert.ok(matchesGlob('design/x.md', '{rfc,design}/*.md'));
    assert.ok(!matchesGlob('notes/x.md', '{rfc,design}/*.md'));
    assert.ok(matchesGlob('docs/b.md', 'docs/[ab].md'));
    assert.ok(!matchesGlob('docs/c.md', 'docs/[ab].md'));
    assert.ok(matchesGlob('docs/c.md', 'docs/[!ab].md'));
    assert.ok(matchesGlob('docs/a+b (1).md', 'docs/a+b (1).md'));
    assert.ok(!matchesGlob('docs/aXmd', 'docs/a.md'));
    assert.ok(compileGlob('**/*.md') === compileGlob('**/*.md'), 'compiled once');
  });
});
