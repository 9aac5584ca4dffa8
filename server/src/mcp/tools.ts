// The MCP tools' work, as plain functions from arguments to a JSON-able
// answer (serve.ts wires them to the protocol). Documents come as a `path`
// inside the server's root or as `text`; each answer says which template it
// used. Documents are checked as the CLI checks a file (cli/check.ts
// `checkFileText`), and folders walked by the one walk (node/markdownFiles.ts).
// Positions are 1-based lines and columns (UTF-16), as editors show them.
import * as path from 'node:path';
import { type Analysis, type Finding, type TemplateModel, type TemplateSection } from '../engine';
import { documentStatus } from '../engine/features/documentLevel';
import { insertionText, placeSection, placeSubsection, usesSeparators } from '../engine/placement';
import { sectionScaffold } from '../engine/scaffold';
import { BUILTIN_TEMPLATE_NAME as DEFAULT_TEMPLATE_NAME, describeReason, type TemplateSelection } from '../engine/selection';
import { guidanceMarkdown } from '../engine/features/guidance';
import { findingSection } from '../cli/baseline';
import { checkFileText } from '../cli/check';
import { describeFsError } from '../cli/errors';
import { readBoundedSync } from '../node/fileBoundary';
import { UnreadableFolder, walkFolder } from '../node/markdownFiles';
import { ToolError, type McpWorkspace, type Setup } from './workspace';

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

function readFile(abs: string, arg: string, maxSize: number): string {
  let text: string;
  try {
    // The read policy every file has (a regular file, bounded), then the tools' size limit.
    text = readBoundedSync(abs).toString('utf8');
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
    const max = setup.context.maxDocumentSize;
    if (args.text!.length > max) throw new ToolError(`"text" is larger than ${max} characters`);
    return { setup, text: args.text!, file: null, abs: null };
  }
  return { setup, text: readFile(abs, args.path!, setup.context.maxDocumentSize), file: ws.display(abs), abs };
}

/** A document checked as the CLI checks a file; `explicit`: whatever detection says (a document asked about by name). */
const checkLoaded = (l: Loaded, explicit: boolean) => checkFileText(l.setup.context, l.setup.template.model, l.text, { abs: l.abs, explicit }, l.setup.templates);

/** The analysis of a document asked about by name: always one (checking is never switched off here). */
const analyzeLoaded = (l: Loaded): Analysis => checkLoaded(l, true).analysis!;

/** The config's named template a document picked, if it picked one (the default template is the setup's, which an argument may replace). */
function namedPick(selection: TemplateSelection | null | undefined): TemplateSelection | null {
  return selection && selection.name !== DEFAULT_TEMPLATE_NAME ? selection : null;
}

/** The template a document was checked against: its own pick among the workspace's, or the setup's default. */
function templateNameOf(setup: Setup, selection: TemplateSelection | null | undefined): string {
  return namedPick(selection)?.name ?? setup.template.name;
}

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
    template: templateNameOf(l.setup, analysis.selection),
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

export function explainTool(ws: McpWorkspace, args: DocumentArgs) {
  const l = load(ws, args);
  const { setup } = l;
  const verdict = checkLoaded(l, false);
  const selection = verdict.selection;
  const picked = namedPick(selection);
  const { context } = setup;
  const autoDetect = context.autoDetect !== false;
  const unknown = verdict.findings.find((f) => f.code === 'unknown-template');
  const template = {
    name: picked ? picked.name : setup.template.name,
    source: picked ? 'selected' : setup.templateSource,
    why: picked
      ? `one of the templates in ${ws.display(setup.configFile!)}, picked by the document: ${describeReason(picked.reason)}`
      : setup.templateSource === 'argument'
        ? 'named by the "template" argument'
        : setup.templateSource === 'config'
          ? `named by "template" in ${ws.display(setup.configFile!)}`
          : 'no .deepdive.json in the root or above names one, so the built-in template applies',
    configFile: setup.configFile ? ws.display(setup.configFile) : null,
    sections: (picked ? picked.template : setup.template.model).sections.map((s) => s.title),
    // Every template a document here may pick (the default one last), unless the argument fixed one.
    available: setup.templates.length > 0 ? [...setup.templates.map((t) => t.name), DEFAULT_TEMPLATE_NAME] : [],
  };
  const reason = selection && selection.reason.kind !== 'forced' ? selection.reason.kind : null;
  return {
    file: l.file,
    template,
    deepDive: reason !== null,
    reason,
    why: reason === null
      ? `not recognised as a deep dive: no front matter naming a template, no matching glob${autoDetect ? ", and too few of any template's sections" : ', and auto-detect is off'}. Walking a folder skips it; naming the file checks it anyway.`
      : describeReason(selection!.reason),
    problem: unknown ? { message: unknown.message, line: unknown.range.start.line + 1 } : null,
    globs: context.globs ?? [],
    autoDetect,
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
    template: templateNameOf(l.setup, analysis.selection),
    note: 'Insert each text at its offset (UTF-16, 0-based) or line and column, last one first, so earlier offsets stay valid.',
    inserts: chosen.sort((a, b) => a.offset - b.offset),
  };
}

/** Folders can be large; an agent needs the overview, not every file. */
export const LIST_LIMIT = 1000;

export async function listTool(ws: McpWorkspace, args: { folder?: string; template?: string }) {
  const folder = ws.resolve(args.folder ?? '.', 'folder');
  const setup = ws.setup(args.template);
  let files: string[];
  try {
    files = await walkFolder(folder, { markdownOnly: true, strict: true });
  } catch (e) {
    const [where, why] = e instanceof UnreadableFolder ? [e.folder, e.error] : [folder, e];
    throw new ToolError(`cannot read folder ${ws.display(where)}: ${describeFsError(why)}`);
  }
  const deepDives = [];
  let skipped = 0;
  let truncated = false;
  for (const rel of files) {
    let abs: string;
    try {
      abs = ws.resolve(path.join(folder, rel), 'file');
    } catch {
      continue; // the walk follows no link out of the folder; this guards the root all the same
    }
    // The workspace's templates are not documents (as in a CLI walk).
    if (setup.context.templateFiles?.includes(abs)) {
      skipped++;
      continue;
    }
    let text: string;
    try {
      text = readFile(abs, ws.display(abs), setup.context.maxDocumentSize);
    } catch {
      skipped++;
      continue;
    }
    const { analysis, findings } = checkFileText(setup.context, setup.template.model, text, { abs, explicit: false }, setup.templates);
    if (analysis === null) {
      skipped++;
      continue;
    }
    if (deepDives.length === LIST_LIMIT) {
      truncated = true;
      break;
    }
    const status = documentStatus(analysis);
    const reason = analysis.selection?.reason.kind ?? null;
    const template = templateNameOf(setup, analysis.selection);
    deepDives.push({ path: ws.display(abs), template, reason, present: status.present, total: status.total, complete: status.missing.length === 0, missing: status.missing, findings: findings.length });
  }
  return { folder: ws.display(folder), template: setup.template.name, deepDives, skipped, truncated };
}
