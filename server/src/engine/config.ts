// The workspace config file (`.deepdive.json`) and editor settings share one
// validator: a bad value becomes a clear problem and falls back to the
// default, never an exception.
import { checkGlobs } from './glob';
import { jsonErrorOffset, stringElementOffset, stripJsonComments } from './json';
import { ruleCodes } from './rules';
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
}

export interface ConfigProblem {
  message: string;
  /** Offset in the config text where the problem is, when known. */
  offset?: number;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['$schema', 'template', 'rules', 'globs', 'autoDetect'];

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
  if (v.rules !== undefined) {
    if (v.rules === null || typeof v.rules !== 'object' || Array.isArray(v.rules)) problem('rules', '"rules" must be an object of rule code to severity');
    else {
      for (const [code, sev] of Object.entries(v.rules as Record<string, unknown>)) {
        if (!ruleCodes.includes(code)) problem(code, `unknown rule "${code}" (rules: ${ruleCodes.join(', ')})`);
        else if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) problem(code, `rule "${code}" must be one of ${SEVERITIES.join(', ')}`);
        else config.rules[code] = sev as SeveritySetting;
      }
    }
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
