// docs/ci.md's recipes work as written: the jq program that merges the shards'
// SARIF parts gives what one unsharded run gives, and every recipe uses that program.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cleanDeepDive, REPO, run, tree, withoutSection } from './helpers';

const doc = readFileSync(path.join(REPO, 'docs/ci.md'), 'utf8');
const program = /```sh\njq -s '([^']+)' deep-dive-\*\.sarif > deep-dive\.sarif\n```/.exec(doc)?.[1];
const hasJq = spawnSync('jq', ['--version']).status === 0;

describe('docs/ci.md', () => {
  it('merges SARIF with one jq program in every recipe', () => {
    assert.ok(program, 'the "Merging SARIF parts" block');
    assert.ok(doc.includes(`    - jq -s '${program}' deep-dive-*.sarif > deep-dive.sarif\n`), 'GitLab');
    assert.ok(doc.includes(`jq -s '${program}' sarif/*.sarif`), 'GitHub');
  });

  it('the merged shards hold the results of one unsharded run', { skip: hasJq ? false : 'no jq command on PATH' }, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 9; i++) files[`docs/d${i}.deepdive.md`] = withoutSection(cleanDeepDive(`Topic ${i}`), i % 2 ? 'Tradeoffs' : 'Exercises');
    const root = tree(files);
    const parts: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const part = path.join(root, `deep-dive-${i}.sarif`);
      writeFileSync(part, (await run(['check', '--format', 'sarif', '--shard', `${i}/3`, 'docs'], root)).stdout);
      parts.push(part);
    }
    const merged = spawnSync('jq', ['-s', program!, ...parts], { encoding: 'utf8' });
    assert.equal(merged.status, 0, merged.stderr);
    const whole = JSON.parse((await run(['check', '--format', 'sarif', 'docs'], root)).stdout);
    const got = JSON.parse(merged.stdout);
    const key = (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`;
    assert.equal(got.runs.length, 1);
    assert.deepEqual(got.runs[0].results.map(key).sort(), whole.runs[0].results.map(key).sort());
    assert.equal(got.runs[0].results.length, 9);
    assert.deepEqual({ ...got, runs: [{ ...got.runs[0], results: [] }] }, { ...whole, runs: [{ ...whole.runs[0], results: [] }] });
  });
});
