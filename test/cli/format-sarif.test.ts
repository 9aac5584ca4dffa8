// --format sarif: checked against what GitHub code scanning requires of an
// upload (SARIF 2.1.0, rules with ids and help links, results with a ruleId,
// a level, a relative artifact URI and a 1-based region).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ruleDocsUrl, rules } from '../../server/src/engine';
import { cleanDeepDive, json, run, tree, withoutSection } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The structural requirements of SARIF 2.1.0 as GitHub code scanning reads it. */
function assertUploadable(log: Json): void {
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run0 = log.runs[0];
  const driver = run0.tool.driver;
  assert.equal(driver.name, 'deep-dive');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  const ids = driver.rules.map((r: Json) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const r of driver.rules) {
    assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(r.shortDescription.text.length > 0);
    assert.ok(r.shortDescription.text.length <= 1024);
    assert.equal(r.helpUri, ruleDocsUrl(r.id));
    assert.ok(['error', 'warning', 'note', 'none'].includes(r.defaultConfiguration.level));
  }
  assert.ok(Array.isArray(run0.results));
  for (const res of run0.results) {
    assert.ok(ids.includes(res.ruleId));
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
    assert.ok(res.message.text.length > 0);
    assert.equal(res.locations.length, 1);
    const { artifactLocation, region } = res.locations[0].physicalLocation;
    assert.ok(typeof artifactLocation.uri === 'string' && artifactLocation.uri.length > 0);
    if (artifactLocation.uriBaseId !== undefined) {
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(run0.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
      assert.doesNotMatch(artifactLocation.uri, /^\/|^\.\.|\\|^[a-z]+:/i, 'a relative URI');
    } else assert.match(artifactLocation.uri, /^file:\/\//);
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, k);
    assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn));
  }
}

describe('--format sarif', () => {
  const gappy = withoutSection(cleanDeepDive(), 'Change Safety').replace('Notes on mental model.', 'Notes on [Benefit 1].').replace('### Logs', '### Logs\n').replace('Details on logs.', '');
  const root = tree({ 'docs/my file.deepdive.md': gappy, 'docs/clean.deepdive.md': cleanDeepDive() });

  it('is a SARIF 2.1.0 log that GitHub code scanning accepts', async () => {
    const r = await run(['check', '--format', 'sarif', 'docs'], root);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    assertUploadable(log);
    assert.ok(log.runs[0].results.length >= 3);
  });

  it('describes every rule, with its docs page as helpUri', async () => {
    const log = JSON.parse((await run(['check', '--format', 'sarif', 'docs'], root)).stdout);
    const driverRules = log.runs[0].tool.driver.rules;
    assert.deepEqual(driverRules.map((r: Json) => r.id), rules.map((r) => r.code));
    for (const [i, r] of rules.entries()) {
      assert.equal(driverRules[i].shortDescription.text, r.description);
      assert.equal(driverRules[i].defaultConfiguration.level, r.defaultSeverity === 'error' ? 'error' : r.defaultSeverity === 'warning' ? 'warning' : 'note');
    }
  });

  it('maps each JSON diagnostic to a result: level, encoded relative URI, 1-based region with exclusive end', async () => {
    const log = JSON.parse((await run(['check', '--format', 'sarif', 'docs'], root)).stdout);
    const data = json((await run(['check', '--format', 'json', 'docs'], root)).stdout);
    const expected = data.files.flatMap((f) => f.diagnostics.map((d) => ({
      ruleId: d.code,
      level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
      text: d.message,
      uri: f.path.split(path.sep).map(encodeURIComponent).join('/'),
      region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
    })));
    const actual = log.runs[0].results.map((res: Json) => ({
      ruleId: res.ruleId,
      level: res.level,
      text: res.message.text,
      uri: res.locations[0].physicalLocation.artifactLocation.uri,
      region: res.locations[0].physicalLocation.region,
    }));
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((a: Json) => a.uri === 'docs/my%20file.deepdive.md'));
    assert.ok(actual.some((a: Json) => a.level === 'note'), 'information maps to note');
  });

  it('uses a file: URI for a file outside the current folder', async () => {
    const r = await run(['check', '--format', 'sarif', path.join(root, 'docs/my file.deepdive.md')], path.join(root, 'docs', '..', '..'));
    const log = JSON.parse(r.stdout);
    assertUploadable(log);
    const sub = tree({ 'x.deepdive.md': gappy });
    const outside = JSON.parse((await run(['check', '--format', 'sarif', path.join(sub, 'x.deepdive.md')], root)).stdout);
    assertUploadable(outside);
    assert.match(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/\/.*x\.deepdive\.md$/);
  });

  it('prints an empty result list for clean files', async () => {
    const r = await run(['check', '--format', 'sarif', 'docs/clean.deepdive.md'], root);
    assert.equal(r.code, 0);
    const log = JSON.parse(r.stdout);
    assertUploadable(log);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });
});
