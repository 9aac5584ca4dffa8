// `deepDive/documents`: every deep dive of the workspace with how far it is
// written (sections written, scaffolded, missing, each with its template
// subsections) and its findings by severity, for a workspace view in the
// client. Open documents answer from their current analysis; other files are
// read and analysed here, one at a time with a yield between them, and cached
// by modification time and settings, so asking again after a save costs a
// walk and one analysis.
import type { CancellationToken } from 'vscode-languageserver';
import { checkText, type Analysis } from '../engine';
import { completeness, completenessCounts } from '../engine/features/completeness';
import { documentOverview } from '../engine/features/overview';
import type { DocumentEntry, DocumentsParams, DocumentsResult } from '../protocol';
import type { ServerContext } from './context';
import type { Effective } from './effective';
import { INDEX_MAX_FILE_SIZE, INDEX_MAX_FILES } from '../node/markdownNames';
import { globPath, pathToUri, uriToPath } from './uris';


interface Entry {
  mtimeMs: number;
  /** The settings the entry was computed under: a settings or template change recomputes it. */
  settings: string;
  entry: DocumentEntry | null;
}

/** What of the settings an entry depends on; the template by identity (a template change makes a new model). */
const templateIds = new WeakMap<object, number>();
let nextTemplateId = 1;
function settingsKey(e: Effective): string {
  const id = (t: object) => {
    if (!templateIds.has(t)) templateIds.set(t, nextTemplateId++);
    return templateIds.get(t);
  };
  return JSON.stringify([id(e.template), e.templates.map((t) => [t.name, id(t.template), t.globs]), e.templateFile, e.rules, e.globs, e.autoDetect]);
}

/** The protocol's view of one analysed deep dive. */
export function documentEntry(uri: string, a: Analysis): DocumentEntry {
  const c = completeness(a);
  // Both list the template's sections in template order; the overview knows where a missing one belongs.
  const overview = c.missing > 0 ? documentOverview(a) : undefined;
  const findings = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of a.findings) findings[f.severity]++;
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  return {
    uri,
    // A `## Title: X` line names the document X.
    title: a.match.title?.title.replace(/^\s*title\s*:\s*/i, '') || name,
    ...completenessCounts(c),
    findings,
    sections: c.sections.map((s, i) => ({
      title: s.title, state: s.state, range: s.range,
      ...(s.state === 'missing' && overview ? { belongs: overview.sections[i].range } : {}),
      subsections: s.subsections.map((x) => ({ title: x.title, state: x.state, range: x.range })),
    })),
  };
}

export function documentsProvider(ctx: ServerContext) {
  const cache = new Map<string, Entry>();
  return async (params: DocumentsParams | undefined, token: CancellationToken): Promise<DocumentsResult> => {
    ctx.documentsChanged.listen();
    // A progress indicator while the workspace is indexed, where the client asked for one.
    const workDone = params?.workDoneToken !== undefined ? ctx.connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    const documents: DocumentEntry[] = [];
    const folderFilter = typeof params?.folder === 'string' ? params.folder : undefined;
    const inScope = (uri: string) => !folderFilter || uri === folderFilter || uri.startsWith(folderFilter.replace(/\/?$/, '/'));
    const open = new Set<string>();
    for (const d of ctx.documents.all()) {
      open.add(d.uri);
      if (!inScope(d.uri) || !(await onDisk(ctx, d.uri))) continue;
      const r = await ctx.manager.current(d.uri);
      if (r?.snapshot.analysis) documents.push(documentEntry(d.uri, r.snapshot.analysis));
    }
    const folders = ctx.workspace.folders.filter((f) => inScope(pathToUri(f)));
    const files: { file: string; folder: string }[] = [];
    for (const folder of folders) for (const file of await ctx.runtime.listMarkdownFiles(folder, INDEX_MAX_FILES)) files.push({ file, folder });
    workDone?.begin('Deep Dive: indexing deep dives', 0, `${files.length} markdown files`, true);
    try {
      for (let i = 0; i < files.length; i++) {
        if (token.isCancellationRequested) return { documents, partial: true };
        const { file, folder } = files[i];
        const uri = pathToUri(file);
        if (open.has(uri)) continue;
        const entry = await closedFile(ctx, cache, file, folder, uri);
        if (entry) documents.push(entry);
        if (i % 20 === 19) {
          workDone?.report(Math.round(((i + 1) / files.length) * 100), `${i + 1}/${files.length} files`);
          await ctx.runtime.yieldToEvents();
        }
      }
    } finally {
      workDone?.done();
    }
    documents.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return { documents, partial: false };
  };
}

/** An open document is listed unless it is a file deleted from disk (an editor may hold it open a while after). */
async function onDisk(ctx: ServerContext, uri: string): Promise<boolean> {
  const file = uriToPath(uri);
  return file === null || (await ctx.runtime.fileInfo(file)) !== null;
}

async function closedFile(ctx: ServerContext, cache: Map<string, Entry>, file: string, folder: string, uri: string): Promise<DocumentEntry | null> {
  const effective = await ctx.effective(uri);
  if (!effective.enabled) return null;
  const st = await ctx.runtime.fileInfo(file);
  if (!st || st.size > INDEX_MAX_FILE_SIZE) return null;
  const hit = cache.get(file);
  const settings = settingsKey(effective);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.settings === settings) return hit.entry;
  let text: string;
  try {
    text = (await ctx.runtime.readFile(file)).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
  // checkText reads shapes that stall the parser with the line scanner, as everywhere else.
  const { analysis } = checkText(text, { ...effective, path: globPath(uri, folder) });
  const entry = analysis ? documentEntry(uri, analysis) : null;
  cache.set(file, { mtimeMs: st.mtimeMs, settings, entry });
  return entry;
}

