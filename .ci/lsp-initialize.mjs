// Starts an installed language server (`deep-dive-language-server --stdio`, the bin an
// editor other than VS Code runs) and checks that it answers `initialize` with its
// capabilities and exits cleanly on `shutdown` + `exit`, as a client would drive it.
// Usage: node .ci/lsp-initialize.mjs BIN; exit 1 with the reason otherwise.
import { spawn } from 'node:child_process';

const bin = process.argv[2];
const server = spawn(bin, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
// Only a hang guard: a server that never answers fails the check instead of stalling CI.
const guard = setTimeout(() => fail('no answer within 60 s'), 60_000);

function fail(why) {
  console.error(`lsp-initialize: ${bin}: ${why}`);
  server.kill();
  process.exit(1);
}

function send(message) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

let shutDown = false;
let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
    buffer = buffer.subarray(headerEnd + 4 + length);
    receive(message);
  }
});

function receive(message) {
  if (message.id === 1) {
    const caps = message.result?.capabilities;
    if (!caps?.textDocumentSync || !caps.completionProvider) fail(`initialize answered without the expected capabilities: ${JSON.stringify(message)}`);
    console.log(`lsp-initialize: ${message.result.serverInfo?.name ?? 'server'} ${message.result.serverInfo?.version ?? ''} answered initialize (${Object.keys(caps).length} capabilities)`);
    send({ method: 'initialized', params: {} });
    send({ id: 2, method: 'shutdown' });
  } else if (message.id === 2) {
    shutDown = true;
    send({ method: 'exit' });
  }
}

server.on('error', (e) => fail(e.message));
server.on('exit', (code, signal) => {
  clearTimeout(guard);
  if (code !== 0 || !shutDown) fail(`exited with ${code ?? signal}${shutDown ? '' : ' before answering shutdown'}`);
  console.log('lsp-initialize: shut down cleanly');
});

send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
