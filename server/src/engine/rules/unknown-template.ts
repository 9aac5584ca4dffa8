// The document's front matter names a template the workspace does not have.
// Reported on the name itself; the quick fix writes the nearest known name.
import { editDistance } from '../match-text';
import type { FrontMatterTemplate } from '../selection';
import { quote, type Rule, type RuleFinding } from './rule';

export type UnknownTemplateData = {
  /** The name as written in front matter. */
  name: string;
  /** The workspace's template names. */
  known: string[];
  /** The known name closest to it, when one is close. */
  suggestion?: string;
};

/** The finding for a front-matter name that names no template of `known`. */
export function unknownTemplateFinding(named: FrontMatterTemplate, known: readonly string[]): RuleFinding<UnknownTemplateData> {
  const suggestion = nearestName(named.name, known);
  const list = known.map((n) => quote(n)).join(', ');
  return {
    message: `Unknown template ${quote(named.name)}: this workspace has ${list}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
    range: named.range,
    data: { name: named.name, known: [...known], ...(suggestion ? { suggestion } : {}) },
  };
}

function nearestName(name: string, known: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  const budget = Math.max(2, Math.floor(n.length / 3));
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const k of known) {
    const d = editDistance(n, k.toLowerCase(), budget);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

export const unknownTemplate: Rule<UnknownTemplateData> = {
  code: 'unknown-template',
  description: 'The front matter\'s `template:` names a template the workspace does not have.',
  defaultSeverity: 'error',
  check({ templates }) {
    return templates?.unknown ? [unknownTemplateFinding(templates.unknown, templates.names)] : [];
  },
  fix: {
    quickFix(ctx, finding) {
      const to = finding.data?.suggestion;
      if (typeof to !== 'string') return null;
      const lines = ctx.doc.lines;
      return { title: `Use the template ${quote(to)}`, edits: [{ start: lines.offsetAt(finding.range.start), end: lines.offsetAt(finding.range.end), text: to }] };
    },
    // The author may mean a template not yet in the config: never changed by fix-all.
    safe: false,
  },
};
