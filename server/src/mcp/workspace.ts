// What the MCP tools share: the server's root (its cwd or --root, symlinks
// resolved), the guard that keeps every path argument inside it, and the
// workspace's template and config, read afresh for each call so an edit to
// .deepdive.json or the template counts at once. A problem is thrown as a
// ToolError, which the SDK answers as a tool error result.
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CheckContext } from '../cli/check';
import { loadConfig, resolveNamedTemplates, resolveTemplate, type ResolvedTemplate } from '../cli/config-file';
import { CliError } from '../cli/errors';
import { checkContext } from '../cli/pipeline';
import type { NamedTemplate } from '../engine/options';

export class ToolError extends Error {}

/** The built-in template, by the name a tool's `template` argument gives it. */
export const BUILTIN_TEMPLATE_NAME = 'built-in';

export interface Setup {
  /** The default template (`deep-dive`), or the one the `template` argument names. */
  template: ResolvedTemplate;
  /** Why this template: "--template"-like argument, the config file, or the built-in default. */
  templateSource: 'argument' | 'config' | 'built-in';
  /** The config's named templates, built; each document picks its own among them and the default. None under a `template` argument. */
  templates: NamedTemplate[];
  configFile: string | null;
  /** What every document is checked with: the CLI's context for this config and template. */
  context: CheckContext;
}

const inside = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

export class McpWorkspace {
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
    if (!statSync(this.root).isDirectory()) throw new Error(`${root} is not a folder`);
  }

  /** A path argument as a real absolute path inside the root; refused otherwise. */
  resolve(arg: string, want: 'file' | 'folder'): string {
    if (arg === '' || arg.includes('\0')) throw new ToolError(`"${arg}" is not a path`);
    const lexical = path.resolve(this.root, arg);
    if (!inside(this.root, lexical)) throw new ToolError(`${arg} is outside the server's root; paths must be inside it`);
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch {
      throw new ToolError(`no such ${want}: ${arg}`);
    }
    // A symlink inside the root may point out of it.
    if (!inside(this.root, real)) throw new ToolError(`${arg} leads outside the server's root; paths must be inside it`);
    const st = statSync(real);
    if (want === 'file' && !st.isFile()) throw new ToolError(`${arg} is not a file`);
    if (want === 'folder' && !st.isDirectory()) throw new ToolError(`${arg} is not a folder`);
    return real;
  }

  /** The path tools report: relative to the root, `/`-separated. */
  display(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/') || '.';
  }

  /**
   * Config and templates. `template` is "built-in", the name of one of the
   * config's templates, or a template file inside the root; without it each
   * document is checked against the template it selects, as in the CLI.
   */
  setup(template?: string): Setup {
    try {
      const loaded = loadConfig(this.root);
      const named = resolveNamedTemplates(this.root, loaded);
      const byName = template === undefined ? undefined : named.find((t) => t.templateName === template);
      let resolved: ResolvedTemplate;
      let source: Setup['templateSource'];
      if (template === BUILTIN_TEMPLATE_NAME) {
        // With neither a flag nor a config template, resolveTemplate gives the built-in one.
        resolved = resolveTemplate(this.root, { config: { rules: {} }, file: null, root: this.root });
        source = 'argument';
      } else if (byName) {
        // Answers name it as the argument did.
        resolved = { ...byName, name: byName.templateName };
        source = 'argument';
      } else if (template !== undefined) {
        resolved = resolveTemplate(this.root, loaded, this.display(this.resolve(template, 'file')));
        source = 'argument';
      } else {
        resolved = resolveTemplate(this.root, loaded);
        source = loaded.config.template !== undefined ? 'config' : 'built-in';
      }
      const choosing = template === undefined ? named : [];
      return {
        template: resolved,
        templateSource: source,
        templates: choosing.map((t) => ({ name: t.templateName, globs: t.globs, template: t.model })),
        configFile: loaded.file,
        context: checkContext(loaded, resolved, choosing),
      };
    } catch (e) {
      if (e instanceof CliError) throw new ToolError(e.message);
      throw e;
    }
  }
}
