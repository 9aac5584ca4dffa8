// Reads the built-in template's headings with a plain line scan (fences skipped),
// so the generators and the MD043 baseline follow the template instead of a copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_PATH = fileURLToPath(new URL('../../server/templates/deep-dive.md', import.meta.url));

/** @returns {{level:number,text:string}[]} headings in document order */
export function templateHeadings(path = TEMPLATE_PATH) {
  const out = [];
  let fence = null;
  for (const line of readFileSync(path, 'utf8').split(/\r\n|\r|\n/)) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    if (fence) continue;
    const h = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (h) out.push({ level: h[1].length, text: h[2] });
  }
  return out;
}

/** Template as H2 sections with their H3 subsections (the H1 is the template's own title). */
export function templateSections(path = TEMPLATE_PATH) {
  const sections = [];
  for (const h of templateHeadings(path)) {
    if (h.level === 2) sections.push({ title: h.text, subsections: [] });
    else if (h.level === 3 && sections.length) sections.at(-1).subsections.push(h.text);
  }
  return sections;
}

/** MD043 from the template: its H2/H3 headings in order, "*" allowing the author's own headings between. */
export function md043Headings() {
  const hs = ['*'];
  for (const h of templateHeadings()) {
    if (h.level < 2 || h.level > 3 || /\[.*\]/.test(h.text)) continue;
    hs.push(`${'#'.repeat(h.level)} ${h.text}`, '*');
  }
  return hs;
}
