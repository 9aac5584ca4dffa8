// The buffer a large open document is kept in (server/src/node/bufferText.ts) with the
// browser host's codec (server/src/node/textCodec.ts: typed arrays and TextDecoder), run
// in headless Chromium, whose decoders are the ones the browser server gets: every
// version of a text edited at random reads as the same edits on a string, by character,
// stretch, search and whole, through one byte a code unit and then two.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { seedFor } from '../robustness/harness';
import { sharedBrowserKit } from '../shared';
import type * as Page from './bufferTextPage';
// @ts-expect-error -- a plain ES module of the test kit, without types
import { chromiumPath, missingBrowserKit, playwrightCorePath } from './browser-kit.mjs';

const { skip } = sharedBrowserKit((missingBrowserKit as () => string | null)());

/** What this test uses of playwright-core (the test kit's, without types here). */
interface Chromium {
  launch(o: { executablePath: string; headless: boolean; args: string[] }): Promise<{
    newPage(): Promise<{ addScriptTag(o: { content: string }): Promise<unknown>; evaluate<R, A>(f: (a: A) => R, a: A): Promise<R> }>;
    close(): Promise<void>;
  }>;
}

/** A seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('BufferText with the portable codec, in Chromium', { skip }, () => {
  test('every version reads as the same edits on a string: one byte a code unit, then two (C1 controls, byte-order marks, lone surrogates, U+FFFD)', async () => {
    const { chromium } = createRequire(__filename)((playwrightCorePath as () => string)()) as { chromium: Chromium };
    const browser = await chromium.launch({ executablePath: (chromiumPath as () => string)(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const entry = path.join(__dirname, 'bufferTextPage.ts');
      const built = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', globalName: 'bufferTextPage', logLevel: 'silent' });
      const page = await browser.newPage();
      await page.addScriptTag({ content: built.outputFiles[0].text });
      const next = random(seedFor('buffer text in Chromium'));
      const pick = (s: string) => s.charCodeAt(Math.floor(next() * s.length));
      // One byte a code unit for the first steps, then anything (all as code units: lone surrogates survive the trip).
      const ONE_BYTE = 'ab \n\ré\u00a0ÿ';
      const ANY = `${ONE_BYTE}\u0085\ufeff\ufffd\ud83d\ude00深`;
      for (let run = 0; run < 20; run++) {
        const start = Array.from({ length: 3000 + Math.floor(next() * 2000) }, () => pick(ONE_BYTE));
        let length = start.length;
        const steps: [number, number, number[], boolean][] = [];
        for (let i = 0; i < 30; i++) {
          const at = Math.floor(next() * (length + 1));
          const to = Math.min(length, at + Math.floor(next() * (i % 7 === 0 ? 400 : 8)));
          const inserted = Array.from({ length: Math.floor(next() * (i % 5 === 0 ? 300 : 6)) }, () => pick(i < 10 || run % 4 === 0 ? ONE_BYTE : ANY));
          steps.push([at, to, inserted, next() < 0.5]);
          length += inserted.length - (to - at);
        }
        const r = await page.evaluate((args) => (globalThis as unknown as { bufferTextPage: typeof Page }).bufferTextPage.compareInPage(...args), [start, steps] as Parameters<typeof Page.compareInPage>);
        assert.deepEqual(r.differences, [], `run ${run}`);
        assert.ok(r.checks > 1000);
        if (run % 4 === 0) assert.equal(r.wide, false, `run ${run} stays one byte a code unit`);
      }
    } finally {
      await browser.close();
    }
  });
});
