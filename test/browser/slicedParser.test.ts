// The browser server's parser (server/src/browser/slicedParser.ts): parses in its own thread
// one chunk per turn of the event loop, urgent work first, and keeps the parse deadline
// after the fact. The clock and the yield are injected, so nothing here depends on speed.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseChunk } from '../../server/src/engine/markdown';
import { scanChunk } from '../../server/src/engine';
import { SlicedParser } from '../../server/src/browser/slicedParser';
import { IN_THREAD_FAST, IN_THREAD_LIMIT } from '../../server/src/node/limits';

/** A parser whose clock advances by `step` ms per reading and whose yields are counted. */
function parser(opts: { deadlineMs?: number; step?: number } = {}) {
  const logs: string[] = [];
  let clock = 0;
  let reads = 0;
  let yields = 0;
  const p = new SlicedParser({
    deadlineMs: opts.deadlineMs ?? 1500,
    log: (m) => logs.push(m),
    now: () => {
      reads++;
      return (clock += opts.step ?? 0);
    },
    yieldToEvents: async () => {
      yields++;
      await new Promise((r) => setImmediate(r));
    },
  });
  return { p, logs, reads: () => reads, yields: () => yields };
}

const DOC = '## Mental Model\n\nSome *text* with a [link](x).\n';
/** A chunk of more than `n` characters in short lines (nothing the up-front shape check refuses). */
const large = (n: number) => `## Section\n\n${'Some words in a line.\n'.repeat(Math.ceil(n / 21) + 1)}`;

describe('SlicedParser', () => {
  test('a chunk within the deadline gets the parser\'s facts', async () => {
    const { p, logs } = parser({ step: 1 });
    assert.deepEqual(await p.parse(DOC), parseChunk(DOC));
    assert.deepEqual(logs, []);
  });

  test('a chunk whose parse ran past the deadline is read by the line scanner, said once, and never parsed again', async () => {
    const { p, logs, reads } = parser({ deadlineMs: 100, step: 101 });
    assert.deepEqual(await p.parse(DOC), scanChunk(DOC));
    assert.deepEqual(logs, [`Parsing a ${DOC.length}-character chunk took over 100 ms; using the line scanner for it.`]);
    const before = reads();
    assert.deepEqual(await p.parse(DOC, true), scanChunk(DOC));
    assert.equal(reads(), before, 'remembered: the clock is not even read');
    assert.equal(logs.length, 1);
  });

  test('shapes that stall the parser and chunks over the in-thread limit go to the scanner without a parse', async () => {
    const { p, logs, reads } = parser({ step: 1 });
    const long = `${'word '.repeat(2500)}\n`;
    assert.deepEqual(await p.parse(long), scanChunk(long));
    assert.deepEqual(logs, [`A ${long.length}-character chunk has a line of ${long.length - 1} characters; reading it with the line scanner.`]);
    const huge = large(IN_THREAD_LIMIT);
    assert.ok(huge.length > IN_THREAD_LIMIT);
    assert.deepEqual(await p.parse(huge, true), scanChunk(huge));
    assert.equal(reads(), 0);
  });

  test('a chunk over the in-thread limit is read alike at an open (background) and after an edit (urgent): by the scanner, degraded', async () => {
    const { p, reads } = parser({ step: 1 });
    // CRLF lines: not the plain lines the session reads without a parser (plainChunk.ts).
    const huge = large(IN_THREAD_LIMIT).replace(/\n/g, '\r\n');
    const opened = await p.parse(huge, true);
    assert.deepEqual(await p.parse(huge), opened);
    assert.deepEqual(opened, scanChunk(huge));
    assert.equal(opened.degraded, true);
    assert.equal(reads(), 0);
  });

  test('a keystroke\'s small chunk is parsed straight away; larger and background chunks wait for a turn of the event loop', async () => {
    const { p, yields } = parser();
    await p.parse(DOC);
    assert.equal(yields(), 0);
    const big = large(IN_THREAD_FAST);
    assert.ok(big.length > IN_THREAD_FAST);
    await p.parse(big);
    await p.parse(DOC, true);
    assert.equal(yields(), 2);
  });

  test('urgent chunks go ahead of background ones queued before them; unwanted ones are dropped unparsed', async () => {
    const { p, reads } = parser({ step: 1 });
    const order: string[] = [];
    const track = (name: string, work: Promise<unknown>) => work.then((r) => order.push(`${name}:${r === null ? 'dropped' : 'parsed'}`));
    const big = large(IN_THREAD_FAST);
    await Promise.all([
      track('background-1', p.parse(`${big}1`, true)),
      track('background-2', p.parse(`${big}2`, true, () => false)),
      track('urgent', p.parse(`${big}3`)),
    ]);
    assert.deepEqual(order, ['urgent:parsed', 'background-1:parsed', 'background-2:dropped']);
    assert.equal(reads(), 4, 'two parses timed, the dropped one never started');
  });

  test('templates are derived, and a broken one rejects with its name', async () => {
    const { p } = parser();
    const t = await p.buildTemplate('# T\n\n## Title: [Topic]\n\n## Alpha\n\n- Guidance\n', 'team.md');
    assert.ok(t.sections.some((s) => s.title === 'Alpha'));
    await assert.rejects(p.buildTemplate('no sections at all\n', 'broken.md'), /broken\.md/);
  });
});
