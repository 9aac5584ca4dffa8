// Template families through the built server: a workspace with an ADR and a
// postmortem template beside the built-in one. Each document follows its own
// template (diagnostics, status, hover, completion, new document, workspace
// symbols), a template file shows its problems, and changing a template or the
// front matter re-checks at once.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { NEW_DOCUMENT_REQUEST, type NewDocumentResult } from '../../server/src/protocol';
import { analysed, startServer } from '../robustness/harness';
import { fileChanged, tempWorkspace, type TempWorkspace } from '../robustness/workspace';
import type { TestClient } from './lspClient';

const ADR = '# ADR\n\n## Title: [Decision]\n\n## Context\n<!-- aliases: Background -->\n\n[Forces]\n\n## Decision\n\n## Consequences\n\n## Alternatives (optional)\n';
const PM = '# Postmortem\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Action Items\n';
const CONFIG = JSON.stringify({
  templates: {
    adr: { path: 'templates/adr.md', globs: ['docs/adr/**/*.md'] },
    postmortem: { path: 'templates/postmortem.md', globs: ['postmortems/**/*.md'] },
  },
}, null, 2);
const ADR_DOC = '# Use PostgreSQL\n\n## Background\n\nLedger.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nOps.\n';

describe('template families (protocol)', () => {
  let ws: TempWorkspace;
  let c: TestClient;
  before(async () => {
    ws = tempWorkspace({ '.deepdive.json': CONFIG, 'templates/adr.md': ADR, 'templates/postmortem.md': PM });
    c = await startServer({ rootUri: ws.uri });
  });
  after(async () => {
    await c.stop();
    ws.remove();
  });

  it('textDocument/publishDiagnostics: each document against its own template, by glob', async () => {
    const adr = ws.uriOf('docs/adr/0001.md');
    c.open(adr, ADR_DOC.replace('## Decision\n\nPostgres.\n\n', ''));
    assert.deepEqual((await analysed(c, adr, 1)).map((d) => [d.code, d.message]), [['missing-section', "Missing section 'Decision': it belongs after 'Context'."]]);
    const pm = ws.uriOf('postmortems/outage.md');
    c.open(pm, '# Outage\n\n## Summary\n\nDown.\n\n## Impact\n\nAll.\n\n## Timeline\n\nNoon.\n\n## Action Items\n\nFix.\n');
    assert.deepEqual(await analysed(c, pm, 1), []);
  });

  it('deepDive/status: the template and why', async () => {
    const uri = ws.uriOf('docs/adr/0001.md');
    const s = c.status(uri)!;
    assert.deepEqual([s.isDeepDive, s.template, s.templateReason, s.written, s.total], [true, 'adr', 'glob docs/adr/**/*.md', 2, 3]);
  });

  it('textDocument/didChange: switching `template:` in front matter changes the findings at once', async () => {
    const uri = ws.uriOf('notes/retro.md');
    const text = '---\ntemplate: postmortem\n---\n# Retro\n\n## Summary\n\nSlow.\n';
    c.open(uri, text);
    await analysed(c, uri, 1);
    const missing = () => c.current(uri).filter((d) => d.code === 'missing-section').map((d) => /'([^']+)'/.exec(String(d.message))![1]);
    assert.deepEqual(missing(), ['Impact', 'Timeline', 'Action Items']);
    assert.equal(c.status(uri, 1)!.templateReason, 'front matter on line 2');
    c.change(uri, 2, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 20 } }, text: 'adrr' }]);
    await analysed(c, uri, 2);
    // An unknown name: reported on it; no other template applies, so nothing else.
    assert.deepEqual(c.current(uri).map((d) => [d.code, d.range, d.severity]), [['unknown-template', { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } }, 1]]);
    assert.equal(c.status(uri, 2)!.isDeepDive, false);
    c.change(uri, 3, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } }, text: 'adr' }]);
    await analysed(c, uri, 3);
    assert.deepEqual(missing(), ['Context', 'Decision', 'Consequences']);
    assert.equal(c.status(uri, 3)!.template, 'adr');
  });

  it('textDocument/hover: on the front-matter line, the template and why', async () => {
    const uri = ws.uriOf('notes/retro.md');
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^\*\*Template: adr\*\* · front matter on line 2\n\n4 sections, from .*adr\.md\n\nTemplates of this workspace: \*\*adr\*\*, postmortem, deep-dive$/);
    assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
  });

  it('textDocument/completion: template names after `template:`, and the template\'s own sections at `## `', async () => {
    const uri = ws.uriOf('notes/new.md');
    c.open(uri, '---\ntemplate: po\n---\n# New\n\n## \n');
    await analysed(c, uri, 1);
    const names = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 12 } })) as CompletionItem[] | CompletionList;
    const items = Array.isArray(names) ? names : names.items;
    assert.deepEqual(items.map((i) => i.label), ['adr', 'postmortem', 'deep-dive']);
    assert.deepEqual((items[1].textEdit as { range: unknown }).range, { start: { line: 1, character: 10 }, end: { line: 1, character: 12 } });
    c.change(uri, 2, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 12 } }, text: 'postmortem' }]);
    await analysed(c, uri, 2);
    const sections = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 3 } })) as CompletionItem[] | CompletionList;
    const labels = (Array.isArray(sections) ? sections : sections.items).filter((i) => i.kind === 9).map((i) => i.label);
    assert.deepEqual(labels, ['Summary', 'Impact', 'Timeline', 'Action Items']);
  });

  it('deepDive/newDocument: lists the templates and writes the chosen one with its front matter, markup left out', async () => {
    const r = (await c.conn.sendRequest(NEW_DOCUMENT_REQUEST, { title: 'Queue choice', uri: ws.uriOf('docs/adr/new.md'), template: 'adr' })) as NewDocumentResult;
    assert.deepEqual([r.template, r.templates], ['adr', ['adr', 'postmortem', 'deep-dive']]);
    assert.equal(r.text, '---\ntemplate: adr\n---\n## Title: Queue choice\n\n## Context\n\n[Forces]\n\n## Decision\n\n## Consequences\n\n## Alternatives\n');
    const d = (await c.conn.sendRequest(NEW_DOCUMENT_REQUEST, { title: 'X', uri: ws.uriOf('a.md') })) as NewDocumentResult;
    assert.equal(d.template, 'deep-dive');
    assert.match(d.text, /^---\ntemplate: deep-dive\n---\n/);
  });

  it('a template file open in the editor shows what makes it unusable, with positions', async () => {
    const uri = ws.uriOf('templates/adr.md');
    c.open(uri, ADR);
    assert.deepEqual(await analysed(c, uri, 1), []);
    c.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 29 } }, text: '<!-- aliases: Decision -->' }]);
    const diags = await analysed(c, uri, 2);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.message, d.range.start]), [
      ['template-problem', 1, 'The alias "Decision" of "Context" is also a name of "Decision".', { line: 4, character: 0 }],
    ]);
    assert.match((diags[0].codeDescription as { href: string }).href, /docs\/rules\/template-problem\.md$/);
    c.close(uri);
  });

  it('workspace/didChangeWatchedFiles: a changed template re-checks open documents', async () => {
    const uri = ws.uriOf('postmortems/outage.md');
    const before = c.statuses.length;
    ws.write('templates/postmortem.md', PM + '\n## Lessons\n');
    fileChanged(c, ws.uriOf('templates/postmortem.md'));
    await c.waitFor('a re-check of the postmortem', () => c.statuses.slice(before).some((s) => s.uri === uri) && c.current(uri).length > 0);
    assert.deepEqual(c.current(uri).map((d) => [d.code, d.message]), [['missing-section', "Missing section 'Lessons': it belongs after 'Action Items'."]]);
  });

  it('workspace/symbol: files are outlined with their own templates', async () => {
    ws.write('docs/adr/0002.md', '# Queue\n\n## Context\n\nA.\n');
    const found = (await c.conn.sendRequest('workspace/symbol', { query: 'Context' })) as SymbolInformation[];
    assert.ok(found.some((s) => s.location.uri === ws.uriOf('docs/adr/0002.md') && s.name === 'Context'), JSON.stringify(found.map((s) => [s.name, s.location.uri])));
    // The ADR template has the ADR's sections, but it is a template, not a document.
    assert.deepEqual(found.filter((s) => s.location.uri.includes('/templates/')).map((s) => s.location.uri), []);
  });
});
