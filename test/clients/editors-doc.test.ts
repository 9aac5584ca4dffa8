// The Neovim and Emacs configurations in docs/editors.md are run as written, each
// variant the doc offers: Neovim's module with the init.lua autocmd or with the
// after/ftplugin file (installed in a temporary $XDG_CONFIG_HOME, loaded by Neovim
// itself), Emacs's plain and use-package forms. `deep-dive-language-server` is on
// PATH (a shim to dist/server.js, as `npm install -g` provides). Then the
// workflows the doc promises are driven through each editor's own commands
// (harness/*) in three files of one workspace: a quick fix picked from the
// code-action menu, a section completed at a typed `## ` and a subsection at a
// typed `### `, accepted with <C-x><C-o>/<C-y> in Neovim and completion-at-point in
// Emacs; the editor applies the edits, and the buffers' text is compared.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ruleCodes } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { fixture, haveClient, repoRoot, serverJs } from './probe';

const doc = readFileSync(path.join(repoRoot, 'docs/editors.md'), 'utf8');
const TIMEOUT_MS = 15000;
const GAPS = fixture('gaps');

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
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: path.join(work, 'home'), DD_TIMEOUT: String(TIMEOUT_MS) };
});
after(() => rmSync(work, { recursive: true, force: true }));

interface NvimDiagnostic { lnum: number; severity: number; message: string; source: string; code?: string }
interface EditorResult {
  errors: string[]; offered: string[]; text_after_fix: string; text_after_completion: string; text_after_subsection: string;
}
interface NvimResult extends EditorResult {
  filetype: string; clients: { name: string; root_dir: string; buffers: string[] }[];
  diagnostics: NvimDiagnostic[]; diagnostics_after_fix: NvimDiagnostic[]; diagnostics_after_completion: NvimDiagnostic[];
  completion_offered: string[]; subsection_offered: string[]; outline: string[];
}
interface EmacsDiagnostic { line: number; type: string; text: string }
interface EmacsResult extends EditorResult {
  mode: string; managed: boolean; servers: number; server_buffers: string[]; imenu: { group: string; entries: string[] }[];
  diagnostics: EmacsDiagnostic[]; diagnostics_after_fix: EmacsDiagnostic[]; diagnostics_after_completion: EmacsDiagnostic[];
}

// Three copies of the gaps fixture in one workspace, one per workflow.
const FILES = { fix: 'fix.deepdive.md', complete: 'complete.deepdive.md', sub: 'sub.deepdive.md' };
const SECTION = 'Security Boundaries';
// The quick fix for the missing section, and the same section completed where it belongs.
// Picked on the line where the finding is reported: the gap above the heading it belongs before.
const FIX = { DD_FIX_AT: '## Tradeoffs', DD_FIX_ABOVE: '1', DD_FIX_SECTION: SECTION };
const COMPLETE = { DD_COMPLETE_BEFORE: '## Tradeoffs', DD_COMPLETE_LABEL: SECTION };
// A subsection Change Safety lacks, completed on a new line after the section's last line.
const SUB_AFTER = '- A config flag restores the previous limits within one sync interval.';
const SUB = { DD_SUB_AFTER: SUB_AFTER, DD_SUB_LABEL: 'Feature Flags' };
const WITH_SUBSECTION = GAPS.replace(`${SUB_AFTER}\n`, `${SUB_AFTER}\n\n### Feature Flags\n\n` +
  '- What should be feature-flagged?\n- How to control rollouts?\n- How to kill switches work?\n');

/** Runs an editor with its own files in a fresh workspace folder, returns the harness JSON. */
async function runEditor<T extends EditorResult>(name: string, argv: string[], extraEnv: Record<string, string>): Promise<T> {
  const proj = path.join(work, name, 'project');
  mkdirSync(proj, { recursive: true });
  for (const f of Object.values(FILES)) writeFileSync(path.join(proj, f), GAPS);
  const out = path.join(work, name, 'result.json');
  const child = spawn(argv[0], argv.slice(1), {
    cwd: proj, stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, ...FIX, ...COMPLETE, ...SUB, ...extraEnv, DD_OUT: out, DD_FILE: path.join(proj, FILES.fix),
      DD_COMPLETE_FILE: path.join(proj, FILES.complete), DD_SUB_FILE: path.join(proj, FILES.sub) },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // The harness has its own deadline per step; this one only catches a hung editor.
  const killer = setTimeout(() => child.kill('SIGKILL'), 8 * TIMEOUT_MS + 15000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  let result: T | undefined;
  try { result = JSON.parse(readFileSync(out, 'utf8')); } catch {
    assert.fail(`${name} wrote no result (exit ${code}):\n${stderr}`);
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

const SECURITY_SUBSECTIONS = ['### Identity & Authentication', '### Authorization', '### Data Protection', '### Attack Surfaces'];

/** What every editor must end with: the quick fix's scaffold, and completions that write the same text. */
function assertWorkflows(r: EditorResult) {
  assert.ok(r.offered.includes(`Insert section '${SECTION}'`), r.offered.join('\n'));
  assertScaffoldBefore(r.text_after_fix, `## ${SECTION}`, SECURITY_SUBSECTIONS, '## Tradeoffs');
  // the section accepted at a typed `## ` leaves the document the quick fix leaves: one heading, same separators
  assert.equal(r.text_after_completion, r.text_after_fix);
  assert.equal(r.text_after_completion.split('\n').filter((l) => l === `## ${SECTION}`).length, 1);
  // the subsection accepted at a typed `### `: its heading and guidance, a blank line either side
  assert.equal(r.text_after_subsection, WITH_SUBSECTION);
}

// The fixture's title and sections, and Change Safety's subsections, as the outline should list them.
const TITLE = 'Token Bucket Rate Limiter 🚦';
const SECTIONS = [...GAPS.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
const CHANGE_SAFETY = ['Rollout Strategy', 'Rollback Plan'];

const useRuntime = (tag: string) => ({ 'nvim/lua/deep-dive.lua': 'nvim-module', ...(tag === 'init' ? { 'nvim/init.lua': 'nvim-init' } : { 'nvim/after/ftplugin/markdown.lua': 'nvim-ftplugin' }) });
/** use-package as the harness's Emacs finds it: built in (29+) or installed (Debian's elpa-use-package). */
const hasUsePackage = () => haveClient('emacs') && spawnSync('emacs', ['--batch', '-Q', '--eval',
  '(progn (require \'package) (add-to-list \'package-directory-list "/usr/share/emacs/site-lisp/elpa") (package-initialize) (kill-emacs (if (locate-library "use-package") 0 1)))']).status === 0;

describe('docs/editors.md configurations', { concurrency: 2, timeout: 180_000 }, () => {
  for (const variant of ['init', 'ftplugin'] as const) {
    test(`Neovim (lua/deep-dive.lua + ${variant === 'init' ? 'init.lua autocmd' : 'after/ftplugin/markdown.lua'}): one server for the workspace, settings, quick fix, <C-x><C-o> completions`, {
      skip: !haveClient('nvim') && 'nvim not installed (.ci/clients.sh installs it)',
    }, async () => {
      const xdg = path.join(work, `nvim-${variant}`, 'xdg');
      for (const [file, tag] of Object.entries(useRuntime(variant))) {
        mkdirSync(path.dirname(path.join(xdg, file)), { recursive: true });
        writeFileSync(path.join(xdg, file), snippet(tag));
      }
      const r = await runEditor<NvimResult>(`nvim-${variant}`, ['nvim', '--headless', '-n', '-i', 'NONE',
        '-c', `lua dofile(${JSON.stringify(harness('snippet-nvim.lua'))})`], {
        XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: path.join(xdg, 'data'), XDG_STATE_HOME: path.join(xdg, 'state'),
        DD_COMPLETE_TYPED: '## ', DD_SUB_TYPED: '### ',
      });
      assert.equal(r.filetype, 'markdown');
      // one client, all three buffers attached to it
      assert.deepEqual(r.clients.map((c) => [c.name, c.buffers]), [['deep-dive', Object.values(FILES).sort()]]);
      const codes = r.diagnostics.map((d) => d.code);
      assert.ok(codes.includes('missing-section'), JSON.stringify(r.diagnostics));
      assert.ok(r.diagnostics.every((d) => d.source === 'deep-dive'));
      // the configuration sets missing-subsection to "hint" (vim.diagnostic.severity.HINT = 4)
      const sub = r.diagnostics.filter((d) => d.code === 'missing-subsection');
      assert.ok(sub.length > 0, 'fixture has a missing subsection');
      assert.deepEqual(sub.map((d) => d.severity), sub.map(() => 4));
      // :lua vim.lsp.buf.document_symbol(): the title and the sections as headings, subsections inside them
      assert.deepEqual(r.outline.filter((t) => t.startsWith('[String]')), [TITLE, ...SECTIONS].map((t) => `[String] ${t}`));
      assert.ok(CHANGE_SAFETY.every((t) => r.outline.includes(`[Key] ${t}`)), r.outline.join('\n'));
      assert.equal(r.completion_offered[0], 'Observability Contract', 'template order');
      assert.ok(r.subsection_offered.includes('Feature Flags'), r.subsection_offered.join(', '));
      assertWorkflows(r);
      const missing = r.diagnostics_after_completion.filter((d) => d.code === 'missing-section').map((d) => d.message);
      assert.equal(missing.length, 4, missing.join('\n'));
    });
  }

  for (const variant of ['plain', 'use-package'] as const) {
    test(`Emacs (${variant}): eglot on markdown-mode, one server for the workspace, settings, eglot-code-actions, completion-at-point`, {
      skip: (!haveClient('emacs') && 'emacs not installed (.ci/clients.sh installs it)') ||
        (variant === 'use-package' && !hasUsePackage() && 'use-package not installed (.ci/clients.sh installs elpa-use-package)'),
    }, async () => {
      const file = path.join(work, `emacs-${variant}.el`);
      writeFileSync(file, snippet(`emacs-${variant}`));
      const r = await runEditor<EmacsResult>(`emacs-${variant}`, ['emacs', '--batch', '-Q', '-l', harness('snippet-eglot.el')], {
        DD_SNIPPET: file, DD_COMPLETE_TYPED: '## Sec', DD_SUB_TYPED: '### Feat',
      });
      assert.equal(r.mode, 'markdown-mode');
      assert.equal(r.managed, true);
      assert.equal(r.servers, 1);
      assert.deepEqual([...r.server_buffers].sort(), Object.values(FILES).sort());
      // eglot 1.9 shows "source [code]: message"
      const texts: string[] = r.diagnostics.map((d) => d.text);
      assert.ok(texts.some((t) => t.startsWith('deep-dive [missing-section]: ')), texts.join('\n'));
      // the configuration turns placeholder off and missing-subsection down to a hint (eglot-note)
      assert.ok(!texts.some((t) => t.includes('[placeholder]')), texts.join('\n'));
      const sub = r.diagnostics.filter((d) => d.text.startsWith('deep-dive [missing-subsection]'));
      assert.ok(sub.length > 0, 'fixture has a missing subsection');
      assert.deepEqual(sub.map((d) => d.type), sub.map(() => 'eglot-note'));
      // M-x imenu (eglot groups by symbol kind, then by parent): the title and every section one
      // step from the top, under one group; subsections under another, grouped by section
      const group = (name: string) => r.imenu.find((g) => g.group === name)?.entries ?? [];
      assert.deepEqual(r.imenu.map((g) => g.group).sort(), ['Key', 'String'], JSON.stringify(r.imenu));
      assert.deepEqual(group('String'), [TITLE, ...SECTIONS]);
      assert.ok(group('Key').includes('Change Safety/'), JSON.stringify(r.imenu));
      assertWorkflows(r);
      const missing = r.diagnostics_after_completion.filter((d) => d.text.startsWith('deep-dive [missing-section]'));
      assert.equal(missing.length, 4, missing.map((d) => d.text).join('\n'));
    });
  }
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
