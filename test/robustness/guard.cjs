// Preloaded into the server under test (NODE_OPTIONS=--require): records every
// use of the network, of child processes and of path-based file APIs on stderr
// as `[guard] <kind> <api> <json args>` lines, without changing behaviour.
// Module loading by Node itself shows up as reads too; the test allows the
// server's own install folder.
/* eslint-disable @typescript-eslint/no-require-imports -- preloaded with --require, so CommonJS */
'use strict';
const { isMainThread } = require('node:worker_threads');

const write = process.stderr.write.bind(process.stderr);
const record = (kind, api, args) => {
  let detail;
  try {
    detail = JSON.stringify(args.slice(0, 2).map((a) => (typeof a === 'string' || typeof a === 'number' ? a : a instanceof URL ? a.href : Buffer.isBuffer(a) ? a.toString() : typeof a)));
  } catch {
    detail = '?';
  }
  write(`[guard] ${kind} ${api} ${detail}\n`);
};

function wrap(obj, name, kind, label, when = () => true) {
  const orig = obj && obj[name];
  if (typeof orig !== 'function') return;
  obj[name] = function guarded(...args) {
    if (when(args)) record(kind, label, args);
    return orig.apply(this, args);
  };
}

const fs = require('node:fs');
const READS = ['readFile', 'readFileSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'createReadStream', 'existsSync', 'access', 'accessSync', 'realpath', 'realpathSync', 'readlink', 'readlinkSync'];
const WRITES = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'unlink', 'unlinkSync',
  'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync',
  'utimes', 'utimesSync', 'lutimes', 'lutimesSync', 'createWriteStream'];
const writeFlags = (args) => typeof args[1] === 'string' ? /[wa+]/.test(args[1]) : typeof args[1] === 'number' ? (args[1] & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : false;
for (const target of [fs, fs.promises]) {
  for (const n of READS) wrap(target, n, 'read', n);
  for (const n of WRITES) wrap(target, n, 'write', n);
  wrap(target, 'open', 'write', 'open', writeFlags);
  wrap(target, 'open', 'read', 'open', (a) => !writeFlags(a));
  wrap(target, 'openSync', 'write', 'openSync', writeFlags);
  wrap(target, 'openSync', 'read', 'openSync', (a) => !writeFlags(a));
}

const net = require('node:net');
wrap(net, 'connect', 'net', 'net.connect');
wrap(net, 'createConnection', 'net', 'net.createConnection');
wrap(net.Socket.prototype, 'connect', 'net', 'Socket.connect');
wrap(net.Server.prototype, 'listen', 'net', 'Server.listen');
wrap(require('node:tls'), 'connect', 'net', 'tls.connect');
wrap(require('node:dgram'), 'createSocket', 'net', 'dgram.createSocket');
for (const m of ['node:http', 'node:https']) {
  wrap(require(m), 'request', 'net', `${m}.request`);
  wrap(require(m), 'get', 'net', `${m}.get`);
}
wrap(require('node:http2'), 'connect', 'net', 'http2.connect');
const dns = require('node:dns');
for (const n of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  wrap(dns, n, 'net', `dns.${n}`);
  wrap(dns.promises, n, 'net', `dns.promises.${n}`);
}
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'net', 'fetch');

const cp = require('node:child_process');
for (const n of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(cp, n, 'process', `child_process.${n}`);

write(`[guard] loaded ${isMainThread ? 'main' : 'worker'} ${process.pid}\n`);
