// New Deep Dive…: asks for the topic and opens `<topic-slug>.deepdive.md` as an untitled
// document tied to its path (in `deepDive.newDocumentFolder`, else the workspace's
// `deep-dives/` folder, else the workspace root), so Save writes there without a dialog.
// The template goes in as a snippet: the cursor on the first placeholder, Tab to the next.
// In a workspace of several templates it asks which one, and the text names it in front matter.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { NEW_DOCUMENT_REQUEST, type NewDocumentParams, type NewDocumentResult } from '../../server/src/protocol';
const DEFAULT_FOLDER = 'deep-dives';

export async function newDeepDive(
  lc: BaseLanguageClient, ready: () => Promise<void>, readable: (uri: vscode.Uri) => boolean, topic?: string, template?: string,
): Promise<vscode.TextDocument | undefined> {
  const title =
    typeof topic === 'string'
      ? topic
      : await vscode.window.showInputBox({
          title: 'New Deep Dive',
          prompt: 'Topic of the deep dive',
          placeHolder: 'e.g. Kafka consumer groups',
          validateInput: (v) => (v.trim() ? undefined : 'Enter a topic'),
        });
  if (!title?.trim()) return undefined;
  await ready();
  const folder = await targetFolder();
  const target = folder ? await freeName(folder, topicSlug(title)) : undefined;
  // The server picks the template (settings, .deepdive.json) for the new file's workspace folder.
  const scope = target ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = scope && readable(scope) ? lc.code2ProtocolConverter.asUri(scope) : undefined;
  const ask = (name?: string) => lc.sendRequest<NewDocumentResult>(NEW_DOCUMENT_REQUEST, { title: title.trim(), uri, snippet: true, template: name } satisfies NewDocumentParams);
  let result = await ask(template);
  // Asked only when run by hand: a caller passing the topic passes the template too, or takes the default.
  if (template === undefined && typeof topic !== 'string' && result.templates.length > 1) {
    const picked = await vscode.window.showQuickPick(result.templates.map((name) => ({ label: name, description: name === result.template ? 'default' : '' })), {
      title: 'New Deep Dive',
      placeHolder: 'Which template?',
    });
    if (!picked) return undefined;
    if (picked.label !== result.template) result = await ask(picked.label);
  }
  const { text } = result;
  const doc = target
    ? await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }))
    : await vscode.workspace.openTextDocument({ language: 'markdown' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(text), new vscode.Position(0, 0));
  return doc;
}

/** "Kafka Consumer Groups!" -> "kafka-consumer-groups" (never empty). */
export function topicSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'deep-dive';
}

/** The folder new deep dives go to, or undefined without a workspace folder (then Save asks). */
async function targetFolder(): Promise<vscode.Uri | undefined> {
  const root = vscode.window.activeTextEditor
    ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri)?.uri
    : undefined;
  const workspace = root ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const setting = vscode.workspace.getConfiguration('deepDive', workspace).get<string>('newDocumentFolder', '').trim();
  if (setting) return isAbsolute(setting) ? vscode.Uri.file(setting) : workspace && vscode.Uri.joinPath(workspace, setting);
  if (!workspace) return undefined;
  const conventional = vscode.Uri.joinPath(workspace, DEFAULT_FOLDER);
  return (await isFolder(conventional)) ? conventional : workspace;
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
  } catch {
    return false;
  }
}

/** `<slug>.deepdive.md`, or `<slug>-2.deepdive.md`, … when a file or an open untitled document has the name. */
async function freeName(folder: vscode.Uri, slug: string): Promise<vscode.Uri> {
  const taken = async (uri: vscode.Uri) =>
    vscode.workspace.textDocuments.some((d) => d.uri.path === uri.path) || (await vscode.workspace.fs.stat(uri).then(() => true, () => false));
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${slug}${n === 1 ? '' : `-${n}`}.deepdive.md`);
    if (!(await taken(uri))) return uri;
  }
}
