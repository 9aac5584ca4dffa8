// The package.json metadata the extension galleries need, checked without publishing:
// `vsce package` already refuses a bad name, publisher, version or engines; this adds what
// the Visual Studio Marketplace and Open VSX show or demand on top (Open VSX's `ovsx publish`
// packages with vsce too, then asks for a license file or identifier, and its registry takes
// names and publishers made of letters, digits and `-+$~_`).
// Usage: node .ci/gallery-metadata.mjs FILES (the VSIX's files under extension/, one a line).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsixFiles = readFileSync(process.argv[2], 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
/** Whether the VSIX has a file of that name (vsce lower-cases readme and changelog and adds .txt to LICENSE). */
const inVsix = (re) => vsixFiles.some((f) => re.test(f));
// The Marketplace's categories; others are not listed under any category.
const CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets',
  'Testing', 'Themes', 'Visualization'];
const problems = [];
const need = (ok, what) => { if (!ok) problems.push(what); };
const text = (v) => typeof v === 'string' && v.trim() !== '';

need(/^[\w\-+$~]+$/.test(pkg.name ?? '') && /^[\w\-+$~]+$/.test(pkg.publisher ?? ''), 'name and publisher: letters, digits and -+$~_ only (Open VSX)');
need(text(pkg.displayName) && text(pkg.description), 'displayName and description (the gallery listing)');
need(Array.isArray(pkg.categories) && pkg.categories.length > 0 && pkg.categories.every((c) => CATEGORIES.includes(c)),
  `categories, each one of: ${CATEGORIES.join(', ')}`);
need(Array.isArray(pkg.keywords) && pkg.keywords.length > 0 && pkg.keywords.length <= 30, 'keywords: 1 to 30 (search tags)');
need(/^https:\/\//.test(pkg.repository?.url ?? ''), 'repository.url over https (source link; vsce rewrites README links with it)');
need(/^https:\/\//.test(pkg.homepage ?? '') && /^https:\/\//.test(pkg.bugs?.url ?? ''), 'homepage and bugs.url (gallery links)');
need(text(pkg.license) && inVsix(/^LICENSE(\.md|\.txt)?$/i), 'license identifier and a LICENSE file in the VSIX (Open VSX takes only licensed extensions)');
need(!pkg.galleryBanner || /^#[0-9a-f]{6}$/i.test(pkg.galleryBanner.color ?? '') && ['dark', 'light'].includes(pkg.galleryBanner.theme),
  'galleryBanner: a #rrggbb color and a dark or light theme');
need(inVsix(/^README\.md$/i) && inVsix(/^CHANGELOG\.md$/i), 'README.md and CHANGELOG.md in the VSIX (the gallery pages)');

const icon = pkg.icon && join(root, pkg.icon);
if (!icon || !existsSync(icon) || !vsixFiles.includes(pkg.icon)) problems.push('icon: a file that is in the VSIX');
else {
  const png = readFileSync(icon);
  const isPng = png.subarray(1, 4).toString() === 'PNG';
  const [width, height] = isPng ? [png.readUInt32BE(16), png.readUInt32BE(20)] : [0, 0];
  need(isPng && width >= 128 && height >= 128, `icon: a PNG of at least 128x128 (${pkg.icon} is ${isPng ? `${width}x${height}` : 'not a PNG'})`);
}

for (const p of problems) console.error(`gallery-metadata: package.json needs ${p}`);
if (problems.length) process.exit(1);
console.log(`gallery-metadata: ${pkg.publisher}.${pkg.name} ${pkg.version} has what the Marketplace and Open VSX need`);
