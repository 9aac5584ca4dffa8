import type { Rule } from './rule';

export const missingTitle: Rule = {
  code: 'missing-title',
  description: 'The document has no title: neither an H1 nor the template\'s `## Title:` line.',
  defaultSeverity: 'warning',
  check({ doc, match }) {
    if (match.title) return [];
    return [{
      message: 'Missing title: start the document with `# Topic` (or the template\'s `## Title: Topic`).',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lines.lineText(0).length } },
    }];
  },
};
