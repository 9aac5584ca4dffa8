// Glob matching for "which files are deep dives" settings: `**`, `*`, `?`,
// `{a,b}` and character classes, on `/`-separated paths. Kept in the engine (no
// dependency) so the CLI and the server decide alike.
//
// A glob comes from the repository (`.deepdive.json`) or from settings, so it
// may be hostile. It is compiled to a small automaton (one or two states per
// pattern element) and run over the path keeping the set of live states, never
// backtracking: a match costs at most (states x path length) steps, whatever
// the pattern. A pattern that is too long, has too many wildcards or is
// malformed is a problem reported with its position, never an exception.
//
// The bound for a whole list: a glob of L characters compiles to at most
// 2L + 1 states (each character adds at most two), a list holds at most
// MAX_GLOB_LIST_LENGTH characters in at most MAX_GLOBS globs, so at most
// 2 x 512 + 32 = 1,056 states. At each path position a live state adds its
// successor's closure in at most FLAT_CLOSURE (4) steps, or by a walk that
// expands each state at most once per position, so a position costs at most
// 5 steps per state; a path longer than MAX_GLOB_PATH_LENGTH matches nothing
// unread. Matching one path against a whole list therefore costs at most
// 5 x 1,056 x 513 = 2,708,640 state steps (counted in `globWork`), whatever
// the globs and the path are made of; the lists that come closest take a
// few milliseconds, once per path (the answer is remembered): `bench/globs.mjs`.
// Before the machine runs, the glob's literal parts are looked for in the path
// (requiredRuns): a path that lacks one is answered at once, which is how most
// paths meet most globs of a workspace with many templates.

/** Longest glob accepted, in characters. */
export const MAX_GLOB_LENGTH = 256;
/** Most wildcards (`*`, `**`, `?`, `[...]`) in one glob. */
export const MAX_GLOB_WILDCARDS = 32;
/** Most globs in one setting or config file. */
export const MAX_GLOBS = 32;
/** Most characters over all the globs of one setting or config file. */
export const MAX_GLOB_LIST_LENGTH = 512;
/** Longest path matched against globs: a longer one matches none (detection by content still applies). */
export const MAX_GLOB_PATH_LENGTH = 512;

/** State steps taken by glob matching so far (tests read the cost of a match from it). */
export const globWork = { steps: 0 };

export interface GlobProblem {
  message: string;
  /** Offset in the glob where the problem is. */
  offset: number;
}

// What a state's one consuming transition accepts.
const NONE = 0;
const CHAR = 1; // one given character
const CLASS = 2; // a character of a class, never `/`
const SEGMENT = 3; // any character but `/`
const ANY = 4; // any character
const SLASH = 47;

interface CharClass {
  negated: boolean;
  /** Inclusive code-unit ranges, flattened: [from, to, from, to, ...]. */
  ranges: number[];
}

interface Automaton {
  on: number[];
  char: number[];
  cls: (CharClass | null)[];
  to: number[];
  eps: number[][];
  accept: number;
}

export type CompiledGlob = { ok: true; test: (path: string) => boolean; matchAnyFolder: (path: string) => boolean } | { ok: false; problem: GlobProblem };

class GlobSyntaxError {
  constructor(readonly problem: GlobProblem) {}
}

class Builder {
  readonly a: Automaton = { on: [], char: [], cls: [], to: [], eps: [], accept: 0 };
  i = 0;
  wildcards = 0;
  constructor(readonly g: string) {}

  state(): number {
    this.a.on.push(NONE);
    this.a.char.push(0);
    this.a.cls.push(null);
    this.a.to.push(-1);
    this.a.eps.push([]);
    return this.a.on.length - 1;
  }
  /** `from` consumes one character of kind `on` into a new state (or into `to`). */
  edge(from: number, on: number, to = this.state(), char = 0, cls: CharClass | null = null): number {
    this.a.on[from] = on;
    this.a.char[from] = char;
    this.a.cls[from] = cls;
    this.a.to[from] = to;
    return to;
  }
  eps(from: number, to: number): void {
    this.a.eps[from].push(to);
  }
  fail(message: string, offset: number): never {
    throw new GlobSyntaxError({ message, offset });
  }
  wildcard(at: number): void {
    if (++this.wildcards > MAX_GLOB_WILDCARDS) this.fail(`more than ${MAX_GLOB_WILDCARDS} wildcards`, at);
  }
}

/**
 * Compiles `b.g` from `b.i` onwards, starting in state `cur`, up to the end or
 * (inside braces) an unmatched `,` or `}`; returns the state reached. Every
 * element ends in a fresh state, so a state gets at most one consuming edge.
 */
function sequence(b: Builder, cur: number, inBraces: boolean): number {
  const g = b.g;
  while (b.i < g.length) {
    const c = g[b.i];
    const at = b.i;
    if (inBraces && (c === ',' || c === '}')) return cur;
    if (c === '*') {
      b.wildcard(at);
      const globstar = g[b.i + 1] === '*';
      const after = b.state();
      const loop = b.state();
      b.eps(cur, loop);
      b.edge(loop, globstar ? ANY : SEGMENT, loop);
      if (globstar && g[b.i + 2] === '/') {
        // `**/` is any number of whole folders, including none: `(.*/)?`.
        b.eps(cur, after);
        const slash = b.state();
        b.eps(loop, slash);
        b.edge(slash, CHAR, after, SLASH);
        b.i += 3;
      } else {
        b.eps(loop, after);
        b.i += globstar ? 2 : 1;
      }
      cur = after;
    } else if (c === '?') {
      b.wildcard(at);
      cur = b.edge(cur, SEGMENT);
      b.i++;
    } else if (c === '[') {
      b.wildcard(at);
      cur = b.edge(cur, CLASS, undefined, 0, charClass(b));
    } else if (c === '{') {
      b.i++;
      const join = b.state();
      for (;;) {
        const branch = b.state();
        b.eps(cur, branch);
        b.eps(sequence(b, branch, true), join);
        if (g[b.i] === ',') b.i++;
        else if (g[b.i] === '}') {
          b.i++;
          break;
        } else b.fail('"{" is not closed by "}"', at);
      }
      cur = join;
    } else {
      cur = b.edge(cur, CHAR, undefined, g.charCodeAt(at));
      b.i++;
    }
  }
  return cur;
}

/** `[abc]`, `[a-z]`, `[!a-z]` or `[^a-z]`; a `]` right after the opening is literal. */
function charClass(b: Builder): CharClass {
  const g = b.g;
  const open = b.i;
  let i = open + 1;
  const negated = g[i] === '!' || g[i] === '^';
  if (negated) i++;
  const ranges: number[] = [];
  const first = i;
  for (; i < g.length && (g[i] !== ']' || i === first); i++) {
    const from = g.charCodeAt(i);
    if (g[i + 1] === '-' && i + 2 < g.length && g[i + 2] !== ']') {
      const to = g.charCodeAt(i + 2);
      if (to < from) b.fail(`range "${g[i]}-${g[i + 2]}" is out of order`, i);
      ranges.push(from, to);
      i += 2;
    } else ranges.push(from, from);
  }
  if (i >= g.length) b.fail('"[" is not closed by "]" (write [[] for a literal [)', open);
  b.i = i + 1;
  return { negated, ranges };
}

function inClass(cls: CharClass, c: number): boolean {
  let hit = false;
  for (let k = 0; k < cls.ranges.length && !hit; k += 2) hit = c >= cls.ranges[k] && c <= cls.ranges[k + 1];
  return hit !== cls.negated;
}

/**
 * The automaton flattened into typed arrays for the run, with the scratch space
 * a run that finishes in one go needs. Each state's short epsilon closure is
 * computed once here, keeping only the states a run needs to hold: those with
 * a consuming edge, and the accepting one. A short closure (at most
 * FLAT_CLOSURE states, found within CLOSURE_VISITS states) is added from that
 * list; a longer one by walking the epsilon edges, where states already live
 * stop the walk, so a closure shared by many live states (`{a,a,…}{a,a,…}`)
 * is not paid again for each of them. Compiling costs at most CLOSURE_VISITS
 * steps per state.
 */
const FLAT_CLOSURE = 4;
/** States a closure's search at compile time visits before it gives up and leaves the closure to a walk. */
const CLOSURE_VISITS = 16;

interface Machine {
  on: Uint8Array;
  char: Int32Array;
  cls: (CharClass | null)[];
  to: Int32Array;
  /** The closure of state s: closure[closureStart[s] .. closureStart[s + 1]), unless walk[s] (then walked at run time). */
  closureStart: Int32Array;
  closure: Int32Array;
  walk: Uint8Array;
  /** Epsilon edges of state s: epsList[epsStart[s] .. epsStart[s + 1]). */
  epsStart: Int32Array;
  epsList: Int32Array;
  accept: number;
  /** Scratch space for runs that finish in one go (they never overlap); a sliced run has its own. */
  scratch: Scratch;
}

/** What one run reads and writes while it goes along the path. */
interface Scratch {
  /** Walk marks (a state expanded this position) and the walk's stack. */
  walked: Int32Array;
  stack: Int32Array;
  mark: Int32Array;
  live: Int32Array;
  next: Int32Array;
}

function scratchFor(states: number, epsEdges: number): Scratch {
  return {
    walked: new Int32Array(states),
    // A walk pushes its start and each epsilon edge at most once (a state is expanded once per position).
    stack: new Int32Array(states + epsEdges + 1),
    mark: new Int32Array(states),
    live: new Int32Array(states),
    next: new Int32Array(states),
  };
}

function freeze(a: Automaton): Machine {
  const n = a.on.length;
  const seen = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const starts = new Int32Array(n + 1);
  const flat: number[] = [];
  const walk = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const from = flat.length;
    let visits = 0;
    stack.length = 0;
    stack.push(s);
    seen[s] = s;
    while (stack.length > 0) {
      // A long closure is walked at run time instead: working all of them out here would cost states squared.
      if (++visits > CLOSURE_VISITS || flat.length - from > FLAT_CLOSURE) {
        walk[s] = 1;
        flat.length = from;
        break;
      }
      const t = stack.pop()!;
      if (a.on[t] !== NONE || t === a.accept) flat.push(t);
      for (const e of a.eps[t]) {
        if (seen[e] === s) continue;
        seen[e] = s;
        stack.push(e);
      }
    }
    if (flat.length - from > FLAT_CLOSURE) {
      walk[s] = 1;
      flat.length = from;
    }
    starts[s + 1] = flat.length;
  }
  const epsStart = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) epsStart[s + 1] = epsStart[s] + a.eps[s].length;
  const epsList = Int32Array.from(a.eps.flat());
  return {
    on: Uint8Array.from(a.on),
    char: Int32Array.from(a.char),
    cls: a.cls,
    to: Int32Array.from(a.to),
    closureStart: starts,
    closure: Int32Array.from(flat),
    walk,
    epsStart,
    epsList,
    accept: a.accept,
    scratch: scratchFor(n, epsList.length),
  };
}

/**
 * One match of a path, which can stop after a budget of work and go on later:
 * the live states are kept between calls. Whether the automaton accepts the
 * whole of `path`; with `anyFolder`, a match may also start after any `/` (a
 * workspace-relative glob against a longer path): the start state simply joins
 * the live set there, at no extra cost.
 */
class GlobRun {
  private k = 0;
  private generation = 1;
  private liveCount = 0;
  private live: Int32Array;
  private next: Int32Array;
  private nextCount = 0;
  private done = false;

  constructor(private readonly m: Machine, private readonly path: string, private readonly anyFolder: boolean, private readonly scratch: Scratch) {
    scratch.mark.fill(0);
    scratch.walked.fill(0);
    this.live = scratch.live;
    this.next = scratch.next;
    globWork.steps += this.add(0);
    this.swap();
  }

  /**
   * Reads on until the path is read or at least `budget` units of work were spent
   * (state steps plus live states looked at; a position is never split, and one
   * costs at most 6 units per state); returns the units spent.
   */
  advance(budget: number): number {
    const { on, char, cls, to } = this.m;
    const path = this.path;
    let spent = 0;
    let steps = 0;
    while (!this.done && spent < budget) {
      if (this.k >= path.length || (this.liveCount === 0 && !this.anyFolder)) {
        this.done = true;
        break;
      }
      const c = path.charCodeAt(this.k++);
      this.generation++;
      const live = this.live;
      let positionSteps = 0;
      for (let i = 0; i < this.liveCount; i++) {
        const s = live[i];
        const kind = on[s];
        if (kind === NONE) continue;
        if (kind === ANY || (kind === CHAR ? c === char[s] : c !== SLASH && (kind === SEGMENT || inClass(cls[s]!, c)))) positionSteps += this.add(to[s]);
      }
      if (this.anyFolder && c === SLASH) positionSteps += this.add(0);
      spent += positionSteps + this.liveCount + 1;
      steps += positionSteps;
      this.swap();
    }
    globWork.steps += steps;
    return spent;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Accepted if live after the last character: marked in the last generation (all states died if none is live). */
  get accepted(): boolean {
    return this.liveCount > 0 && this.scratch.mark[this.m.accept] === this.generation;
  }

  private swap(): void {
    const was = this.live;
    this.live = this.next;
    this.next = was;
    this.liveCount = this.nextCount;
    this.nextCount = 0;
  }

  /** Adds the closure of `s` to the next set: at most FLAT_CLOSURE steps, or at most one per state in a position; returns the steps. */
  private add(s: number): number {
    const { on, closureStart, closure, walk, epsStart, epsList, accept } = this.m;
    const { mark, walked, stack } = this.scratch;
    const generation = this.generation;
    const next = this.next;
    const from = closureStart[s];
    const end = closureStart[s + 1];
    let steps = 0;
    if (walk[s] === 0) {
      for (let k = from; k < end; k++) {
        const t = closure[k];
        steps++;
        if (mark[t] !== generation) {
          mark[t] = generation;
          next[this.nextCount++] = t;
        }
      }
      return steps;
    }
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const t = stack[--top];
      if (walked[t] === generation) continue;
      walked[t] = generation;
      steps++;
      if (mark[t] !== generation && (on[t] !== NONE || t === accept)) {
        mark[t] = generation;
        next[this.nextCount++] = t;
      }
      for (let e = epsStart[t], stop = epsStart[t + 1]; e < stop; e++) if (walked[epsList[e]] !== generation) stack[top++] = epsList[e];
    }
    return steps;
  }
}

function run(m: Machine, path: string, anyFolder: boolean): boolean {
  const r = new GlobRun(m, path, anyFolder, m.scratch);
  r.advance(Infinity);
  return r.accepted;
}

/**
 * A compiled glob with the automaton behind it, and the literal runs every path it
 * matches holds in order (see requiredRuns). The automaton is frozen into the machine
 * that runs drive (`machineOf`) only when a path first needs it: validating a config's
 * globs needs none, and most paths miss most globs by their literal runs alone.
 */
type Compiled = { glob: CompiledGlob; automaton: Automaton | null; machine: Machine | null; runs: readonly string[] };

function machineOf(c: Compiled): Machine {
  return (c.machine ??= freeze(c.automaton!));
}

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 512;

/** Compiles a glob once (cached); `test` matches a whole `/`-separated path. */
export function compileGlob(glob: string): CompiledGlob {
  return compileOnce(glob).glob;
}

function compileOnce(glob: string): Compiled {
  const hit = cache.get(glob);
  if (hit) return hit;
  let out: Compiled;
  if (glob.length > MAX_GLOB_LENGTH) out = { glob: { ok: false, problem: { message: `longer than ${MAX_GLOB_LENGTH} characters`, offset: MAX_GLOB_LENGTH } }, automaton: null, machine: null, runs: [] };
  else {
    try {
      const b = new Builder(glob);
      b.state();
      b.a.accept = sequence(b, 0, false);
      const c: Compiled = {
        glob: { ok: true, test: (path) => run(machineOf(c), path, false), matchAnyFolder: (path) => run(machineOf(c), path, true) },
        automaton: b.a,
        machine: null,
        runs: requiredRuns(glob),
      };
      out = c;
    } catch (e) {
      if (!(e instanceof GlobSyntaxError)) throw e;
      out = { glob: { ok: false, problem: e.problem }, automaton: null, machine: null, runs: [] };
    }
  }
  // Globs come from settings and config files: a handful, but never an unbounded set.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(glob, out);
  return out;
}

/** What is wrong with a glob (as written in a setting or config file), or null. */
export function globProblem(glob: string): GlobProblem | null {
  const g = normaliseGlob(glob);
  const compiled = compileGlob(g);
  return compiled.ok ? null : { ...compiled.problem, offset: compiled.problem.offset + glob.length - g.length };
}

/** `\` separators become `/` and a leading `./` goes. */
export function normaliseGlob(glob: string): string {
  const slashes = glob.includes('\\') ? glob.replace(/\\/g, '/') : glob;
  return slashes.startsWith('./') ? slashes.slice(2) : slashes;
}

/**
 * Whether a path matches a glob. A relative glob without a folder part
 * (`*.deepdive.md`) matches the file name anywhere, as in .gitignore; paths
 * are compared with `/` separators and without a leading `./`. A glob with a
 * problem (see globProblem) matches nothing.
 */
export function matchesGlob(path: string, glob: string): boolean {
  // A path that lacks the glob's literal parts is answered at once, as cheaply as a look-up.
  const plan = planMatch(path, glob);
  if (plan === null) return false;
  // The machine's answers are remembered: a document is matched again on every change, with the same path and globs.
  const key = answerKey(path, glob);
  let hit = answers.get(key);
  if (hit === undefined) {
    hit = run(plan.machine, plan.subject, plan.anyFolder);
    remember(key, hit);
  }
  return hit;
}

/** Units of work (see GlobRun.advance) in one slice of rememberGlobAnswers: well under a millisecond. */
export const GLOB_SLICE_WORK = 20_000;

/**
 * Matches `path` against each of `globs` whose answer is not remembered yet,
 * stopping after every GLOB_SLICE_WORK units of work (at a path position) so
 * that a caller on a thread that must stay responsive can yield between the
 * slices; once it is exhausted, matchesGlob answers each of them from memory
 * (or, for a path without the glob's literal parts, at once).
 * The slices of a list at the limits (up to 2,708,640 steps in all) are each a
 * fraction of a millisecond, whatever the globs; ordinary globs take one.
 */
export function* rememberGlobAnswers(path: string, globs: readonly string[]): Generator<void, void, void> {
  // The budget left in this slice, shared by the globs matched in it.
  let left = GLOB_SLICE_WORK;
  for (const glob of globs) {
    // Answered without the machine: matchesGlob answers it again as cheaply.
    const plan = planMatch(path, glob);
    if (plan === null) continue;
    const key = answerKey(path, glob);
    if (answers.has(key)) continue;
    // Its own scratch space: another match may run between two slices.
    const m = plan.machine;
    const r = new GlobRun(m, plan.subject, plan.anyFolder, scratchFor(m.on.length, m.epsList.length));
    for (;;) {
      left -= r.advance(left);
      if (r.finished) break;
      yield;
      left = GLOB_SLICE_WORK;
    }
    remember(key, r.accepted);
  }
}

const answers = new Map<string, boolean>();
const ANSWER_LIMIT = 4096;

/** Where the answer for a path and a glob is remembered (both as given: normalising them is part of the work remembered). */
function answerKey(path: string, glob: string): string {
  return `${glob}\0${path}`;
}

/** Keeps an answer; past the limit the oldest goes, so answers just worked out for a document stay. */
function remember(key: string, answer: boolean): void {
  if (answers.size >= ANSWER_LIMIT) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
}

/** What to run to match a path against a glob, or null when the answer is no without reading. */
function planMatch(path: string, glob: string): { machine: Machine; subject: string; anyFolder: boolean } | null {
  const p = normaliseGlob(path);
  const g = normaliseGlob(glob);
  if (p.length > MAX_GLOB_PATH_LENGTH) return null;
  const compiled = compileOnce(g);
  if (compiled.automaton === null) return null;
  const subject = g.includes('/') ? p : p.slice(p.lastIndexOf('/') + 1);
  if (!holdsInOrder(subject, compiled.runs)) return null;
  // Absolute paths against workspace-relative globs: a match may start at any folder boundary.
  return { machine: machineOf(compiled), subject, anyFolder: g.includes('/') && !g.startsWith('/') };
}

/**
 * The runs of plain characters outside braces and classes of a glob that compiles, in
 * order: a path (or the part of it matched) holds each of them, one after the other,
 * or the glob cannot match it. Checking that first answers most misses (a
 * `kind-1/**\/*.md` glob against a document elsewhere) without running the machine,
 * which tries every folder boundary of an absolute path.
 */
function requiredRuns(g: string): string[] {
  const runs: string[] = [];
  let current = '';
  let depth = 0;
  const end = () => {
    if (current) runs.push(current);
    current = '';
  };
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '[') {
      // Skipped as charClass reads it: `!` or `^`, then a `]` right after the opening is literal.
      end();
      let j = i + 1;
      if (g[j] === '!' || g[j] === '^') j++;
      j++;
      while (j < g.length && g[j] !== ']') j++;
      i = j;
    } else if (c === '{') {
      end();
      depth++;
    } else if (depth > 0) {
      if (c === '}') depth--;
    } else if (c === '*' || c === '?') {
      end();
      // `**/` may match no folder at all: its `/` is not required.
      if (c === '*' && g[i + 1] === '*' && g[i + 2] === '/') i += 2;
    } else current += c;
  }
  end();
  return runs;
}

function holdsInOrder(subject: string, runs: readonly string[]): boolean {
  let from = 0;
  for (const r of runs) {
    const at = subject.indexOf(r, from);
    if (at < 0) return false;
    from = at + r.length;
  }
  return true;
}

export interface GlobListProblem {
  /** Index of the glob in the list. */
  index: number;
  message: string;
}

/**
 * Validates a list of globs from a setting or config file: the usable ones,
 * and one problem per glob that cannot be used (malformed, over a limit, or
 * past MAX_GLOBS or MAX_GLOB_LIST_LENGTH), which the caller ignores. Shared
 * by the config-file and settings validators.
 */
export function checkGlobs(globs: readonly string[]): { usable: string[]; problems: GlobListProblem[] } {
  const usable: string[] = [];
  const problems: GlobListProblem[] = [];
  let length = 0;
  let full = false;
  globs.forEach((glob, index) => {
    if (index === MAX_GLOBS) problems.push({ index, message: `more than ${MAX_GLOBS} globs` });
    if (index >= MAX_GLOBS || full) return;
    const p = globProblem(glob);
    // The glob is quoted as JSON (control characters escaped) and shortened: it comes from the repository.
    if (p) return void problems.push({ index, message: `invalid glob ${quoteGlob(glob)}: ${p.message} (at character ${p.offset + 1})` });
    // Only usable globs count: a rejected one costs nothing when matching.
    length += glob.length;
    if (length > MAX_GLOB_LIST_LENGTH) {
      // This glob and the ones after it are dropped: the whole list's matching cost stays bounded.
      full = true;
      problems.push({ index, message: `the globs are longer than ${MAX_GLOB_LIST_LENGTH} characters in all` });
      return;
    }
    usable.push(glob);
  });
  return { usable, problems };
}

/** A glob for a message: quoted as JSON (control characters escaped) and shortened. */
export function quoteGlob(glob: string): string {
  return JSON.stringify(glob.length > 60 ? `${glob.slice(0, 60)}…` : glob);
}
