// `npm run package` (after the production build): the VSIX, deep-dive-<version>.vsix.
// package.json's "files" is the npm tarball's allow-list and .vscodeignore the VSIX's;
// vsce refuses a folder that has both, so it packs a staging folder instead: package.json
// without "files", and links to everything else of the repository (.vscodeignore among
// them, which then picks the VSIX's files as usual).
// Usage: node scripts/package-vsix.mjs [OUT.vsix]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(process.argv[2] ?? join(root, `${manifest.name}-${manifest.version}.vsix`));
const stage = mkdtempSync(join(tmpdir(), 'deep-dive-vsix-'));
try {
  for (const entry of readdirSync(root)) {
    if (!['package.json', 'node_modules', '.git'].includes(entry)) symlinkSync(join(root, entry), join(stage, entry));
  }
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--follow-symlinks', '--out', out],
    { cwd: stage, stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
