// Insert Missing Sections from VS Code (palette, editor menu, code lens): the server inserts
// with one workspace edit (one undo step); here the author is oriented afterwards: the first
// inserted heading revealed and selected, and a message saying what was inserted.
import * as vscode from 'vscode';
import type { InsertMissingResult } from '../../server/src/lsp/editorProtocol';

/** What the command answers in VS Code: the server's result and what the author was told. */
export interface InsertOutcome extends InsertMissingResult {
  message: string;
}

/** Called with the server's answer for `uri`; reveals, selects and says what happened. */
export async function orient(uri: vscode.Uri, result: InsertMissingResult | null | undefined): Promise<InsertOutcome | undefined> {
  if (!result) return undefined;
  const inserted = result.inserted ?? [];
  if (!result.applied) {
    const message = result.reason === 'No missing sections' ? 'Nothing is missing: every template section is present.'
      : result.reason === 'Not a deep dive' ? 'The document is not a deep dive.'
        : `No sections were inserted${result.reason ? `: ${result.reason}` : ''}.`;
    void vscode.window.showInformationMessage(message);
    return { ...result, message };
  }
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const heading = firstHeading(editor.document, inserted);
  if (heading) {
    editor.selection = new vscode.Selection(heading.start, heading.end);
    editor.revealRange(heading, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  const message = `Inserted ${inserted.length} section${inserted.length === 1 ? '' : 's'}: ${inserted.join(', ')}.`;
  void vscode.window.showInformationMessage(message);
  return { ...result, message };
}

/** The range of the first `## <title>` line (in document order) among the titles. */
function firstHeading(doc: vscode.TextDocument, titles: string[]): vscode.Range | undefined {
  const wanted = new Set(titles);
  for (let l = 0; l < doc.lineCount; l++) {
    const m = /^ {0,3}#{2,}[ \t]+(.*?)[ \t#]*$/.exec(doc.lineAt(l).text);
    if (m && wanted.has(m[1])) return doc.lineAt(l).range;
  }
  return undefined;
}
