// The template's recurring structures, read from its section bodies rather
// than written here: a numbered item with bold labels and placeholders (a
// failure scenario with Impact/Detection/Recovery), a bullet list whose every
// line is a bold label (the 10x/100x/1000x overload lines, the metrics), and a
// fenced block with a language (the mermaid flowchart). Completion offers them
// inside their section; the snippets file carries them too.
import { parseChunk } from '../markdown';
import { headingKey } from '../match-text';
import type { TemplateModel, TemplateSection } from '../types';
import { slug } from './util';

export type StructureKind = 'item' | 'lines' | 'fence';

export interface TemplateStructure {
  kind: StructureKind;
  /** The template section or subsection whose body holds it. */
  section: TemplateSection;
  /** Its `##` section when `section` is a subsection. */
  parent: TemplateSection | null;
  /** Human name: "Scenario (Impact, Detection, Recovery)", "Overload Behavior", "mermaid flowchart". */
  label: string;
  /** Bold labels: of the item and its sub-bullets, or of each line. */
  labels: string[];
  /** Template markdown: the item, the list (one entry per line item), or the fence. */
  items: string[];
  /** A short word for snippet prefixes: "scenario", "overload", "mermaid". */
  name: string;
}

const MARKER = /^(\s*)([-*+]|\d{1,9}[.)])[ \t]+/;
const LABEL = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+\*\*([^*\r\n]+?)\*\*\s*:/;
const PLACEHOLDER = /(?<!\\)\[[^[\]\r\n]+\](?![([])/;

const cache = new WeakMap<TemplateModel, TemplateStructure[]>();

export function templateStructures(template: TemplateModel): TemplateStructure[] {
  let list = cache.get(template);
  if (!list) {
    list = [];
    for (const s of template.sections) {
      collect(s, null, list);
      for (const c of s.children) collect(c, s, list);
    }
    cache.set(template, list);
  }
  return list;
}

/** Top-level items of a list block: each item with its continuation lines. */
export function splitItems(listText: string): string[] {
  const lines = listText.split(/\r\n|\r|\n/);
  const indent = MARKER.exec(lines[0])?.[1].length ?? 0;
  const items: string[][] = [];
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m && m[1].length === indent) items.push([line]);
    else if (items.length > 0) items[items.length - 1].push(line);
  }
  return items.map((l) => l.join('\n').replace(/\s+$/, ''));
}

function collect(section: TemplateSection, parent: TemplateSection | null, out: TemplateStructure[]): void {
  const body = section.body;
  if (!body) return;
  const base = { section, parent };
  for (const b of parseChunk(body).blocks) {
    const text = body.slice(b.start, b.end);
    if (b.type === 'code' && b.lang && /^ {0,3}(```|~~~)/.test(text)) {
      const first = /^\s*(\S+)/.exec(text.split('\n')[1] ?? '')?.[1];
      out.push({ ...base, kind: 'fence', label: first ? `${b.lang} ${first}` : b.lang, labels: [], items: [text], name: slug(b.lang) });
      continue;
    }
    if (b.type !== 'list') continue;
    const items = splitItems(text);
    const ordered = /^\s*\d/.test(text);
    if (ordered) {
      const seen = new Set<string>();
      for (const item of items) {
        const label = LABEL.exec(item)?.[1];
        if (!label || seen.has(label) || !PLACEHOLDER.test(item)) continue;
        seen.add(label);
        const sub = item.split('\n').slice(1).map((l) => LABEL.exec(l)?.[1]).filter((l): l is string => !!l);
        out.push({
          ...base, kind: 'item', label: sub.length ? `${label} (${sub.join(', ')})` : label,
          labels: [label, ...sub], items: [item], name: slug(label),
        });
      }
    } else if (items.length >= 2 && items.every((i) => LABEL.test(i))) {
      const labels = items.map((i) => LABEL.exec(i)![1]);
      out.push({ ...base, kind: 'lines', label: section.title, labels, items, name: slug(section.title.split(/\s+/)[0]) });
    }
  }
}

/** The bold labels already written in `text` (as heading keys). */
export function labelsIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\*\*([^*\r\n]+?)\*\*/g)) out.add(headingKey(m[1]));
  return out;
}

/** The next number for an ordered `item` structure, after the ones with its label already in `text`. */
export function nextItemNumber(s: TemplateStructure, text: string): number {
  const key = headingKey(s.labels[0] ?? '');
  let n = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^\s{0,3}(\d{1,9})[.)][ \t]+\*\*([^*]+?)\*\*/.exec(line);
    if (m && headingKey(m[2]) === key) n = Math.max(n, Number(m[1]));
  }
  return n + 1;
}

/** Markdown text of a structure: an item renumbered, or only some of its lines. */
export function structureText(s: TemplateStructure, opts: { number?: number; only?: string[] } = {}): string {
  if (s.kind === 'item') return opts.number === undefined ? s.items[0] : s.items[0].replace(/^(\s*)\d+/, `$1${opts.number}`);
  if (s.kind === 'lines' && opts.only) return s.items.filter((_, i) => opts.only!.includes(s.labels[i])).join('\n');
  return s.items.join('\n');
}
