// --shard I/N: a partition of the files by their path from the repository root.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fnv1a, inShard, parseShard, shardOf } from '../../server/src/cli/shard';
import type { FileTask } from '../../server/src/cli/walk';
import { cleanDeepDive, json, run, tree } from './helpers';

const segment = fc.stringMatching(/^[a-zA-Z0-9_ é日-]{1,8}$/);
const repoPathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `${parts.join('/')}.md`);
const task = (root: string, rel: string): FileTask => ({ display: rel, abs: path.join(root, ...rel.split('/')), explicit: false });

describe('--shard', () => {
  it('hashes with 32-bit FNV-1a over UTF-8 (the published test vectors), so every machine agrees', () => {
    assert.equal(fnv1a(''), 0x811c9dc5);
    assert.equal(fnv1a('a'), 0xe40c292c);
    assert.equal(fnv1a('foobar'), 0xbf9cf968);
    // Pinned: changing the hash would move files between shards of a running CI setup.
    assert.equal(fnv1a('docs/é.md'), 0xae8b89ca);
    assert.equal(shardOf('docs/a.md', 4), 2);
    assert.equal(shardOf('docs/b.md', 4), 3);
  });

  it('N shards of any set of paths hold each path exactly once, in a shard that depends on nothing but the path', () => {
    const root = path.resolve('/repo');
    fc.assert(fc.property(fc.uniqueArray(repoPathArb, { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (paths, n) => {
      const tasks = paths.map((p) => task(root, p));
      const shards = Array.from({ length: n }, (_, i) => inShard(tasks, root, { index: i + 1, count: n }).map((t) => t.display));
      assert.deepEqual(shards.flat().sort(), [...paths].sort());
      // Same shard when checked alone, in another order, or among other files.
      for (const [i, shard] of shards.entries()) {
        for (const p of shard) {
          assert.equal(shardOf(p, n), i + 1);
          assert.deepEqual(inShard([task(root, p)], root, { index: i + 1, count: n }).length, 1);
        }
      }
      const reversed = Array.from({ length: n }, (_, i) => inShard([...tasks].reverse(), root, { index: i + 1, count: n }).map((t) => t.display).reverse());
      assert.deepEqual(reversed, shards);
    }));
  });

  it('parses I/N and refuses anything else with exit 2', async () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
    const dir = tree({ 'a.deepdive.md': cleanDeepDive() });
    for (const bad of ['0/2', '3/2', '1/0', '2', 'a/b', '1/2/3', '-1/2', ' 1/2']) {
      const r = await run(['check', `--shard=${bad}`, '.'], dir);
      assert.equal(r.code, 2, bad);
      assert.equal(r.stderr, `deep-dive: --shard must be I/N with 1 <= I <= N, e.g. 2/4 (got "${bad}")\nRun 'deep-dive --help' for usage.\n`);
    }
  });

  it('splits the CLI run: the shards together check every deep dive once, the same from the root or a subfolder', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`docs/d${i}.deepdive.md`] = cleanDeepDive(`Topic ${i}`).replace('Notes on tradeoffs.', `[Cost ${i}]`);
    const root = tree(files);
    mkdirSync(path.join(root, '.git')); // the repository root the paths are taken from
    const fromRoot: string[][] = [];
    const fromDocs: string[][] = [];
    for (let i = 1; i <= 3; i++) {
      const a = await run(['check', '--format', 'json', '--shard', `${i}/3`, 'docs'], root);
      const b = await run(['check', '--format', 'json', '--shard', `${i}/3`, '.'], path.join(root, 'docs'));
      assert.equal(a.code, json(a.stdout).files.length > 0 ? 1 : 0);
      fromRoot.push(json(a.stdout).files.map((f) => f.path.replace(/\\/g, '/')));
      fromDocs.push(json(b.stdout).files.map((f) => `docs/${f.path.replace(/\\/g, '/')}`));
    }
    assert.deepEqual(fromDocs, fromRoot);
    assert.deepEqual(fromRoot.flat().sort(), Object.keys(files).sort());
    assert.deepEqual(fromRoot.map((s) => s.map((p) => shardOf(p, 3))), fromRoot.map((s, i) => s.map(() => i + 1)));
  });
});
