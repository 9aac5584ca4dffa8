// Glob matching without backtracking: the same answers as a plain recursive
// matcher (exponential, but obviously right) on small random inputs; hostile
// patterns that froze a backtracking RegExp complete (a hang fails the test by
// its timeout); bad patterns are problems with a position, never exceptions.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseConfig } from '../../server/src/engine';
import {
  checkGlobs,
  compileGlob,
  globProblem,
  GLOB_SLICE_WORK,
  globWork,
  matchesGlob,
  MAX_GLOB_LENGTH,
  MAX_GLOB_LIST_LENGTH,
  MAX_GLOB_PATH_LENGTH,
  MAX_GLOB_WILDCARDS,
  MAX_GLOBS,
  normaliseGlob,
  rememberGlobAnswers,
} from '../../server/src/engine/glob';

/** Expands `{a,b}` (nested too) into plain patterns. */
function expandBraces(p: string): string[] {
  const open = p.indexOf('{');
  if (open < 0) return [p];
  let depth = 0;
  const cuts: number[] = [];
  let close = -1;
  for (let i = open; i < p.length && close < 0; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) close = i;
    else if (p[i] === ',' && depth === 1) cuts.push(i);
  }
  const bounds = [open, ...cuts, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const rest of expandBraces(p.slice(close + 1))) out.push(...expandBraces(p.slice(0, open) + p.slice(bounds[k] + 1, bounds[k + 1]) + rest));
  }
  return out;
}

// `**` + `/` and `**` as written (not as brace expansion forms them, as in `**{,a}/` or `{,a*}*`): any folders, anything.
const FOLDERS = '\u0001';
const ANYTHING = '\u0002';
const expand = (glob: string) => expandBraces(glob.replace(/\*\*\/|\*\*|./gs, (m) => (m === '**/' ? FOLDERS : m === '**' ? ANYTHING : m)));

/** The reference: tries every split, recursively. `[..]` here is only `[ab]` or `[!ab]` (no ranges). */
function reference(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === FOLDERS) {
    if (reference(p.slice(1), s)) return true;
    for (let k = 0; k < s.length; k++) if (s[k] === '/' && reference(p.slice(1), s.slice(k + 1))) return true;
    return false;
  }
  if (p[0] === ANYTHING) {
    for (let k = 0; k <= s.length; k++) if (reference(p.slice(1), s.slice(k))) return true;
    return false;
  }
  if (p[0] === '*') {
    for (let k = 0; k <= s.length && (k === 0 || s[k - 1] !== '/'); k++) if (reference(p.slice(1), s.slice(k))) return true;
    return false;
  }
  if (s === '') return false;
  if (p[0] === '?') return s[0] !== '/' && reference(p.slice(1), s.slice(1));
  if (p[0] === '[') {
    const close = p.indexOf(']', 2);
    const negated = p[1] === '!';
    const set = p.slice(negated ? 2 : 1, close);
    return s[0] !== '/' && set.includes(s[0]) !== negated && reference(p.slice(close + 1), s.slice(1));
  }
  return p[0] === s[0] && reference(p.slice(1), s.slice(1));
}

/** `count` parts drawn from `parts` and joined (a random glob or path). */
function draw(rnd: (n: number) => number, parts: readonly string[] | string, count: number): string {
  let out = '';
  for (let k = count; k > 0; k--) out += parts[rnd(parts.length)];
  return out;
}

/** A deterministic pseudo-random source, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    return (x >>> 8) % n;
  };
}

describe('glob matching agrees with a recursive reference', () => {
  const pieces = ['a', 'b', '/', '*', '**', '**/', '?', '[ab]', '[!a]', '{a,b/}', '{,a*}', '.'];
  test('on 20,000 random patterns and paths', () => {
    const rnd = random(19);
    let matched = 0;
    for (let n = 0; n < 20_000; n++) {
      const glob = draw(rnd, pieces, rnd(6) + 1);
      const path = draw(rnd, 'ab/.', rnd(9));
      const compiled = compileGlob(glob);
      assert.ok(compiled.ok, glob);
      const expected = expand(glob).some((g) => reference(g, path));
      assert.equal(compiled.test(path), expected, `${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
      if (expected) matched++;
      // A match may also start after any folder boundary.
      const anywhere = [path, ...[...path].flatMap((c, i) => (c === '/' ? [path.slice(i + 1)] : []))].some((tail) => expand(glob).some((g) => reference(g, tail)));
      assert.equal(compiled.matchAnyFolder(path), anywhere, `${JSON.stringify(glob)} anywhere in ${JSON.stringify(path)}`);
    }
    // The inputs are varied enough to mean something: neither side of the answer is rare.
    assert.ok(matched > 2000 && matched < 18_000, `${matched} matches`);
  });
  test('matchesGlob, which first looks for the literal parts of a glob in the path, answers as the machine alone on 20,000 random patterns and paths', () => {
    // matchesGlob's rules: a glob without `/` matches the file name, one starting with `/` the whole path, others from any folder boundary.
    const more = [...pieces, 'ab', 'ba', '}', ',', '[]a]', '[^b]', '{ab,{b,}a}', '/a', '.md', '-'];
    const rnd = random(23);
    let matched = 0;
    for (let n = 0; n < 20_000; n++) {
      const glob = draw(rnd, more, rnd(6) + 1);
      const path = draw(rnd, 'ab/.-', rnd(12));
      const g = normaliseGlob(glob);
      const p = path.replace(/^\.\//, '');
      const compiled = compileGlob(g);
      assert.ok(compiled.ok, glob);
      const expected = !g.includes('/') ? compiled.test(p.slice(p.lastIndexOf('/') + 1)) : g.startsWith('/') ? compiled.test(p) : compiled.matchAnyFolder(p);
      assert.equal(matchesGlob(path, glob), expected, `${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
      if (expected) matched++;
    }
    assert.ok(matched > 1000 && matched < 19_000, `${matched} matches`);
  });
  test('a glob validated first (a config read) answers as one compiled to match at once, on 5,000 random patterns and paths', () => {
    // Validation leaves the glob's machine to be made when a path first needs it.
    const rnd = random(29);
    let matched = 0;
    for (let n = 0; n < 5_000; n++) {
      const glob = `${draw(rnd, pieces, rnd(5) + 1)}/${n}`;
      const path = `${draw(rnd, 'ab/.', rnd(9))}/${n}`;
      assert.deepEqual(checkGlobs([glob]), { usable: [glob], problems: [] });
      // matchesGlob's rules: a glob without `/` matches the file name, one starting with `/` the whole path, others from any folder boundary.
      const g = normaliseGlob(glob);
      const p = path.replace(/^\.\//, '');
      const tails = !g.includes('/') ? [p.slice(p.lastIndexOf('/') + 1)] : g.startsWith('/') ? [p] : [p, ...[...p].flatMap((c, i) => (c === '/' ? [p.slice(i + 1)] : []))];
      const expected = expand(g).some((e) => tails.some((tail) => reference(e, tail)));
      assert.equal(matchesGlob(path, glob), expected, `${JSON.stringify(glob)} on ${JSON.stringify(path)}`);
      if (expected) matched++;
    }
    assert.ok(matched > 250 && matched < 4_750, `${matched} matches`);
  });
  test('a path without the literal parts of a glob, in order, is answered without running the machine', () => {
    const before = globWork.steps;
    assert.equal(matchesGlob('/home/me/notes/kind-10.md', 'kind-1/**/*.md'), false);
    assert.equal(matchesGlob('/home/me/docs/kind-1-a.txt', 'docs/kind-1-*.md'), false);
    assert.equal(matchesGlob('/home/me/.md/kind-1', 'kind-1/**/*.md'), false, 'both parts are there, not in order');
    assert.equal(globWork.steps, before);
    assert.equal(matchesGlob('/home/me/kind-1/a/b.md', 'kind-1/**/*.md'), true);
    assert.ok(globWork.steps > before, 'a path that holds them is matched by the machine');
  });
  test('ranges, and `]` or `-` taken literally where a class cannot use them', () => {
    assert.ok(matchesGlob('docs/v3.md', 'docs/v[0-9].md'));
    assert.ok(!matchesGlob('docs/vx.md', 'docs/v[0-9].md'));
    assert.ok(matchesGlob('docs/vx.md', 'docs/v[^0-9].md'));
    assert.ok(matchesGlob('a]', 'a[]]'));
    assert.ok(matchesGlob('a-', 'a[a-]'));
    assert.ok(matchesGlob('a[', 'a[[]'));
    assert.ok(!matchesGlob('a/b', 'a[!x]b'), 'a class never matches a folder separator');
  });
});

describe('hostile globs', () => {
  test('patterns that made a backtracking matcher run for seconds to minutes complete', () => {
    const name = 'a'.repeat(60);
    assert.equal(matchesGlob(`docs/${name}`, '**a**a**a**a**a**a**a**ab'), false);
    assert.equal(matchesGlob(`docs/${name}b`, '**a**a**a**a**a**a**a**ab'), true);
    const deep = 'a/'.repeat(40);
    assert.equal(matchesGlob(`${deep}b`, '**/'.repeat(12) + '*a'), false);
    assert.equal(matchesGlob(`${deep}a`, '**/'.repeat(12) + '*a'), true);
    const wild = '*?'.repeat(MAX_GLOB_WILDCARDS / 2);
    assert.equal(matchesGlob('b'.repeat(MAX_GLOB_PATH_LENGTH), wild + 'a'), false);
    assert.equal(matchesGlob(`/x/${'b'.repeat(MAX_GLOB_PATH_LENGTH - 6)}/a`, `**/${wild.slice(3)}/a`), true);
  });
  test('a pattern over the limits is refused, and matches nothing', () => {
    assert.deepEqual(globProblem('*?'.repeat(5000)), { message: `longer than ${MAX_GLOB_LENGTH} characters`, offset: MAX_GLOB_LENGTH });
    assert.equal(matchesGlob('ab', '*?'.repeat(5000)), false);
    const many = '*a'.repeat(MAX_GLOB_WILDCARDS + 1);
    assert.deepEqual(globProblem(many), { message: `more than ${MAX_GLOB_WILDCARDS} wildcards`, offset: 2 * MAX_GLOB_WILDCARDS });
    assert.equal(matchesGlob('a'.repeat(100), many), false);
  });
  test('malformed patterns are problems at their position', () => {
    assert.deepEqual(globProblem('[z-a]*.md'), { message: 'range "z-a" is out of order', offset: 1 });
    assert.deepEqual(globProblem('docs/[abc.md'), { message: '"[" is not closed by "]" (write [[] for a literal [)', offset: 5 });
    assert.deepEqual(globProblem('./{a,b/*.md'), { message: '"{" is not closed by "}"', offset: 2 });
    assert.equal(globProblem('{rfc,design}/**/*.md'), null);
    assert.equal(matchesGlob('z.md', '[z-a]*.md'), false);
  });
  test('a list: the bad globs are named and dropped, the rest kept; at most MAX_GLOBS', () => {
    assert.deepEqual(checkGlobs(['docs/*.md', '[z-a]*.md', 'x.md']), {
      usable: ['docs/*.md', 'x.md'],
      problems: [{ index: 1, message: 'invalid glob "[z-a]*.md": range "z-a" is out of order (at character 2)' }],
    });
    const many = Array.from({ length: MAX_GLOBS + 3 }, (_, i) => `d${i}/*.md`);
    const { usable, problems } = checkGlobs(many);
    assert.equal(usable.length, MAX_GLOBS);
    assert.deepEqual(problems, [{ index: MAX_GLOBS, message: `more than ${MAX_GLOBS} globs` }]);
  });
  test('a list longer than MAX_GLOB_LIST_LENGTH in all: named at the glob that crosses it, that one and the rest dropped', () => {
    const long = 'd/' + 'x'.repeat(MAX_GLOB_LENGTH - 2);
    const { usable, problems } = checkGlobs([long, long, 'a.md', 'b.md']);
    assert.deepEqual(usable, [long, long]);
    assert.deepEqual(problems, [{ index: 2, message: `the globs are longer than ${MAX_GLOB_LIST_LENGTH} characters in all` }]);
  });
  test('a glob rejected on its own does not count towards the list length', () => {
    const { usable, problems } = checkGlobs(['docs/*.md', '*?'.repeat(5000), 'notes/*.md']);
    assert.deepEqual(usable, ['docs/*.md', 'notes/*.md']);
    assert.deepEqual(problems.map((p) => p.index), [1]);
    assert.match(problems[0].message, /longer than 256 characters/);
  });
  test('in .deepdive.json: the list-length problem is at the string that crosses it', () => {
    const long = 'd/' + 'x'.repeat(MAX_GLOB_LENGTH - 2);
    const text = JSON.stringify({ globs: [long, long, 'last.md'] }, null, 2);
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config.globs, [long, long]);
    assert.deepEqual(problems, [{ message: `.deepdive.json: the globs are longer than ${MAX_GLOB_LIST_LENGTH} characters in all`, offset: text.indexOf('"last.md"') }]);
  });
  test('a path longer than MAX_GLOB_PATH_LENGTH matches no glob, unread', () => {
    const path = 'd/' + 'a'.repeat(MAX_GLOB_PATH_LENGTH - 2);
    assert.equal(matchesGlob(path, '**'), true);
    const before = globWork.steps;
    assert.equal(matchesGlob(path + 'a', '**'), false);
    assert.equal(globWork.steps, before);
  });
  test('a whole list of the largest globs against the longest path stays within the documented step bound', () => {
    // Lists that keep as many states live as the limits allow: wildcards, literals every path
    // character satisfies, and braces (no wildcards, two states for `{`, one per `,`).
    // Every glob differs: answers are remembered per path and glob, and each must be matched.
    const segment = '**' + 'a'.repeat(6); // 8 characters, one wildcard
    const lists = [
      Array.from({ length: 2 }, (_, i) => segment.repeat(MAX_GLOB_WILDCARDS - 1) + '**' + 'a'.repeat(6 - i)),
      Array.from({ length: 2 }, (_, i) => `**/${'{a,,'.repeat(50 - i)}${'}'.repeat(50 - i)}*`),
      Array.from({ length: 15 }, (_, i) => '*?'.repeat(16) + 'x'.repeat(i % 2) + String.fromCharCode(66 + (i >> 1))),
      Array.from({ length: 16 }, (_, i) => '**/'.repeat(4) + 'a'.repeat(i) + '*a'),
      // Many live states sharing one long closure: each alternative of the first brace leads to all of the second's.
      Array.from({ length: 2 }, (_, i) => `**${`{${'a,'.repeat(58)}a}`.repeat(2)}${'a'.repeat(i)}`),
    ];
    const expected = (list: number, i: number, path: string): boolean => {
      const last = path.slice(path.lastIndexOf('/') + 1);
      if (list === 0) return !path.includes('/');
      if (list === 1) return true;
      if (list === 2) return false; // a file name of one character, or of 512 that ends in `a`
      if (list === 4) return new RegExp(`^.*a{${2 + i}}$`).test(last);
      return new RegExp(`^a{${i}}.*a$`).test(last);
    };
    const paths = ['a'.repeat(MAX_GLOB_PATH_LENGTH), 'a/'.repeat(MAX_GLOB_PATH_LENGTH / 2), `/${'a/'.repeat(MAX_GLOB_PATH_LENGTH / 2 - 1)}a`];
    const bound = 5 * (2 * MAX_GLOB_LIST_LENGTH + MAX_GLOBS) * (MAX_GLOB_PATH_LENGTH + 1);
    assert.equal(bound, 2_708_640, 'the bound written in glob.ts and docs/reliability.md');
    lists.forEach((list, l) => {
      const { usable, problems } = checkGlobs(list);
      assert.deepEqual(problems, [], list[0]);
      for (const path of paths) {
        assert.ok(path.length <= MAX_GLOB_PATH_LENGTH);
        const before = globWork.steps;
        const answers = usable.map((g) => matchesGlob(path, g));
        const steps = globWork.steps - before;
        assert.ok(steps <= bound, `${steps} steps for ${JSON.stringify(list[0].slice(0, 20))} on ${JSON.stringify(path.slice(0, 10))}`);
        // The answers are the expected ones, so the work counted was real matching.
        assert.deepEqual(answers, usable.map((_, i) => expected(l, i, path)), `list ${l} on ${JSON.stringify(path.slice(0, 10))}`);
      }
    });
  });
  test('rememberGlobAnswers works in slices of bounded work, then matchesGlob answers from memory alike', () => {
    // A list at the limits against a long path of `a`s: millions of steps in all, cut into slices.
    const list = Array.from({ length: 15 }, (_, i) => '*?'.repeat(16) + 'x'.repeat(i % 2) + String.fromCharCode(66 + (i >> 1)));
    list.push('**a**a**', '*?'.repeat(16) + 'a');
    // The globs' literal parts are all in the path (else it is answered without the machine), only not at its end.
    const path = 'a'.repeat(MAX_GLOB_PATH_LENGTH - 25) + 'xBxCxDxExFxGxHxI' + '-slice-1';
    const fresh = list.map((g) => {
      const compiled = compileGlob(g);
      assert.ok(compiled.ok, g);
      return compiled.test(path);
    });
    assert.deepEqual(fresh.slice(-2), [true, false], 'the last two globs: a match, and a miss on the final character');
    // A glob's states (2 per character at most, plus one) each cost at most 6 units at a position.
    const position = 6 * (2 * Math.max(...list.map((g) => g.length)) + 1);
    const slices: number[] = [];
    let before = globWork.steps;
    const gen = rememberGlobAnswers(path, list);
    while (!gen.next().done) {
      slices.push(globWork.steps - before);
      // Another match between two slices, on a glob the paused run is using: each has its own scratch space.
      if (slices.length === 2) assert.equal(matchesGlob('a'.repeat(40), list[0]), false);
      before = globWork.steps;
    }
    assert.ok(slices.length > 10, `${slices.length} slices`);
    for (const steps of slices) assert.ok(steps <= GLOB_SLICE_WORK + position, `a slice of ${steps} steps`);
    const remembered = globWork.steps;
    assert.deepEqual(list.map((g) => matchesGlob(path, g)), fresh);
    assert.equal(globWork.steps, remembered, 'every answer came from memory');
    assert.equal([...rememberGlobAnswers(path, list)].length, 0, 'nothing left to work out');
  });
  test('in .deepdive.json: a problem at the offending string, the other globs kept', () => {
    const text = '{\n  // globs\n  "globs": ["docs/*.md",\n    "[z-a]*.md"]\n}\n';
    const { config, problems } = parseConfig(text);
    assert.deepEqual(config.globs, ['docs/*.md']);
    assert.deepEqual(problems, [{ message: '.deepdive.json: invalid glob "[z-a]*.md": range "z-a" is out of order (at character 2)', offset: text.indexOf('"[z-a]') }]);
  });
});
