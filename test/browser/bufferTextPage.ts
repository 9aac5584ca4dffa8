// Bundled for the page of bufferText.test.ts (run in Chromium): the same edits on a
// BufferText with the portable codec and on a string, every version compared.
import { BufferText } from '../../server/src/node/bufferText';
import { portableCodec } from '../../server/src/node/textCodec';

/** Runs in the page: the edits on a BufferText and on a string, every version compared; the differences found. */
export function compareInPage(start: number[], steps: [number, number, number[], boolean][]): { checks: number; wide: boolean; differences: string[] } {
  const str = (codes: number[]) => codes.map((c) => String.fromCharCode(c)).join('');
  const differences: string[] = [];
  let checks = 0;
  const same = (what: string, got: unknown, want: unknown) => {
    checks++;
    const shown = (x: unknown) => JSON.stringify(x).slice(0, 120);
    if (!Object.is(got, want) && differences.length < 10) differences.push(`${what}: ${shown(got)} instead of ${shown(want)}`);
  };
  const needles = ['\n\n', 'a', 'ba', 'é\u00a0', '\u0085', '\ufeff', '\ufffd', '\ud83d', '\ude00', '深', 'zzz'];
  let text = str(start);
  const b = new BufferText(text, portableCodec());
  const versions = [{ view: b.snapshot(), text }];
  for (const [from, to, inserted, read] of steps) {
    b.replace(from, to, str(inserted));
    text = text.slice(0, from) + str(inserted) + text.slice(to);
    versions.push({ view: b.snapshot(), text });
    // Some versions read while current, the rest only after later edits.
    if (read) versions[versions.length - 1].view.slice(0, 40);
  }
  for (const [i, { view, text: was }] of versions.entries()) {
    same(`length of version ${i}`, view.length, was.length);
    for (let k = 0; k < 12; k++) {
      const a = Math.floor((k * was.length) / 12);
      const e = Math.min(was.length, a + [1, 31, 32, 200, 3000][k % 5]);
      same(`slice(${a}, ${e}) of version ${i}`, view.slice(a, e), was.slice(a, e));
      same(`charCodeAt(${a}) of version ${i}`, view.charCodeAt(a), was.charCodeAt(a));
      for (const n of needles) {
        const at = was.slice(a, e).indexOf(n);
        same(`find(${JSON.stringify(n)}, ${a}, ${e}) in version ${i}`, view.find(n, a, e), at < 0 ? -1 : a + at);
      }
    }
  }
  for (const [i, { view, text: was }] of versions.entries()) same(`whole version ${i}`, view.whole(), was);
  same('the buffer as it is', b.text(), text);
  return { checks, wide: !/^[\0-\u007f\u00a0-\u00ff]*$/.test(text), differences };
}
