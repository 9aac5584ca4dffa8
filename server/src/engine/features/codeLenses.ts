// Code lenses at the gaps: one lens per point where missing `##` sections belong
// ("Missing: Security Boundaries · Insert"; several at one point: "Insert 4 missing
// sections"). Built from the missing-section findings, so a rule turned off or
// suppressed shows no lens either.
import type { Analysis } from '../analyze';
import type { Range } from '../types';

export interface GapLens {
  /** The findings' zero-width range: where the sections belong. */
  range: Range;
  title: string;
  /** The missing sections' titles, in template order. */
  sections: string[];
}

export function missingSectionLenses(analysis: Analysis): GapLens[] {
  const byPoint = new Map<string, GapLens>();
  for (const f of analysis.findings) {
    if (f.code !== 'missing-section' || typeof f.data?.section !== 'string') continue;
    const key = `${f.range.start.line}:${f.range.start.character}`;
    const lens = byPoint.get(key) ?? { range: f.range, title: '', sections: [] };
    lens.sections.push(f.data.section);
    byPoint.set(key, lens);
  }
  const out = [...byPoint.values()];
  for (const l of out) l.title = l.sections.length === 1 ? `Missing: ${l.sections[0]} · Insert` : `Insert ${l.sections.length} missing sections`;
  return out;
}
