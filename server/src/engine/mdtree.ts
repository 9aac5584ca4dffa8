// Builds the part of an mdast tree that markdown.ts reads, straight from
// micromark's events. It mirrors mdast-util-from-markdown 2.1 (with the GFM and
// front matter extensions remark-gfm and remark-frontmatter add) handler for
// handler, so positions, text values and node types come out the same, but
// skips what the facts never read (URLs, titles, list items, spread, align,
// code values' trimming) and the per-event context objects of the general
// compiler. It also leaves the inline content of paragraphs and table cells
// that cannot hold a fact untokenized (see leavePlainText): about half the
// time of a parse went to tokenizing inline content. test/engine/mdtree.test.ts
// checks the facts against the full pipeline (test/oracle/markdown-mdast.ts) on the corpus
// and on random documents.
import { parse, postprocess, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';
import { gfm } from 'micromark-extension-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { unicodePunctuation, unicodeWhitespace } from 'micromark-util-character';
import type { Event, Token } from 'micromark-util-types';

interface Point {
  offset: number;
}
/** A node as mdast shapes it, with only the fields the facts read. */
export interface N {
  type: string;
  position?: { start: Point; end: Point | undefined };
  children?: N[];
  value?: string;
  alt?: string | null;
  label?: string;
  identifier?: string;
  depth?: number;
  lang?: string | null;
  referenceType?: string;
  /** A task list check was read in this paragraph. */
  task?: boolean;
}

// One parser for every call: combining the extensions is a large part of a
// small parse. micromark keeps per-document state on the parser: `defined`
// (definition labels), `lazy` (lazy lines) and GFM's `gfmFootnotes` (footnote
// labels, created on first use with `||=`). reset() clears all of it, and any
// other key an extension might add, without `delete` (which would put the
// parser, read on every construct attempt, in dictionary mode).
const parser = parse({ extensions: [gfm(), frontmatter(['yaml', 'toml'])] });
const PARSER_KEYS = new Set(['constructs', 'content', 'document', 'flow', 'string', 'text', 'defined', 'lazy']);
function reset(): void {
  const p = parser as unknown as Record<string, unknown>;
  for (const k of Object.keys(p)) if (!PARSER_KEYS.has(k)) p[k] = undefined;
  parser.defined = [];
  parser.lazy = {};
}

/**
 * micromark's events for `text`. Unless `inline` is set, the inline content of
 * a paragraph or table cell that cannot hold a fact (see needsInline) is left
 * untokenized: its `chunkText` tokens (one a line) stay in the events, and
 * leanTree reads them as one text node of raw source. Headings' titles are
 * always tokenized.
 */
export function events(text: string, inline = false): Event[] {
  reset();
  const evs = parser.document().write(preprocess()(text, undefined, true));
  if (inline) return postprocess(evs);
  // postprocess(), with a look at the text chunks after the first pass (which
  // brings up the flow's events: paragraphs, cells) and before the second
  // (which would tokenize them). A chunk only seen later is tokenized as usual.
  if (subtokenize(evs)) return evs;
  leavePlainText(evs, text, text.charCodeAt(0) === 0xfeff ? 1 : 0); // micromark's offsets skip a BOM
  while (!subtokenize(evs));
  return evs;
}

/**
 * What inline tokenization needs to see to change a fact (markdown.ts):
 * - `[` anywhere: a bracket fact needs one in its text node's source, and so do
 *   links, references, footnote calls and task checks, which hide or move one;
 * - `<` anywhere: comments and other inline HTML, and autolinks;
 * - `**` or `__` opening a line (after spaces or tabs) of a top-level
 *   paragraph: fields are read from top-level paragraphs only, as strong
 *   emphasis with nothing but spaces or tabs before it on its line, and strong
 *   emphasis opens with two or more `*` or `_`.
 * Everything else inline (emphasis elsewhere, code spans, escapes, character
 * references, breaks, strikethrough, literal autolinks) only changes text
 * values and how text nodes are split, which the facts read only for brackets,
 * heading titles and field labels. `&#91;` decodes to `[`, but bracket facts
 * are read from the source, not the value. A fact that reads more of inline
 * content must extend this (the differential test compares with a full parse).
 */
const ANYWHERE = new Uint8Array(128);
ANYWHERE[91] = 1; // [
ANYWHERE[60] = 1; // <
/** Parents whose inline content may stay untokenized (never headings: titles are plain text). */
const PLAIN_PARENT = new Set(['paragraph', 'tableContent']);

/** Takes the content type off the text chunks (each line's, linked) of every paragraph or cell that needs no inline parse. */
function leavePlainText(evs: Event[], text: string, base: number): void {
  // Containers (block quotes, lists, footnote definitions) mark their tokens
  // `_container`; a paragraph inside one is not a top-level node.
  let depth = 0;
  for (let i = 0; i < evs.length; i++) {
    const ev = evs[i];
    const token = ev[1];
    if (token._container) {
      depth += ev[0] === 'enter' ? 1 : -1;
      continue;
    }
    if (token.contentType !== 'text' || token.previous || ev[0] !== 'enter' || i === 0) continue;
    const parent = evs[i - 1][1];
    if (evs[i - 1][0] !== 'enter' || !PLAIN_PARENT.has(parent.type)) continue;
    const fields = depth === 0 && parent.type === 'paragraph';
    let c: Token | undefined = token;
    for (; c; c = c.next) if (needsInline(text, c.start.offset + base, c.end.offset + base, fields)) break;
    if (c) continue;
    for (c = token; c; c = c.next) c.contentType = undefined;
  }
}

/** Whether the source of one line's chunk has a `[` or `<`, or (with `fields`) opens with `**` or `__`. */
function needsInline(text: string, s: number, e: number, fields: boolean): boolean {
  let k = s;
  if (fields) {
    while (k < e && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const c = text.charCodeAt(k);
    if ((c === 42 || c === 95) && k + 1 < e && text.charCodeAt(k + 1) === c) return true;
  }
  for (; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c < 128 && ANYWHERE[c] === 1) return true;
  }
  return false;
}

/** mdast-util-from-markdown's `canContainEols`, with GFM's `delete`. */
const EOLS = new Set(['emphasis', 'fragment', 'heading', 'paragraph', 'strong', 'delete']);

/** Token types that open a node, and the node's mdast type. */
const OPEN: Record<string, string> = {
  autolink: 'link', atxHeading: 'heading', setextHeading: 'heading', blockQuote: 'blockquote',
  codeFenced: 'code', codeIndented: 'code', codeText: 'inlineCode', definition: 'definition',
  emphasis: 'emphasis', strong: 'strong', hardBreakEscape: 'break', hardBreakTrailing: 'break',
  htmlFlow: 'html', htmlText: 'html', image: 'image', link: 'link', listOrdered: 'list',
  listUnordered: 'list', paragraph: 'paragraph', thematicBreak: 'thematicBreak',
  strikethrough: 'delete', table: 'table', tableRow: 'tableRow', tableData: 'tableCell',
  tableHeader: 'tableCell', gfmFootnoteCall: 'footnoteReference', gfmFootnoteDefinition: 'footnoteDefinition',
  literalAutolink: 'link', yaml: 'yaml', toml: 'toml',
};
/** Node types created with a `value` (the rest get `children`, except these leaves). */
const VALUED = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml']);
const LEAF = new Set(['break', 'thematicBreak', 'definition', 'footnoteReference', 'image']);
/** Tokens whose contents are buffered into a detached fragment until their exit. */
const BUFFER = new Set([
  'codeFencedFenceInfo', 'codeFencedFenceMeta', 'definitionDestinationString', 'definitionLabelString',
  'definitionTitleString', 'label', 'referenceString', 'resourceDestinationString', 'resourceTitleString',
  'gfmFootnoteCallString', 'gfmFootnoteDefinitionLabelString',
]);
/** Tokens whose text is appended to the current text node (`chunkText`: a line of untokenized inline content, raw). */
const DATA = new Set([
  'chunkText', 'autolinkProtocol', 'autolinkEmail', 'characterEscape', 'characterReference', 'codeTextData', 'data',
  'codeFlowValue', 'htmlFlowData', 'htmlTextData', 'literalAutolinkEmail', 'literalAutolinkHttp',
  'literalAutolinkWww', 'yamlValue', 'tomlValue',
]);
/** Tokens whose exit closes the node on top of the stack, with no other work. */
const CLOSE = new Set([
  'atxHeading', 'autolink', 'blockQuote', 'definition', 'emphasis', 'listOrdered', 'listUnordered',
  'strong', 'thematicBreak', 'strikethrough', 'table', 'tableRow', 'tableData', 'tableHeader',
  'gfmFootnoteCall', 'gfmFootnoteDefinition', 'literalAutolink',
]);
/** Data tokens whose exit appends their text (characterReference closes differently). */
const EXIT_DATA = new Set([
  'chunkText', 'autolinkProtocol', 'autolinkEmail', 'characterEscapeValue', 'codeTextData', 'data', 'codeFlowValue',
  'htmlFlowData', 'htmlTextData', 'literalAutolinkEmail', 'literalAutolinkHttp', 'literalAutolinkWww',
  'yamlValue', 'tomlValue',
]);

/** mdast-util-to-string with its defaults (image alt and HTML included). */
function toString(n: N): string {
  if (n.value !== undefined) return n.value;
  if (n.alt) return n.alt;
  if (n.children) {
    let s = '';
    for (const k of n.children) s += toString(k);
    return s;
  }
  return '';
}

/** The tree mdast-util-from-markdown would build for `text`, minus what the facts never read. */
export function leanTree(text: string, inline = false): N {
  const evs = events(text, inline);
  const root: N = { type: 'root', children: [] };
  const stack: N[] = [root];
  let atHardBreak = false;
  let slurpLineEnding = false;
  let inReference = false;
  let referenceType: string | undefined;
  let charRefType: string | undefined;
  let flowCodeInside = false;

  const top = () => stack[stack.length - 1];
  const open = (type: string, token: Token): N => {
    const node: N = { type, position: { start: { offset: token.start.offset }, end: undefined } };
    if (VALUED.has(type)) node.value = '';
    else if (type === 'image') node.alt = null;
    else if (!LEAF.has(type)) node.children = [];
    if (type === 'heading') node.depth = 0;
    if (type === 'code') node.lang = null;
    top().children!.push(node);
    stack.push(node);
    return node;
  };
  const close = (token: Token) => {
    stack.pop()!.position!.end = { offset: token.end.offset };
  };
  const buffer = () => {
    stack.push({ type: 'fragment', children: [] });
  };
  const resume = () => toString(stack.pop()!);
  const enterData = (token: Token) => {
    const siblings = top().children!;
    let tail = siblings[siblings.length - 1];
    if (!tail || tail.type !== 'text') {
      tail = { type: 'text', value: '', position: { start: { offset: token.start.offset }, end: undefined } };
      siblings.push(tail);
    }
    stack.push(tail);
  };
  const exitData = (token: Token, slice: string) => {
    const tail = stack.pop()!;
    tail.value += slice;
    tail.position!.end = { offset: token.end.offset };
  };
  const exitReference = () => {
    const node = top();
    if (inReference) {
      node.type += 'Reference';
      node.referenceType = referenceType ?? 'shortcut';
    }
    referenceType = undefined;
  };

  for (let i = 0; i < evs.length; i++) {
    const [kind, token, context] = evs[i];
    const t = token.type as string;
    if (kind === 'enter') {
      const type = OPEN[t];
      if (type !== undefined) {
        open(type, token);
        if (t === 'codeIndented' || t === 'codeText' || t === 'htmlFlow' || t === 'htmlText' || t === 'yaml' || t === 'toml') buffer();
      } else if (DATA.has(t)) enterData(token);
      else if (BUFFER.has(t)) buffer();
      else if (t === 'reference') referenceType = 'collapsed';
      continue;
    }
    if (CLOSE.has(t)) close(token);
    else if (EXIT_DATA.has(t)) exitData(token, context.sliceSerialize(token));
    else switch (t) {
      case 'paragraph': {
        const node = top();
        const head = node.children![0];
        // mdast-util-gfm-task-list-item: the check's paragraph loses the space after it.
        if (node.task && head && head.type === 'text') {
          head.value = head.value!.slice(1);
          if (head.value.length === 0) node.children!.shift();
          else {
            head.position!.start.offset++;
            node.position!.start = { offset: head.position!.start.offset };
          }
        }
        close(token);
        break;
      }
      case 'taskListCheckValueChecked':
      case 'taskListCheckValueUnchecked':
        // The real handler marks the list item above the paragraph (there are no
        // list items here: a paragraph right in a list is in one).
        if (stack[stack.length - 2].type === 'list') top().task = true;
        break;
      case 'atxHeadingSequence': {
        const node = top();
        if (!node.depth) node.depth = context.sliceSerialize(token).length;
        break;
      }
      case 'setextHeadingText':
        slurpLineEnding = true;
        break;
      case 'setextHeadingLineSequence':
        top().depth = context.sliceSerialize(token).codePointAt(0) === 61 ? 1 : 2;
        break;
      case 'setextHeading':
        slurpLineEnding = false;
        close(token);
        break;
      case 'characterReferenceMarkerHexadecimal':
      case 'characterReferenceMarkerNumeric':
        charRefType = t;
        break;
      case 'characterReferenceValue': {
        const data = context.sliceSerialize(token);
        const value = charRefType
          ? decodeNumericCharacterReference(data, charRefType === 'characterReferenceMarkerNumeric' ? 10 : 16)
          : decodeNamedCharacterReference(data);
        charRefType = undefined;
        top().value += value as string;
        break;
      }
      case 'characterReference':
        stack.pop()!.position!.end = { offset: token.end.offset };
        break;
      case 'codeFencedFence':
        if (!flowCodeInside) buffer();
        flowCodeInside = true;
        break;
      case 'codeFencedFenceInfo': {
        const data = resume();
        top().lang = data;
        break;
      }
      case 'codeFenced':
        if (flowCodeInside) resume();
        flowCodeInside = false;
        close(token);
        break;
      case 'codeIndented':
      case 'codeText':
      case 'htmlFlow':
      case 'htmlText':
      case 'yaml':
      case 'toml': {
        const data = resume();
        top().value = data;
        close(token);
        break;
      }
      case 'codeFencedFenceMeta':
      case 'definitionDestinationString':
      case 'definitionTitleString':
      case 'resourceDestinationString':
      case 'resourceTitleString':
        resume();
        break;
      case 'definitionLabelString':
      case 'referenceString':
      case 'gfmFootnoteCallString':
      case 'gfmFootnoteDefinitionLabelString': {
        const label = resume();
        top().label = label;
        if (t === 'referenceString') referenceType = 'full';
        break;
      }
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        atHardBreak = true;
        close(token);
        break;
      case 'lineEnding': {
        const node = top();
        if (atHardBreak) {
          const tail = node.children![node.children!.length - 1];
          tail.position!.end = { offset: token.end.offset };
          atHardBreak = false;
        } else if (!slurpLineEnding && EOLS.has(node.type)) {
          enterData(token);
          exitData(token, context.sliceSerialize(token));
        }
        break;
      }
      case 'label': {
        const fragment = stack.pop()!;
        const node = top();
        inReference = true;
        if (node.type === 'link') node.children = fragment.children;
        else node.alt = toString(fragment);
        break;
      }
      case 'link':
      case 'image':
        exitReference();
        close(token);
        break;
      case 'resource':
        inReference = false;
        break;
    }
  }
  splitLiterals(root, text);
  return root;
}

/**
 * mdast-util-gfm-autolink-literal's transform finds the URLs and emails
 * micromark left as text and splits their text nodes into text and links,
 * which it leaves without positions (so their brackets, and a heading title's
 * span, were lost). This runs the transform on each text node outside links
 * that it would split (every one with `all`, as the oracle does), on its own,
 * and gives the pieces the positions of their source: the links are opaque,
 * the text around them is prose.
 */
export function splitLiterals(root: N, text: string, all = false): void {
  // The transform does not look inside links (literal autolinks micromark found included).
  const stack: N[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const kids = parent.children!;
    let out: N[] | undefined; // the new children, from the first split on (no spread: a node may split in thousands)
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      let pieces: N[] | null = null;
      if (k.type === 'text') {
        if (all || wouldSplit(k.value!)) pieces = splitText(k, text);
      } else if (k.children && k.type !== 'link' && k.type !== 'linkReference') stack.push(k);
      if (pieces && !out) out = kids.slice(0, i);
      if (pieces) for (const p of pieces) out!.push(p);
      else if (out) out.push(k);
    }
    if (out) parent.children = out;
  }
}

const transformLiterals = gfmAutolinkLiteralFromMarkdown().transforms![0] as unknown as (tree: N) => void;

/** The transform's pieces of one text node, with positions; null when it does not split it. */
function splitText(node: N, text: string): N[] | null {
  const value = node.value!;
  const box: N = { type: 'paragraph', children: [{ type: 'text', value }] };
  try {
    transformLiterals(box);
  } catch {
    // It splices the pieces in with a spread, which overflows the stack past
    // ~100,000 of them (hostile input): keep the node, without its position.
    return [{ type: 'text', value }];
  }
  const pieces = box.children!;
  if (pieces.length === 1 && pieces[0].type === 'text') return null;
  const pos = node.position;
  const map = pos?.end ? align(value, text, pos.start.offset, pos.end.offset) : null;
  let at = 0;
  for (const p of pieces) {
    const next = at + toString(p).length;
    if (map && next <= value.length) {
      p.position = { start: { offset: map[at] }, end: { offset: map[next] } };
      for (const k of p.children ?? []) k.position = { start: { offset: map[at] }, end: { offset: map[next] } };
    }
    at = next;
  }
  // The pieces spell the value; if not, nothing is known of where they are.
  if (at !== value.length) for (const p of pieces) p.position = undefined;
  return pieces;
}

const CHAR_REF = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{0,30}));/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Where each character of a text node's value starts in its source
 * `text[s, e)` (and `e` after the last), or null if the value cannot be
 * read off the source. Between them the source may hold escapes' backslashes,
 * character references, and what the value leaves out around line endings:
 * trailing whitespace, the next line's indentation and container markers.
 */
function align(value: string, text: string, s: number, e: number): Int32Array | null {
  const map = new Int32Array(value.length + 1);
  let j = s;
  for (let i = 0; i < value.length;) {
    const v = value.charCodeAt(i);
    for (;;) {
      if (j >= e) return null;
      const c = text.charCodeAt(j);
      if (c === 92 && j + 1 < e && text.charCodeAt(j + 1) === v && ASCII_PUNCTUATION.test(value[i])) {
        map[i++] = j;
        j += 2;
        break;
      }
      if (c === 38) {
        CHAR_REF.lastIndex = j;
        const m = CHAR_REF.exec(text);
        const decoded = m && (m[3] ? decodeNamedCharacterReference(m[3]) : decodeNumericCharacterReference(m[1] ?? m[2], m[1] ? 10 : 16));
        if (m && m.index + m[0].length <= e && decoded && value.startsWith(decoded, i)) {
          for (let k = 0; k < decoded.length; k++) map[i++] = j;
          j += m[0].length;
          break;
        }
      }
      if (c === v || (c === 0 && v === 0xfffd)) {
        map[i++] = j++;
        break;
      }
      if (c !== 32 && c !== 9 && c !== 62) return null; // only spaces, tabs and `>` are ever left out
      j++;
    }
  }
  map[value.length] = e;
  return map;
}

const URL = /(?<![\da-z])(https?:\/\/|www(?=\.))([\w-]*\.[\w\-.]*)([^\t\n\r ]*)/gi;
const XMPP = /(?<![\w+\-.@])xmpp:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)(\/(?:[\w\-/]|\.(?=[\dA-Za-z]))*)?/g;
const MAILTO = /(?<![\w+\-.@])mailto:([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;
const EMAIL = /(?<![\w+\-.]|(?:^|[^\d@A-Za-z])(?:mailto|xmpp):)([\w+\-.]+)@([\w-]+(?:\.[\w-]+)+)/g;

/** Whether one of the transform's four patterns has a match its replace function accepts. */
function wouldSplit(value: string): boolean {
  if (value.includes('.')) {
    URL.lastIndex = 0;
    for (let m = URL.exec(value); m; m = URL.exec(value)) {
      if (acceptUrl(m)) return true;
      URL.lastIndex = m.index + 1;
    }
  }
  if (!value.includes('@')) return false;
  XMPP.lastIndex = 0;
  for (let m = XMPP.exec(value); m; m = XMPP.exec(value)) {
    const resource = m[3];
    if (!(/[\d\-_]$/.test(m[2]) || (resource && (!/[A-Za-z]$/.test(resource) || value.charAt(m.index + m[0].length) === '@')))) return true;
    XMPP.lastIndex = m.index + 1;
  }
  for (const re of [MAILTO, EMAIL]) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      if (!/[\d\-_]$/.test(m[2])) return true;
      re.lastIndex = m.index + 1;
    }
  }
  return false;
}

/** findUrl's checks in mdast-util-gfm-autolink-literal. */
function acceptUrl(m: RegExpExecArray): boolean {
  const code = m.input.charCodeAt(m.index - 1);
  if (!(m.index === 0 || unicodeWhitespace(code) || unicodePunctuation(code))) return false;
  let domain = m[2];
  if (/^w/i.test(m[1])) domain = m[1] + domain;
  if (unicodePunctuation(domain.charCodeAt(0))) return false;
  const parts = domain.split('.');
  const bad = (p: string) => p !== '' && (/_/.test(p) || !/[\dA-Za-z]/.test(p));
  return !(parts.length < 2 || bad(parts[parts.length - 1]) || bad(parts[parts.length - 2]));
}
