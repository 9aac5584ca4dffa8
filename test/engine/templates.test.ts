// Template families: a workspace's set of templates, which one a document is
// checked against and why, the template markup (optional sections, aliases),
// template problems with positions, and `templates` in the config.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTemplate, checkText, TemplateError, type CheckOptions } from '../../server/src/engine';
import { analyzeDocument } from '../../server/src/engine/analyze';
import { parseConfig, readTemplates } from '../../server/src/engine/config';
import { parseDocument } from '../../server/src/engine/document';
import { codeActions } from '../../server/src/engine/features/codeActions';
import { completeness } from '../../server/src/engine/features/completeness';
import { globWork } from '../../server/src/engine/glob';
import { describeReason, selectTemplate, settleSelectionGlobs } from '../../server/src/engine/selection';
import { templateProblems } from '../../server/src/engine/template';
import { r, template } from './helpers';

const ADR = `# ADR template

## Context

[What forces are at play?]

## Decision

[What we decided.]

## Consequences
<!-- aliases: Results, Outcome -->

[What follows from it.]

## Alternatives (optional)

[What else was considered.]
`;

const POSTMORTEM = `# Postmortem

## Summary

## Impact

## Timeline

## Root Cause

## Action Items
`;

const adr = buildTemplate(ADR, 'templates/adr.md');
const postmortem = buildTemplate(POSTMORTEM, 'templates/postmortem.md');
const SET: CheckOptions = {
  template,
  templates: [
    { name: 'adr', template: adr, globs: ['docs/adr/**/*.md'] },
    { name: 'postmortem', template: postmortem, globs: ['postmortems/**/*.md', 'docs/**/*.md'] },
  ],
};

const select = (text: string, opts: Partial<CheckOptions> = {}) => selectTemplate(parseDocument(text), { ...SET, ...opts });
const chosen = (text: string, opts: Partial<CheckOptions> = {}) => {
  const s = select(text, opts).selection;
  return s ? [s.name, describeReason(s.reason)] : null;
};

const ADR_DOC = '# Use PostgreSQL\n\n## Context\n\nWe need a ledger.\n\n## Decision\n\nPostgreSQL.\n\n## Consequences\n\nOps work.\n';

describe('template selection', () => {
  it('front matter wins over globs and auto-detection, and says on which line', () => {
    const text = '---\ntitle: x\ntemplate: postmortem\n---\n' + ADR_DOC;
    assert.deepEqual(chosen(text, { path: 'docs/adr/0001.md' }), ['postmortem', 'front matter on line 3']);
    assert.deepEqual(chosen('---\ntemplate: "ADR.md"\n---\n# x\n'), ['adr', 'front matter on line 2']);
    assert.deepEqual(chosen('---\ndeep-dive: true\n---\n# x\n'), ['deep-dive', 'front matter on line 2']);
    assert.deepEqual(chosen('+++\ntemplate = "deep dive"\n+++\n# x\n'), ['deep-dive', 'front matter on line 2']);
  });

  it('then the first template whose globs match, in declaration order, the built-in one last', () => {
    assert.deepEqual(chosen('# x\n', { path: 'docs/adr/0001.md' }), ['adr', 'glob docs/adr/**/*.md']);
    assert.deepEqual(chosen('# x\n', { path: 'docs/notes.md' }), ['postmortem', 'glob docs/**/*.md']);
    // Both postmortem's `docs/**/*.md` and the built-in `**/*.deepdive.md` match: postmortem is declared, so it comes first.
    assert.deepEqual(chosen('# x\n', { path: 'docs/ledger.deepdive.md' }), ['postmortem', 'glob docs/**/*.md']);
    assert.deepEqual(chosen('# x\n', { path: 'design/ledger.deepdive.md' }), ['deep-dive', 'glob **/*.deepdive.md']);
  });

  it('settleSelectionGlobs works out every glob of the set in slices; the selection then reads the answers', () => {
    // A glob list near the limits on a long path: more work than one slice. The path holds
    // each glob's literal part (else it is answered without running the glob at all).
    const hostile = Array.from({ length: 15 }, (_, i) => '*?'.repeat(16) + String.fromCharCode(66 + i));
    const opts: Partial<CheckOptions> = { templates: [{ name: 'adr', template: adr, globs: [...hostile, 'docs/adr/**/*.md'] }], path: `docs/adr/${'a'.repeat(385)}BCDEFGHIJKLMNOP.md` };
    const slices = [...settleSelectionGlobs({ ...SET, ...opts })].length;
    assert.ok(slices > 1, `${slices} slices`);
    const before = globWork.steps;
    assert.deepEqual(chosen('# x\n', opts), ['adr', 'glob docs/adr/**/*.md']);
    assert.equal(globWork.steps, before, 'no glob matched again');
    assert.equal([...settleSelectionGlobs({ ...SET, ...opts })].length, 0);
    assert.equal([...settleSelectionGlobs({ ...SET, ...opts, path: undefined })].length, 0, 'no path, nothing to match');
  });

  it('then auto-detection: the template with the most of its `##` headings, at least three', () => {
    assert.deepEqual(chosen(ADR_DOC), ['adr', 'auto-detected with 3 of 4 headings']);
    const pm = '# Outage\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Root Cause\n\n## Context\n\n## Decision\n';
    assert.deepEqual(chosen(pm), ['postmortem', 'auto-detected with 4 of 5 headings']);
    // Two headings of each: neither has three.
    assert.equal(chosen('# x\n\n## Context\n\n## Decision\n\n## Summary\n\n## Impact\n'), null);
    assert.equal(chosen(ADR_DOC, { autoDetect: false }), null);
  });

  it('an alias counts as the section for auto-detection', () => {
    assert.deepEqual(chosen(ADR_DOC.replace('## Consequences', '## Outcome')), ['adr', 'auto-detected with 3 of 4 headings']);
  });

  it('otherwise the document is not checked, unless it is forced (then the default template)', () => {
    assert.equal(chosen('# Notes\n\n## Setup\n'), null);
    assert.deepEqual(chosen('# Notes\n\n## Setup\n', { force: true }), ['deep-dive', 'the default template (the file was named to be checked)']);
  });

  it('an editor\'s options kept between keystrokes choose anew when the headings, the path or the templates change', () => {
    // One options object for every version, as the server keeps a document's options: what selection
    // remembers of it answers only for the same `##` headings, path, globs and templates.
    const options: CheckOptions = { ...SET };
    const pm = '# Outage\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Root Cause\n';
    const pick = (text: string) => {
      const s = selectTemplate(parseDocument(text), options).selection;
      return s && [s.name, describeReason(s.reason)];
    };
    assert.deepEqual(pick(ADR_DOC), ['adr', 'auto-detected with 3 of 4 headings']);
    assert.deepEqual(pick(ADR_DOC.replace('We need a ledger.', 'We need a ledger soon.')), ['adr', 'auto-detected with 3 of 4 headings']);
    assert.deepEqual(pick(pm), ['postmortem', 'auto-detected with 4 of 5 headings']);
    assert.deepEqual(pick(pm.replace('## Impact', '## Effects')), ['postmortem', 'auto-detected with 3 of 5 headings']);
    assert.equal(pick('# Notes\n\n## Setup\n'), null);
    assert.deepEqual(pick(ADR_DOC), ['adr', 'auto-detected with 3 of 4 headings']);
    // The same object changed in place: its path, then its templates.
    options.path = 'postmortems/2024.md';
    assert.deepEqual(pick(ADR_DOC), ['postmortem', 'glob postmortems/**/*.md']);
    options.path = undefined;
    assert.deepEqual(pick(ADR_DOC), ['adr', 'auto-detected with 3 of 4 headings']);
    options.templates = [SET.templates![1]];
    assert.deepEqual(pick(ADR_DOC), null);
    assert.deepEqual(pick(pm), ['postmortem', 'auto-detected with 4 of 5 headings']);
  });

  it('each document is checked against its own template', () => {
    const v = checkText(ADR_DOC, { ...SET, path: 'docs/adr/0001.md' });
    assert.equal(v.selection?.name, 'adr');
    assert.equal(v.analysis?.template, adr);
    // Everything of the ADR template is there but the optional section: nothing is missing.
    assert.deepEqual(v.findings.filter((f) => f.code === 'missing-section'), []);
    const missing = checkText(ADR_DOC.replace(/## Decision\n\nPostgreSQL.\n\n/, ''), { ...SET, path: 'docs/adr/0001.md' });
    assert.deepEqual(missing.findings.filter((f) => f.code === 'missing-section').map((f) => f.message), ["Missing section 'Decision': it belongs after 'Context'."]);
  });
});

describe('auto-detection over a set of templates', () => {
  // Selection looks each `##` heading up once in an index of the whole set: it must count
  // exactly what looking it up in each template's sections (titles and aliases) counts.
  const WORDS = ['Context', 'Decision', 'Impact', 'Summary', 'Timeline', 'Risks', 'Scope', 'Goals', 'Costs'];
  const rnd = (() => {
    let x = 7;
    return (n: number) => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) % n;
  })();
  const pickWords = (count: number) => Array.from({ length: count }, () => WORDS[rnd(WORDS.length)]);
  /** A template of distinct sections, some with aliases (which may be another template's titles). */
  const randomTemplate = (i: number) => {
    const titles = [...new Set(pickWords(rnd(6) + 1))];
    const used = new Set(titles);
    const body = titles.map((t) => {
      const aliases = [...new Set(pickWords(rnd(3)))].filter((a) => !used.has(a));
      aliases.forEach((a) => used.add(a));
      return `## ${t}\n${aliases.length ? `<!-- aliases: ${aliases.join(', ')} -->\n` : ''}\n[${t}]\n`;
    });
    return buildTemplate(`# Kind ${i}\n\n${body.join('\n')}`, `kind-${i}.md`);
  };
  /** What selection must answer: each template's distinct matching keys counted on their own. */
  const reference = (keys: string[], set: { name: string; template: ReturnType<typeof buildTemplate> }[]) => {
    let best: [string, string] | null = null;
    let bestFound = 0;
    for (const t of set) {
      const names = new Set(t.template.sections.flatMap((s) => [s.key, ...(s.aliasKeys ?? [])]));
      const found = new Set(keys.filter((k) => names.has(k))).size;
      if (found > bestFound && found >= Math.min(3, t.template.sections.length)) {
        best = [t.name, `auto-detected with ${found} of ${t.template.sections.length} headings`];
        bestFound = found;
      }
    }
    return best;
  };
  it('counts as each template alone on 2,000 random sets and documents', () => {
    let detected = 0;
    for (let n = 0; n < 2000; n++) {
      const named = Array.from({ length: rnd(4) + 1 }, (_, i) => ({ name: `kind-${i}`, template: randomTemplate(i), globs: [] }));
      const headings = pickWords(rnd(7));
      const doc = `# Doc\n\n${headings.map((h) => `## ${h}\n\ntext\n`).join('\n')}`;
      const keys = headings.map((h) => h.toLowerCase());
      const options: CheckOptions = { template, templates: named };
      const expected = reference(keys, [...named, { name: 'deep-dive', template }]);
      const s = selectTemplate(parseDocument(doc), options).selection;
      const got = s && s.reason.kind === 'sections' ? [s.name, describeReason(s.reason)] : null;
      assert.deepEqual(got, expected, doc);
      if (expected) detected++;
    }
    assert.ok(detected > 200 && detected < 1800, `${detected} detected`);
  });
});

describe('unknown-template', () => {
  it('is reported on the name, with the nearest known name and its quick fix', () => {
    const text = '---\ntemplate: adrr\n---\n' + ADR_DOC;
    const v = checkText(text, { ...SET, path: 'docs/adr/0001.md' });
    const f = v.findings.filter((x) => x.code === 'unknown-template');
    assert.deepEqual(f.map((x) => [x.message, x.range, x.severity]), [
      ["Unknown template 'adrr': this workspace has 'adr', 'postmortem', 'deep-dive'. Did you mean 'adr'?", r(1, 10, 1, 14), 'error'],
    ]);
    // Still checked, by its glob.
    assert.equal(v.selection?.name, 'adr');
    const fix = codeActions(v.analysis!, r(1, 11, 1, 11)).find((a) => a.title === "Use the template 'adr'");
    assert.deepEqual(fix?.edits, [{ range: r(1, 10, 1, 14), newText: 'adr' }]);
  });

  it('is reported even when no other template applies, where the workspace declares templates', () => {
    const v = checkText('---\ntemplate: "runbook"\n---\n# Restarting the queue\n', SET);
    assert.equal(v.analysis, null);
    assert.deepEqual(v.findings.map((f) => [f.code, f.range]), [['unknown-template', r(1, 11, 1, 18)]]);
  });

  it('leaves other tools\' `template:` alone in a workspace of the built-in template only', () => {
    const v = checkText('---\ntemplate: post\n---\n# Release notes\n', { template });
    assert.deepEqual(v.findings, []);
  });

  it('follows the configured severity and suppression comments', () => {
    const text = '---\ntemplate: nope\n---\n# x\n';
    assert.deepEqual(checkText(text, { ...SET, rules: { 'unknown-template': 'off' } }).findings, []);
    assert.equal(checkText(text, { ...SET, rules: { 'unknown-template': 'hint' } }).findings[0].severity, 'hint');
  });
});

describe('template markup', () => {
  it('a heading ending in (optional) is optional, matched without the mark, and never missing', () => {
    const alt = adr.sections[3];
    assert.deepEqual([alt.title, alt.key, alt.optional], ['Alternatives', 'alternatives', true]);
    const v = analyzeDocument(parseDocument(ADR_DOC), { ...SET, force: true, path: 'docs/adr/1.md' });
    assert.deepEqual(v.analysis!.match.missing, []);
    // Left out, it counts towards neither number; written, it counts.
    assert.deepEqual([completeness(v.analysis!).total, completeness(v.analysis!).written], [3, 3]);
    const withAlt = analyzeDocument(parseDocument(ADR_DOC + '\n## Alternatives\n\nMySQL.\n'), { ...SET, path: 'docs/adr/1.md' });
    assert.equal(withAlt.analysis!.match.primary.has(alt), true);
    assert.equal(completeness(withAlt.analysis!).total, 4);
  });

  it('optional subsections are never missing either', () => {
    const t = buildTemplate('# T\n\n## Plan\n\n### Steps\n\n### Risks (Optional)\n');
    const v = analyzeDocument(parseDocument('# x\n\n## Plan\n\n### Steps\n\nOne.\n'), { template: t, force: true });
    assert.deepEqual(v.findings.filter((f) => f.code === 'missing-subsection'), []);
  });

  it('an aliases comment under a heading lists other accepted names, and stays out of scaffolds', () => {
    const c = adr.sections[2];
    assert.deepEqual([c.aliases, c.aliasKeys], [['Results', 'Outcome'], ['results', 'outcome']]);
    assert.equal(c.body, '[What follows from it.]');
    const v = checkText(ADR_DOC.replace('## Consequences', '## Results'), { ...SET, path: 'docs/adr/1.md' });
    assert.deepEqual(v.findings.filter((f) => ['missing-section', 'misnamed-section'].includes(f.code)), []);
  });
});

describe('template problems', () => {
  it('a template without `##` is unusable, reported at its start', () => {
    assert.deepEqual(templateProblems('# Just a title\n\nText.\n'), [
      { severity: 'error', message: 'has no `##` sections, so there is nothing to check documents against', range: r(0, 0, 0, 0) },
    ]);
  });

  it('a name twice, and an alias that names another section, are reported on the heading', () => {
    const text = '# T\n\n## Scope\n\n## Risks\n<!-- aliases: Scope -->\n\n## Scope\n\n## Plan\n\n### Steps\n\n### Steps\n';
    assert.deepEqual(templateProblems(text).map((p) => [p.severity, p.message, p.range]), [
      ['error', 'names the section "Scope" twice', r(7, 0, 7, 8)],
      ['error', 'the alias "Scope" of "Risks" is also a name of "Scope"', r(4, 0, 4, 8)],
      ['error', 'names the subsection of "Plan" "Steps" twice', r(13, 0, 13, 9)],
    ]);
  });

  it('unknown markup is a warning at the comment; the template is still usable', () => {
    const text = '# T\n\n## Scope\n<!-- alias: Range -->\n\n## Plan\n<!-- A plain comment is guidance, not markup. -->\n';
    assert.deepEqual(templateProblems(text), [
      { severity: 'warning', message: 'unknown template markup "alias:" (known: aliases); it is ignored', range: r(3, 0, 3, 21) },
    ]);
    assert.equal(buildTemplate(text).sections.length, 2);
  });

  it('buildTemplate throws the first error with its range', () => {
    assert.throws(() => buildTemplate('# T\n\n## A\n\n## A\n', 'adr.md'), (e: unknown) =>
      e instanceof TemplateError && e.message === 'Template adr.md: names the section "A" twice' && e.range?.start.line === 4);
  });

  it('the built-in template has no problems', () => {
    assert.deepEqual(templateProblems(template.source), []);
  });
});

describe('templates in the config', () => {
  it('reads named templates in declaration order', () => {
    const { config, problems } = parseConfig(JSON.stringify({ templates: { adr: { path: 'templates/adr.md', globs: ['docs/adr/**/*.md'] }, postmortem: { path: 'pm.md' } } }));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.templates, [
      { name: 'adr', path: 'templates/adr.md', globs: ['docs/adr/**/*.md'] },
      { name: 'postmortem', path: 'pm.md', globs: [] },
    ]);
  });

  it('reports bad entries where they are and keeps the good ones', () => {
    const text = '{"templates": {"deep-dive": {"path": "x.md"}, "a b": {"path": "y.md"}, "adr": {"globs": ["a"]}, "pm": {"path": "pm.md", "glob": []}}}';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(problems.map((p) => [p.message, p.offset]), [
      ['.deepdive.json: template "deep-dive": "deep-dive" is the built-in template\'s name; set its file with "template" and its globs with "globs"', text.indexOf('"deep-dive"')],
      ['.deepdive.json: template "a b": a name is letters, digits, "-", "_" or "." (it is written in front matter as `template: NAME`)', text.indexOf('"a b"')],
      ['.deepdive.json: template "adr": "path" must be the path of a template markdown file', text.indexOf('"adr"')],
      ['.deepdive.json: template "pm": unknown key "glob" (known: path, globs)', text.indexOf('"pm"')],
    ]);
    assert.deepEqual(config.templates, [{ name: 'pm', path: 'pm.md', globs: [] }]);
  });

  it('the settings read the same shape through the same validator', () => {
    const problems: string[] = [];
    assert.deepEqual(readTemplates({ adr: { path: 'adr.md', globs: ['[bad'] } }, 'Setting deepDive.templates', (_k, m) => problems.push(m)), [{ name: 'adr', path: 'adr.md', globs: [] }]);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^template "adr": invalid glob/);
    readTemplates([], 'Setting deepDive.templates', (_k, m) => problems.push(m));
    assert.equal(problems[1], 'Setting deepDive.templates must be an object of template name to {"path": FILE, "globs": [GLOB, ...]}');
  });
});
