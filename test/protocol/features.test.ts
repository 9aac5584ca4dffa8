// Protocol tests for the editor features, one per LSP method, against the
// bundled server over stdio.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SymbolKind, type CodeAction, type CodeLens, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover, type SymbolInformation, type TextEdit } from 'vscode-languageserver-protocol';
import { ROOT, TestClient } from './lspClient';
import { completeDoc, README, withoutSection } from './fixtures';
import { buildTemplate, DEFAULT_GLOBS, type DocSymbol } from '../../server/src/engine';
import { batchSymbols } from '../../server/src/node/fileSymbols';
import { corpusDocs, sharedCorpus } from '../shared';

/** The workspace root: the real deep dives, which the workspace/symbol tests need (they skip without them). */
const corpus = sharedCorpus();
const CORPUS = corpus.path;
const URI = 'file:///ws/docs/features.md';

/** Applies LSP edits to text (end to start, so offsets stay valid). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('features', () => {
  let c: TestClient;
  const text = withoutSection(withoutSection(completeDoc(), 'Tradeoffs'), 'Mental Model');
  const lines = text.split('\n');
  before(async () => {
    c = new TestClient();
    await c.initialize({ rootUri: `file://${CORPUS}`, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
    c.open(URI, text);
    await c.analysed(URI, 1);
  });
  after(() => c.stop());

  test('textDocument/documentSymbol returns the title, then the sections beside it with their subsections, with completeness', async () => {
    const syms = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as DocumentSymbol[];
    assert.equal(syms[0].name, 'Rate Limiting');
    assert.equal(syms[0].detail, '9/11 written');
    assert.equal(syms[0].children, undefined);
    const names = syms.slice(1).map((s) => s.name);
    assert.deepEqual(names.slice(0, 2), ['Internals & Architecture', 'Failure Modes & Blast Radius']);
    assert.equal(names.length, 9);
    // headings are text (String, as VS Code's markdown outline has them); what lies inside a section is a Key
    assert.deepEqual([...new Set(syms.map((s) => s.kind))], [SymbolKind.String]);
    const internals = syms[1];
    assert.equal(internals.detail, '3/3 subsections');
    assert.deepEqual(internals.children!.map((s) => s.kind), [SymbolKind.Key, SymbolKind.Key, SymbolKind.Key]);
    assert.deepEqual(internals.children!.map((s) => s.name), ['High-Level Architecture', 'Implementation Details', 'Design Decisions']);
    const line = lines.indexOf('## Internals & Architecture');
    assert.deepEqual(internals.selectionRange, { start: { line, character: 0 }, end: { line, character: lines[line].length } });
    assert.equal(internals.range.start.line, line);
    // Empty details and children are left out (optional in LSP): a large outline is smaller on the wire.
    const leaf = internals.children![0];
    assert.deepEqual(Object.keys(leaf).sort(), ['kind', 'name', 'range', 'selectionRange']);
  });

  test('textDocument/foldingRange folds each section', async () => {
    const folds = (await c.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } })) as FoldingRange[];
    const line = lines.indexOf('## Internals & Architecture');
    const fold = folds.find((f) => f.startLine === line);
    assert.ok(fold, 'a fold starts at the section heading');
    const next = lines.indexOf('## Failure Modes & Blast Radius');
    assert.ok(fold!.endLine < next && fold!.endLine > line + 3);
  });

  test('textDocument/completion at `## ` offers the missing sections in template order', async () => {
    const uri = 'file:///ws/docs/complete.md';
    const doc = text.replace('## Internals & Architecture', '## \n\n## Internals & Architecture');
    c.open(uri, doc);
    await c.analysed(uri, 1);
    const line = doc.split('\n').indexOf('## ');
    const items = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 3 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ['Mental Model', 'Tradeoffs']);
    const edit = items[0].textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line, character: 3 }, end: { line, character: 3 } });
    assert.match(edit.newText, /^Mental Model\n/);
    assert.equal(items[0].insertTextFormat, 2);
    assert.ok(items.every((i) => i.sortText));
  });

  test('textDocument/codeAction offers the insert quick fix, and its edit removes the finding', async () => {
    const diags = c.current(URI);
    const missing = diags.find((d) => (d.data as { section?: string }).section === 'Mental Model')!;
    const actions = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === "Insert section 'Mental Model'");
    assert.ok(fix, `actions: ${actions.map((a) => a.title)}`);
    assert.equal(fix!.kind, 'quickfix');
    assert.equal(fix!.isPreferred, true);
    assert.equal(fix!.diagnostics?.[0].code, 'missing-section');
    const edits = (fix!.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    const fixed = applyEdits(text, edits);
    // Everything else stays byte for byte.
    assert.equal(fixed.replace(/## Mental Model[\s\S]*?---\n\n(?=## Internals)/, ''), text);
    const uri = 'file:///ws/docs/fixed.md';
    c.open(uri, fixed);
    const after = await c.analysed(uri, 1);
    // The inserted section is scaffolded, not written: its guidance is reported until it is answered.
    assert.deepEqual(after.map((d) => [d.code, (d.data as { section?: string }).section]), [['unfilled-guidance', 'Mental Model'], ['missing-section', 'Tradeoffs']]);
  });

  test('textDocument/codeAction with only source.fixAll returns the fix-all action', async () => {
    const actions = (await c.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.deepDive']);
  });

  test('textDocument/hover on a template heading shows its guidance', async () => {
    const line = lines.indexOf('### Overload Behavior');
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: 6 } })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /Overload Behavior/);
    assert.match(value, /10× normal load/);
  });

  test('workspace/executeCommand deepDive.insertMissingSections applies one edit for all', async () => {
    const res = (await c.conn.sendRequest('workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: [URI] })) as { applied: boolean; inserted: string[] };
    assert.deepEqual(res, { applied: true, inserted: ['Mental Model', 'Tradeoffs'] });
    const applied = c.appliedEdits.at(-1) as { edit: { documentChanges: { textDocument: { version: number }; edits: TextEdit[] }[] } };
    const change = applied.edit.documentChanges[0];
    assert.equal(change.textDocument.version, 1);
    const fixed = applyEdits(text, change.edits);
    const uri = 'file:///ws/docs/all-inserted.md';
    c.open(uri, fixed);
    assert.deepEqual((await c.analysed(uri, 1)).filter((d) => d.code === 'missing-section'), []);
  });

  test('textDocument/codeLens: one lens per gap, whose command inserts just those sections', async () => {
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.range.end.line, l.range.start.character, l.range.end.character, l.command?.title]), [
      [lines.indexOf('## Internals & Architecture') - 1, lines.indexOf('## Internals & Architecture') - 1, 0, 0, 'Missing: Mental Model · Insert'],
      [lines.indexOf('## Operational Considerations') - 1, lines.indexOf('## Operational Considerations') - 1, 0, 0, 'Missing: Tradeoffs · Insert'],
    ]);
    const cmd = lenses[1].command!;
    assert.deepEqual([cmd.command, cmd.arguments], ['deepDive.insertMissingSections', [URI, ['Tradeoffs']]]);
    const res = (await c.conn.sendRequest('workspace/executeCommand', { command: cmd.command, arguments: cmd.arguments })) as { applied: boolean; inserted: string[] };
    assert.deepEqual(res, { applied: true, inserted: ['Tradeoffs'] });
    const applied = c.appliedEdits.at(-1) as { edit: { documentChanges: { edits: TextEdit[] }[] } };
    const fixed = applyEdits(text, applied.edit.documentChanges[0].edits);
    assert.ok(fixed.includes('## Tradeoffs') && !fixed.includes('## Mental Model'));
  });

  test('workspace/executeCommand deepDive.insertMissingSections on a complete document applies nothing and says so', async () => {
    const uri = 'file:///ws/docs/complete-already.md';
    c.open(uri, completeDoc());
    await c.analysed(uri, 1);
    const before = c.appliedEdits.length;
    const res = await c.conn.sendRequest('workspace/executeCommand', { command: 'deepDive.insertMissingSections', arguments: [uri] });
    assert.deepEqual(res, { applied: false, reason: 'No missing sections', inserted: [] });
    assert.equal(c.appliedEdits.length, before);
  });

  test('deepDive/sections lists the template sections, present or missing, in template order', async () => {
    const res = (await c.conn.sendRequest('deepDive/sections', { uri: URI })) as { present: number; total: number; sections: { title: string; present: boolean; detail: string; range: { start: { line: number } } }[] };
    assert.deepEqual([res.present, res.total], [9, 11]);
    assert.deepEqual(res.sections.filter((s) => !s.present).map((s) => [s.title, s.detail, s.range.start.line]), [
      ['Mental Model', 'missing · belongs before Internals & Architecture', lines.indexOf('## Internals & Architecture') - 1],
      ['Tradeoffs', 'missing · belongs after Security Boundaries', lines.indexOf('## Operational Considerations') - 1],
    ]);
    assert.equal(await c.conn.sendRequest('deepDive/sections', { uri: 'file:///ws/never-opened.md' }), null);
  });

  test('workspace/symbol finds sections across the deep dives in the workspace', { skip: corpus.skip }, async () => {
    const found = (await c.conn.sendRequest('workspace/symbol', { query: 'Security Boundaries' })) as SymbolInformation[];
    const files = new Set(found.filter((s) => s.name === 'Security Boundaries').map((s) => path.basename(s.location.uri)));
    // The corpus documents that have the section, plus the open document.
    assert.ok(files.has('bigquery-architecture.md'));
    assert.ok(!files.has('canary-deployments-rollouts.md'), 'that document lacks the section');
    assert.ok(files.has('features.md'));
  });

  test('workspace/symbol outlines the workspace files in the analysis worker exactly as the engine does', { skip: corpus.skip }, async () => {
    const found = (await c.conn.sendRequest('workspace/symbol', { query: '' })) as SymbolInformation[];
    const template = buildTemplate(readFileSync(path.join(ROOT, 'server/templates/deep-dive.md'), 'utf8'));
    const docs = corpusDocs(corpus);
    const names = docs.map((d) => d.name);
    const outlines = batchSymbols({
      options: { template: { text: template.source, name: template.name }, globs: DEFAULT_GLOBS, autoDetect: true },
      files: docs.map((d) => ({ text: d.text, path: d.name })),
    }, template);
    const flat = (syms: DocSymbol[]): string[] => syms.flatMap((s) => [s.name, ...flat(s.children)]);
    const outlineOf = new Map(names.map((f, i) => [f, flat(outlines[i] ?? [])]));
    // An empty query answers a capped number of symbols: each must be in its file's outline.
    for (const s of found.filter((x) => outlineOf.has(path.basename(x.location.uri)))) {
      assert.ok(outlineOf.get(path.basename(s.location.uri))!.includes(s.name), `${s.name} in ${s.location.uri}`);
    }
    // A section name: exactly the files whose outline has it.
    const mental = (await c.conn.sendRequest('workspace/symbol', { query: 'Mental Model' })) as SymbolInformation[];
    const files = new Set(mental.filter((x) => x.name === 'Mental Model').map((x) => path.basename(x.location.uri)).filter((f) => outlineOf.has(f)));
    assert.deepEqual([...files].sort(), names.filter((f) => outlineOf.get(f)!.includes('Mental Model')));
    assert.ok(files.size >= 20, `${files.size} corpus files have a Mental Model section`);
  });

  test('workspace/symbol with a partial-result token streams the symbols and answers an empty list', { skip: corpus.skip }, async () => {
    // A fresh server, so the files are outlined (and streamed batch by batch) during this query.
    const d = new TestClient();
    const parts: SymbolInformation[][] = [];
    const token = 'ws-symbols-partial';
    let whole: SymbolInformation[];
    try {
      await d.initialize({ rootUri: `file://${CORPUS}`, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
      d.conn.onNotification('$/progress', (p: { token: string; value: SymbolInformation[] }) => {
        if (p.token === token) parts.push(p.value);
      });
      const answer = (await d.conn.sendRequest('workspace/symbol', { query: 'Mental Model', partialResultToken: token })) as SymbolInformation[];
      assert.deepEqual(answer, []);
      whole = (await d.conn.sendRequest('workspace/symbol', { query: 'Mental Model' })) as SymbolInformation[];
    } finally {
      await d.stop();
    }
    const key = (s: SymbolInformation) => `${s.location.uri}#${s.location.range.start.line} ${s.name}`;
    assert.ok(parts.length >= 1);
    assert.deepEqual(parts.flat().map(key).sort(), whole.map(key).sort());
  });

  test('deepDive/newDocument returns a new deep dive from the template with the title filled in', async () => {
    const res = (await c.conn.sendRequest('deepDive/newDocument', { title: 'Caching' })) as { text: string };
    assert.match(res.text, /Caching/);
    assert.ok(!res.text.includes('Deep Dive Template'), 'the template file\'s own heading is not copied');
    assert.ok(res.text.includes('## Exercises'));
  });

  test('features answer nothing for an ordinary README', async () => {
    const uri = 'file:///ws/README.md';
    c.open(uri, README);
    await c.analysed(uri, 1);
    const syms = await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const items = await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 3 } });
    const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 30 } });
    assert.deepEqual([syms, items, h], [[], [], null]);
  });

  test('requests for unknown documents or positions out of range answer empty, never an error', async () => {
    const none = await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///nope.md' } });
    const far = await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 99999, character: 5 } });
    const neg = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: -1 } });
    assert.deepEqual([none, far, neg], [[], [], null]);
  });
});
