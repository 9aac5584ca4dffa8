// Editor settings under `deepDive`: read per resource with
// workspace/configuration where the client supports it, otherwise taken from
// workspace/didChangeConfiguration pushes (Neovim 0.7 only pushes). Every
// value is validated; a wrong type falls back to its default with a message.
// Rule severities and named templates are read by the engine's readRules and
// readTemplates, as in the config file.
import { DEFAULT_GLOBS, DEFAULT_MAX_DOCUMENT_SIZE, readRules, type SeveritySetting } from '../engine';
import { readTemplates, type TemplateDeclaration } from '../engine/config';
import { checkGlobs } from '../engine/glob';

export interface Settings {
  enable: boolean;
  templatePath: string;
  /** Named templates (paths relative to the workspace folder), added to the config file's. */
  templates: TemplateDeclaration[];
  rules: Record<string, SeveritySetting>;
  globs: string[];
  autoDetect: boolean;
  diagnosticsDelay: number;
  maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  templatePath: '',
  templates: [],
  rules: {},
  globs: DEFAULT_GLOBS,
  autoDetect: true,
  diagnosticsDelay: 150,
  maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE,
};

/** Validates a raw `deepDive` settings object; problems name the setting and what was expected. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, templates: [] };
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
    s.rules = readRules(r.rules, { rules: 'Setting deepDive.rules', rule: (code) => `Setting deepDive.rules.${code}` }, (key, message) =>
      problems.push(key === 'rules' ? `${message}; using the default.` : message.startsWith('unknown') ? `Setting deepDive.rules names an ${message}.` : `${message}.`));
  }
  if (r.templates !== undefined && r.templates !== null) {
    s.templates = readTemplates(r.templates, 'Setting deepDive.templates', (key, message) =>
      problems.push(key === 'templates' ? `${message}; using none.` : `Setting deepDive.templates: ${message}; it is ignored.`));
  }
  return { settings: s, problems };
}
