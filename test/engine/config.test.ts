// `.deepdive.json` parsing and validation: problems, never exceptions.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIG_FILE_NAME, mergeRules, parseConfig } from '../../server/src/engine';
import { validateConfig } from '../../server/src/engine/config';
import { ruleCodes } from '../../server/src/engine/rules';

describe('parseConfig', () => {
  test('a full, valid file', () => {
    const text = JSON.stringify({
      $schema: './schema.json',
      template: 'docs/template.md',
      rules: { placeholder: 'off', 'section-order': 'hint', 'missing-section': 'error' },
      globs: ['design/**/*.md'],
      autoDetect: false,
    });
    assert.deepEqual(parseConfig(text), {
      config: { template: 'docs/template.md', rules: { placeholder: 'off', 'section-order': 'hint', 'missing-section': 'error' }, globs: ['design/**/*.md'], autoDetect: false },
      problems: [],
    });
  });
  test('empty text is an empty config', () => {
    assert.deepEqual(parseConfig(''), { config: { rules: {} }, problems: [] });
    assert.deepEqual(parseConfig('  \n'), { config: { rules: {} }, problems: [] });
  });
  test('comments are allowed, `//` inside strings is not a comment', () => {
    const text = '{\n  // the team template\n  "template": "http://example.com/t.md", /* fetched elsewhere */\n  "rules": {"placeholder": "off"}\n}\n';
    assert.deepEqual(parseConfig(text), { config: { template: 'http://example.com/t.md', rules: { placeholder: 'off' } }, problems: [] });
  });
  test('bad JSON: one problem naming the file, with the offset of the error', () => {
    const text = '{"rules": {"placeholder": "off",}}';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, { rules: {} });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^\.deepdive\.json: not valid JSON/);
    assert.equal(problems[0].offset, text.indexOf('}'));
  });
  test('bad JSON after a comment and a BOM: the offset still indexes the text as given', () => {
    const text = '\uFEFF// c\n{"autoDetect": tru}';
    const { problems } = parseConfig(text, 'ws/.deepdive.json');
    assert.match(problems[0].message, /^ws\/\.deepdive\.json: /);
    assert.equal(problems[0].offset, text.indexOf('tru'));
  });
  test('truncated JSON: the offset is the end', () => {
    const text = '{"rules": {';
    assert.equal(parseConfig(text).problems[0].offset, text.length);
  });
  test('unknown keys and unknown rules are problems at their offsets; known values are kept', () => {
    const text = '{"rules": {"placeholder": "off", "no-such-rule": "warning"}, "colour": "blue"}';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, { rules: { placeholder: 'off' } });
    assert.deepEqual(problems.map((p) => p.offset), [text.indexOf('"colour"'), text.indexOf('"no-such-rule"')]);
    assert.match(problems[0].message, /unknown key "colour"/);
    assert.match(problems[1].message, /unknown rule "no-such-rule"/);
  });
  test('wrong types are problems and fall back to defaults', () => {
    const text = JSON.stringify({ template: 3, rules: { placeholder: 'loud', 'empty-section': 1 }, globs: 'docs/*.md', autoDetect: 'yes' });
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config, { rules: {} });
    assert.deepEqual(problems.map((p) => p.message.replace(/^\.deepdive\.json: /, '').split(' ').slice(0, 2).join(' ')), [
      '"template" must', 'rule "placeholder"', 'rule "empty-section"', '"globs" must', '"autoDetect" must',
    ]);
    assert.deepEqual(parseConfig('{"rules": []}').problems.map((p) => p.message), ['.deepdive.json: "rules" must be an object of rule code to severity']);
    assert.equal(parseConfig('{"globs": ["a", 1]}').problems.length, 1);
    assert.equal(parseConfig('{"template": "  "}').problems.length, 1);
  });
  test('the offset of other syntax errors', () => {
    const at = (text: string) => parseConfig(text).problems[0]?.offset;
    assert.equal(at('{"rules" {}}'), 9, 'missing colon');
    assert.equal(at('{"globs": ["a" "b"]}'), 15, 'missing comma');
    assert.equal(at("{'rules': {}}"), 1, 'single quotes');
    assert.equal(at('{"template": "a\\qb"}'), 15, 'bad escape');
    assert.equal(at('{"a": 1} x'), 9, 'text after the value');
    assert.equal(at('{"a": 01}'), 7, 'leading zero');
    assert.equal(at('{"rules": {}} /* open'), 14, 'unclosed comment');
  });
  test('never throws, whatever the text', () => {
    for (const text of ['[]', 'null', '3', '"x"', 'true', '{"rules": null}', '['.repeat(100000), '{"a":'.repeat(5000), '\u0000', '/*']) {
      const { config, problems } = parseConfig(text);
      assert.deepEqual(config.rules, {});
      assert.ok(problems.length >= 1, text.slice(0, 10));
    }
  });
  test('a comment alone is an empty config', () => assert.deepEqual(parseConfig('// nothing yet\n'), { config: { rules: {} }, problems: [] }));
  test('the file name constant', () => assert.equal(CONFIG_FILE_NAME, '.deepdive.json'));
});

describe('validateConfig and mergeRules', () => {
  test('validates editor settings of the same shape, with its own prefix', () => {
    const { config, problems } = validateConfig({ rules: { 'missing-field': 'information' }, autoDetect: true }, 'settings');
    assert.deepEqual(config, { rules: { 'missing-field': 'information' }, autoDetect: true });
    assert.deepEqual(problems, []);
    assert.match(validateConfig(null, 'settings').problems[0].message, /^settings: expected a JSON object/);
  });
  test('every rule code is accepted with every severity', () => {
    for (const code of ruleCodes) for (const sev of ['error', 'warning', 'information', 'hint', 'off']) {
      assert.deepEqual(validateConfig({ rules: { [code]: sev } }, 'x').problems, []);
    }
  });
  test('later sources win', () => {
    assert.deepEqual(mergeRules({ placeholder: 'off', 'empty-section': 'hint' }, undefined, { placeholder: 'error' }), { placeholder: 'error', 'empty-section': 'hint' });
  });
});
