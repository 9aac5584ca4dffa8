// The reference parse: unified + remark-parse + remark-gfm + remark-frontmatter,
// the full mdast pipeline parseChunk used before it built its tree from
// micromark's events (mdtree.ts). Kept as the oracle of the differential test
// (test/engine/mdtree.test.ts) and the baseline of bench/parse.mjs; the engine
// itself does not import it.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { factsOf, type ChunkFacts } from './markdown';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export const mdastTree = (text: string): Root => processor.parse(text) as Root;

export function parseChunkMdast(text: string): ChunkFacts {
  return factsOf(text, mdastTree);
}
