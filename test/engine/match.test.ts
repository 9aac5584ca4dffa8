// Heading matching: what counts as the template's heading on real documents.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildTemplate } from '../../server/src/engine';
import { analyze } from '../../server/src/engine/analyze';
import { parseDocument } from '../../server/src/engine/document';
import fc from 'fast-check';
import { compareKeys, headingKey, isNearMiss, normalizedKey } from '../../server/src/engine/match-text';
import { editDistance } from '../../server/src/engine/match-text';
import { completeDoc, findings, run } from './helpers';

describe('headingKey', () => {
  test('case, `&`, punctuation and spacing fold away', () => {
    assert.equal(headingKey('Failure Modes & Blast Radius'), 'failure modes and blast radius');
    assert.equal(headingKey('FAILURE MODES AND BLAST-RADIUS'), 'failure modes and blast radius');
    assert.equal(headingKey('  Identity &  Authentication: '), 'identity and authentication');
    assert.equal(headingKey('When NOT to Use?'), 'when not to use');
    assert.equal(headingKey('High-Level Architecture'), 'high level architecture');
  });
  test('letters of any script stay; emoji go', () => {
    assert.equal(headingKey('🚀 Mental Model'), 'mental model');
    assert.equal(headingKey('設計 Décisions'), '設計 décisions');
  });
  test('a leading section number goes', () => {
    assert.equal(headingKey('1. Mental Model'), 'mental model');
    assert.equal(headingKey('2.3) Logs'), 'logs');
    assert.equal(headingKey('IV. Tradeoffs'), 'tradeoffs');
    assert.equal(headingKey('10× Normal Load'), '10 normal load', 'a quantity, not a section number');
    assert.equal(headingKey('2024'), '2024');
  });
  test('a title of plain words takes the short way to the same key', () => {
    const piece = fc.constantFrom('a', 'B', 'z', 'Q', '0', '9', ' ', ' ', '  ', '\t', '.', ')', ':', 'i', 'v', 'X', 'c', '&', '-', '\u00e9', '\u00a0');
    const title = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));
    let plain = 0;
    fc.assert(fc.property(title, (t) => {
      if (/^[A-Za-z][A-Za-z\d]*(?: [A-Za-z\d]+)*$/.test(t)) plain++;
      assert.equal(headingKey(t), normalizedKey(t), JSON.stringify(t));
    }), { numRuns: 3000 });
    assert.ok(plain > 100, `only ${plain} plain titles`);
    for (const t of ['Heading 12 Mental Model', 'iv Tradeoffs', 'IV Tradeoffs', 'x1 2y', 'ABC']) assert.equal(headingKey(t), normalizedKey(t), t);
  });
});

describe('compareKeys and near misses', () => {
  test('exact, extra words after the template\'s, and a shortened multi-word heading', () => {
    assert.equal(compareKeys('what we gain', 'what we gain'), 'exact');
    assert.equal(compareKeys(headingKey('What We Gain with Idempotency'), 'what we gain'), 'prefix');
    assert.equal(compareKeys('metrics', 'metrics to track'), 'prefix');
    assert.equal(compareKeys('what we gained', 'what we gain'), null);
    assert.equal(compareKeys('gain', 'what we gain'), null);
    assert.equal(compareKeys('log', 'logs'), null);
    assert.equal(compareKeys('', 'logs'), null);
  });
  test('near misses within a typo budget', () => {
    assert.ok(isNearMiss('obervability contract', 'observability contract'));
    assert.ok(isNearMiss('failure modes and blast radus', 'failure modes and blast radius'));
    assert.ok(isNearMiss('exercise', 'exercises'));
    assert.ok(isNearMiss('tradeofs', 'tradeoffs'));
    assert.ok(!isNearMiss('log', 'logs'), 'short words have no budget');
    assert.ok(!isNearMiss('cash', 'cost'));
    assert.ok(!isNearMiss('change safety net', 'change safety'.slice(0, 5)));
    assert.ok(!isNearMiss('what we lose', 'what we gain'));
    assert.ok(!isNearMiss('security questions', 'scale questions'));
  });
});

describe('matching a document to the template', () => {
  test('variant spellings of every section still match: no missing, misnamed or unknown', () => {
    const text = completeDoc()
      .replace('## Mental Model', '## 1. MENTAL MODEL')
      .replace('## Internals & Architecture', '## Internals and Architecture')
      .replace('## Failure Modes & Blast Radius', '## Failure Modes and Blast-Radius')
      .replace('## Observability Contract', '## Observability Contract (SLOs)')
      .replace('## Change Safety', '## 🚦 Change Safety')
      .replace('### What We Gain', '### What We Gain with Idempotency')
      .replace('### Metrics to Track', '### Metrics')
      .replace('### When to Use', '### When to Use Backpressure')
      .replace('## Security Boundaries', '## **Security** `Boundaries`');
    assert.deepEqual(run(text).findings, []);
    const m = run(text).match;
    assert.equal(m.primary.get(m.assignments[0].template)?.kind, 'exact');
    assert.ok(m.assignments.some((a) => a.kind === 'prefix' && a.template.title === 'What We Gain'));
  });
  test('a near miss is the template section misnamed, not missing plus unknown', () => {
    const text = completeDoc().replace('## Observability Contract', '## Obervability Contract').replace('## Exercises', '## Exercise');
    assert.deepEqual(findings(text).map((f) => [f.code, f.data?.expected]), [
      ['misnamed-section', 'Observability Contract'],
      ['misnamed-section', 'Exercises'],
    ]);
  });
  test('a near miss goes to the closest template heading, not the first within budget', () => {
    const t = buildTemplate('## Cost Modes\n\nx\n\n## Cost Model\n\ny\n', 'costs.md');
    const a = analyze(parseDocument('# T\n\n## Cost Modell\n\nz\n'), t);
    assert.deepEqual(a.findings.filter((f) => f.code === 'misnamed-section').map((f) => f.data?.expected), ['Cost Model']);
  });
  test('headings that are no template heading are left alone', () => {
    const text = completeDoc() + '\n## Appendix\n\nMore.\n\n## Glossary\n\nWords.\n';
    assert.deepEqual(run(text).findings, []);
  });
  test('own subsection names are not subsections of the template', () => {
    const text = '# T\n\n## Tradeoffs\n\n### Canary vs Blue-Green\n\nx\n';
    assert.deepEqual(findings(text, 'missing-subsection')[0].data?.subsections, ['What We Gain', 'What We Lose', 'When to Use', 'When NOT to Use', 'Alternatives']);
  });
});

test('editDistance is the Levenshtein distance within its bound, and above the bound beyond it', () => {
  const naive = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length];
  };
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const word = () => Array.from({ length: rand(90) }, () => 'abc '[rand(4)]).join('');
  for (let n = 0; n < 3000; n++) {
    const [a, b, max] = [word(), word(), rand(5)];
    const d = naive(a, b);
    const e = editDistance(a, b, max);
    assert.ok(d <= max ? e === d : e > max, `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}: ${e} vs ${d}`);
  }
  // Near one another (a few edits apart), where the band around the diagonal decides.
  for (let n = 0; n < 3000; n++) {
    const a = word();
    let b = a;
    for (let k = rand(6); k > 0; k--) {
      const at = rand(b.length + 1);
      b = [b.slice(0, at) + 'abc '[rand(4)] + b.slice(at), b.slice(0, at) + b.slice(at + 1), b.slice(0, at) + 'abc '[rand(4)] + b.slice(at + 1)][rand(3)];
    }
    const max = rand(5);
    const d = naive(a, b);
    const e = editDistance(a, b, max);
    assert.ok(d <= max ? e === d : e > max, `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}: ${e} vs ${d}`);
  }
  // Longer than the reused rows at first.
  assert.equal(editDistance('x'.repeat(200), 'x'.repeat(199) + 'y', 3), 1);
});
