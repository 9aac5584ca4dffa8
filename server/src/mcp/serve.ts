// `deep-dive mcp`: the Model Context Protocol server over stdio, so coding
// agents can check, explain, scaffold and list deep dives while they write
// them. Built on the official SDK; the tools' work is in tools.ts. A tool that
// fails (bad arguments, a path outside the root, a broken config) answers
// with an error result; nothing a client sends ends the server.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { checkTool, explainTool, listTool, scaffoldTool } from './tools';
import { BUILTIN_TEMPLATE_NAME, McpWorkspace } from './workspace';

const docArgs = {
  path: z.string().optional().describe("A markdown file, relative to the server's root (or absolute inside it). Give this or text."),
  text: z.string().optional().describe('The markdown itself, e.g. a draft not yet saved. Give this or path.'),
  template: z.string().optional().describe(`"${BUILTIN_TEMPLATE_NAME}", or a template markdown file inside the root. Default: the workspace's template (.deepdive.json "template", else the built-in one).`),
};

async function answer(run: () => unknown) {
  const result = (await run()) as Record<string, unknown>;
  return { content: [{ type: 'text' as const, text: JSON.stringify(result, null, 2) }], structuredContent: result };
}

export function createMcpServer(ws: McpWorkspace, version: string): McpServer {
  const server = new McpServer({ name: 'deep-dive', version });
  // Every tool only reads files inside the root.
  const annotations = { readOnlyHint: true, openWorldHint: false };
  server.registerTool('check', {
    title: 'Check a deep dive',
    description: "Checks a deep dive against the template. Returns each finding with its position, the template section it concerns and that section's guidance from the template, plus how many of the template's sections are present.",
    inputSchema: docArgs,
    annotations,
  }, (args) => answer(() => checkTool(ws, args)));
  server.registerTool('explain', {
    title: 'Explain which template applies',
    description: 'Says which template applies in this workspace and why (tool argument, .deepdive.json, or built-in), and whether the document counts as a deep dive and why (front matter, glob, or auto-detect).',
    inputSchema: docArgs,
    annotations,
  }, (args) => answer(() => explainTool(ws, args)));
  server.registerTool('scaffold', {
    title: 'Scaffold missing sections',
    description: 'The text to insert for each section or subsection the document lacks, and where (offset, line and column, and the sections it goes between). Nothing is written: apply the inserts yourself.',
    inputSchema: { ...docArgs, section: z.string().optional().describe('Only this section or subsection (its template title).') },
    annotations,
  }, (args) => answer(() => scaffoldTool(ws, args)));
  server.registerTool('list', {
    title: 'List deep dives',
    description: "The deep dives under a folder with their completeness: sections present out of the template's, the missing ones, and the number of findings.",
    inputSchema: { folder: z.string().optional().describe("A folder inside the server's root (default: the root)."), template: docArgs.template },
    annotations,
  }, (args) => answer(() => listTool(ws, args)));
  return server;
}

/** Serves until the client closes stdin. */
export async function serveMcp(root: string, version: string): Promise<void> {
  const ws = new McpWorkspace(root);
  const server = createMcpServer(ws, version);
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(new StdioServerTransport());
  await closed;
  await server.close();
}
