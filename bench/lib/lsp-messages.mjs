// What the bench's LSP clients say, whichever way they talk to the server: over stdio
// (lsp-client.mjs) or over a Web Worker's message port in a page (worker-session.mjs,
// which imports this module in the browser: nothing here may need Node).

/** The `initialize` params of a client with one workspace folder and the bench's settings. */
export function initializeParams({ rootUri, folders, settings, processId = null }) {
  return {
    processId,
    clientInfo: { name: 'deep-dive-bench' },
    rootUri,
    workspaceFolders: folders,
    initializationOptions: { settings },
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
      window: { workDoneProgress: false },
    },
  };
}

/** Settings lookup for workspace/configuration items ({deepDive:{...}} by dotted section). */
export function lookup(settings, section) {
  if (!section) return settings;
  let v = settings;
  for (const k of section.split('.')) v = v == null ? undefined : v[k];
  return v ?? null;
}

/** The answer to a request from the server that needs no more than the settings and folders (null otherwise). */
export function answerFor(msg, { settings, folders }) {
  if (msg.method === 'workspace/configuration') return msg.params.items.map((i) => lookup(settings, i.section));
  if (msg.method === 'workspace/applyEdit') return { applied: true };
  if (msg.method === 'workspace/workspaceFolders') return folders ?? null;
  return null;
}

/**
 * A response settles its pending request (`pending`: id -> {resolve, reject, timer, method, sent});
 * true when `msg` was a response, so the caller goes no further with it.
 */
export function settleResponse(pending, msg, at) {
  if (msg.id === undefined || msg.method !== undefined) return false;
  const p = pending.get(msg.id);
  if (!p) return true;
  pending.delete(msg.id);
  clearTimeout(p.timer);
  if (msg.error) p.reject(Object.assign(new Error(`${p.method}: ${msg.error.message}`), { rpc: msg.error }));
  else p.resolve({ result: msg.result, ms: at - p.sent });
  return true;
}
