// The Neovim and Emacs snippets in docs/editors.md are run as written: each is
// loaded like a user's config, with `deep-dive-language-server` on PATH (a shim
// to dist/server.js, as `npm install -g` would provide), then a fixture is opened
// and the diagnostics the editor stored are checked, including the snippet's
// settings taking effect.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ruleCodes } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { fixture, haveClient, repoRoot, serverJs } from './probe';

const doc = readFileSync(path.join(repoRoot, 'docs/editors.md'), 'utf8');
const TIMEOUT_MS = 15000;

/** The fenced block right after `<!-- tested: TAG ... -->`. */
function snippet(tag: string): string {
  const m = new RegExp(`<!-- tested: ${tag}\\b[^>]*-->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  assert.ok(m, `docs/editors.md has no tested block "${tag}"`);
  return m[1];
}

let work: string;
let env: NodeJS.ProcessEnv;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dd-editors-'));
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  const shim = path.join(bin, 'deep-dive-language-server');
  writeFileSync(shim, `#!/bin/sh\nexec node ${JSON.stringify(serverJs)} "$@"\n`);
  chmodSync(shim, 0o755);
  mkdirSync(path.join(work, 'home'));
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: path.join(work, 'home'),
    XDG_CONFIG_HOME: path.join(work, 'xdg'), DD_TIMEOUT: String(TIMEOUT_MS) };
});
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs an editor in the fixture's own folder (its root), returns the harness JSON. */
interface NvimResult { errors: string[]; filetype: string; clients: { name: string; root_dir: string }[];
  diagnostics: { lnum: number; severity: number; message: string; source: string; code?: string }[] }
interface EmacsResult { errors: string[]; mode: string; managed: boolean; diagnostics: { line: number; type: string; text: string }[] }

async function runEditor<T extends { errors: string[] }>(name: string, argv: string[], code: string, ext: string): Promise<T> {
  const proj = path.join(work, name);
  mkdirSync(proj);
  const file = path.join(proj, 'gaps.deepdive.md');
  writeFileSync(file, fixture('gaps'));
  const snip = path.join(work, `${name}.${ext}`);
  writeFileSync(snip, code);
  const out = path.join(work, `${name}.json`);
  const child = spawn(argv[0], argv.slice(1), {
    cwd: proj, stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, DD_SNIPPET: snip, DD_FILE: file, DD_OUT: out },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // The harness has its own deadline; this one only catches a hung editor.
  const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS + 15000);
  const code_ = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  let result: T | undefined;
  try { result = JSON.parse(readFileSync(out, 'utf8')); } catch {
    assert.fail(`${name} wrote no result (exit ${code_}):\n${stderr}`);
  }
  assert.ok(result);
  assert.deepEqual(result.errors, [], `${name} harness errors; stderr:\n${stderr}`);
  return result;
}

const harness = (f: string) => path.join(repoRoot, 'test/clients/harness', f);

describe('docs/editors.md snippets', { concurrency: 2 }, () => {
  test('Neovim snippet starts the server on a markdown buffer and pushes its settings', {
    skip: !haveClient('nvim') && 'nvim not installed (.ci/clients.sh installs it)',
  }, async () => {
    const r = await runEditor<NvimResult>('nvim', ['nvim', '--headless', '--clean', '-n', '-i', 'NONE',
      '-c', `lua dofile(${JSON.stringify(harness('snippet-nvim.lua'))})`], snippet('nvim-snippet'), 'lua');
    assert.equal(r.filetype, 'markdown');
    assert.deepEqual(r.clients.map((c) => c.name), ['deep-dive']);
    const codes = r.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('missing-section'), JSON.stringify(r.diagnostics));
    assert.ok(r.diagnostics.every((d) => d.source === 'deep-dive'));
    // the snippet sets missing-subsection to "hint" (vim.diagnostic.severity.HINT = 4)
    const sub = r.diagnostics.filter((d) => d.code === 'missing-subsection');
    assert.ok(sub.length > 0, 'fixture has a missing subsection');
    assert.deepEqual(sub.map((d) => d.severity), sub.map(() => 4));
  });

  test('Emacs eglot snippet connects on markdown-mode and applies eglot-workspace-configuration', {
    skip: !haveClient('emacs') && 'emacs not installed (.ci/clients.sh installs it)',
  }, async () => {
    const r = await runEditor<EmacsResult>('emacs', ['emacs', '--batch', '-Q', '-l', harness('snippet-eglot.el')],
      snippet('emacs-snippet'), 'el');
    assert.equal(r.mode, 'markdown-mode');
    assert.equal(r.managed, true);
    // eglot 1.9 shows "source [code]: message"
    const texts: string[] = r.diagnostics.map((d) => d.text);
    assert.ok(texts.some((t) => t.startsWith('deep-dive [missing-section]: ')), texts.join('\n'));
    // the snippet turns placeholder off and missing-subsection down to a hint (eglot-note)
    assert.ok(!texts.some((t) => t.includes('[placeholder]')), texts.join('\n'));
    const sub = r.diagnostics.filter((d) => d.text.startsWith('deep-dive [missing-subsection]'));
    assert.ok(sub.length > 0, 'fixture has a missing subsection');
    assert.deepEqual(sub.map((d) => d.type), sub.map(() => 'eglot-note'));
  });
});

describe('docs/editors.md reference', () => {
  test('the settings table gives the server\'s own defaults', () => {
    const rows = [...doc.matchAll(/^\| `(\w+)` \| [^|]+ \| `([^`]+)`/gm)].map((m) => [m[1], JSON.parse(m[2])]);
    assert.deepEqual(Object.fromEntries(rows), DEFAULT_SETTINGS);
  });

  test('the rule codes listed are the engine\'s', () => {
    const para = /^Rule codes: ([\s\S]*?)\n\n/m.exec(doc);
    assert.ok(para, 'no "Rule codes:" paragraph');
    assert.deepEqual([...para[1].matchAll(/`([a-z-]+)`/g)].map((m) => m[1]), [...ruleCodes]);
  });
});
