// The V8 flags dist/cli.js and dist/server.js set: each one known to the V8 it runs on
// (an unknown flag makes V8 print an error on every run), the right budget flag per V8 version.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliV8Flags, serverV8Flags } from '../../server/src/node/v8Flags';

const flagName = (flag: string) => flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');

describe('cliV8Flags and serverV8Flags', () => {
  it('name only flags this node\'s V8 knows', () => {
    const known = new Set([...execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).matchAll(/^ {2}--([a-z0-9-]+) /gm)].map((m) => m[1]));
    assert.ok(known.size > 100, 'node --v8-options lists the flags');
    for (const flag of [...cliV8Flags(), ...serverV8Flags()]) assert.ok(known.has(flagName(flag)), `${flag} is not a flag of V8 ${process.versions.v8}`);
  });

  it('give each V8 the tier-up budget flag it has: a bytecode budget before 11.8, a call count from 11.8 on', () => {
    assert.deepEqual(cliV8Flags('11.3.244.8-node.38'), ['--interrupt-budget=500000', '--no-turbo-inlining']);
    assert.deepEqual(cliV8Flags('11.7.439.19'), ['--interrupt-budget=500000', '--no-turbo-inlining']);
    assert.deepEqual(cliV8Flags('11.8.172.17-node.20'), ['--invocation-count-for-turbofan=22000', '--no-turbo-inlining']);
    assert.deepEqual(cliV8Flags('12.4.254.21-node.57'), ['--invocation-count-for-turbofan=22000', '--no-turbo-inlining']);
    assert.deepEqual(cliV8Flags('13.6.233.17-node.63'), ['--invocation-count-for-turbofan=22000', '--no-turbo-inlining']);
  });

  it('give the server a smaller budget and leave TurboFan its inlining (a server runs long)', () => {
    assert.deepEqual(serverV8Flags('11.3.244.8-node.38'), ['--interrupt-budget=200000']);
    assert.deepEqual(serverV8Flags('11.8.172.17-node.20'), ['--invocation-count-for-turbofan=9000']);
    assert.deepEqual(serverV8Flags('13.6.233.17-node.63'), ['--invocation-count-for-turbofan=9000']);
  });
});
