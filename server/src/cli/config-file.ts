// Finds and reads `.deepdive.json` for the CLI, and resolves which template
// to check against. Validation is the engine's (parseConfig); here a problem
// is fatal (exit 2) because a CI run with a misspelt rule must not pass silently.
// The boundary is the server's: both files are read as bounded regular files
// (readBounded), a found config and its template must lie, symbolic links
// resolved, in the config's folder; only a file the user names on the command
// line may be anywhere. A refused file's content is never shown.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { loadBuiltinTemplate } from '../node/builtinTemplate';
import { isReallyInsideSync, readBoundedSync, reallyInsideSync } from '../node/fileBoundary';
import { buildTemplate, CONFIG_FILE_NAME, LineIndex, parseConfig, TemplateError, type DeepDiveConfig, type TemplateModel } from '../engine';
import { MAX_CONFIG_FILE_SIZE } from '../engine/config';
import { CliError, describeFsError } from './errors';

export interface LoadedConfig {
  config: DeepDiveConfig;
  /** Absolute path of the config file, or null when none was found. */
  file: string | null;
  /** Folder that globs and the template path are relative to. */
  root: string;
}

/** The nearest `.deepdive.json` in `cwd` or a parent folder. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    // Anything but a folder counts as found: a FIFO or device there is refused when read, not passed over.
    if (statSync(candidate, { throwIfNoEntry: false })?.isDirectory() === false) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Reads the config from `--config FILE` or the nearest one; no file means defaults. */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : findConfigFile(cwd);
  if (!file) return { config: { rules: {} }, file: null, root: path.resolve(cwd) };
  const shown = displayPath(cwd, file);
  if (explicit === undefined && !isReallyInsideSync(file, path.dirname(file))) {
    throw new CliError(`config ${shown} is a link to a file outside its folder; not read (name it with --config to use it)`);
  }
  let text: string;
  try {
    text = readBoundedSync(file, MAX_CONFIG_FILE_SIZE).toString('utf8');
  } catch (e) {
    throw new CliError(`cannot read config ${shown}: ${describeFsError(e)}`);
  }
  const { config, problems } = parseConfig(text, shown);
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    throw new CliError(problems.map((p) => {
      if (p.offset === undefined) return p.message;
      const pos = lines.positionAt(p.offset);
      // Insert line:col after the file name the engine put in front.
      return p.message.startsWith(`${shown}: `) ? `${shown}:${pos.line + 1}:${pos.character + 1}: ${p.message.slice(shown.length + 2)}` : p.message;
    }));
  }
  return { config, file, root: path.dirname(file) };
}

export interface ResolvedTemplate {
  model: TemplateModel;
  text: string;
  /** Name used in messages: the path as given or relative to cwd. */
  name: string;
  /** Absolute path of the template file (none for the built-in one). */
  file?: string;
}

/** `--template` (relative to cwd) wins over the config's `template` (relative to the config file), then the built-in one. */
export function resolveTemplate(cwd: string, loaded: LoadedConfig, flag?: string): ResolvedTemplate {
  let file: string;
  let name: string;
  if (flag !== undefined) {
    file = path.resolve(cwd, flag);
    name = flag;
  } else if (loaded.config.template !== undefined) {
    file = path.resolve(loaded.root, loaded.config.template);
    name = displayPath(cwd, file);
    if (!isReallyInsideSync(file, loaded.root)) {
      throw new CliError(`${displayPath(cwd, loaded.file!)}: template "${loaded.config.template}" is outside the config file's folder; not read (name it with --template to use it)`);
    }
  } else {
    const builtin = loadBuiltinTemplate();
    return { model: build(builtin.text, 'built-in template'), text: builtin.text, name: 'built-in template' };
  }
  return readTemplateFile(file, name);
}

function readTemplateFile(file: string, name: string): ResolvedTemplate {
  let text: string;
  try {
    text = readBoundedSync(file).toString('utf8');
  } catch (e) {
    throw new CliError(`cannot read template ${name}: ${describeFsError(e)}`);
  }
  return { model: build(text, name), text, name, file };
}

/** A named template of the config, read and built. */
export interface ResolvedNamedTemplate extends ResolvedTemplate {
  /** The name documents give in front matter. */
  templateName: string;
  globs: string[];
}

/** The config's named templates (paths relative to the config file's folder, which they may not leave). */
export function resolveNamedTemplates(cwd: string, loaded: LoadedConfig): ResolvedNamedTemplate[] {
  const inRoot = reallyInsideSync(loaded.root);
  return (loaded.config.templates ?? []).map((t) => {
    const file = path.resolve(loaded.root, t.path);
    if (!inRoot(file)) {
      throw new CliError(`${displayPath(cwd, loaded.file!)}: template "${t.name}" ("${t.path}") is outside the config file's folder; not read`);
    }
    return { ...readTemplateFile(file, displayPath(cwd, file)), templateName: t.name, globs: t.globs };
  });
}

/** A broken template is fatal: reported as file:line:col where the problem is. */
function build(text: string, name: string): TemplateModel {
  try {
    return buildTemplate(text, name);
  } catch (e) {
    if (e instanceof TemplateError) {
      const at = e.range ? `${name}:${e.range.start.line + 1}:${e.range.start.character + 1}` : name;
      throw new CliError(`${at}: ${e.message.slice(`Template ${name}: `.length)}`);
    }
    throw new CliError(`Template ${name}: ${(e as Error).message}`);
  }
}

/** Relative to cwd when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
