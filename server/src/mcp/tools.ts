// The MCP tools' work, as plain functions from arguments to a JSON-able
// answer (serve.ts wires them to the protocol). Documents come as a `path`
// inside the server's root or as `text`; each answer says which template it
// used. Positions are 1-based lines and columns (UTF-16), as editors show them.
import { readFileSync } from 'node:fs';
import {
  analyze, detectDeepDive, documentStatus, insertionText, matchesGlob, placeSection, placeSubsection,
  sectionScaffold, usesSeparators, type Analysis, type DetectReason, type Finding, type TemplateModel, type TemplateSection,
} from '../engine';
import { guidanceMarkdown } from '../engine/features/guidance';
import { findingSection } from '../cli/baseline';
import { detectPath } from '../cli/check';
import { collectFiles } from '../cli/walk';
import { CliError, describeFsError } from '../cli/errors';
import { parseText, ToolError, type McpWorkspace, type Setup } from './workspace';

export interface DocumentArgs {
  path?: string;
  text?: string;
  template?: string;
}

interface Loaded {
  setup: Setup;
  text: string;
  /** Root-relative path, or null for `text`. */
  file: string | null;
  abs: string | null;
}

function readFile(ws: McpWorkspace, abs: string, arg: string, maxSize: number): string {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new ToolError(`cannot read ${arg}: ${describeFsError(e)}`);
  }
  if (text.length > maxSize) throw new ToolError(`${arg} is larger than ${maxSize} characters`);
  return text;
}

function load(ws: McpWorkspace, args: DocumentArgs): Loaded {
  if ((args.path === undefined) === (args.text === undefined)) throw new ToolError('give exactly one of "path" (a file inside the server\'s root) or "text" (the markdown itself)');
  // The path is checked first: a refusal never depends on the workspace's config.
  const abs = args.path === undefined ? null : ws.resolve(args.path, 'file');
  const setup = ws.setup(args.template);
  if (abs === null) {
    if (args.text!.length > setup.maxSize) throw new ToolError(`"text" is larger than ${setup.maxSize} characters`);
    return { setup, text: args.text!, file: null, abs: null };
  }
  return { setup, text: readFile(ws, abs, args.path!, setup.maxSize), file: ws.display(abs), abs };
}

const analyzeLoaded = (l: Loaded): Analysis => analyze(parseText(l.text), l.setup.template.model, { rules: l.setup.rules });

function allSections(template: TemplateModel): { t: TemplateSection; parent: TemplateSection | null }[] {
  return template.sections.flatMap((t) => [{ t, parent: null }, ...t.children.map((c) => ({ t: c, parent: t }))]);
}

/** The template section a finding is about: the one it names, else the one it stands in. */
function sectionOf(analysis: Analysis, f: Finding): TemplateSection | null {
  const named = findingSection(f);
  const all = allSections(analysis.template);
  if (named) {
    const hit = all.find((s) => s.t.title === named);
    if (hit) return hit.t;
  }
  const offset = analysis.doc.lines.offsetAt(f.range.start);
  const around = analysis.match.assignments.filter((a) => a.section.start <= offset && offset < a.section.end);
  // The innermost: a subsection before its section.
  return around.sort((a, b) => b.section.start - a.section.start)[0]?.template ?? null;
}

const pos = (p: { line: number; character: number }) => ({ line: p.line + 1, column: p.character + 1 });

export function checkTool(ws: McpWorkspace, args: DocumentArgs) {
  const l = load(ws, args);
  const analysis = analyzeLoaded(l);
  return {
    file: l.file,
    template: l.setup.template.name,
    status: documentStatus(analysis),
    findings: analysis.findings.map((f) => {
      const t = sectionOf(analysis, f);
      return {
        code: f.code,
        severity: f.severity,
        message: f.message,
        start: pos(f.range.start),
        end: pos(f.range.end),
        section: t?.title ?? null,
        guidance: t ? guidanceMarkdown(t) : null,
      };
    }),
  };
}

const REASONS: Record<Exclude<DetectReason, null>, string> = {
  'front-matter': 'its front matter names the template (template: deep-dive)',
  glob: 'its path matches a deep-dive glob',
  sections: "it has at least three of the template's ## sections (auto-detect)",
  'summary-field': "it has the template's first field (auto-detect)",
};

export function explainTool(ws: McpWorkspace, args: DocumentArgs) {
  const l = load(ws, args);
  const { setup } = l;
  const template = {
    name: setup.template.name,
    source: setup.templateSource,
    why: setup.templateSource === 'argument'
      ? 'named by the "template" argument'
      : setup.templateSource === 'config'
        ? `named by "template" in ${ws.display(setup.configFile!)}`
        : 'no .deepdive.json in the root or above names one, so the built-in template applies',
    configFile: setup.configFile ? ws.display(setup.configFile) : null,
    sections: setup.template.model.sections.map((s) => s.title),
  };
  const doc = parseText(l.text);
  const path = l.abs ? detectPath(setup.globRoot, l.abs) : undefined;
  const reason = detectDeepDive(doc, setup.template.model, { path, globs: setup.globs, autoDetect: setup.autoDetect });
  const glob = reason === 'glob' && path ? setup.globs.find((g) => matchesGlob(path, g)) ?? null : null;
  return {
    file: l.file,
    template,
    deepDive: reason !== null,
    reason,
    why: reason === null
      ? `not recognised as a deep dive: no front matter naming the template, no matching glob${setup.autoDetect ? ", and too few of the template's sections" : ', and auto-detect is off'}. Walking a folder skips it; naming the file checks it anyway.`
      : glob ? `${REASONS[reason]}: ${glob}` : REASONS[reason],
    globs: setup.globs,
    autoDetect: setup.autoDetect,
  };
}

export interface ScaffoldArgs extends DocumentArgs {
  section?: string;
}

export function scaffoldTool(ws: McpWorkspace, args: ScaffoldArgs) {
  const l = load(ws, args);
  const analysis = analyzeLoaded(l);
  const { doc, match } = analysis;
  const eol = doc.lines.eol();
  const sep = usesSeparators(doc);
  const inserts: { section: string; parent: string | null; offset: number; at: { line: number; column: number }; after: string | null; before: string | null; text: string }[] = [];
  for (const t of match.missing) {
    const p = placeSection(doc, match, t);
    inserts.push({
      section: t.title, parent: null, offset: p.offset, at: pos(doc.lines.positionAt(p.offset)),
      after: p.after?.template.title ?? null, before: p.before?.template.title ?? null,
      text: insertionText(doc, p.offset, sectionScaffold(t, { eol }), sep),
    });
  }
  for (const [a, children] of match.missingChildren) {
    // Under a section written at another level, subsections go one below it (as the quick fix does).
    const depth = Math.min(6, a.section.heading.depth + 1);
    for (const t of children) {
      const p = placeSubsection(doc, match, a, t);
      inserts.push({
        section: t.title, parent: a.template.title, offset: p.offset, at: pos(doc.lines.positionAt(p.offset)),
        after: p.after?.template.title ?? null, before: p.before?.template.title ?? null,
        text: insertionText(doc, p.offset, sectionScaffold({ ...t, depth }, { eol }), false),
      });
    }
  }
  const chosen = args.section === undefined ? inserts : inserts.filter((i) => i.section.toLowerCase() === args.section!.trim().toLowerCase());
  if (args.section !== undefined && chosen.length === 0) {
    const known = allSections(analysis.template).some((s) => s.t.title.toLowerCase() === args.section!.trim().toLowerCase());
    throw new ToolError(known
      ? `"${args.section}" is already in the document`
      : `the template has no section "${args.section}"; its sections are ${analysis.template.sections.map((s) => s.title).join(', ')}`);
  }
  return {
    file: l.file,
    template: l.setup.template.name,
    note: 'Insert each text at its offset (UTF-16, 0-based) or line and column, last one first, so earlier offsets stay valid.',
    inserts: chosen.sort((a, b) => a.offset - b.offset),
  };
}

/** Folders can be large; an agent needs the overview, not every file. */
export const LIST_LIMIT = 1000;

export function listTool(ws: McpWorkspace, args: { folder?: string; template?: string }) {
  const folder = ws.resolve(args.folder ?? '.', 'folder');
  const setup = ws.setup(args.template);
  let tasks;
  try {
    tasks = collectFiles(folder, ['.']);
  } catch (e) {
    if (e instanceof CliError) throw new ToolError(e.message);
    throw e;
  }
  const deepDives = [];
  let skipped = 0;
  let truncated = false;
  for (const task of tasks) {
    let abs: string;
    try {
      abs = ws.resolve(task.abs, 'file');
    } catch {
      continue; // a link out of the root
    }
    let text: string;
    try {
      text = readFile(ws, abs, ws.display(abs), setup.maxSize);
    } catch {
      skipped++;
      continue;
    }
    const doc = parseText(text);
    const reason = detectDeepDive(doc, setup.template.model, { path: detectPath(setup.globRoot, abs), globs: setup.globs, autoDetect: setup.autoDetect });
    if (reason === null) {
      skipped++;
      continue;
    }
    if (deepDives.length === LIST_LIMIT) {
      truncated = true;
      break;
    }
    const analysis = analyze(doc, setup.template.model, { rules: setup.rules });
    const status = documentStatus(analysis);
    deepDives.push({ path: ws.display(abs), reason, present: status.present, total: status.total, complete: status.missing.length === 0, missing: status.missing, findings: analysis.findings.length });
  }
  return { folder: ws.display(folder), template: setup.template.name, deepDives, skipped, truncated };
}
