// Preloaded with `--require` into a server by `node bench/startup.mjs --probe`: notes, in
// the file named by DEEP_DIVE_ANSWER_PROBE, the time and CPU from the main module's start
// (this preload runs right before it) to the first write of a message with a result (the
// `initialize` answer), and how many Node modules were loaded by then. It loads node:stream
// to see the write, which every server loads before it answers anyway (stdin, stdout).
// CommonJS, preloaded with --require: --import would load Node's ES module loader before the entry, which the entry does not load.
/* eslint-disable @typescript-eslint/no-require-imports */
const { Duplex } = require('node:stream');
const { appendFileSync } = require('node:fs');
/* eslint-enable @typescript-eslint/no-require-imports */

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const write = Duplex.prototype.write;
let noted = false;
Duplex.prototype.write = function (chunk, ...rest) {
  if (!noted && String(chunk).includes('"result"')) {
    noted = true;
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    appendFileSync(process.env.DEEP_DIVE_ANSWER_PROBE, `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, modules: process.moduleLoadList.length })}\n`);
  }
  return write.call(this, chunk, ...rest);
};
