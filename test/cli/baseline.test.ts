// Baselines: --write-baseline records today's findings; --baseline reports only the others.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { baselineText, parseBaseline } from '../../server/src/cli/baseline';
import { cleanDeepDive, json, run, tree, withoutSection } from './helpers';

/** Two identical placeholders, a missing section and a duplicated one (whose message cites a line). */
function messy(): string {
  const text = withoutSection(cleanDeepDive(), 'Exercises')
    .replace('Notes on tradeoffs.', 'Notes on [Cost 1] and again [Cost 1].')
    .replace('## Further Reading', '## Tradeoffs\n\nAgain.\n\n## Further Reading');
  return text;
}

const read = (root: string, file = 'baseline.json') => readFileSync(path.join(root, file), 'utf8');

describe('baselines', () => {
  it('--write-baseline records every finding, sorted, keyed without lines, and exits 0', async () => {
    const root = tree({ 'b.deepdive.md': messy(), 'a.deepdive.md': withoutSection(cleanDeepDive(), 'Tradeoffs') });
    const r = await run(['check', '--write-baseline', 'baseline.json', '.'], root);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /5 problems/);
    assert.equal(r.stderr, 'deep-dive: wrote 5 findings to baseline.json\n');
    const text = read(root);
    assert.equal(text, baselineText(parseBaseline(text, 'x')), 'stable: 2-space JSON, sorted, trailing newline');
    assert.ok(text.endsWith('}\n') && text.includes('\n  "findings": [\n    {\n      "file": "a.deepdive.md",'));
    const entries = parseBaseline(text, 'baseline.json');
    assert.deepEqual(entries.map((e) => [e.file, e.rule, e.section]), [
      ['a.deepdive.md', 'missing-section', 'Tradeoffs'],
      ['b.deepdive.md', 'duplicate-section', 'Tradeoffs'],
      ['b.deepdive.md', 'missing-section', 'Exercises'],
      ['b.deepdive.md', 'placeholder', ''],
      ['b.deepdive.md', 'placeholder', ''],
    ]);
    assert.ok(!/"(line|range|start)"/.test(text));
  });

  it('round trip: nothing new after lines move; a new copy of a known finding is still new', async () => {
    const root = tree({ 'b.deepdive.md': messy() });
    assert.equal((await run(['check', '--write-baseline', 'baseline.json', '.'], root)).code, 0);
    const same = await run(['check', '--baseline', 'baseline.json', '.'], root);
    assert.equal(same.code, 0);
    assert.equal(same.stderr, 'deep-dive: 4 findings left out: they are in baseline.json\n');

    // Every finding moves down (the duplicate's message now cites another line).
    const moved = messy().replace('\n## Mental Model', '\nIntro.\n\nMore intro.\n\n## Mental Model');
    writeFileSync(path.join(root, 'b.deepdive.md'), moved);
    const all = json((await run(['check', '--format', 'json', '.'], root)).stdout).files[0].diagnostics;
    assert.equal(all.length, 4);
    const after = await run(['check', '--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.equal(after.code, 0);
    assert.deepEqual(json(after.stdout).files[0].diagnostics, []);

    // A third [Cost 1]: two are in the baseline, one is new.
    writeFileSync(path.join(root, 'b.deepdive.md'), moved.replace('and again [Cost 1]', 'and again [Cost 1] and [Cost 1]'));
    const more = await run(['check', '--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.equal(more.code, 1);
    assert.deepEqual(json(more.stdout).files[0].diagnostics.map((d) => d.code), ['placeholder']);
  });

  it('a fixed finding drops out: --baseline says so, and writing again shrinks the file', async () => {
    const root = tree({ 'b.deepdive.md': messy() });
    await run(['check', '--write-baseline', 'baseline.json', '.'], root);
    const before = parseBaseline(read(root), 'b');
    writeFileSync(path.join(root, 'b.deepdive.md'), messy().replace(' and again [Cost 1]', ''));
    const r = await run(['check', '--baseline', 'baseline.json', '.'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, [
      'deep-dive: 3 findings left out: they are in baseline.json',
      'deep-dive: 1 finding in baseline.json no longer occurs: run --write-baseline to drop it',
      '',
    ].join('\n'));
    await run(['check', '--write-baseline', 'baseline.json', '.'], root);
    const after = parseBaseline(read(root), 'b');
    assert.equal(after.length, before.length - 1);
    assert.deepEqual(after.map((e) => e.rule), ['duplicate-section', 'missing-section', 'placeholder']);
  });

  it('writing with --baseline still records every finding', async () => {
    const root = tree({ 'b.deepdive.md': messy() });
    await run(['check', '--write-baseline', 'baseline.json', '.'], root);
    const first = read(root);
    assert.equal((await run(['check', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', '.'], root)).code, 0);
    assert.equal(read(root), first);
  });

  it('a missing, malformed or foreign baseline is an error (exit 2), as is writing one for part of the files', async () => {
    const root = tree({ 'b.deepdive.md': messy(), 'bad.json': '{"findings": [', 'other.json': '{"version": 1, "findings": [{"file": "b.deepdive.md"}]}' });
    const cases: [string[], string][] = [
      [['--baseline', 'none.json'], 'deep-dive: cannot read baseline none.json: no such file or directory\n'],
      [['--baseline', 'bad.json'], /^deep-dive: baseline bad\.json is not valid JSON: /.source],
      [['--baseline', 'other.json'], 'deep-dive: baseline other.json: findings[0] needs string "file", "rule", "section" and "message"\n'],
      [['--write-baseline', 'x.json', '--shard', '1/2'], "deep-dive: --write-baseline records every finding, so it cannot be combined with --shard or --changed-since\nRun 'deep-dive --help' for usage.\n"],
    ];
    for (const [args, expected] of cases) {
      const r = await run(['check', ...args, '.'], root);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      if (expected.startsWith('^')) assert.match(r.stderr, new RegExp(expected));
      else assert.equal(r.stderr, expected);
    }
  });
});
