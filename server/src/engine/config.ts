// The workspace config file (`.deepdive.json`), and the values it shares with
// the editor settings (readRules and readTemplates, used by lsp/settings.ts
// too): a bad value becomes a clear problem and falls back to the default,
// never an exception.
import { checkGlobs } from './glob';
import { jsonErrorOffset, stringElementOffset, stripJsonComments } from './json';
import { ruleCodes } from './rules';
import { BUILTIN_TEMPLATE_NAME } from './selection';
import type { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.deepdive.json';
export const DEFAULT_MAX_DOCUMENT_SIZE = 5 * 1024 * 1024;
/** Largest `.deepdive.json` read; a bigger one is refused (it comes with the repository). */
export const MAX_CONFIG_FILE_SIZE = 256 * 1024;

export interface DeepDiveConfig {
  /** Template file path (relative to the config file's folder or absolute). */
  template?: string;
  rules: Record<string, SeveritySetting>;
  globs?: string[];
  autoDetect?: boolean;
  /** Named templates, in declaration order. */
  templates?: TemplateDeclaration[];
}

/** One entry of `templates`: a name, its template file (relative to the config file's folder) and its globs. */
export interface TemplateDeclaration {
  name: string;
  path: string;
  globs: string[];
}

export interface ConfigProblem {
  message: string;
  /** Offset in the config text where the problem is, when known. */
  offset?: number;
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['$schema', 'template', 'templates', 'rules', 'globs', 'autoDetect'];
const TEMPLATE_KEYS = ['path', 'globs'];
/** A template name: written in front matter, so a plain word (letters, digits, `-`, `_`, `.`). */
const TEMPLATE_NAME = /^[A-Za-z0-9][\w.-]*$/;

/** Where a key (or the `index`-th element of its array value) is in the config text. */
export type Locate = (key: string, index?: number) => number | undefined;

/** Checks an object of config-file shape; `where` prefixes messages (e.g. the file name). */
export function validateConfig(value: unknown, where: string, locate: Locate = () => undefined): { config: DeepDiveConfig; problems: ConfigProblem[] } {
  const config: DeepDiveConfig = { rules: {} };
  const problems: ConfigProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ message: `${where}: ${message}`, offset: locate(key) });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ message: `${where}: expected a JSON object like {"rules": {"placeholder": "off"}}` });
    return { config, problems };
  }
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) problem(k, `unknown key "${k}" (known: ${KEYS.slice(1).join(', ')})`);
  if (v.template !== undefined) {
    if (typeof v.template === 'string' && v.template.trim() !== '') config.template = v.template;
    else problem('template', '"template" must be a path to a template markdown file');
  }
  if (v.templates !== undefined) {
    config.templates = readTemplates(v.templates, '"templates"', (key, message) => problem(key, message));
  }
  if (v.rules !== undefined) {
    config.rules = readRules(v.rules, { rules: '"rules"', rule: (code) => `rule "${code}"` }, (key, message) => problem(key, message));
  }
  if (v.globs !== undefined) {
    if (Array.isArray(v.globs) && v.globs.every((g) => typeof g === 'string')) {
      const { usable, problems: bad } = checkGlobs(v.globs as string[]);
      config.globs = usable;
      for (const b of bad) problems.push({ message: `${where}: ${b.message}`, offset: locate('globs', b.index) ?? locate('globs') });
    } else problem('globs', '"globs" must be an array of glob strings');
  }
  if (v.autoDetect !== undefined) {
    if (typeof v.autoDetect === 'boolean') config.autoDetect = v.autoDetect;
    else problem('autoDetect', '"autoDetect" must be true or false');
  }
  return { config, problems };
}

/**
 * Reads a map of rule code to severity, as the config file and the editor
 * settings both hold it. Bad entries are reported (`names` words them for
 * where they were written) and left out; `key` is the entry's code, or
 * `rules` for the whole value.
 */
export function readRules(
  value: unknown,
  names: { rules: string; rule: (code: string) => string },
  problem: (key: string, message: string) => void,
): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problem('rules', `${names.rules} must be an object of rule code to severity`);
    return out;
  }
  for (const [code, sev] of Object.entries(value as Record<string, unknown>)) {
    if (!ruleCodes.includes(code)) problem(code, `unknown rule "${code}" (rules: ${ruleCodes.join(', ')})`);
    else if (typeof sev !== 'string' || !(SEVERITIES as readonly string[]).includes(sev)) problem(code, `${names.rule(code)} must be one of ${SEVERITIES.join(', ')}`);
    else out[code] = sev as SeveritySetting;
  }
  return out;
}

/**
 * Reads named templates, `{ "adr": { "path": "templates/adr.md", "globs": ["docs/adr/**"] } }`,
 * as the config file and the `deepDive.templates` setting both hold them. Bad
 * entries are reported (`where` names the value) and left out; `key` is where
 * the problem is (the entry's name, or `templates`).
 */
export function readTemplates(
  value: unknown,
  where: string,
  problem: (key: string, message: string) => void,
): TemplateDeclaration[] {
  const out: TemplateDeclaration[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problem('templates', `${where} must be an object of template name to {"path": FILE, "globs": [GLOB, ...]}`);
    return out;
  }
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    const bad = (message: string) => problem(name, `template "${name}": ${message}`);
    if (!TEMPLATE_NAME.test(name)) {
      bad('a name is letters, digits, "-", "_" or "." (it is written in front matter as `template: NAME`)');
      continue;
    }
    if (name.toLowerCase() === BUILTIN_TEMPLATE_NAME) {
      bad(`"${BUILTIN_TEMPLATE_NAME}" is the built-in template's name; set its file with "template" and its globs with "globs"`);
      continue;
    }
    if (out.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      bad('declared twice (names are compared without case)');
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      bad('must be an object like {"path": "templates/adr.md", "globs": ["docs/adr/**/*.md"]}');
      continue;
    }
    const e = entry as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!TEMPLATE_KEYS.includes(k)) bad(`unknown key "${k}" (known: ${TEMPLATE_KEYS.join(', ')})`);
    if (typeof e.path !== 'string' || e.path.trim() === '') {
      bad('"path" must be the path of a template markdown file');
      continue;
    }
    let globs: string[] = [];
    if (e.globs !== undefined) {
      if (Array.isArray(e.globs) && e.globs.every((g) => typeof g === 'string')) {
        const checked = checkGlobs(e.globs as string[]);
        globs = checked.usable;
        for (const b of checked.problems) bad(b.message);
      } else bad('"globs" must be an array of glob strings');
    }
    out.push({ name, path: e.path, globs });
  }
  return out;
}

/** Parses `.deepdive.json` text (JSON; `//` and block comments allowed). */
export function parseConfig(text: string, name: string = CONFIG_FILE_NAME): { config: DeepDiveConfig; problems: ConfigProblem[] } {
  // A BOM becomes a space (JSON whitespace) so error offsets still index `text`.
  const { text: clean, unterminated } = stripJsonComments(text.replace(/^\uFEFF/, ' '));
  if (unterminated !== undefined) {
    return { config: { rules: {} }, problems: [{ message: `${name}: not valid JSON (a /* comment is not closed)`, offset: unterminated }] };
  }
  let value: unknown;
  try {
    value = clean.trim() === '' ? {} : JSON.parse(clean);
  } catch (e) {
    return { config: { rules: {} }, problems: [{ message: `${name}: not valid JSON (${(e as Error).message})`, offset: jsonErrorOffset(clean) }] };
  }
  return validateConfig(value, name, (key, index) => {
    const i = text.indexOf(`"${key}"`);
    if (i < 0) return undefined;
    return index === undefined ? i : stringElementOffset(clean, i, index);
  });
}

/** Merges rule severities: later sources win (defaults < config file < editor settings). */
export function mergeRules(...sources: (Record<string, SeveritySetting> | undefined)[]): Record<string, SeveritySetting> {
  return Object.assign({}, ...sources.filter(Boolean));
}
