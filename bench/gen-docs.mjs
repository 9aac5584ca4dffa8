// Deterministic generator of deep-dive shaped markdown for the benchmarks.
// Sections and subsections come from the built-in template's headings; the body
// mixes what real deep dives contain (lists, tables, mermaid, code, links, inline
// code with [brackets]) so parsers see realistic constructs at every size.
//
//   node bench/gen-docs.mjs docs <outDir> [sizes...]        e.g. 5k 30k 300k 3m
//   node bench/gen-docs.mjs workspace <outDir> [count]      default 10000
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { templateSections } from './lib/template.mjs';

export const SIZES = { '5k': 5_000, '30k': 30_000, '300k': 300_000, '3m': 3_000_000 };
const GENERATOR_VERSION = '1';

/** mulberry32: small, fast, deterministic PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  return next;
}

const WORDS = ('replica leader quorum shard partition lease token bucket queue consumer producer ' +
  'latency throughput backpressure retry timeout deadline budget canary rollout rollback flag ' +
  'region zone cell tenant quota index compaction snapshot checkpoint journal epoch fence ' +
  'heartbeat gossip membership failover cache eviction hotspot fanout batch stream window ' +
  'watermark schema migration cutover drain admission shedding circuit breaker saturation').split(' ');
const TOPICS = ['Distributed Lock Service', 'Regional Object Store', 'Stream Processor', 'Rate Limiter',
  'Config Push Pipeline', 'Consensus Log', 'Edge Cache', 'Job Scheduler', 'Search Indexer', 'Metrics Store'];

function sentence(r) {
  const n = 8 + r.int(12);
  const w = [];
  for (let i = 0; i < n; i++) {
    const word = r.pick(WORDS);
    const k = r();
    if (k < 0.06) w.push(`\`${word}_${r.int(100)}\``);
    else if (k < 0.09) w.push(`**${word}**`);
    else if (k < 0.11) w.push(`[${word} notes](../${r.pick(WORDS)}/${word}.md)`);
    else if (k < 0.12) w.push('`[earliest, latest]`');
    else w.push(word);
  }
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function paragraph(r, maxLen = Infinity) {
  let p = sentence(r);
  const n = 1 + r.int(4);
  for (let i = 1; i < n && p.length < maxLen; i++) p += ' ' + sentence(r);
  return p + '\n';
}

function bulletList(r) {
  let s = '';
  const n = 3 + r.int(4);
  for (let i = 0; i < n; i++) {
    s += `- **${r.pick(WORDS)}**: ${sentence(r)}\n`;
    if (r() < 0.3) s += `  - ${sentence(r)}\n  - see \`${r.pick(WORDS)}.${r.pick(WORDS)}\`\n`;
  }
  return s;
}

function scenarioList(r) {
  let s = '';
  const n = 2 + r.int(2);
  for (let i = 1; i <= n; i++) {
    s += `${i}. **Scenario**: ${r.pick(WORDS)} ${r.pick(WORDS)} fails\n`;
    s += `   - **Impact**: ${sentence(r)}\n   - **Detection**: ${sentence(r)}\n   - **Recovery**: ${sentence(r)}\n\n`;
  }
  return s.trimEnd() + '\n';
}

function table(r) {
  let s = '| Signal | Target | Notes |\n|---|---:|---|\n';
  const n = 3 + r.int(4);
  for (let i = 0; i < n; i++) s += `| ${r.pick(WORDS)} p${r.pick([50, 95, 99])} | ${r.int(500)} ms | ${sentence(r)} |\n`;
  return s;
}

function mermaid(r) {
  let s = '```mermaid\nflowchart TD\n';
  const n = 3 + r.int(4);
  for (let i = 0; i < n; i++) s += `    N${i}[${r.pick(WORDS)} ${r.pick(WORDS)}] -->|${r.pick(WORDS)}| N${i + 1}[${r.pick(WORDS)}]\n`;
  return s + '```\n';
}

function codeBlock(r) {
  let s = '```yaml\n';
  const n = 3 + r.int(5);
  for (let i = 0; i < n; i++) s += `${r.pick(WORDS)}_${i}: ${r.int(1000)}  # ## not a heading\n`;
  return s + '```\n';
}

const BLOCKS = [paragraph, bulletList, paragraph, table, scenarioList, mermaid, paragraph, codeBlock];

/** Fills one slot with about `budget` bytes of blocks, with H4s every few KB in big slots. */
function fillSlot(r, budget, h4Every) {
  let s = '';
  let sinceH4 = 0;
  let h4 = 0;
  while (s.length < budget) {
    const left = budget - s.length;
    if (h4Every && sinceH4 >= h4Every && left > h4Every / 2) {
      s += `#### ${r.pick(WORDS)} ${r.pick(WORDS)} detail ${++h4}\n\n`;
      sinceH4 = 0;
    }
    const block = left < 120 ? `- ${r.pick(WORDS)} ${r.pick(WORDS)} ${r.pick(WORDS)}\n`
      : left < 400 ? paragraph(r, left) : r.pick(BLOCKS)(r);
    s += block + '\n';
    sinceH4 += block.length;
  }
  return s;
}

/**
 * One deep dive of about `size` bytes (UTF-8; the text is ASCII-only except the title).
 * opts.seed, opts.drop (number of template sections to leave out), opts.misname (probability).
 */
export function genDoc(size, opts = {}) {
  // Later passes correct the per-slot budget for block granularity and heading overhead.
  let scale = 1;
  let doc = build(size, scale, opts);
  for (let pass = 0; pass < 3 && Math.abs(doc.text.length - size) > size * 0.03; pass++) {
    scale *= Math.max(0.05, (size - doc.fixed) / Math.max(1, doc.text.length - doc.fixed));
    doc = build(size, scale, opts);
  }
  return doc.text;
}

function build(size, scale, opts) {
  const r = rng(opts.seed ?? size);
  const sections = templateSections().filter((s) => !/\[.*\]/.test(s.title)); // the "Title: [..]" section is the H1
  const dropped = new Set();
  for (let i = 0; i < (opts.drop ?? 0); i++) dropped.add(r.int(sections.length));
  const kept = sections.filter((_, i) => !dropped.has(i));
  const topic = r.pick(TOPICS);
  const head = `# ${topic}: Deep Dive\n\n**One-line summary**: ${sentence(r)}\n\n` +
    `**Prerequisites**: [${r.pick(WORDS)} basics](../intro/${r.pick(WORDS)}.md), ${sentence(r)}\n\n---\n\n`;
  // Sections without template subsections get author-named H3s in big documents, as real authors do.
  const slots = [];
  for (const s of kept) {
    const subs = s.subsections.length ? s.subsections : [null];
    for (const sub of subs) slots.push({ section: s.title, sub });
  }
  const skeleton = head.length + kept.length * 40 + slots.length * 30;
  const budget = Math.max(20, ((size - skeleton) / slots.length) * scale);
  const h4Every = budget > 16_000 ? 6_000 : 0;
  let out = head;
  let current = null;
  let fixed = 0;
  let before = out.length;
  for (const slot of slots) {
    if (slot.section !== current) {
      if (current !== null) out += '---\n\n';
      const title = opts.misname && r() < opts.misname ? `${slot.section} Notes` : slot.section;
      out += `## ${title}\n\n`;
      current = slot.section;
    }
    if (slot.sub) out += `### ${slot.sub}\n\n`;
    else if (budget > 8_000) out += `### ${r.pick(WORDS)} ${r.pick(WORDS)} overview\n\n`;
    fixed += out.length - before;
    out += fillSlot(r, budget, h4Every);
    before = out.length;
  }
  return { text: out, fixed: fixed + head.length };
}

/** Writes `count` documents under dir/deep-dives/team-NN/; reuses a complete earlier run. */
export function genWorkspace(dir, count = 10_000) {
  const marker = join(dir, '.generated');
  const stamp = `${GENERATOR_VERSION}:${count}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  const r = rng(count);
  for (let i = 0; i < count; i++) {
    const team = join(dir, 'deep-dives', `team-${String(i % 100).padStart(2, '0')}`);
    if (i < 100) mkdirSync(team, { recursive: true });
    // 2-10 KB, most documents complete, some missing a section or with a renamed heading.
    const size = 2_000 + r.int(8_000);
    const text = genDoc(size, { seed: i + 1, drop: r() < 0.2 ? 1 : 0, misname: r() < 0.1 ? 0.1 : 0 });
    writeFileSync(join(team, `doc-${String(i).padStart(5, '0')}.md`), text);
  }
  writeFileSync(marker, stamp);
  return dir;
}

export function parseSize(s) {
  if (SIZES[s]) return SIZES[s];
  const m = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, outDir, ...rest] = process.argv.slice(2);
  if (cmd === 'docs' && outDir) {
    mkdirSync(outDir, { recursive: true });
    for (const s of rest.length ? rest : Object.keys(SIZES)) {
      const text = genDoc(parseSize(s));
      writeFileSync(join(outDir, `deep-dive-${s}.md`), text);
      console.log(`${s}: ${text.length} bytes`);
    }
  } else if (cmd === 'workspace' && outDir) {
    const t = Date.now();
    genWorkspace(outDir, Number(rest[0] ?? 10_000));
    console.log(`workspace at ${outDir} in ${Date.now() - t} ms`);
  } else {
    console.error('usage: gen-docs.mjs docs <outDir> [5k 30k 300k 3m] | workspace <outDir> [count]');
    process.exit(2);
  }
}

/**
 * A workspace root with `n` named templates in its `.deepdive.json` (each of 8
 * `##` sections with a subsection, and two globs that match nothing of the
 * benchmark's documents), or with an empty config for n = 0: the template-families
 * case measures what selection among many templates adds to the same work.
 */
export function genTemplateSet(dir, n) {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  const templates = {};
  for (let i = 1; i <= n; i++) {
    const name = `kind-${i}`;
    const sections = Array.from({ length: 8 }, (_, j) => `## Kind ${i} Part ${j + 1}\n\n[What part ${j + 1} of kind ${i} says]\n\n### Kind ${i} Detail ${j + 1}\n\nGuidance.\n`);
    writeFileSync(join(dir, 'templates', `${name}.md`), `# Kind ${i}\n\n${sections.join('\n')}`);
    templates[name] = { path: `templates/${name}.md`, globs: [`kind-${i}/**/*.md`, `docs/kind-${i}-*.md`] };
  }
  writeFileSync(join(dir, '.deepdive.json'), JSON.stringify(n ? { templates } : {}, null, 2));
  return join(dir, '.deepdive.json');
}
