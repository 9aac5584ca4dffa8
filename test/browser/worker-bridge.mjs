// The browser server (dist/browser/server.js) as an LSP server over stdio, for the
// protocol tests: it runs in a Web Worker of headless Chromium (playwright-core),
// where there is no Node at all, and this process only carries JSON-RPC messages
// between stdio and the worker. The worker's FS_REQUEST (files through the editor)
// is answered here from the disk, as the VS Code client answers it with workspace.fs.
// Usage: node test/browser/worker-bridge.mjs   (reads LSP on stdin, writes on stdout)
// Finds playwright-core and Chromium as the shared VS Code test kit installs them
// ($VSCODE_TEST_HOME, else ~/.cache/vscode-test-offline; $DEEP_DIVE_CHROMIUM, else /usr/bin/chromium).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { answerFromDisk, FS_REQUEST } from './disk-fs.mjs';
import { chromiumPath, missingBrowserKit, playwrightCorePath } from './browser-kit.mjs';

const missing = missingBrowserKit();
if (missing) {
  process.stderr.write(`worker-bridge: needs ${missing}: run ../shared/vscode-test/install.sh, or set VSCODE_TEST_HOME and DEEP_DIVE_CHROMIUM\n`);
  process.exit(3);
}
const root = path.resolve(import.meta.dirname, '../..');
const serverJs = readFileSync(path.join(root, 'dist/browser/server.js'));
const { chromium } = createRequire(import.meta.url)(playwrightCorePath());

const http = createServer((req, res) => {
  if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(serverJs);
  else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>deep dive worker</title>');
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();

const writer = new StreamMessageWriter(process.stdout);
let toWorker = Promise.resolve();
const post = (message) => {
  toWorker = toWorker.then(() => page.evaluate((m) => globalThis.server.postMessage(m), message)).catch(() => undefined);
};

let closing = false;
async function close(code) {
  if (closing) return;
  closing = true;
  await toWorker;
  await browser.close().catch(() => undefined);
  http.close();
  process.exit(code);
}

await page.exposeBinding('fromWorker', (_source, message) => {
  if (message && message.method === FS_REQUEST && message.id !== undefined) {
    void answerFromDisk(message.params).then((result) => post({ jsonrpc: '2.0', id: message.id, result }));
  } else void writer.write(message);
});
await page.exposeBinding('workerFailed', (_source, text) => {
  process.stderr.write(`worker-bridge: the worker failed: ${text}\n`);
  void close(1);
});
page.on('console', (m) => process.stderr.write(`[worker] ${m.text()}\n`));
await page.goto(`http://127.0.0.1:${http.address().port}/`);
await page.evaluate(() => {
  const w = new globalThis.Worker('/server.js');
  w.onmessage = (e) => globalThis.fromWorker(e.data);
  w.onerror = (e) => globalThis.workerFailed(e.message);
  globalThis.server = w;
});

const reader = new StreamMessageReader(process.stdin);
reader.listen((message) => {
  post(message);
  if (message.method === 'exit') void close(0);
});
reader.onClose(() => void close(0));
process.on('SIGTERM', () => void close(143));
