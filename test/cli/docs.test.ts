// The docs and schema stay in step with the engine: a page per rule (the
// codeDescription link targets), the config schema's keys and rule codes, and
// the examples quoted in docs/cli.md and docs/configuration.md.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig, ruleDocsUrl, rules } from '../../server/src/engine';
import { ruleCodes } from '../../server/src/engine/rules';
import { TEMPLATE_PROBLEM } from '../../server/src/engine/template';
import { HELP } from '../../server/src/cli/run';
import { REPO, runBin } from './helpers';

const read = (rel: string) => readFileSync(path.join(REPO, rel), 'utf8');

describe('docs/rules', () => {
  it('has one page per rule, at the path the diagnostics link to', () => {
    for (const r of rules) {
      const rel = `docs/rules/${r.code}.md`;
      assert.ok(ruleDocsUrl(r.code).endsWith(`/blob/main/${rel}`));
      assert.ok(existsSync(path.join(REPO, rel)), rel);
    }
    const pages = readdirSync(path.join(REPO, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
    // Besides the rules, the code the editor shows on a template file.
    assert.deepEqual(pages.sort(), [...ruleCodes, TEMPLATE_PROBLEM].sort());
  });

  it('gives each page its sections and the rule\'s default severity', () => {
    for (const r of rules) {
      const page = read(`docs/rules/${r.code}.md`);
      assert.match(page, new RegExp(`^# \`${r.code}\`: `), r.code);
      assert.match(page, new RegExp(`\\| Default severity \\| ${r.defaultSeverity}`), r.code);
      for (const h of ['## What it reports', '## Why', '## Example', '## How to fix', '## Configure or suppress']) assert.ok(page.includes(h), `${r.code}: ${h}`);
      assert.ok(page.includes(`"${r.code}": "off"`), r.code);
      assert.ok(page.includes(`deep-dive-disable-next-line ${r.code}`), r.code);
    }
  });
});

describe('docs/configuration.md', () => {
  const doc = read('docs/configuration.md');

  it('lists every rule with its default severity', () => {
    for (const r of rules) assert.match(doc, new RegExp(`\\[\`${r.code}\`\\]\\(rules/${r.code}\\.md\\) \\| ${r.defaultSeverity}`), r.code);
  });

  it('shows a config example that parses without problems', () => {
    const example = /```jsonc\n([\s\S]*?)```/.exec(doc)![1];
    const { config, problems } = parseConfig(example);
    assert.deepEqual(problems, []);
    assert.equal(config.rules['missing-subsection'], 'off');
  });
});

describe('docs/cli.md', () => {
  it('documents every option --help lists, as the README\'s CLI section does', () => {
    const flags = [...new Set(HELP.match(/--[a-z][a-z-]+/g))];
    assert.ok(flags.length >= 10, flags.join(' '));
    const cli = read('docs/cli.md');
    const readme = /## CLI\n([\s\S]*?)\n## /.exec(read('README.md'))![1];
    for (const flag of flags.filter((f) => f !== '--help' && f !== '--version')) {
      assert.ok(cli.includes(`\`${flag}`), `docs/cli.md: ${flag}`);
      assert.ok(readme.includes(flag), `README CLI section: ${flag}`);
    }
  });

  it('quotes the text output the example really produces', () => {
    const shown = /### `text` \(default\)[\s\S]*?```text\n([\s\S]*?)```/.exec(read('docs/cli.md'))![1];
    assert.equal(runBin(['check', 'examples/'], REPO).stdout, shown);
  });
});

describe('schemas/deepdive.schema.json', () => {
  const schema = JSON.parse(read('schemas/deepdive.schema.json'));

  it('names every rule code with the severities the config accepts', () => {
    assert.deepEqual(Object.keys(schema.properties.rules.properties), [...ruleCodes]);
    for (const code of ruleCodes) assert.deepEqual(schema.properties.rules.properties[code].enum, ['error', 'warning', 'information', 'hint', 'off']);
    assert.equal(schema.properties.rules.additionalProperties, false);
  });

  it('has exactly the keys the config validator knows', () => {
    const keys = Object.keys(schema.properties);
    assert.deepEqual(parseConfig(JSON.stringify({ $schema: 'x', template: 't.md', templates: { adr: { path: 'adr.md', globs: ['adr/*.md'] } }, rules: {}, globs: ['a/*.md'], autoDetect: false })).problems, []);
    assert.deepEqual(keys.sort(), ['$schema', 'autoDetect', 'globs', 'rules', 'template', 'templates']);
    assert.equal(schema.additionalProperties, false);
    assert.equal(parseConfig('{"other": 1}').problems.length, 1);
  });
});
