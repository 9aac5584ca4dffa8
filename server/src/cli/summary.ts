// How far each checked file is written, for the CLI's per-file summary
// (text: one line; JSON: a `summary` object) and `deep-dive report`.
import type { Analysis } from '../engine';
import { completeness, completenessCounts, type CompletenessCounts, type SectionState } from '../engine/features/completeness';
import { escapeText, quotePath } from './safe-text';

/** Sections written, scaffolded and missing; placeholders; a percentage. */
export type FileSummary = CompletenessCounts;

/** The document's title and each template section's state, for `deep-dive report`. */
export interface FileSections {
  title: string | null;
  sections: { title: string; state: SectionState }[];
}

export function fileSections(analysis: Analysis): FileSections {
  return { title: analysis.match.title?.title ?? null, sections: completeness(analysis).sections.map((s) => ({ title: s.title, state: s.state })) };
}

export function fileSummary(analysis: Analysis): FileSummary {
  return completenessCounts(completeness(analysis));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `docs/ledger.md: 7/11 written (63%); 2 scaffolded, 2 missing, 3 placeholders`,
 * and `; template adr` after it when the workspace has several templates.
 */
export function formatSummaryLine(path: string, s: FileSummary, template: string | null = null): string {
  const rest = [s.scaffolded ? `${s.scaffolded} scaffolded` : '', s.missing ? `${s.missing} missing` : '', s.placeholders ? plural(s.placeholders, 'placeholder') : '']
    .filter((x) => x !== '');
  // A template's name is a plain word (the config reader refuses others); escaped all the same, as all text from the repository.
  const which = template === null ? '' : `; template ${escapeText(template)}`;
  return `${quotePath(path)}: ${s.written}/${s.total} written (${s.percent}%)${rest.length ? `; ${rest.join(', ')}` : ''}${which}\n`;
}
