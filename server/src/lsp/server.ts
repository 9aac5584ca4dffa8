// The language server: wires the LSP connection to the pure engine. Handlers
// stay short: they find the document's current analysis, ask the engine, and
// convert the answer. Everything document-specific lives in the engine.
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, TextDocuments,
  type Connection, type Diagnostic, type InitializeParams,
} from 'vscode-languageserver';
import { AnalysisManager, type DocResult } from './analysisManager';
import { LineIndex } from '../engine';
import { DOCUMENTS_CHANGED_NOTIFICATION, SETTINGS_SECTION, STATUS_NOTIFICATION, type InitializationOptions, type StatusParams } from '../protocol';
import type { ServerContext } from './context';
import { OptionsCache, settleGlobs, toEffective, type Effective } from './effective';
import { registerFeatures } from './features';
import { messagesWritten } from './encoded';
import { answerThenServe, type StartedServer } from './initialize';
import { openDocuments } from './openDocument';
import { DocumentsChanged } from './documentsChanged';
import type { Runtime } from '../node/runtime';
import { safe } from './safe';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { pathToUri } from './uris';
import { isMarkdownName, MARKDOWN_GLOB } from '../node/markdownNames';
import { Workspace, type FolderConfig } from './workspace';
import { SOURCE } from './convert';

/** The language id of the documents this server checks (the client's document selector names it too). */
const MARKDOWN = 'markdown';

/** The whole server on one connection, for a host that has it in one bundle (the browser's): answers `initialize`, then serves. */
export function startServer(connection: Connection, runtime: Runtime): void {
  answerThenServe(connection, (params) => serve(connection, runtime, params));
}

/** The server, made once `initialize` has been answered (initialize.ts): registers every handler but that one. */
export function serve(connection: Connection, runtime: Runtime, params: InitializeParams): StartedServer {
  const documents = new TextDocuments(openDocuments(runtime.editableText));
  const log = (m: string) => connection.console.log(m);
  const warnedOnce = new Set<string>();
  /** Logs problems and shows them once, together, without waiting on the user. */
  const warnOnce = (...problems: string[]) => {
    problems.forEach(log);
    const fresh = problems.filter((m) => !warnedOnce.has(m));
    if (fresh.length === 0) return;
    fresh.forEach((m) => warnedOnce.add(m));
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Deep Dive: ${fresh.join(' ')}` });
  };

  const parser = runtime.createParser(log);
  const workspace = new Workspace(runtime, log, (text, name) => parser.buildTemplate(text, name));
  const clientCaps = params.capabilities;
  const canPull = !!clientCaps.workspace?.configuration;
  const init = (params.initializationOptions ?? {}) as InitializationOptions & { settings?: unknown };
  let pushed: unknown = init.settings === undefined ? undefined : ((init.settings as { deepDive?: unknown })?.deepDive ?? init.settings);
  workspace.trusted = init.trusted !== false;
  workspace.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToUri(params.rootPath)] : []));
  const settingsCache = new Map<string, Promise<Settings>>();
  const lastDelay = new Map<string, number>();
  const configDiagnostics = new Map<string, string>();

  /**
   * Settings are resource-scoped per workspace folder: pulled once per folder
   * (and once for files outside every folder) until settings or folders
   * change, not once per document; the cache holds one entry per folder.
   */
  const settingsFor = (uri: string): Promise<Settings> => {
    const folder = workspace.folderOf(uri);
    const key = folder ?? '';
    let p = settingsCache.get(key);
    if (!p) {
      p = (async () => {
        let raw: unknown = pushed;
        if (canPull) {
          try {
            const pulled = await connection.workspace.getConfiguration({ scopeUri: folder ? pathToUri(folder) : undefined, section: SETTINGS_SECTION });
            // eglot answers null for sections it does not know: keep what was pushed.
            if (pulled !== null && pulled !== undefined) raw = pulled;
          } catch (e) {
            log(`workspace/configuration failed (${(e as Error).message}); using pushed settings.`);
          }
        }
        const { settings, problems } = readSettings(raw);
        warnOnce(...problems);
        return settings;
      })();
      settingsCache.set(key, p);
    }
    return p;
  };

  /** `extra`: problems with the templates the config names, each placed at its key. */
  const publishConfigProblems = (loaded: FolderConfig, extra: { key: string; message: string }[]) => {
    const uri = workspace.configUri(loaded);
    const lines = new LineIndex(loaded.text);
    // From the problem to the end of its line: the key or value the message is about.
    const atOffset = (offset: number, message: string): Diagnostic => {
      const pos = lines.positionAt(offset);
      return { range: { start: pos, end: { line: pos.line, character: lines.lineText(pos.line).length } }, severity: 1, source: SOURCE, message };
    };
    const diags = loaded.problems.map((p) => atOffset(p.offset ?? 0, p.message));
    for (const e of extra) diags.push(atOffset(Math.max(0, loaded.text.indexOf(`"${e.key}"`)), e.message));
    const key = JSON.stringify(diags);
    if (configDiagnostics.get(uri) === key) return;
    configDiagnostics.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics: diags });
  };

  /** A config file that is gone keeps no diagnostics. */
  const clearConfigProblems = (uri: string) => {
    const last = configDiagnostics.get(uri);
    if (last === undefined || last === '[]') return;
    configDiagnostics.set(uri, '[]');
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  };

  /** Counts settings changes (pushed or pulled settings forgotten). */
  let settingsGeneration = 0;
  /**
   * The options of each open document, kept between its keystrokes: everything
   * they are read from is either the document's uri or counted by a generation
   * (settings here; folders, config files and templates in the Workspace).
   */
  const options = new OptionsCache(() => `${settingsGeneration}:${workspace.generation}`);

  const effective = async (uri: string): Promise<Effective> => {
    const kept = options.get(uri);
    if (kept) return kept;
    const stamp = options.stamp();
    const result = await readEffective(uri);
    if (documents.get(uri)) options.set(uri, stamp, result);
    return result;
  };

  const readEffective = async (uri: string): Promise<Effective> => {
    const settings = await settingsFor(uri);
    const folder = workspace.folderOf(uri);
    const loaded = await workspace.configFor(folder);
    const [choice, named] = await Promise.all([
      workspace.templateFor(settings.templatePath, loaded, folder),
      workspace.namedTemplatesFor(settings.templates, loaded, folder),
    ]);
    if (choice.problem) warnOnce(choice.problem);
    if (named.problems.length > 0) warnOnce(...named.problems.map((p) => p.message));
    if (loaded) {
      const extra = [
        ...(!settings.templatePath && choice.problem ? [{ key: 'template', message: choice.problem }] : []),
        ...named.problems.filter((p) => p.inConfig).map((p) => ({ key: p.name, message: p.message })),
      ];
      publishConfigProblems(loaded, extra);
    } else if (folder) clearConfigProblems(workspace.configUriOf(folder));
    // Only for open documents: effective() is also asked for other URIs (new documents, workspace symbols).
    if (documents.get(uri)) lastDelay.set(uri, settings.diagnosticsDelay);
    const result = toEffective(uri, folder, settings, loaded, choice.template, { templates: named.templates, templateFile: workspace.isTemplateFile(uri) });
    await settleGlobs(result, runtime.yieldToEvents);
    return result;
  };

  /** Only markdown documents are analysed; others opened in the editor are not this server's to check. */
  const markdown = (uri: string) => {
    const d = documents.get(uri);
    return d && d.languageId === MARKDOWN ? d : undefined;
  };

  const manager = new AnalysisManager({
    get: markdown,
    effective,
    keptEffective: (uri) => options.get(uri),
    parser,
    log,
    yieldToEvents: runtime.yieldToEvents,
    messagesWritten: () => messagesWritten(connection),
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    status: (r: DocResult) => {
      const { isDeepDive, present, written, total, missing, scaffolded, degraded, template, templateReason } = r.snapshot.status();
      const params: StatusParams = {
        uri: r.uri, version: r.version, isDeepDive, present, written, total, missing, scaffolded, degraded, ms: Math.round(r.ms * 100) / 100,
        ...(template !== undefined ? { template, templateReason } : {}),
      };
      void connection.sendNotification(STATUS_NOTIFICATION, params);
    },
  });

  const documentsChanged = new DocumentsChanged(() => void connection.sendNotification(DOCUMENTS_CHANGED_NOTIFICATION));
  const ctx: ServerContext = { connection, caps: clientCaps, documents, manager, parser, workspace, runtime, log, effective, documentsChanged };

  const initialized = () => {
    // Off the initialize path: start the workers and derive the built-in template before the first document.
    parser.warmUp();
    workspace.builtin().catch((e) => log(`The built-in template cannot be read: ${(e as Error).message}`));
    // Ask for change events where the client can register them dynamically.
    if (clientCaps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.deepdive.json' }, { globPattern: MARKDOWN_GLOB }] })
        .catch(() => undefined);
    }
    if (!clientCaps.workspace?.workspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const current = new Set(workspace.folders.map(pathToUri));
      e.removed.forEach((f) => current.delete(f.uri));
      e.added.forEach((f) => current.add(f.uri));
      workspace.setFolders([...current]);
      workspace.invalidate();
      recheckAll();
    });
  };

  const recheckAll = () => {
    documentsChanged.changed();
    settingsGeneration++;
    settingsCache.clear();
    manager.refreshAll(documents.all().filter((d) => d.languageId === MARKDOWN).map((d) => d.uri));
  };

  connection.onDidChangeConfiguration(safe('didChangeConfiguration', log, undefined, (params) => {
    const s = (params?.settings ?? null) as { deepDive?: unknown } | null;
    if (s && typeof s === 'object' && 'deepDive' in s) pushed = s.deepDive;
    recheckAll();
  }));

  connection.onDidChangeWatchedFiles(safe('didChangeWatchedFiles', log, undefined, (params) => {
    if (params.changes.some((c) => workspace.isWatched(c.uri))) {
      workspace.invalidate();
      recheckAll();
    } else if (params.changes.some((c) => isMarkdownName(c.uri))) documentsChanged.changed();
  }));

  // TextDocuments reports an open as a content change too; the open already scheduled its analysis.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    if (e.document.languageId !== MARKDOWN) return;
    manager.reopen(e.document.uri);
    justOpened.add(e.document.uri);
    manager.schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri) || e.document.languageId !== MARKDOWN) return;
    manager.schedule(e.document.uri, lastDelay.get(e.document.uri) ?? DEFAULT_SETTINGS.diagnosticsDelay);
  });
  documents.onDidSave((e) => {
    if (e.document.languageId === MARKDOWN) documentsChanged.changed();
  });
  documents.onDidClose((e) => {
    // The documents' answer goes back from the editor's text to the file's.
    if (e.document.languageId === MARKDOWN) documentsChanged.changed();
    justOpened.delete(e.document.uri);
    lastDelay.delete(e.document.uri);
    options.delete(e.document.uri);
    if (e.document.languageId === MARKDOWN) manager.close(e.document.uri);
  });

  registerFeatures(ctx);
  connection.onShutdown(() => parser.dispose());
  documents.listen(connection);
  return { initialized };
}
