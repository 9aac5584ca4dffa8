// Workspace-level inputs: folders, the `.deepdive.json` of each folder and the
// templates they name. A broken config or template is reported (log, message,
// diagnostic on the config file) and replaced by defaults, never fatal.
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type DeepDiveConfig, type TemplateModel } from '../engine';
import { MAX_CONFIG_FILE_SIZE, type TemplateDeclaration } from '../engine/config';
import type { NamedTemplate } from '../engine/options';
import type { Runtime } from '../node/runtime';
import { displayPath, isInside, pathToUri, uriToPath } from './uris';

/** A workspace folder's `.deepdive.json` as read: its text (for problem positions), config and problems. */
export interface FolderConfig {
  path: string;
  config: DeepDiveConfig;
  problems: ConfigProblem[];
  text: string;
}

export interface TemplateChoice {
  template: TemplateModel;
  /** Set when the requested template could not be used and the built-in one stands in. */
  problem?: string;
}

/** A folder's named templates, loaded; a template that cannot be used stands in as the built-in one, and a problem says so. */
export interface NamedTemplates {
  templates: NamedTemplate[];
  /** `name`: the template's; `inConfig`: declared in the config file (shown there), else in the settings. */
  problems: { name: string; inConfig: boolean; message: string }[];
}

const SETTING = 'deepDive.templates';

export class Workspace {
  folders: string[] = [];
  trusted = true;
  private configs = new Map<string, Promise<FolderConfig | null>>();
  private templates = new Map<string, Promise<TemplateChoice>>();
  /** Where template paths and folders lead, asked on every analysis: remembered until the files change. */
  private realpaths = new Map<string, Promise<string>>();
  private builtinModel: Promise<TemplateModel> | null = null;
  /**
   * Counts the changes to what a document's options are read from here: the
   * folders, the config files and templates read (forgotten or a new one read,
   * which may make an open document a template file).
   */
  generation = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly log: (m: string) => void,
    /** The workspace's templates are derived where the markdown parser lives (the analysis worker); see builtin(). */
    private readonly build: (text: string, name: string) => Promise<TemplateModel>,
  ) {}

  /**
   * The template shipped with the server, derived on first use (not on the startup path) in this thread: it is
   * the server's own text, which cannot stall the parser, and a document opened as the server starts had waited
   * for a worker to start before its first analysis (about 70 ms).
   */
  builtin(): Promise<TemplateModel> {
    if (!this.builtinModel) {
      const { text, path: file } = this.runtime.builtinTemplate;
      // Loaded when first asked for, as the in-thread parser is (node/chunkParser.ts).
      const p = import('../engine/template').then((m) => m.buildTemplate(text, file));
      // A failure is not remembered: the next document tries again rather than going unchecked for the session.
      p.catch(() => {
        if (this.builtinModel === p) this.builtinModel = null;
      });
      this.builtinModel = p;
    }
    return this.builtinModel;
  }

  setFolders(uris: string[]): void {
    this.generation++;
    this.folders = uris.map(uriToPath).filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
  }

  folderOf(uri: string): string | null {
    const p = uriToPath(uri);
    if (!p) return null;
    return this.folders.find((f) => isInside(p, f)) ?? null;
  }

  /** Forget cached files so the next analysis reads them again. */
  invalidate(): void {
    this.generation++;
    this.configs.clear();
    this.templates.clear();
    this.realpaths.clear();
  }

  /** A path resolved through symbolic links (itself when it cannot be), remembered until invalidate(). */
  private real(p: string): Promise<string> {
    let r = this.realpaths.get(p);
    if (!r) {
      r = this.runtime.realpath(p).catch(() => p);
      // Bounded like the other caches: a workspace names a handful of templates.
      if (this.realpaths.size >= 256) this.realpaths.clear();
      this.realpaths.set(p, r);
    }
    return r;
  }

  configFor(folder: string | null): Promise<FolderConfig | null> {
    if (!folder) return Promise.resolve(null);
    let p = this.configs.get(folder);
    if (!p) {
      p = this.loadConfig(path.join(folder, CONFIG_FILE_NAME), folder);
      this.configs.set(folder, p);
    }
    return p;
  }

  /**
   * The config file comes with the repository: it is read only if it resolves
   * (through symbolic links) to a regular file inside its folder, up to
   * MAX_CONFIG_FILE_SIZE, and within the runtime's read deadline; otherwise the
   * folder goes on with the defaults and the problem says why, never what the
   * file holds.
   */
  private async loadConfig(file: string, folder: string): Promise<FolderConfig | null> {
    let text: string;
    try {
      const [real, realFolder] = await Promise.all([this.runtime.realpath(file), this.runtime.realpath(folder).catch(() => folder)]);
      if (!isInside(real, realFolder)) throw new Error('it leads outside the workspace folder');
      text = await withDeadline(this.runtime.readFile(real, MAX_CONFIG_FILE_SIZE), this.runtime.readDeadlineMs, `it was not read within ${this.runtime.readDeadlineMs} ms`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; // no config file (or a dangling link): defaults apply
      const message = `${displayPath(file)}: cannot be read (${(e as Error).message}); using the defaults.`;
      this.log(message);
      return { path: file, config: { rules: {} }, problems: [{ message, offset: 0 }], text: '' };
    }
    const { config, problems } = parseConfig(text, displayPath(file));
    for (const p of problems) this.log(p.message);
    return { path: file, config, problems, text };
  }

  /**
   * The template for a document: the editor's templatePath, else the config
   * file's, else the built-in one. An untrusted workspace gets the built-in
   * template; a config file may not point outside its workspace folder.
   */
  async templateFor(settingPath: string, config: FolderConfig | null, folder: string | null): Promise<TemplateChoice> {
    let file: string | null = null;
    let origin = '';
    if (!this.trusted) return { template: await this.builtin() };
    if (settingPath) {
      file = path.isAbsolute(settingPath) ? settingPath : folder ? path.join(folder, settingPath) : null;
      origin = 'deepDive.templatePath';
      if (!file) return { template: await this.builtin(), problem: `deepDive.templatePath "${settingPath}" is relative but the document is not in a workspace folder; using the built-in template.` };
    } else if (config?.config.template) {
      const dir = path.dirname(config.path);
      file = path.resolve(dir, config.config.template);
      origin = displayPath(config.path);
      // Symbolic links count where they lead: a link inside the folder to a file outside it is outside.
      const real = (p: string) => this.real(p);
      // A path outside is refused before anything outside is looked at (even by realpath).
      if (folder && (!isInside(file, folder) || !isInside(await real(file), await real(folder)))) {
        return { template: await this.builtin(), problem: `${displayPath(config.path)}: template "${config.config.template}" is outside the workspace folder; using the built-in template.` };
      }
    }
    if (!file) return { template: await this.builtin() };
    return this.cachedTemplate(file, origin);
  }

  /**
   * The named templates of a document's folder: the config file's (paths relative
   * to it), then the `deepDive.templates` setting's (relative to the folder; a
   * name in both is the setting's, in the config's place). None in an untrusted
   * workspace, as for `templatePath`; a path outside the folder is refused.
   */
  async namedTemplatesFor(fromSettings: readonly TemplateDeclaration[], config: FolderConfig | null, folder: string | null): Promise<NamedTemplates> {
    const out: NamedTemplates = { templates: [], problems: [] };
    if (!this.trusted) return out;
    const declared: { d: TemplateDeclaration; file: string | null; origin: string }[] = [];
    const add = (d: TemplateDeclaration, file: string | null, origin: string) => {
      const i = declared.findIndex((x) => x.d.name.toLowerCase() === d.name.toLowerCase());
      if (i >= 0) declared[i] = { d, file, origin };
      else declared.push({ d, file, origin });
    };
    for (const d of config?.config.templates ?? []) add(d, path.resolve(path.dirname(config!.path), d.path), config!.path);
    for (const d of fromSettings) add(d, path.isAbsolute(d.path) ? d.path : folder ? path.join(folder, d.path) : null, SETTING);
    const real = (p: string) => this.real(p);
    const loaded = await Promise.all(declared.map(async ({ d, file, origin }) => {
      const inConfig = origin !== SETTING;
      const fallback = async (why: string) => {
        out.problems.push({ name: d.name, inConfig, message: `${origin}: template "${d.name}" ${why}; using the built-in template for it.` });
        return { name: d.name, globs: d.globs, template: await this.builtin() };
      };
      if (!file) return fallback(`("${d.path}") is relative but the document is not in a workspace folder`);
      if (inConfig && folder && (!isInside(file, folder) || !isInside(await real(file), await real(folder)))) {
        return fallback(`("${d.path}") is outside the workspace folder`);
      }
      const choice = await this.cachedTemplate(file, origin);
      if (choice.problem) {
        out.problems.push({ name: d.name, inConfig, message: choice.problem.replace(/Using the built-in template\.$/, `Using the built-in template for "${d.name}".`) });
      }
      return { name: d.name, globs: d.globs, template: choice.template };
    }));
    out.templates = loaded;
    return out;
  }

  /** Whether `uri` is a template file some document of the workspace was checked against. */
  isTemplateFile(uri: string): boolean {
    const p = uriToPath(uri);
    return !!p && this.templates.has(p);
  }

  private cachedTemplate(file: string, origin: string): Promise<TemplateChoice> {
    let p = this.templates.get(file);
    if (!p) {
      p = this.loadTemplate(file, origin);
      this.templates.set(file, p);
      this.generation++;
    }
    return p;
  }

  private async loadTemplate(file: string, origin: string): Promise<TemplateChoice> {
    let text: string;
    try {
      text = await this.runtime.readFile(file);
    } catch (e) {
      return { template: await this.builtin(), problem: `Cannot read the template ${displayPath(file)} (from ${origin}): ${(e as Error).message}. Using the built-in template.` };
    }
    try {
      return { template: await this.build(text, displayPath(file)) };
    } catch (e) {
      return { template: await this.builtin(), problem: `${(e as Error).message}. Using the built-in template.` };
    }
  }

  /** Files whose change should re-check open documents. */
  isWatched(uri: string): boolean {
    const p = uriToPath(uri);
    if (!p) return false;
    return path.basename(p) === CONFIG_FILE_NAME || this.templates.has(p);
  }

  configUri(loaded: FolderConfig): string {
    return pathToUri(loaded.path);
  }

  /** Where a folder's config file is (whether or not it exists). */
  configUriOf(folder: string): string {
    return pathToUri(path.join(folder, CONFIG_FILE_NAME));
  }
}

/** Rejects with `message` when `p` has not settled within `ms` (the work itself cannot be cancelled; it is no longer waited for). */
function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
