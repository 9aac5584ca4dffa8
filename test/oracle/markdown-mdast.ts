// The reference parse: unified + remark-parse + remark-gfm + remark-frontmatter,
// the full mdast pipeline parseChunk used before it built its tree from
// micromark's events (mdtree.ts). Kept as the oracle of the differential test
// (test/engine/mdtree.test.ts) and the baseline of bench/parse.mjs; the engine
// itself does not import it.
//
// One change to the pipeline: remark-gfm's autolink-literal transform, which
// leaves the text and links it splits a text node into without positions, is
// taken out and run by splitLiterals (mdtree.ts) on every text node instead,
// which gives the pieces positions, as parseChunk does.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Root } from 'mdast';
import { factsOf, type ChunkFacts } from '../../server/src/engine/markdown';
import { splitLiterals, type N } from '../../server/src/engine/mdtree';

const literalTransform = gfmAutolinkLiteralFromMarkdown().transforms![0];

/** Drops the autolink-literal transform from the mdast extensions remark-gfm registered. */
function withoutLiteralTransform(this: Processor): void {
  const data = this.data();
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip);
    const ext = x as { transforms?: unknown[] };
    return ext.transforms ? { ...ext, transforms: ext.transforms.filter((t) => t !== literalTransform) } : ext;
  };
  data.fromMarkdownExtensions = strip(data.fromMarkdownExtensions) as typeof data.fromMarkdownExtensions;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(withoutLiteralTransform).use(remarkFrontmatter, ['yaml', 'toml']);

export const mdastTree = (text: string): Root => {
  const tree = processor.parse(text) as Root;
  splitLiterals(tree as unknown as N, text, true);
  return tree;
};

export function parseChunkMdast(text: string): ChunkFacts {
  return factsOf(text, mdastTree);
}
