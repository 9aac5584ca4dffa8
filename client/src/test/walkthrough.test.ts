import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, extensionApi } from './util';

interface Step { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents?: string[] }

suite('Walkthrough', () => {
  suiteSetup(extensionApi);
  suiteTeardown(closeAll);

  test('the walkthrough has its four steps, each with a packaged image and a command or link', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.title), [
      'Create or open a deep dive', 'Fix a gap with a quick fix', 'Navigate by sections', 'Run the checker in CI',
    ]);
    for (const s of walkthrough.steps) {
      const image = path.join(ext.extensionPath, s.media.image);
      assert.ok(fs.statSync(image).size > 10_000, `${s.media.image} is packaged`);
      assert.ok(s.media.altText, `${s.id} has alt text`);
      assert.match(s.description, /\]\((command:|https:)/, `${s.id} links to a command or a page`);
    }
  });

  test('it opens in the Welcome page', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#deepDive.gettingStarted`, false);
  });
});
