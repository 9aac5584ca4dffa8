// Where a keystroke's time goes, phase by phase, in one process: the steps the
// server takes between a didChange and its status notification, timed around
// each call (the session's update, its missing chunk, the in-thread parse,
// complete, the conversion and serialisation of diagnostics, the status), then
// the parts of `complete` replayed alone on the last version (chunk resolution,
// model, detection, matching, each rule). Not a test; medians over the keys.
// Without a memo the replay is what `complete` costs on open and in the CLI.
//
//   node --import tsx bench/phases.mjs [--size 30k] [--typed 200] [--no-replay]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildTemplate, createDocumentSession, DEFAULT_MAX_DOCUMENT_SIZE, parseChunk } from '../server/src/engine';
import { analyze } from '../server/src/engine/analyze';
import { detectDeepDive } from '../server/src/engine/detect';
import { parseDocument } from '../server/src/engine/document';
import { matchDocument } from '../server/src/engine/match';
import { rules } from '../server/src/engine/rules';
import { toDiagnostic } from '../server/src/lsp/convert';
import { OpenDocument } from '../server/src/lsp/openDocument';
import { bufferCodec } from '../server/src/node/bufferCodec';
import { bufferedTexts } from '../server/src/node/bufferText';
import { portableCodec } from '../server/src/node/textCodec';
import { SIZES, genDoc } from './gen-docs.mjs';
import { planEdits } from './lib/edits.mjs';

const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const size = opt('--size', '30k');
const typed = Number(opt('--typed', '200'));
const templatePath = fileURLToPath(new URL('../server/templates/deep-dive.md', import.meta.url));
// The server's default size limit: a text within a factor 3 of it has its UTF-8 size checked on every version.
const options = { template: buildTemplate(readFileSync(templatePath, 'utf8'), templatePath), rules: {}, force: true, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE };

const text = genDoc(SIZES[size] ?? Number(size));
const uri = 'file:///bench/deep-dives/phases.md';
// The server's store (the Node host's buffer from BUFFERED_TEXT_MIN on; --portable: with the browser host's codec), and the library's document it replaced, for comparison.
const store = argv.includes('--string') ? () => undefined : bufferedTexts(argv.includes('--portable') ? portableCodec() : bufferCodec);
const doc = new OpenDocument(uri, 'markdown', 1, text, store);
let libDoc = TextDocument.create(uri, 'markdown', 1, text);
const session = createDocumentSession(options);
const open = session.update(text, 1);
for (const t of open.missing()) session.provide(t, parseChunk(t));
open.complete();

const times = new Map();
/** The first keys warm the JIT up: they are typed but not counted. */
const WARM_UP = 20;
let counting = false;
const timed = (phase, f) => {
  const t = performance.now();
  const r = f();
  if (!counting) return r;
  const list = times.get(phase) ?? [];
  list.push(performance.now() - t);
  times.set(phase, list);
  return r;
};
const { typing } = planEdits(text, typed + WARM_UP);
let v = 1;
let parsedChars = 0;
for (const e of typing) {
  v++;
  counting = v > WARM_UP + 1;
  const t0 = performance.now();
  timed('OpenDocument.update (incremental change)', () => doc.update([{ range: e.range, text: e.text }], v));
  // As the server reads it: the text and what changed since the text read before (--no-known: the session compares the texts whole).
  const { text: cur, known } = timed('getText', () => doc.readWithEdit());
  const pending = timed('session.update (relayout, line index patch)', () => session.update(cur, v, argv.includes('--no-known') ? undefined : known));
  const missing = timed('missing() (resolve chunks)', () => pending.missing());
  timed('parseChunk (in-thread, the edited chunk)', () => { for (const t of missing) { parsedChars += t.length; session.provide(t, parseChunk(t)); } });
  timed('missing() again (resolve chunks)', () => pending.missing());
  const snap = timed('complete() (model, analysis)', () => pending.complete());
  const diags = timed('toDiagnostic (findings to LSP)', () => snap.findings.map((f) => toDiagnostic(f, uri)));
  timed('JSON.stringify diagnostics (unchanged check)', () => JSON.stringify(diags));
  timed('status()', () => snap.status());
  if (counting) times.set('(total)', [...(times.get('(total)') ?? []), performance.now() - t0]);
  // Not on the server's path: the library's TextDocument with the same change, then its text read as the session reads it.
  if (argv.includes('--library')) timed('  aside: TextDocument.update (the library) and getText', () => { libDoc = TextDocument.update(libDoc, [{ range: e.range, text: e.text }], v); libDoc.getText().charCodeAt(0); });
}

// The parts of complete(), replayed on the last version's text without the session's memo (as on open or in the CLI).
const last = doc.getText();
const model = parseDocument(last);
counting = true;
for (let i = 0; i < (argv.includes('--no-replay') ? 0 : typed); i++) {
  timed('  replay: detectDeepDive', () => detectDeepDive(model, options.template, options));
  const match = timed('  replay: matchDocument', () => matchDocument(model, options.template));
  for (const rule of rules) timed(`  replay: rule ${rule.code}`, () => [...rule.check({ doc: model, template: options.template, match })]);
  timed('  replay: analyze (match + rules + suppressions)', () => analyze(model, options.template, options));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`${size} (${text.length} chars), ${typed} keys after ${WARM_UP} to warm up, ${(parsedChars / typing.length).toFixed(0)} chars parsed per key`);
// Medians: a loaded machine preempts the process at random, which swamps a mean. The share
// is of the sum of the phases' medians (the total's own median is printed beside it).
const aside = (phase) => phase === '(total)' || phase.startsWith('  ');
const phases = [...times].filter(([phase]) => !aside(phase));
const sum = phases.reduce((n, [, xs]) => n + median(xs), 0);
console.log('| phase | median ms | share |\n|---|---|---|');
for (const [phase, xs] of times) {
  const m = median(xs);
  console.log(`| ${phase} | ${m.toFixed(3)} | ${aside(phase) ? '' : `${((100 * m) / sum).toFixed(0)}%`} |`);
}
console.log(`| (sum of the phases) | ${sum.toFixed(3)} | 100% |`);
