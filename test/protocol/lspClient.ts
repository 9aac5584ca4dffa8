// A small LSP client for protocol tests: spawns the bundled server over stdio
// and records what it sends, so tests can wait on state instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DOCUMENTS_CHANGED_NOTIFICATION, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

/**
 * DEEP_DIVE_TEST_SERVER=browser runs the tests against the browser server instead,
 * dist/browser/server.js in a Web Worker of headless Chromium (test/browser/worker-bridge.mjs),
 * so the two servers answer the same tests. The server's environment does not reach a worker.
 */
export const BROWSER_SERVER = process.env.DEEP_DIVE_TEST_SERVER === 'browser';
const BRIDGE = path.join(ROOT, 'test/browser/worker-bridge.mjs');

/** What the server sends as `deepDive/status` (its own type, so the tests follow the server). */
export type { StatusParams } from '../../server/src/protocol';

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly statuses: StatusParams[] = [];
  /** The diagnostics and status notifications in the order they came, by method and uri. */
  readonly received: { method: string; uri: string }[] = [];
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  /** `$/progress` notifications, in order. */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** How many `deepDive/documentsChanged` notifications arrived. */
  documentsChanged = 0;
  configurationAnswer: (items: { scopeUri?: string; section?: string }[]) => unknown[] = (items) => items.map(() => null);
  appliedEdits: unknown[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  /** `browser`: the browser server whatever DEEP_DIVE_TEST_SERVER says (for tests of the browser server alone). */
  constructor(env: Record<string, string> = {}, opts: { browser?: boolean } = {}) {
    const args = BROWSER_SERVER || opts.browser ? [BRIDGE] : [SERVER, '--stdio'];
    this.proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.received.push({ method: 'textDocument/publishDiagnostics', uri: p.uri });
      this.wake();
    });
    this.conn.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.statuses.push(p);
      this.received.push({ method: STATUS_NOTIFICATION, uri: p.uri });
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.conn.onNotification('window/showMessage', (p: { message: string }) => {
      this.shown.push(p.message);
      this.wake();
    });
    this.conn.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
      this.wake();
    });
    this.conn.onNotification(DOCUMENTS_CHANGED_NOTIFICATION, () => {
      this.documentsChanged++;
      this.wake();
    });
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => this.configurationAnswer(p.items));
    this.conn.onRequest('workspace/applyEdit', (p: unknown) => {
      this.appliedEdits.push(p);
      this.wake();
      return { applied: true };
    });
    this.conn.listen();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Resolves when `pred` holds, re-checked on every message; rejects after `ms`. */
  async waitFor<T>(what: string, pred: () => T | undefined | null | false, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}; logs: ${this.logs.slice(-5).join(' | ')} stderr: ${this.stderr.slice(-500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async initialize(opts: { rootUri?: string | null; configuration?: boolean; workspaceFolders?: boolean; initializationOptions?: unknown; completionItem?: Record<string, unknown> } = {}): Promise<InitializeResult> {
    const res = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: opts.rootUri ?? null,
      workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: opts.configuration ?? false, workspaceFolders: opts.workspaceFolders ?? false, didChangeConfiguration: { dynamicRegistration: false }, applyEdit: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          completion: { completionItem: opts.completionItem ?? { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        },
      },
      initializationOptions: opts.initializationOptions,
    })) as InitializeResult;
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(uri: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  save(uri: string): void {
    void this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Latest status for `uri` at `version` (or any version). */
  status(uri: string, version?: number): StatusParams | undefined {
    return [...this.statuses].reverse().find((s) => s.uri === uri && (version === undefined || s.version === version));
  }

  /** Diagnostics currently shown for `uri` (the last published list). */
  current(uri: string): Diagnostic[] {
    const list = this.diagnostics.get(uri);
    return list ? list[list.length - 1].diagnostics : [];
  }

  /**
   * Waits until `version` was first published, then returns the diagnostics shown. For a large
   * document still being parsed that is its structure (line-scanned, without the partial-analysis
   * notice), not its full analysis: see `fullyAnalysed`.
   */
  async analysed(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitFor(`analysis of ${uri} v${version}`, () => this.status(uri, version));
    return this.current(uri);
  }

  /**
   * Waits until the full analysis of `version` (the current one) was published, then returns the
   * diagnostics shown. A request is answered from the full analysis only, and its diagnostics
   * are written before the answer (with fewer than LARGE_PUBLICATION findings, lsp/analysisManager.ts).
   */
  async fullyAnalysed(uri: string, version: number): Promise<Diagnostic[]> {
    await this.analysed(uri, version);
    await this.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    return this.current(uri);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    this.conn.dispose();
    const exited = new Promise((r) => this.proc.once('exit', r));
    setTimeout(() => this.proc.kill('SIGKILL'), 2000).unref();
    await exited;
  }
}
