// textDocument/completion as each kind of client can apply it: the server reads
// the client's completion capabilities (snippetSupport, insertReplaceSupport) and
// every client ends with the same document as the "Insert section" quick fix
// gives, one heading, the document's `---` separators kept.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, InsertReplaceEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, expandSnippet } from '../features/helpers';
import { completeDoc, withoutSection } from './fixtures';
import { TestClient } from './lspClient';

const MISSING = 'Security Boundaries';
const DOC = withoutSection(completeDoc(), MISSING);
// typed by the user on its own line where the section belongs, before "## Tradeoffs"
const TYPED = DOC.replace('\n## Tradeoffs', '\n## \n\n## Tradeoffs');
const LINE = TYPED.split('\n').indexOf('## ');
const CURSOR = { line: LINE, character: 3 };
const AFTER_MARKER = { start: CURSOR, end: CURSOR };

const CLIENTS = {
  'VS Code (snippets, insert/replace)': { snippetSupport: true, insertReplaceSupport: true },
  'snippets only (eglot with yasnippet)': { snippetSupport: true },
  'plain text (eglot without yasnippet, Neovim 0.7)': { snippetSupport: false },
} as const;

/** The document the quick fix makes, from a server with default capabilities. */
async function quickFixed(): Promise<string> {
  const c = new TestClient();
  try {
    await c.initialize({ initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
    const uri = 'file:///ws/docs/fix.deepdive.md';
    c.open(uri, DOC);
    const d = (await c.analysed(uri, 1)).find((x) => (x.data as { section?: string }).section === MISSING)!;
    const actions = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === `Insert section '${MISSING}'`)!;
    return applyEdits(DOC, (fix.edit!.documentChanges![0] as { edits: TextEdit[] }).edits);
  } finally {
    c.stop();
  }
}

describe('textDocument/completion per client capabilities', () => {
  let expected: string;
  before(async () => { expected = await quickFixed(); });

  for (const [name, completionItem] of Object.entries(CLIENTS)) {
    describe(name, () => {
      let c: TestClient;
      let item: CompletionItem;
      const uri = 'file:///ws/docs/typed.deepdive.md';
      before(async () => {
        c = new TestClient();
        await c.initialize({ completionItem, initializationOptions: { settings: { deepDive: { diagnosticsDelay: 0 } } } });
        c.open(uri, TYPED);
        await c.analysed(uri, 1);
        const items = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: CURSOR })) as CompletionItem[];
        item = items.find((i) => i.label === MISSING)!;
        assert.ok(item, items.map((i) => i.label).join(', '));
      });
      after(() => c.stop());

      test('textDocument/completion: the item fits the client, and accepting it gives the quick fix\'s document', () => {
        // no filterText: the label is what is typed after "## ", and Neovim 0.7 then takes the edit's start as the word's
        assert.equal(item.filterText, undefined);
        const snippets = completionItem.snippetSupport;
        assert.equal(item.insertTextFormat, snippets ? 2 : 1);
        let range = AFTER_MARKER;
        if ('insertReplaceSupport' in completionItem) {
          const edit = item.textEdit as InsertReplaceEdit;
          assert.deepEqual(edit.insert, AFTER_MARKER);
          assert.deepEqual(edit.replace, AFTER_MARKER, 'the cursor is at the line end');
          range = edit.insert;
        } else assert.deepEqual((item.textEdit as TextEdit).range, AFTER_MARKER);
        const newText = item.textEdit!.newText;
        assert.ok(newText.startsWith(`${MISSING}\n`) || newText === MISSING, newText.slice(0, 40));
        if (snippets) {
          assert.match(newText, /\$\{1:/, 'tab stops');
          assert.equal(item.additionalTextEdits, undefined);
        } else {
          // one line on the cursor's line (what Vim's complete() can insert); the rest on the next line
          assert.equal(newText, MISSING);
          assert.deepEqual(item.additionalTextEdits?.map((e) => e.range.start), [{ line: LINE + 1, character: 0 }]);
        }
        const after = applyEdits(TYPED, [{ range, newText: snippets ? expandSnippet(newText) : newText }, ...(item.additionalTextEdits ?? [])]);
        // a snippet's placeholders become their text once typed over; the plain text keeps the [brackets]
        assert.equal(after, snippets ? expected.replace(/\[([^\]\n]+)\]/g, (m, inner: string, at: number) =>
          at > expected.indexOf(`## ${MISSING}`) && at < expected.indexOf('## Tradeoffs') ? inner : m) : expected);
        assert.equal(after.split('\n').filter((l) => l.startsWith('## ')).length, expected.split('\n').filter((l) => l.startsWith('## ')).length);
      });
    });
  }
});
