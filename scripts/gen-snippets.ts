// Generates the template-derived editor files from server/templates/deep-dive.md:
//   snippets/markdown.json                            (VS Code snippets)
//   syntaxes/deepdive.injection.tmLanguage.json       (TextMate injection grammar)
// Run by `npm run build` (scripts/build.mjs) and `npm run build:snippets`;
// test/features/generated.test.ts fails when the committed files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTemplate } from '../server/src/engine';
import { grammarFileText } from '../server/src/engine/features/grammar';
import { snippetsFileText } from '../server/src/engine/features/snippets';

export const ROOT = join(__dirname, '..');
export const TEMPLATE_FILE = join(ROOT, 'server', 'templates', 'deep-dive.md');

export function generatedFiles(): Record<string, string> {
  const template = buildTemplate(readFileSync(TEMPLATE_FILE, 'utf8'), 'deep-dive.md');
  return {
    'snippets/markdown.json': snippetsFileText(template),
    'syntaxes/deepdive.injection.tmLanguage.json': grammarFileText(template),
  };
}

if (require.main === module) {
  for (const [file, text] of Object.entries(generatedFiles())) {
    const path = join(ROOT, file);
    let old = '';
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      // first generation
    }
    if (old === text) continue;
    writeFileSync(path, text);
    console.log(`${file}: written`);
  }
}
