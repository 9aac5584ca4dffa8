// Property: whatever edits arrive through incremental didChange, the diagnostics
// the server shows and the outline it returns equal a from-scratch analysis of
// the final text (the pure engine in this process after every edit; every few
// edits also the same text opened as a new document in the same server, and the
// engine parsing the text whole instead of in chunks), and every range lies
// inside the document. Seeded; see docs/reliability.md.
import fc from 'fast-check';
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { completeDoc, TEMPLATE, withoutSection } from '../protocol/fixtures';
import type { TestClient } from '../protocol/lspClient';
import { applyAll, editArb, toNotifications, type Edit } from './edits';
import { analysed, HANG_GUARD_MS, normalise, rangeProblems, reference, seedFor, SOAK, startServer, symbols } from './harness';

const RUNS = SOAK ? 200 : 14;
const EDITS = SOAK ? { minLength: 50, maxLength: 300 } : { minLength: 30, maxLength: 90 };
/** Compare with a fresh document in the server after every this many edits (and after the last). */
const FRESH_EVERY = 4;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
/** Long sections: chunks are also cut between paragraphs (soft cuts above 4 KB), so edits move those cuts. */
const longSections = () => completeDoc().replace(/\n## (Mental Model|Tradeoffs)\n/g, (m) => `${m}\n${Array.from({ length: 80 }, (_, i) => `Paragraph ${i} on leases and [fencing](https://example.com/${i}) tokens, *quorum* and \`epochs\`.\n\n- item ${i}\n  continued\n`).join('\n')}\n`);
const STARTS = [
  longSections(),
  completeDoc(),
  TEMPLATE,
  withoutSection(withoutSection(completeDoc(), 'Tradeoffs'), 'Mental Model'),
  crlf(completeDoc()),
  completeDoc().replace(/\n/g, '\r'),
  '',
  '# Notes\n\nJust notes.\n',
];

const startArb = fc.record({
  text: fc.constantFrom(...STARTS.keys()).map((i) => STARTS[i]),
  // In deep-dives/ the glob makes every version a deep dive; elsewhere auto-detection decides, so edits flip it.
  folder: fc.constantFrom('deep-dives', 'notes'),
});

describe('incremental sync equals a fresh analysis', () => {
  let c: TestClient;
  // A parse deadline far beyond anything these documents need: a chunk degraded by a slow machine is not a sync bug.
  // Texts from 2,000 characters on are kept in the Node host's buffer, as large documents are: the starts
  // above and below it, and edits that grow a text past it.
  before(async () => (c = await startServer({ env: { DEEP_DIVE_PARSE_DEADLINE_MS: '120000', DEEP_DIVE_BUFFERED_TEXT_MIN: '2000' } })));
  after(() => c.stop());

  test('random edit sequences: diagnostics and documentSymbol equal the engine on the final text, ranges inside', async () => {
    const seed = seedFor('incremental');
    let runs = 0;
    let versions = 0;
    let freshChecks = 0;

    const check = async (uri: string, text: string, version: number, fresh: boolean, history: string) => {
      const shown = await analysed(c, uri, version);
      const syms = await symbols(c, uri);
      const where = `${history}\ntext: ${JSON.stringify(text.length > 3000 ? text.slice(0, 3000) + '…' : text)}`;
      const problems = rangeProblems(text, shown, syms);
      assert.deepEqual(problems, [], `ranges outside the document after ${where}`);
      const ref = reference(text, uri);
      assert.deepEqual(normalise(shown, uri), normalise(ref.diagnostics, uri), `diagnostics differ from the engine's after ${where}`);
      assert.deepEqual(normalise(syms, uri), normalise(ref.symbols, uri), `documentSymbol differs from the engine's after ${where}`);
      if (!fresh) return;
      freshChecks++;
      if (freshChecks % 2 === 0 || SOAK) {
        // Parsing whole costs a full remark run per check: every other fresh check in CI.
        const whole = reference(text, uri, { whole: true });
        assert.deepEqual(normalise(ref, uri), normalise(whole, uri), `chunked analysis differs from a whole-document parse after ${where}`);
      }
      const freshUri = uri.replace(/\.md$/, `-fresh${freshChecks}.md`); // never reused: a reused uri would see its old status
      c.open(freshUri, text);
      const freshShown = await analysed(c, freshUri, 1);
      const freshSyms = await symbols(c, freshUri);
      c.close(freshUri);
      assert.deepEqual(normalise(shown, uri), normalise(freshShown, freshUri), `diagnostics differ from a fresh open after ${where}`);
      assert.deepEqual(syms, freshSyms, `documentSymbol differs from a fresh open after ${where}`);
    };

    const details = await fc.check(
      fc.asyncProperty(startArb, fc.array(editArb, EDITS), async (start, edits: Edit[]) => {
        const uri = `file:///ws/${start.folder}/run-${++runs}.md`;
        let text = start.text;
        let version = 1;
        c.open(uri, text, version);
        await analysed(c, uri, version);
        for (let i = 0; i < edits.length; i++) {
          for (const changes of toNotifications(text, edits[i])) {
            c.change(uri, ++version, changes);
            text = applyAll(text, changes);
            versions++;
          }
          await check(uri, text, version, i % FRESH_EVERY === FRESH_EVERY - 1 || i === edits.length - 1, `edit ${i} (${JSON.stringify(edits[i])}) of run ${runs} at v${version}`);
        }
        c.close(uri);
      }),
      { seed, numRuns: RUNS, endOnFailure: process.env.DEEP_DIVE_SHRINK !== '1', timeout: HANG_GUARD_MS * 4, path: process.env.DEEP_DIVE_PATH || undefined },
    );
    // fast-check keeps the failing assertion as the `cause` of its error, which the test reporter does not print.
    if (details.failed) {
      const replay = `DEEP_DIVE_SEED=${details.seed} DEEP_DIVE_PATH=${details.counterexamplePath}${SOAK ? ' DEEP_DIVE_SOAK=1' : ''}`;
      throw new Error(`${(details.errorInstance as Error | undefined)?.message ?? 'property failed'}\nreplay just this case: ${replay} node --import tsx --test test/robustness/incremental.test.ts\ncounterexample: ${fc.stringify(details.counterexample).slice(0, 20_000)}`);
    }
    console.log(`# incremental: ${runs} documents, ${versions} versions sent, ${freshChecks} fresh-open comparisons`);
    if (!process.env.DEEP_DIVE_PATH) assert.ok(versions >= (SOAK ? 10_000 : 1000), `only ${versions} versions were exercised`);
  });
});
