// Baselines, run in a child process so the parent can bound them with a timeout and
// keep their memory out of its own. Streams one JSON line per sample, so a run cut
// short by the timeout still reports what it measured.
//
//   node baseline-child.mjs markdownlint <file> <typed>   open lint, then one lint per edit
//   node baseline-child.mjs remark <file> <typed>         naive full re-parse per edit
//   node baseline-child.mjs parse <moduleRoot> <file> <n> whole-document mdast parse (micromark version comparison)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EditableDoc, planEdits } from './edits.mjs';
import { md043Headings } from './template.mjs';

const [kind, ...args] = process.argv.slice(2);
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function perEdit(file, typed, analyse) {
  const text = readFileSync(file, 'utf8');
  let t = performance.now();
  analyse(text);
  emit({ phase: 'open', ms: performance.now() - t });
  const plan = planEdits(text, typed);
  const doc = new EditableDoc(text);
  for (const e of [...plan.typing, ...plan.headingEdits]) {
    doc.apply(e);
    const s = doc.text; // joining is the editor's buffer, not part of the analysis
    t = performance.now();
    analyse(s);
    emit({ phase: e.kind === 'type' ? 'keystroke' : 'heading', ms: performance.now() - t });
  }
}

if (kind === 'markdownlint') {
  const { lint } = await import('markdownlint/sync');
  const config = { default: false, MD043: { headings: md043Headings() } };
  await perEdit(args[0], Number(args[1]), (text) => lint({ strings: { doc: text }, config }));
} else if (kind === 'remark') {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const processor = unified().use(remarkParse).use(remarkGfm);
  await perEdit(args[0], Number(args[1]), (text) => processor.parse(text));
} else if (kind === 'parse') {
  // Loads mdast-util-from-markdown + GFM from another node_modules to compare micromark versions.
  const [root, file, n] = args;
  const req = createRequire(`${root}/package.json`);
  const load = async (name) => import(pathToFileURL(req.resolve(name)).href);
  const { fromMarkdown } = await load('mdast-util-from-markdown');
  const { gfm } = await load('micromark-extension-gfm');
  const { gfmFromMarkdown } = await load('mdast-util-gfm');
  // The micromark that mdast-util-from-markdown itself resolves is the one being timed.
  const mm = createRequire(req.resolve('mdast-util-from-markdown')).resolve('micromark');
  const version = JSON.parse(readFileSync(join(mm.slice(0, mm.lastIndexOf('/node_modules/micromark/') + 24), 'package.json'), 'utf8')).version;
  emit({ phase: 'version', micromark: version });
  const text = readFileSync(file, 'utf8');
  for (let i = 0; i < Number(n); i++) {
    const t = performance.now();
    fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    emit({ phase: 'parse', ms: performance.now() - t, rssKb: Math.round(process.memoryUsage().rss / 1024) });
  }
} else {
  console.error('usage: baseline-child.mjs markdownlint|remark <file> <typed> | parse <root> <file> <n>');
  process.exit(2);
}
