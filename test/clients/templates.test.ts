// Template families through a real Neovim 0.7 client (lsp-probe): a workspace
// with an ADR and a postmortem template. The document names the postmortem in
// its front matter and is checked against it; the hover on that line says so;
// completion after `template:` offers the names; an edit in the buffer that
// switches the front matter to `adr` changes the findings to the ADR's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain, haveClient, lspProbe, probe, type Diagnostic } from './probe';

const FILES = {
  '.deepdive.json': JSON.stringify({
    templates: {
      adr: { path: 'templates/adr.md', globs: ['docs/adr/**/*.md'] },
      postmortem: { path: 'templates/postmortem.md', globs: ['postmortems/**/*.md'] },
    },
  }),
  'templates/adr.md': '# ADR\n\n## Context\n\n## Decision\n\n## Consequences\n',
  'templates/postmortem.md': '# Postmortem\n\n## Summary\n\n## Impact\n\n## Timeline\n\n## Action Items\n',
};
const DOC = '---\ntemplate: postmortem\n---\n# Checkout errors\n\n## Summary\n\nSlow checkouts.\n\n## Impact\n\n900 failed.\n';

const missing = (ds: Diagnostic[] | null | undefined) =>
  (ds ?? []).filter((d) => d.code === 'missing-section').map((d) => (d.data as { section: string }).section);

describe('nvim client: two templates in one workspace', { timeout: 240_000,
  skip: lspProbe().skip || (!haveClient('nvim') && 'nvim not installed (.ci/clients.sh installs it)') }, () => {
  test('front matter picks the template; hover and completion say which; switching it re-checks', async () => {
    const r = await probe({ client: 'nvim', text: DOC, name: 'notes/retro.md', files: FILES,
      hover: { line: 1, character: 2 }, complete: { line: 1, character: 12 },
      edits: [{ line: 1, col: 10, end_line: 1, end_col: 20, text: 'adr' }] });
    assert.equal(r.exitCode, 0, explain(r));
    assert.deepEqual(missing(r.diagnostics), ['Timeline', 'Action Items'], JSON.stringify(r.diagnostics));
    const hover = r.hover?.result?.contents as { value: string } | undefined;
    assert.match(hover?.value ?? '', /^\*\*Template: postmortem\*\* · front matter on line 2/, JSON.stringify(r.hover));
    const result = r.completion?.result;
    const items = Array.isArray(result) ? result : result?.items;
    assert.deepEqual(items?.map((i) => i.label), ['adr', 'postmortem', 'deep-dive'], JSON.stringify(r.completion));
    const after = r.edits?.[0];
    assert.ok(after, 'the edit was made');
    assert.deepEqual(missing(after.diagnostics), ['Context', 'Decision', 'Consequences'], JSON.stringify(after.diagnostics));
  });
});
