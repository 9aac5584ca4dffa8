// Parses one chunk (CommonMark + GFM + front matter, as remark-parse with
// remark-gfm and remark-frontmatter would) and keeps only the facts the engine
// needs, with offsets relative to the chunk. The tree is built by mdtree.ts
// straight from micromark's events, as much of mdast as the facts read; the
// unified pipeline it replaces (test/oracle/markdown-mdast.ts) is the tests' oracle.
import { htmlEndMarker, rawEnded } from './chunks';
import { leanTree } from './mdtree';
import { plainFacts } from './plainChunk';
import { blockwiseFacts } from './blockwise';
import { shiftBlock, shiftSpan } from './factShift';
import { textBrackets } from './inlineBrackets';

export { shiftBlock, shiftSpan };

/**
 * A node as the facts read it: the fields of mdast they use, all optional.
 * Both the lean tree parseChunk builds (mdtree.ts) and remark's full mdast
 * (the tests' oracle) are such trees.
 */
export interface FactsNode {
  type: string;
  position?: { start: { offset?: number }; end?: { offset?: number } };
  children?: FactsNode[];
  value?: string;
  alt?: string | null;
  label?: string | null;
  identifier?: string;
  depth?: number;
  lang?: string | null;
  referenceType?: string;
}

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
  /** Paragraphs: the lines that open with bold text (`**Label**: value`), in order. */
  fields?: FieldFact[];
  /** Fenced code: the info string's language, e.g. "mermaid". */
  lang?: string;
  /** True for HTML that is only comments (invisible in the rendered document). */
  commentOnly?: boolean;
}

/** One `**Label**: value` line of a paragraph (fields may share a paragraph, one per line). */
export interface FieldFact {
  /** The bold text, e.g. "One-line summary" or "One-line summary:". */
  label: string;
  /** Raw text after the bold label up to the next field's line or the paragraph end. */
  value: string;
  start: number;
  end: number;
}

export interface BracketFact {
  start: number;
  end: number;
  /** Text between the brackets. */
  text: string;
  /**
   * For `[text][label]` and `[text][]`: the label a definition would have to
   * carry to make it a link. A definition in another chunk is not seen by the
   * chunk's parser, so the rule checks this against the whole document's.
   */
  ref?: string;
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

export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();
}

function start(n: FactsNode): number {
  return n.position?.start.offset ?? 0;
}
function end(n: FactsNode): number {
  return n.position?.end?.offset ?? 0;
}

function plainText(n: FactsNode): string {
  if (typeof n.value === 'string') return n.value;
  // A reference is a link only if its definition exists, which may be in
  // another chunk: written with its brackets it reads the same either way.
  if (n.type === 'linkReference' || n.type === 'imageReference') {
    const suffix = n.referenceType === 'full' ? `[${n.label ?? n.identifier}]` : n.referenceType === 'collapsed' ? '[]' : '';
    const inner = n.type === 'linkReference' ? (n.children ?? []).map(plainText).join('') : n.alt ?? '';
    return `${n.type === 'imageReference' ? '!' : ''}[${inner}]${suffix}`;
  }
  if (n.type === 'footnoteReference') return `[^${n.label ?? n.identifier}]`;
  if (n.children) return n.children.map(plainText).join('');
  if (n.type === 'break') return ' ';
  return '';
}

const COMMENT = /<!--([\s\S]*?)-->/g;

export function parseChunk(text: string): ChunkFacts {
  // Headings and plain paragraphs alone (100,000 headings) need no parser at all;
  // elsewhere the parser reads only the blocks the block reader cannot.
  return plainFacts(text) ?? blockwiseFacts(text, parseTree);
}

const parseTree = (text: string): ChunkFacts => factsOf(text, leanTree);

/** The facts of `text` from the mdast-shaped tree `parse` builds. */
export function factsOf(text: string, parse: (text: string) => FactsNode): ChunkFacts {
  // micromark drops a leading BOM and counts offsets without it: parse the
  // rest and shift, so offsets always index `text` itself.
  if (text.charCodeAt(0) === 0xfeff) return shiftFacts(factsOf(text.slice(1), parse), 1);
  const tree = parse(text);
  const facts: ChunkFacts = { blocks: [], brackets: [], definitions: [], comments: [], unclosedAtEnd: false };

  for (const node of tree.children ?? []) facts.blocks.push(blockFact(node, text));

  // Iterative walk: deep nesting (hostile input) must not overflow the stack.
  const stack: FactsNode[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'definition') facts.definitions.push(normalizeLabel(n.label ?? n.identifier ?? ''));
    if (n.type === 'html') {
      for (const m of (n.value ?? '').matchAll(COMMENT)) {
        const s = start(n) + (m.index ?? 0);
        facts.comments.push({ start: s, end: s + m[0].length, text: m[1] });
      }
    }
    if (OPAQUE.has(n.type)) continue;
    if (n.type === 'text') {
      textBrackets(text, start(n), end(n), facts.brackets);
      continue;
    }
    if (n.children) {
      const kids = n.children;
      const inHtml = PHRASING_PARENT.has(n.type) ? insideInlineHtml(kids) : null;
      for (let i = kids.length - 1; i >= 0; i--) if (!inHtml?.[i]) stack.push(kids[i]);
    }
  }
  facts.brackets.sort((a, b) => a.start - b.start);
  facts.comments.sort((a, b) => a.start - b.start);
  facts.unclosedAtEnd = endsOpen(tree, text);
  return facts;
}

/** Parents of inline content, where an `html` child is a tag, not a block. */
const PHRASING_PARENT = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete']);

const VOID_ELEMENT = /^(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)$/i;

/**
 * Marks the siblings that sit between an inline HTML open tag and its close
 * (`<kbd>[Enter]</kbd>`): HTML, not prose. Inline tags are separate `html`
 * nodes among the paragraph's children; the nodes themselves stay unmarked
 * (they may hold suppression comments).
 */
function insideInlineHtml(kids: FactsNode[]): boolean[] {
  const marks = new Array<boolean>(kids.length).fill(false);
  let depth = 0;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type === 'html') {
      const m = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/?)>$/.exec((k.value ?? '').trim());
      if (m && m[1]) depth = Math.max(0, depth - 1);
      else if (m && !m[3] && !VOID_ELEMENT.test(m[2])) depth++;
    } else marks[i] = depth > 0;
  }
  return marks;
}

function shiftFacts(f: ChunkFacts, by: number): ChunkFacts {
  return { ...f, blocks: f.blocks.map((b) => shiftBlock(b, by)), brackets: f.brackets.map((x) => shiftSpan(x, by)), comments: f.comments.map((x) => shiftSpan(x, by)) };
}

function blockFact(node: FactsNode, text: string): BlockFact {
  // A fence left open at the end of the text runs over the final line ending
  // (in a list item too); closed by what follows, it would not. Blocks end at
  // their last character so a chunk's facts match the whole document's.
  let e = end(node);
  while (e > start(node) && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  const b: BlockFact = { type: node.type, start: start(node), end: e };
  if (node.type === 'heading') {
    b.depth = node.depth;
    b.title = plainText(node).replace(/\s+/g, ' ').trim();
    const kids = node.children ?? [];
    if (kids.length > 0) {
      b.titleStart = start(kids[0]);
      b.titleEnd = end(kids[kids.length - 1]);
    } else {
      b.titleStart = b.titleEnd = b.end;
    }
  } else if (node.type === 'paragraph') {
    const fields = paragraphFields(node, text);
    if (fields.length > 0) b.fields = fields;
  } else if (node.type === 'code') {
    b.lang = node.lang ?? undefined;
  } else if (node.type === 'html') {
    b.commentOnly = (node.value ?? '').replace(COMMENT, '').trim() === '';
  }
  return b;
}

/** Whether only spaces or tabs stand between the line's start (or `from`) and `at`. */
function atLineStart(text: string, at: number, from: number): boolean {
  let i = at;
  while (i > from && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === from || text[i - 1] === '\n' || text[i - 1] === '\r';
}

/**
 * Bold labels that open a line of the paragraph. Authors often write the
 * template's fields on consecutive lines, which makes one paragraph:
 * `**One-line summary**: …⏎**Prerequisites**: …`.
 */
function paragraphFields(p: FactsNode, text: string): FieldFact[] {
  const out: FieldFact[] = [];
  const valueStarts: number[] = [];
  for (const k of p.children ?? []) {
    if (k.type !== 'strong' || !atLineStart(text, start(k), start(p))) continue;
    out.push({ label: plainText(k).trim(), value: '', start: start(k), end: end(p) });
    valueStarts.push(end(k));
  }
  for (let i = 0; i < out.length; i++) {
    const stop = i + 1 < out.length ? out[i + 1].start : end(p);
    out[i].value = text.slice(valueStarts[i], stop);
    out[i].end = valueStarts[i] + out[i].value.trimEnd().length;
  }
  return out;
}

/** Whether the last top-level block could swallow the next chunk's first line. */
function endsOpen(tree: FactsNode, text: string): boolean {
  const last = tree.children?.[tree.children.length - 1];
  if (!last) return false;
  const raw = text.slice(start(last), end(last));
  if (last.type === 'code') {
    const lines = raw.split(/\r\n|\r|\n/);
    const open = /^\s*(`{3,}|~{3,})/.exec(lines[0]);
    if (!open) return false; // indented code: a column-0 line always ends it
    const close = lines.length > 1 ? /^\s*(`{3,}|~{3,})\s*$/.exec(lines[lines.length - 1]) : null;
    return !(close && close[1][0] === open[1][0] && close[1].length >= open[1].length);
  }
  if (last.type === 'html') {
    // Comments, `<?…?>`, `<!X…>`, CDATA and <script>/<pre>/<style>/<textarea>
    // run, blank lines included, to their end marker; other HTML blocks end at
    // a blank line, so without one after the block the next line may belong to it.
    const firstLine = /^[^\r\n]*/.exec(raw)![0];
    const marker = htmlEndMarker(firstLine);
    if (marker === 'raw') return !rawEnded(raw);
    if (marker !== null) return !raw.slice(raw.indexOf('<') + 2).includes(marker);
    return !/(\r\n|\r|\n)[^\r\n]*(\r\n|\r|\n)/.test(text.slice(end(last)));
  }
  return false;
}
