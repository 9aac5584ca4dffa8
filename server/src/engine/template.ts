// Builds the template model from template markdown: nothing about the
// template's headings is written in code, so another template file works the
// same way. Everything before the first `##` (the template's own `#` heading
// and intro) belongs to the template file, not to the documents it describes.
import { parseChunk, type BlockFact } from './markdown';
import { headingKey } from './match-text';
import type { TemplateField, TemplateModel, TemplateSection } from './types';

export class TemplateError extends Error {
  constructor(readonly templateName: string, detail: string) {
    super(`Template ${templateName}: ${detail}`);
    this.name = 'TemplateError';
  }
}

const TITLE_KEY = 'title';

/** `## Title: [Topic Name]` and `## Title` both name the document title line. */
export function isTitleHeading(title: string): boolean {
  const key = headingKey(title);
  return key === TITLE_KEY || key.startsWith(TITLE_KEY + ' ') && /^\s*title\s*:/i.test(title);
}

function stripSeparators(body: string): string {
  return body.replace(/(^|\n)\s*(---|\*\*\*|___)\s*(?=\n|$)/g, '\n').trim();
}

function placeholdersIn(text: string): string[] {
  // Brackets in prose only: code spans and fences are dropped first.
  const prose = text.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, '').replace(/`[^`\n]*`/g, '');
  const out: string[] = [];
  for (const m of prose.matchAll(/(?<!\\)\[([^[\]\r\n]+)\](?![([])/g)) out.push(m[1]);
  return out;
}

export function buildTemplate(markdown: string, name = 'template'): TemplateModel {
  if (typeof markdown !== 'string') throw new TemplateError(name, 'no text to read');
  const text = markdown.replace(/^\uFEFF/, '');
  let facts;
  try {
    facts = parseChunk(text);
  } catch (e) {
    throw new TemplateError(name, `cannot be parsed as markdown (${(e as Error).message})`);
  }
  const headings = facts.blocks.filter((b) => b.type === 'heading');
  const bodyOf = (h: BlockFact) => {
    const next = headings.find((n) => n.start > h.start);
    return stripSeparators(text.slice(h.end, next ? next.start : text.length));
  };

  const sections: TemplateSection[] = [];
  const fields: TemplateField[] = [];
  const collectFields = (from: number, to: number) => {
    for (const b of facts.blocks) {
      if (b.start < from || b.start >= to) continue;
      for (const f of b.fields ?? []) {
        const line = text.slice(f.start, f.end).split(/\r\n|\r|\n/)[0];
        const label = f.label.replace(/:\s*$/, '').trim();
        fields.push({ label, key: headingKey(label), placeholder: placeholdersIn(line)[0] ?? '', line });
      }
    }
  };
  let titlePlaceholder = 'Topic Name';
  let titleLine = false;
  let current: TemplateSection | null = null;

  for (const h of headings) {
    const title = h.title ?? '';
    if (h.depth === 2 && isTitleHeading(title)) {
      titleLine = true;
      const m = /\[([^\]]+)\]/.exec(text.slice(h.start, h.end));
      if (m) titlePlaceholder = m[1];
      const next = headings.find((n) => n.start > h.start);
      collectFields(h.end, next ? next.start : text.length);
      current = null;
      continue;
    }
    if (h.depth === 2) {
      const body = bodyOf(h);
      current = { title, key: headingKey(title), depth: 2, body, placeholders: placeholdersIn(body), children: [], index: sections.length };
      sections.push(current);
    } else if (h.depth === 3 && current) {
      const body = bodyOf(h);
      current.children.push({ title, key: headingKey(title), depth: 3, body, placeholders: placeholdersIn(body), children: [], index: current.children.length });
    }
  }

  // Without a `## Title:` line, the fields are the bold lines above the first section.
  if (!titleLine) {
    const first = headings.find((h) => h.depth === 2);
    collectFields(0, first ? first.start : text.length);
  }
  if (sections.length === 0) throw new TemplateError(name, 'has no `##` sections, so there is nothing to check documents against');
  const seen = new Set<string>();
  for (const s of sections) {
    if (s.key === '') throw new TemplateError(name, `has a \`##\` heading with no words: "${s.title}"`);
    if (seen.has(s.key)) throw new TemplateError(name, `names the section "${s.title}" twice`);
    seen.add(s.key);
  }
  return { name, titlePlaceholder, fields, sections, source: text };
}

/** Every `[placeholder]` of the template (title, fields, sections), for recognising unfilled ones. */
export function allPlaceholders(t: TemplateModel): string[] {
  const out = [t.titlePlaceholder, ...t.fields.map((f) => f.placeholder)];
  const walk = (s: TemplateSection) => {
    out.push(...s.placeholders);
    s.children.forEach(walk);
  };
  t.sections.forEach(walk);
  return out.filter((p) => p !== '');
}
