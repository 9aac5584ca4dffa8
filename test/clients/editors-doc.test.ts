// The Neovim and Emacs snippets in docs/editors.md are run as written: each is
// loaded like a user's config, with `deep-dive-language-server` on PATH (a shim
// to dist/server.js, as `npm install -g` would provide), then a fixture is opened
// and the diagnostics the editor stored are checked, including the snippet's
// settings taking effect. Then the workflows the doc promises are driven through
// each editor's own commands (harness/*): a quick fix picked from the code-action
// menu, and in Emacs a heading completion accepted; the editor applies the edits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ruleCodes } from '../../server/src/engine/rules';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
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

interface NvimDiagnostic { lnum: number; severity: number; message: string; source: string; code?: string }
interface NvimResult { errors: string[]; filetype: string; clients: { name: string; root_dir: string }[];
  diagnostics: NvimDiagnostic[]; offered: string[]; text_after_fix: string; diagnostics_after_fix: NvimDiagnostic[] }
interface EmacsDiagnostic { line: number; type: string; text: string }
interface EmacsResult { errors: string[]; mode: string; managed: boolean; diagnostics: EmacsDiagnostic[];
  offered: string[]; text_after_fix: string; diagnostics_after_fix: EmacsDiagnostic[];
  text_after_completion: string; diagnostics_after_completion: EmacsDiagnostic[] }

// What the harnesses do after the first diagnostics: pick the quick fix for a missing
// section on the heading where it belongs, and (Emacs) accept a heading completion.
const FIX = { DD_FIX_AT: '## Change Safety', DD_FIX_SECTION: 'Observability Contract' };
const COMPLETE = { DD_COMPLETE_BEFORE: '## Tradeoffs', DD_COMPLETE_LABEL: 'Security Boundaries' };

/** Runs an editor in the fixture's own folder (its root), returns the harness JSON. */

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
    env: { ...env, ...FIX, ...COMPLETE, DD_SNIPPET: snip, DD_FILE: file, DD_OUT: out },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // The harness has its own deadline; this one only catches a hung editor.
  const killer = setTimeout(() => child.kill('SIGKILL'), 4 * TIMEOUT_MS + 15000);
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

/** `heading` and its subsections were inserted as whole lines, in order, ending before `before`. */
function assertScaffoldBefore(text: string, heading: string, subsections: string[], before: string) {
  const ls = text.split('\n');
  const at = ls.indexOf(heading);
  const end = ls.indexOf(before);
  assert.ok(at >= 0 && end > at, `no '${heading}' line before '${before}' in:\n${text}`);
  assert.deepEqual(ls.slice(at, end).filter((l) => l.startsWith('#')), [heading, ...subsections]);
  assert.ok(!text.includes('\0'), 'NUL characters in the buffer');
}

describe('docs/editors.md snippets', { concurrency: 2, timeout: 120_000 }, () => {
  test('Neovim snippet: server on a markdown buffer, settings pushed, quick fix via vim.lsp.buf.code_action()', {
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
    // :lua vim.lsp.buf.code_action() on '## Change Safety', picking the Observability fix
    assert.ok(r.offered.includes("Insert section 'Observability Contract'"), r.offered.join('\n'));
    assertScaffoldBefore(r.text_after_fix, '## Observability Contract', ['### Metrics to Track', '### Logs', '### Traces', '### Alerts'], '## Change Safety');
    const missing = r.diagnostics_after_fix.filter((d) => d.code === 'missing-section').map((d) => d.message);
    assert.equal(missing.length, 4, missing.join('\n'));
  });

  test('Emacs snippet: eglot on markdown-mode, eglot-workspace-configuration, eglot-code-actions, completion-at-point', {
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
    // M-x eglot-code-actions on '## Change Safety', picking the Observability fix
    assert.ok(r.offered.includes("Insert section 'Observability Contract'"), r.offered.join('\n'));
    assertScaffoldBefore(r.text_after_fix, '## Observability Contract', ['### Metrics to Track', '### Logs', '### Traces', '### Alerts'], '## Change Safety');
    const missingAfterFix = r.diagnostics_after_fix.filter((d) => d.text.startsWith('deep-dive [missing-section]'));
    assert.equal(missingAfterFix.length, 4, missingAfterFix.map((d) => d.text).join('\n'));
    // completion-at-point on a '## ' line above '## Tradeoffs', accepting 'Security Boundaries'
    assertScaffoldBefore(r.text_after_completion, '## Security Boundaries',
      ['### Identity & Authentication', '### Authorization', '### Data Protection', '### Attack Surfaces'], '## Tradeoffs');
    const missingAfterCompletion = r.diagnostics_after_completion.filter((d) => d.text.startsWith('deep-dive [missing-section]'));
    assert.equal(missingAfterCompletion.length, 3, missingAfterCompletion.map((d) => d.text).join('\n'));
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
