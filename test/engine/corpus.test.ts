// The engine over every real deep dive of the shared corpus: what each
// document really lacks (read from the documents: most authors keep the
// template's `##` sections but name their own `###` subsections, and eleven
// leave out Security Boundaries), and nothing else: no placeholders (the
// corpus has hundreds of `[brackets]`, all in code, diagrams or links), no
// empty sections, nothing out of order, duplicated, mis-levelled or misnamed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { detectDeepDive } from '../../server/src/engine/detect';
import { parseDocument } from '../../server/src/engine/document';
import { completeness } from '../../server/src/engine/features/completeness';
import { corpusDocs, sharedCorpus } from '../shared';
import { run, template } from './helpers';

const S = {
  MM: 'Mental Model', IA: 'Internals & Architecture', FM: 'Failure Modes & Blast Radius', OC: 'Observability Contract',
  CS: 'Change Safety', SB: 'Security Boundaries', TR: 'Tradeoffs', OP: 'Operational Considerations',
  WS: 'What Staff Engineers Ask in Reviews', FR: 'Further Reading', EX: 'Exercises',
} as const;
type Abbr = keyof typeof S;
/** Every `###` subsection of the template's section. */
const ALL = '*';

/** Per document: the template `##` sections it lacks, and the template `###` subsections each present section lacks. */
const EXPECTED: Record<string, { missing: Abbr[]; subsections: Partial<Record<Abbr, string[] | typeof ALL>> }> = {
  'alloydb-postgresql-compatible-database.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'bigquery-architecture.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'bigtable-design-tradeoffs.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'canary-deployments-rollouts.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'capacity-planning-forecasting.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'circuit-breaker-pattern.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'cloud-kms-secret-management.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ALL, TR: ALL, OP: ['Cost'], WS: ['Scale Questions'] } },
  'cloud-storage-deep-dive.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'] } },
  'concurrency-primitives.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'consensus-leases.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'gke-control-plane-data-plane.md': { missing: [], subsections: { IA: ALL, FM: ALL, CS: ALL, SB: ALL, TR: ALL, OP: ['Cost'] } },
  'iam-evaluation-model.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ['Rollout Strategy', 'Rollback Plan', 'Feature Flags'], SB: ALL, TR: ALL, OP: ['Cost'], WS: ['Scale Questions'] } },
  'idempotency-patterns.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'idempotency-retry-semantics.md': { missing: [], subsections: { IA: ALL, FM: ALL, CS: ['Rollout Strategy', 'Rollback Plan', 'Feature Flags'], SB: ALL, TR: ['When NOT to Use'], OP: ['Cost'], WS: ['Security Questions'] } },
  'incident-response-postmortems.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, SB: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'load-shedding-circuit-breakers.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'overload-backpressure.md': { missing: [], subsections: { IA: ALL, FM: ['Failure Domains', 'Common Failure Scenarios', 'Overload Behavior'], CS: ['Rollout Strategy', 'Rollback Plan', 'Feature Flags'], SB: ALL, TR: ['When NOT to Use'], OP: ['Cost'], WS: ['Security Questions'] } },
  'pub-sub-delivery-guarantees.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'queueing-theory-tail-latency.md': { missing: [], subsections: { IA: ALL, FM: ['Failure Domains', 'Common Failure Scenarios', 'Overload Behavior'], CS: ['Rollout Strategy', 'Rollback Plan', 'Feature Flags'], SB: ALL, TR: ['When to Use', 'When NOT to Use'], OP: ['Cost'], WS: ['Security Questions'] } },
  'queues-streams.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'rate-limiter-implementations.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ALL, TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'replication-strategies.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'sharding-partitioning.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'slis-slos-error-budgets.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces', 'Alerts'], CS: ['Rollout Strategy', 'Rollback Plan', 'Feature Flags'], SB: ALL, TR: ['When NOT to Use'], OP: ['Cost'], WS: ['Security Questions'] } },
  'spanner-consistency-performance.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ['Identity & Authentication', 'Authorization', 'Attack Surfaces'], TR: ALL, OP: ['Cost'], WS: ['Security Questions'] } },
  'testing-for-failure.md': { missing: ['SB'], subsections: { IA: ALL, FM: ALL, OC: ['Logs', 'Traces'], CS: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'time-ordering-and-causality.md': { missing: [], subsections: { IA: ALL, FM: ALL, OC: ['Traces'], CS: ALL, SB: ALL, TR: ALL, OP: ALL, WS: ALL } },
  'vpc-load-balancing-dns.md': { missing: [], subsections: { IA: ALL, FM: ALL, CS: ALL, SB: ALL, TR: ALL, OP: ['Cost'] } },
};

/**
 * Every incomplete-item finding on the corpus, by document: the template item, the labels it
 * lacks, and why that is true. All are the metrics list: no document leaves a failure scenario
 * without its Impact, Detection or Recovery, and none writes the overload levels as labelled lines.
 */
const INCOMPLETE: Record<string, { item: string; missing: string[]; why: string }[]> = {
  'canary-deployments-rollouts.md': [{ item: 'Metrics to Track', missing: ['Throughput', 'Resource usage'],
    why: 'its metrics are error rate, latency, SLO compliance and rollback rate per phase: no request volume and no CPU, memory or IOPS' }],
  'cloud-storage-deep-dive.md': [{ item: 'Metrics to Track', missing: ['Resource usage'],
    why: 'storage, lifecycle and performance metrics (object count, request rate, throughput, latency): nothing on CPU, memory or IOPS' }],
  'overload-backpressure.md': [{ item: 'Metrics to Track', missing: ['Throughput'],
    why: 'load, latency, error and resource metrics, with **Request rate** under Load Metrics but no line labelled as throughput (QPS, bandwidth)' }],
  'slis-slos-error-budgets.md': [{ item: 'Metrics to Track', missing: ['Resource usage'],
    why: 'SLI, SLO-compliance and alerting metrics: nothing on CPU, memory or IOPS' }],
  'vpc-load-balancing-dns.md': [{ item: 'Metrics to Track', missing: ['Resource usage'],
    why: 'VPC, load balancer and DNS metrics (latency, bandwidth, error rate): nothing on CPU, memory or IOPS' }],
};

const corpus = sharedCorpus();
const docs = new Map(corpusDocs(corpus).map((d) => [d.name, d.text]));
const files = [...docs.keys()];
const read = (f: string) => docs.get(f)!;

describe('the real corpus', { skip: corpus.skip }, () => {
  test('the table covers exactly the corpus (28 documents)', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
    assert.equal(files.length, 28);
    assert.equal(Object.values(EXPECTED).filter((e) => e.missing.includes('SB')).length, 11);
  });

  for (const f of files) {
    test(f, () => {
      const text = read(f);
      const a = run(text);
      const byCode = (code: string) => a.findings.filter((x) => x.code === code);
      const want = EXPECTED[f];

      // Only missing sections and subsections, and the incomplete items listed above, are reported:
      // no section holds the template's guidance, every Mental Model has its diagram.
      const expectedCodes = ['missing-section', 'missing-subsection', 'incomplete-item'];
      assert.deepEqual([...new Set(a.findings.map((x) => x.code))].filter((c) => !expectedCodes.includes(c)), []);
      assert.deepEqual(byCode('incomplete-item').map((x) => ({ item: x.data?.item, missing: x.data?.missing })),
        (INCOMPLETE[f] ?? []).map(({ item, missing }) => ({ item, missing })));
      // Every template section present is written (content, no placeholder, no guidance).
      const c = completeness(a);
      assert.deepEqual([c.written, c.scaffolded, c.missing], [11 - want.missing.length, 0, want.missing.length]);

      assert.deepEqual(byCode('missing-section').map((x) => x.data?.section), want.missing.map((m) => S[m]));
      const subs = Object.fromEntries(byCode('missing-subsection').map((x) => [x.data?.section, x.data?.subsections]));
      const wantSubs = Object.fromEntries(Object.entries(want.subsections).map(([k, v]) => {
        const title = S[k as Abbr];
        return [title, v === ALL ? template.sections.find((t) => t.title === title)!.children.map((c) => c.title) : v];
      }));
      assert.deepEqual(subs, wantSubs);

      // The missing Security Boundaries belongs before Tradeoffs, after Change Safety: marked
      // on the blank line above Tradeoffs (zero width), pointing at Change Safety.
      for (const m of byCode('missing-section')) {
        const lines = text.split('\n');
        const tradeoffs = lines.indexOf('## Tradeoffs');
        assert.equal(lines[tradeoffs - 1], '');
        assert.deepEqual(m.range, { start: { line: tradeoffs - 1, character: 0 }, end: { line: tradeoffs - 1, character: 0 } });
        assert.match(m.message, /belongs after 'Change Safety'/);
        assert.equal(m.related?.[0].range.start.line, lines.indexOf('## Change Safety'));
      }

      // An H1 title on line 0, both fields filled in, and a deep dive by its headings.
      assert.equal(a.match.title?.depth, 1);
      assert.equal(a.match.title?.range.start.line, 0);
      assert.deepEqual(a.doc.fields.slice(0, 2).map((x) => [x.label, x.value !== '']), [['One-line summary', true], ['Prerequisites', true]]);
      assert.equal(detectDeepDive(a.doc, template), 'sections');
      // Every template section present is matched by name, at its level.
      assert.ok(a.match.assignments.every((x) => x.kind !== 'near' && x.levelOk && !x.duplicate && !x.order));
    });
  }

  test('the corpus has brackets aplenty, none of them in prose', () => {
    let raw = 0;
    for (const f of files) {
      const text = read(f);
      raw += (text.match(/\[[^\]\n]+\]/g) ?? []).length;
      assert.deepEqual(parseDocument(text).brackets, [], f);
    }
    assert.ok(raw > 300, String(raw));
  });
});
