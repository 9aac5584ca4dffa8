// unfilled-guidance: sections still holding the template's guidance, found
// however the text is re-wrapped or re-marked, and not found where the author
// wrote their own text around one kept example.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { newDocument } from '../../server/src/engine';
import { findings, r, run, template } from './helpers';

const doc = (...lines: string[]) => lines.join('\n') + '\n';
const TOP = ['# Ledger', '', '**One-line summary**: A ledger.', '', '**Prerequisites**: None.', ''];

describe('unfilled-guidance', () => {
  test('a new document from the template: every section whose guidance is prose, once, on its heading', () => {
    const text = newDocument(template, 'Ledger');
    const f = findings(text, 'unfilled-guidance');
    const lines = text.split('\n');
    assert.deepEqual(f.map((x) => [x.data?.section, x.severity, x.range]), [
      'Mental Model', 'Internals & Architecture', 'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety',
      'Security Boundaries', 'Operational Considerations', 'What Staff Engineers Ask in Reviews',
    ].map((t) => {
      const line = lines.indexOf(`## ${t}`);
      return [t, 'warning', r(line, 0, line, t.length + 3)];
    }));
    assert.equal(f[0].message, "Section 'Mental Model' still holds the template's guidance: answer it with the document's own text.");
  });

  test('re-wrapping, list markers, emphasis, case and punctuation do not hide it; a subsection is information', () => {
    const text = doc(...TOP,
      '## Change Safety', '',
      '### Rollout Strategy',
      '- How to deploy', '  changes SAFELY', // wrapped, upper case, no question mark
      '* _Canary_ vs **blue-green** vs rolling?',
      "1. What's the rollout cadence?", '',
      '### Rollback Plan', '- Flip the flag back; the old code path stays for a release.', '',
    );
    const f = findings(text, 'unfilled-guidance');
    assert.deepEqual(f.map((x) => [x.range, x.severity, x.data?.section]), [[r(8, 0, 8, 20), 'information', 'Rollout Strategy']]);
    assert.equal(f[0].message, "Subsection 'Rollout Strategy' still holds the template's guidance: answer it with the document's own text.");
  });

  test('compatibility characters (full-width letters, ligatures, a no-break space) read as the letters they stand for; accents do not', () => {
    // NFKC: 'Ｈｏｗ' is 'How', 'ﬂ' is 'fl'. Plain ASCII sentences skip the normalisation; these must not.
    const wide = doc(...TOP, '## Change Safety', '', '### Rollout Strategy', '- Ｈｏｗ to deploy changes safely?', '', '### Feature Flags', '- What should be feature-ﬂagged?\u00a0', '');
    const plain = wide.replace('Ｈｏｗ', 'How').replace('ﬂ', 'fl').replace('\u00a0', ' ');
    const shown = (text: string) => findings(text, 'unfilled-guidance').map((x) => [x.range.start.line, x.data?.section]);
    assert.deepEqual(shown(plain), [[6, 'Change Safety']]);
    assert.deepEqual(shown(wide), shown(plain));
    // An accent is a letter of its own: that sentence is the author's, and only Feature Flags is left as guidance.
    assert.deepEqual(shown(plain.replace('How to deploy', 'Hów to deploy')), [[11, 'Feature Flags']]);
  });

  test('a section whose subsections are all guidance is reported once, as the section', () => {
    const text = doc(...TOP, '## Change Safety', '', '### Rollout Strategy', '- How to deploy changes safely?', '', '### Rollback Plan', '- How to roll back quickly?', '', '### Feature Flags', '');
    assert.deepEqual(findings(text, 'unfilled-guidance').map((x) => [x.range, x.severity]), [[r(6, 0, 6, 16), 'warning']]);
  });

  test('one example question kept among the author\'s own is not a finding; nor is a question modelled on the template\'s', () => {
    const text = doc(...TOP,
      '## What Staff Engineers Ask in Reviews', '',
      '### Scale Questions',
      '- "What happens at 10× load?"',
      '- "Which shard saturates first when one merchant runs a sale?"',
      '- "How long does a resharding take?"', '',
      '### Operational Questions',
      '- "How do we monitor overload?"',
      '- "How do we debug issues?"',
      '- "Who is paged when reconciliation lags?"', '',
    );
    assert.deepEqual(findings(text, 'unfilled-guidance'), []);
  });

  test('placeholders are left to the placeholder rule; empty sections to empty-section', () => {
    const text = doc(...TOP, '## Tradeoffs', '', '### What We Gain', '- [Benefit 1]', '- [Benefit 2]', '', '## Mental Model', '');
    const a = run(text);
    assert.deepEqual(a.findings.filter((x) => x.code === 'unfilled-guidance'), []);
    assert.deepEqual(a.findings.filter((x) => x.code === 'placeholder').length, 2);
  });

  test('off turns it off; a suppression comment hides one', () => {
    const text = doc(...TOP, '## Mental Model', '', '**How to think about this system/concept**', '', '- Core abstraction', '- Key invariants', '');
    assert.equal(findings(text, 'unfilled-guidance').length, 1);
    assert.deepEqual(run(text, { 'unfilled-guidance': 'off' }).findings.filter((x) => x.code === 'unfilled-guidance'), []);
    const hidden = text.replace('## Mental Model', '<!-- deep-dive-disable-next-line unfilled-guidance -->\n## Mental Model');
    assert.deepEqual(findings(hidden, 'unfilled-guidance'), []);
  });
});
