// Editor settings under `deepDive`: read per resource with
// workspace/configuration where the client supports it, otherwise taken from
// workspace/didChangeConfiguration pushes (Neovim 0.7 only pushes). Every
// value is validated; a wrong type falls back to its default with a message.
import { checkGlobs, DEFAULT_GLOBS, DEFAULT_MAX_DOCUMENT_SIZE, ruleCodes, type SeveritySetting } from '../engine';

export interface Settings {
  enable: boolean;
  templatePath: string;
  rules: Record<string, SeveritySetting>;
  globs: string[];
  autoDetect: boolean;
  diagnosticsDelay: number;
  maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  templatePath: '',
  rules: {},
  globs: DEFAULT_GLOBS,
  autoDetect: true,
  diagnosticsDelay: 150,
  maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Validates a raw `deepDive` settings object; problems name the setting and what was expected. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('deepDive settings must be an object; using defaults.');
    return { settings: s, problems };
  }
  const r = raw as Record<string, unknown>;
  const bad = (key: string, expected: string) => problems.push(`Setting deepDive.${key} must be ${expected}; using the default.`);
  const take = <K extends keyof Settings>(key: K, ok: (v: unknown) => boolean, expected: string, map: (v: never) => Settings[K] = (v) => v) => {
    const v = r[key];
    if (v === undefined || v === null) return;
    if (ok(v)) s[key] = map(v as never);
    else bad(key, expected);
  };
  const isBool = (v: unknown) => typeof v === 'boolean';
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  take('enable', isBool, 'true or false');
  take('autoDetect', isBool, 'true or false');
  take('templatePath', (v) => typeof v === 'string', 'a file path', (v: string) => v.trim());
  take('globs', (v) => Array.isArray(v) && v.every((g) => typeof g === 'string'), 'an array of glob strings', (v: string[]) => {
    const { usable, problems: bad } = checkGlobs(v);
    for (const b of bad) problems.push(`Setting deepDive.globs: ${b.message}; it is ignored.`);
    return usable;
  });
  take('diagnosticsDelay', (v) => isNum(v) && (v as number) >= 0, 'a number of milliseconds ≥ 0', (v: number) => Math.min(v, 10_000));
  take('maxDocumentSize', (v) => isNum(v) && (v as number) > 0, 'a positive number of bytes');
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules !== 'object' || Array.isArray(r.rules)) bad('rules', 'an object of rule code to severity');
    else {
      for (const [code, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!ruleCodes.includes(code)) problems.push(`Setting deepDive.rules names an unknown rule "${code}" (rules: ${ruleCodes.join(', ')}).`);
        else if (typeof sev !== 'string' || !SEVERITIES.has(sev)) problems.push(`Setting deepDive.rules.${code} must be one of error, warning, information, hint, off.`);
        else s.rules[code] = sev as SeveritySetting;
      }
    }
  }
  return { settings: s, problems };
}
