// The package's own snippets (snippets/markdown.json, from the built-in template), which VS Code
// offers in all markdown on request. The server offers the template's snippets in deep dives;
// where one is the very same snippet, only the package's is kept.
import * as vscode from 'vscode';

interface SnippetFileEntry { prefix: string | string[]; body: string | string[] }

type Answer = vscode.CompletionItem[] | vscode.CompletionList | null | undefined;

export class StaticSnippets {
  /** Body (LF) by prefix. */
  private constructor(private readonly bodies: Map<string, string>) {}

  /** Read through `workspace.fs`: the extension's files are not on a disk in a browser. */
  static async load(file: vscode.Uri): Promise<StaticSnippets> {
    const bodies = new Map<string, string>();
    try {
      const entries = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, SnippetFileEntry>;
      for (const e of Object.values(entries)) {
        const body = [e.body].flat().join('\n');
        for (const p of [e.prefix].flat()) bodies.set(p, body);
      }
    } catch {
      // No snippets file: nothing to deduplicate against.
    }
    return new StaticSnippets(bodies);
  }

  withoutDuplicates(answer: Answer): Answer {
    if (!answer || this.bodies.size === 0) return answer;
    const items = Array.isArray(answer) ? answer : answer.items;
    const kept = items.filter((i) => !this.isStatic(i));
    if (kept.length === items.length) return answer;
    return Array.isArray(answer) ? kept : new vscode.CompletionList(kept, answer.isIncomplete);
  }

  private isStatic(item: vscode.CompletionItem): boolean {
    if (item.kind !== vscode.CompletionItemKind.Snippet) return false;
    const label = typeof item.label === 'string' ? item.label : item.label.label;
    const text = item.insertText instanceof vscode.SnippetString ? item.insertText.value : item.insertText;
    return typeof text === 'string' && this.bodies.get(label) === text.replace(/\r\n?/g, '\n');
  }
}
