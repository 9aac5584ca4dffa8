// Micro-benchmark of the chunk parse alone: parseChunk (tree built from micromark
// events, server/src/engine/mdtree.ts) against the unified + remark pipeline it
// replaced (test/oracle/markdown-mdast.ts), in one process, on the same
// chunks (splitChunks of generated documents and of the real corpus). Both are
// bundled and minified with esbuild as in the production build. Rounds alternate
// old/new so machine load hits both alike; medians and their ratio are printed.
// A third column times parseChunk with every paragraph's and cell's inline
// content tokenized (leanTree(text, true)), as before plain ones were skipped, and
// a fourth the parser on every chunk the block reader (blockReader.ts) now reads.
//
//   node bench/parse.mjs [--rounds 9] [--sizes 30k,300k] [--cold]
//
// --cold also times one first pass over the corpus per parser, each in a fresh
// process (what the CLI pays: a cold JIT).
import { readdirSync, readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { SIZES, genDoc } from './gen-docs.mjs';
import { corpusDir } from './lib/setup.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = corpusDir(REPO);
const argv = process.argv.slice(2);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };

async function bundle() {
  const outfile = join(mkdtempSync(join(tmpdir(), 'deep-dive-parse-')), 'parsers.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { parseChunk } from './server/src/engine/markdown';",
        "export { parseChunkMdast } from './test/oracle/markdown-mdast';",
        "export { splitChunks } from './server/src/engine/chunks';",
        "import { factsOf } from './server/src/engine/markdown';",
        "import { leanTree } from './server/src/engine/mdtree';",
        "import { plainFacts } from './server/src/engine/plainChunk';",
        '// parseChunk as it was before the block reader: the parser for every chunk that is not all headings and plain lines.',
        'export const parseChunkParser = (t) => plainFacts(t) ?? factsOf(t, leanTree);',
        '// parseChunk as it was before plain paragraphs and cells skipped inline tokenization.',
        'export const parseChunkInline = (t) => factsOf(t, (x) => leanTree(x, true));',
      ].join('\n'),
      resolveDir: REPO, loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile, logLevel: 'warning',
  });
  return outfile;
}

function corpusTexts() {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(CORPUS, f), 'utf8'));
}

const chunksOf = (splitChunks, texts) => texts.flatMap((t) => splitChunks(t).map((c) => t.slice(c.start, c.end)));

function pass(parse, chunks) {
  const t0 = performance.now();
  for (const c of chunks) parse(c);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (argv[0] === '--child') {
  // One cold pass in a fresh process: argv = --child <bundle> <old|parser|new>
  const m = await import(pathToFileURL(argv[1]).href);
  const parse = argv[2] === 'old' ? m.parseChunkMdast : argv[2] === 'parser' ? m.parseChunkParser : m.parseChunk;
  const chunks = chunksOf(m.splitChunks, corpusTexts());
  process.stdout.write(String(pass(parse, chunks)));
  process.exit(0);
}

const file = await bundle();
const m = await import(pathToFileURL(file).href);
const rounds = Number(opt('--rounds', 9));
const sets = opt('--sizes', '30k,300k').split(',').map((s) => [`generated ${s}`, chunksOf(m.splitChunks, [genDoc(SIZES[s] ?? Number(s))])]);
const corpus = corpusTexts();
if (corpus.length > 0) sets.push([`corpus (${corpus.length} files)`, chunksOf(m.splitChunks, corpus)]);

console.log('| input | chunks | KB | remark pipeline ms/KB | parseChunk, all inline ms/KB | parser on every chunk ms/KB | parseChunk ms/KB | new/old | new/all inline | new/parser on every chunk |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, chunks] of sets) {
  const kb = chunks.reduce((a, c) => a + c.length, 0) / 1024;
  pass(m.parseChunkMdast, chunks); // warm-up
  pass(m.parseChunkInline, chunks);
  pass(m.parseChunkParser, chunks);
  pass(m.parseChunk, chunks);
  const old = [], inl = [], par = [], neu = [];
  for (let r = 0; r < rounds; r++) {
    old.push(pass(m.parseChunkMdast, chunks));
    inl.push(pass(m.parseChunkInline, chunks));
    par.push(pass(m.parseChunkParser, chunks));
    neu.push(pass(m.parseChunk, chunks));
  }
  const o = median(old) / kb, a = median(inl) / kb, p = median(par) / kb, n = median(neu) / kb;
  console.log(`| ${name} | ${chunks.length} | ${kb.toFixed(0)} | ${o.toFixed(3)} | ${a.toFixed(3)} | ${p.toFixed(3)} | ${n.toFixed(3)} | ${(n / o).toFixed(2)} | ${(n / a).toFixed(2)} | ${(n / p).toFixed(2)} |`);
}

if (argv.includes('--cold') && corpus.length > 0) {
  const cold = (which) => Number(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, which], { encoding: 'utf8' }));
  const old = [], par = [], neu = [];
  for (let r = 0; r < 3; r++) { old.push(cold('old')); par.push(cold('parser')); neu.push(cold('new')); }
  console.log(`\ncold first pass over the corpus (fresh process, median of 3): remark pipeline ${median(old).toFixed(0)} ms, parser on every chunk ${median(par).toFixed(0)} ms, parseChunk ${median(neu).toFixed(0)} ms (${(median(neu) / median(old)).toFixed(2)} of remark's, ${(median(neu) / median(par)).toFixed(2)} of the parser's)`);
}
