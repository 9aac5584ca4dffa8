// The "naive server" of issue 5: re-parses the whole document with remark on every
// change and checks the template's H2 headings. Used to exercise the bench harness
// without the real server (`node bench/run.mjs --server "node bench/lib/naive-server.mjs --stdio"`).
import lsp from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { templateSections } from './template.mjs';

const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, SymbolKind } = lsp;
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const processor = unified().use(remarkParse).use(remarkGfm);
const required = templateSections().map((s) => s.title).filter((t) => !/\[/.test(t));
const cache = new Map();

function analyse(doc) {
  const tree = processor.parse(doc.getText());
  const headings = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = node.children.map((c) => c.value ?? '').join('');
      headings.push({ depth: node.depth, text, range: { start: { line: node.position.start.line - 1, character: 0 }, end: { line: node.position.end.line - 1, character: node.position.end.column - 1 } } });
    }
  }
  const present = new Set(headings.filter((h) => h.depth === 2).map((h) => h.text));
  const missing = required.filter((t) => !present.has(t));
  const diagnostics = missing.map((t) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: DiagnosticSeverity.Warning, source: 'deep-dive', code: 'missing-section', message: `Missing section "${t}"`,
  }));
  cache.set(doc.uri, { version: doc.version, headings });
  connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  connection.sendNotification('deepDive/status', { uri: doc.uri, isDeepDive: true, present: required.length - missing.length, total: required.length, missing });
}

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, documentSymbolProvider: true },
  serverInfo: { name: 'naive-remark-server' },
}));
documents.onDidChangeContent((e) => analyse(e.document));
connection.onDocumentSymbol((p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  if (cache.get(doc.uri)?.version !== doc.version) analyse(doc);
  return cache.get(doc.uri).headings.map((h) => ({ name: h.text || '(empty)', kind: SymbolKind.String, range: h.range, selectionRange: h.range }));
});
documents.listen(connection);
connection.listen();
