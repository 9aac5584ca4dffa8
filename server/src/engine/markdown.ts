// Parses one chunk with unified + remark-parse (+ GFM, front matter) and keeps
// only the facts the engine needs, with offsets relative to the chunk. The
// mdast tree itself is dropped so cached chunks stay small.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parents, Root, RootContent } from 'mdast';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export interface BlockFact {
  /** mdast node type of a top-level node: heading, paragraph, list, code, html, thematicBreak, yaml... */
  type: string;
  start: number;
  end: number;
  /** Headings: level 1-6, plain text, and the span of the text itself. */
  depth?: number;
  title?: string;
  titleStart?: number;
  titleEnd?: number;
  /** Paragraphs that open with bold text: the bold label and the raw rest of the paragraph. */
  label?: string;
  value?: string;
  /** Fenced code: the info string's language, e.g. "mermaid". */
  lang?: string;
  /** True for HTML that is only comments (invisible in the rendered document). */
  commentOnly?: boolean;
}

export interface BracketFact {
  start: number;
  end: number;
  /** Text between the brackets. */
  text: string;
}

export interface CommentFact {
  start: number;
  end: number;
  text: string;
}

export interface ChunkFacts {
  blocks: BlockFact[];
  /** `[text]` runs in prose: not in code, HTML, links, images or definitions. */
  brackets: BracketFact[];
  /** Normalized labels of link reference definitions in this chunk. */
  definitions: string[];
  /** HTML comments anywhere in the chunk (suppression directives live there). */
  comments: CommentFact[];
  /** The chunk ends inside a block a following line could continue (see chunks.ts). */
  unclosedAtEnd: boolean;
  /** Parsed by the line scanner instead of remark (deadline passed or input refused). */
  degraded?: boolean;
}

/** Node types whose text is never an unfilled placeholder. */
const OPAQUE = new Set([
  'code', 'inlineCode', 'html', 'link', 'linkReference', 'image', 'imageReference',
  'definition', 'footnoteReference', 'yaml', 'toml', 'math', 'inlineMath',
]);

const BRACKET = /\[([^[\]\r\n]{1,300})\]/g;

export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();
}

function start(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
function end(n: Nodes): number {
  return n.position?.end.offset ?? 0;
}

function plainText(n: Nodes): string {
  if ('value' in n && typeof n.value === 'string') return n.value;
  if ('children' in n) return (n.children as Nodes[]).map(plainText).join('');
  if (n.type === 'break') return ' ';
  return '';
}

const COMMENT = /<!--([\s\S]*?)-->/g;

export function parseChunk(text: string): ChunkFacts {
  const tree = processor.parse(text) as Root;
  const facts: ChunkFacts = { blocks: [], brackets: [], definitions: [], comments: [], unclosedAtEnd: false };

  for (const node of tree.children) facts.blocks.push(blockFact(node, text));

  // Iterative walk: deep nesting (hostile input) must not overflow the stack.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'definition') facts.definitions.push(normalizeLabel(n.label ?? n.identifier));
    if (n.type === 'html') {
      for (const m of n.value.matchAll(COMMENT)) {
        const s = start(n) + (m.index ?? 0);
        facts.comments.push({ start: s, end: s + m[0].length, text: m[1] });
      }
    }
    if (OPAQUE.has(n.type)) continue;
    if (n.type === 'text') {
      const s = start(n);
      const raw = text.slice(s, end(n));
      for (const m of raw.matchAll(BRACKET)) {
        const i = m.index ?? 0;
        if (i > 0 && raw[i - 1] === '\\') continue;
        facts.brackets.push({ start: s + i, end: s + i + m[0].length, text: m[1] });
      }
      continue;
    }
    if ('children' in n) {
      const kids = (n as Parents).children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  facts.brackets.sort((a, b) => a.start - b.start);
  facts.comments.sort((a, b) => a.start - b.start);
  facts.unclosedAtEnd = endsOpen(tree, text);
  return facts;
}

function blockFact(node: RootContent, text: string): BlockFact {
  const b: BlockFact = { type: node.type, start: start(node), end: end(node) };
  if (node.type === 'heading') {
    b.depth = node.depth;
    b.title = plainText(node).replace(/\s+/g, ' ').trim();
    if (node.children.length > 0) {
      b.titleStart = start(node.children[0]);
      b.titleEnd = end(node.children[node.children.length - 1]);
    } else {
      b.titleStart = b.titleEnd = b.end;
    }
  } else if (node.type === 'paragraph' && node.children[0]?.type === 'strong') {
    const strong = node.children[0];
    b.label = plainText(strong).trim();
    b.value = text.slice(end(strong), b.end);
  } else if (node.type === 'code') {
    b.lang = node.lang ?? undefined;
  } else if (node.type === 'html') {
    b.commentOnly = node.value.replace(COMMENT, '').trim() === '';
  }
  return b;
}

/** Whether the last top-level block could swallow the next chunk's first line. */
function endsOpen(tree: Root, text: string): boolean {
  const last = tree.children[tree.children.length - 1];
  if (!last) return false;
  const tail = text.slice(end(last));
  if (last.type === 'code') {
    const raw = text.slice(start(last), end(last));
    const lines = raw.split(/\r\n|\r|\n/);
    const open = /^\s*(`{3,}|~{3,})/.exec(lines[0]);
    if (!open) return false; // indented code: a column-0 line always ends it
    const close = lines.length > 1 ? /^\s*(`{3,}|~{3,})\s*$/.exec(lines[lines.length - 1]) : null;
    return !(close && close[1][0] === open[1][0] && close[1].length >= open[1].length);
  }
  // An HTML block ends at a blank line (or its end marker); if none follows it, the next line may belong to it.
  if (last.type === 'html') return !/\n[ \t]*(\r?\n|\r)|\r[ \t]*\r/.test(tail) && !/(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(text.slice(start(last)));
  return false;
}
