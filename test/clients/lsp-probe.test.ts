// Real-client tests: lsp-probe (shared fixtures) opens a fixture deep dive in Neovim 0.7
// (vim.lsp) and in Emacs 28 + eglot 1.9, both talking to the bundled server
// (dist/server.js --stdio), and records what each client received. Every
// expectation is derived from the fixture text (see text.ts), and ranges are
// compared exactly, in UTF-16 columns; the fixture has CJK and an emoji before
// a placeholder on the same line, so byte or code-point columns would differ.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { SymbolKind, type CodeAction, type Command, type DocumentSymbol, type TextEdit } from 'vscode-languageserver';
import { explain, fixture, haveClient, lspProbe, probe, type Client, type ClientEdit, type Diagnostic, type ProbeResult, type Range } from './probe';
import { applyEdit, deleteLines, gapBefore, headingRange, lineOf, lines, outline, rangeOf, type Outline } from './text';

const GAPS = fixture('gaps');
const HREF = 'https://github.com/deep-dive/deep-dive/blob/main/docs/rules/';
const SEV = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** What a diagnostic is about: the section or placeholder its data names. */
interface Expected { code: string; severity: number; range: Range; subject: string; relatedTo?: Range }

function summary(d: Diagnostic): Expected {
  const data = (d.data ?? {}) as { section?: string; placeholder?: string; field?: string };
  const related = d.relatedInformation?.[0]?.location.range;
  return { code: String(d.code), severity: d.severity ?? 0, range: d.range, subject: data.section ?? data.placeholder ?? data.field ?? '',
    ...(related ? { relatedTo: related } : {}) };
}
const byPosition = (a: Expected, b: Expected) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character ||
  a.code.localeCompare(b.code) || a.subject.localeCompare(b.subject);

/** Everything the engine must report on a version of the gaps fixture. */
function expectedGaps(text: string, without: string[] = []): Expected[] {
  const h = (heading: string) => headingRange(text, heading);
  const gap = (heading: string) => gapBefore(text, heading);
  const end = lines(text).length - 1; // text ends with "\n": the last line is empty, where a last section goes
  const endRange = { start: { line: end, character: 0 }, end: { line: end, character: 0 } };
  const placeholder = (p: string): Expected[] => without.includes(p) ? []
    : [{ code: 'placeholder', severity: SEV.warning, range: rangeOf(text, `[${p}]`), subject: p }];
  // A missing section marks the gap where it belongs (zero-width), its related information the neighbour.
  const all: Expected[] = [
    ...placeholder('What happens?'),
    ...placeholder('Catastrophic failure?'),
    // The template recommends a diagram for the mental model; the fixture has none.
    ...(lines(text).includes('## Mental Model')
      ? [{ code: 'missing-diagram', severity: SEV.hint, range: h('## Mental Model'), subject: 'Mental Model' }] : []),
    { code: 'missing-section', severity: SEV.warning, range: gap('## Change Safety'), subject: 'Observability Contract',
      relatedTo: h('## Failure Modes & Blast Radius') },
    { code: 'missing-subsection', severity: SEV.information, range: h('## Change Safety'), subject: 'Change Safety' },
    { code: 'missing-section', severity: SEV.warning, range: gap('## Tradeoffs'), subject: 'Security Boundaries',
      relatedTo: h('## Change Safety') },
    { code: 'missing-section', severity: SEV.warning, range: gap('## Further Reading'), subject: 'Operational Considerations',
      relatedTo: h('## Tradeoffs') },
    { code: 'missing-section', severity: SEV.warning, range: gap('## Further Reading'), subject: 'What Staff Engineers Ask in Reviews',
      relatedTo: h('## Tradeoffs') },
    { code: 'missing-section', severity: SEV.warning, range: endRange, subject: 'Exercises', relatedTo: h('## Further Reading') },
  ];
  return all.filter((e) => !without.includes(e.subject)).sort(byPosition);
}

function assertDiagnostics(actual: Diagnostic[] | null | undefined, expected: Expected[], r: ProbeResult, what: string) {
  assert.ok(Array.isArray(actual), `${what}: no diagnostics\n${explain(r)}`);
  assert.deepEqual(actual.map(summary).sort(byPosition), expected, `${what}: diagnostics differ`);
}

const CLIENTS: Client[] = ['nvim', 'emacs'];

for (const client of CLIENTS) {
  // Each probe run is bounded by --timeout per step and the probe's own hard cap; the
  // suite timeout only turns an unforeseen hang into a failure.
  describe(`${client} client`, { timeout: 240_000,
    skip: lspProbe().skip || (!haveClient(client) && `${client} not installed (.ci/clients.sh installs it)`) }, () => {
    const mentalModel = lineOf(GAPS, '## Mental Model');
    const observabilityAt = lineOf(GAPS, '## Change Safety');
    // Code actions are asked for on the gap's line: the missing-section finding marks it.
    const observabilityGap = observabilityAt - 1;
    let base: ProbeResult;

    before(async () => {
      base = await probe({ client, text: GAPS, symbols: true, folding: true,
        hover: { line: mentalModel, character: 5 }, codeActions: observabilityGap });
      // A missing capability fails only the test of that feature (its answer says "skipped").
      const fatal = base.errors.filter((e) => e.kind !== 'capability');
      assert.deepEqual(fatal, [], explain(base));
    });

    test('publishDiagnostics: codes, severities, exact UTF-16 ranges, links and related information', () => {
      assertDiagnostics(base.diagnostics, expectedGaps(GAPS), base, 'on open');
      for (const d of base.diagnostics!) {
        assert.equal(d.source, 'deep-dive');
        assert.equal(d.codeDescription?.href, `${HREF}${d.code}.md`);
      }
      const msg = (subject: string) => base.diagnostics!.find((d) => summary(d).subject === subject)!.message;
      assert.match(msg('Observability Contract'), /Observability Contract.*after 'Failure Modes & Blast Radius'/);
      assert.match(msg('Change Safety'), /'Feature Flags', 'Testing Strategy'/);
      assert.match(msg('What happens?'), /\[What happens\?\]/);
      // a clean session: every server request handled by the client, nothing shown, nothing on stderr
      assert.deepEqual(base.unhandled_server_requests, []);
      assert.deepEqual(base.messages.filter((m) => m.kind !== 'log' || m.type === 1), []);
      assert.deepEqual(base.server.stderr_tail ?? [], []);
    });

    test('the client is offered code lenses and document symbols (its only outline)', () => {
      // lsp-probe sends no textDocument/codeLens; the protocol test (features.test.ts) checks the lenses themselves.
      assert.deepEqual(base.server.capabilities?.codeLensProvider, { resolveProvider: false });
      assert.ok(base.server.capabilities?.documentSymbolProvider);
    });

    test('the client puts the placeholder diagnostic on the placeholder text', () => {
      // Each client converts UTF-16 columns into its own (nvim: bytes, Emacs: characters).
      const line = lines(GAPS)[rangeOf(GAPS, '[What happens?]').start.line];
      const view = base.diagnostics_client_view ?? [];
      const stored = view.filter((v) => /\[What happens\?\]/.test(v.message));
      assert.equal(stored.length, 1, JSON.stringify(view));
      const v = stored[0];
      const shown = client === 'nvim'
        ? Buffer.from(line).subarray(v.col, v.end_col).toString()
        : Array.from(line).slice(v.beg_char, v.end_char).join('');
      assert.equal(shown, '[What happens?]');
    });

    test('textDocument/documentSymbol: the title, then the sections beside it with their subsections; exact ranges, kinds and template detail', () => {
      const symbols = base.symbols?.result;
      assert.ok(Array.isArray(symbols), `no symbols: ${JSON.stringify(base.symbols)}`);
      const shape = (o: Outline, kind: number): unknown => ({
        name: o.title, kind,
        range: { start: { line: o.line, character: 0 }, end: { line: o.endLine + 1, character: 0 } },
        // the heading line (what Go to Symbol reveals and breadcrumbs highlight)
        selectionRange: { start: { line: o.line, character: 0 }, end: { line: o.line, character: o.depth + 1 + o.title.length } },
        children: o.children.map((c) => shape(c, SymbolKind.Key)),
      });
      const got = (s: DocumentSymbol): unknown => ({ name: s.name, kind: s.kind, range: s.range, selectionRange: s.selectionRange,
        children: (s.children ?? []).map(got) });
      // The title spans what precedes its sections (the fields); the sections are its siblings,
      // so an outline that nests by parent (eglot's imenu) reaches a section in one step.
      const [h1] = outline(GAPS);
      let fieldsEnd = h1.children[0].line - 1;
      while (lines(GAPS)[fieldsEnd].trim() === '') fieldsEnd--;
      const expected = [shape({ ...h1, endLine: fieldsEnd, children: [] }, SymbolKind.String), ...h1.children.map((o) => shape(o, SymbolKind.String))];
      assert.deepEqual(symbols.map(got), expected);
      const title = symbols[0];
      assert.equal(title.detail, '5/11 written'); // Failure Modes is present but holds a placeholder
      const change = symbols.find((s) => s.name === 'Change Safety');
      assert.equal(change?.detail, '2/4 subsections · missing Feature Flags, Testing Strategy');
      const failure = symbols.find((s) => s.name === 'Failure Modes & Blast Radius');
      assert.equal(failure?.detail, '4/4 subsections');
    });

    test('textDocument/foldingRange: one range per section, heading to last non-blank line', () => {
      const folds = base.folding?.result;
      assert.ok(Array.isArray(folds), `no folding ranges: ${JSON.stringify(base.folding)}`);
      const flat: Outline[] = [];
      const walk = (os: Outline[]) => os.forEach((o) => { flat.push(o); walk(o.children); });
      walk(outline(GAPS));
      const expected = flat.filter((o) => o.endLine > o.line).map((o) => ({ startLine: o.line, endLine: o.endLine }));
      const got = folds.map((f) => ({ startLine: f.startLine, endLine: f.endLine }));
      const order = (a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }) => a.startLine - b.startLine || b.endLine - a.endLine;
      assert.deepEqual(got.sort(order), expected.sort(order));
    });

    test('textDocument/hover on a template heading shows the template guidance', () => {
      const contents = base.hover?.result?.contents;
      assert.ok(contents, `no hover: ${JSON.stringify(base.hover)}`);
      const value = typeof contents === 'string' ? contents : 'value' in contents ? contents.value : '';
      assert.match(value, /How to think about this system\/concept/);
      assert.match(value, /Core abstraction/);
      assert.match(value, /Key invariants/);
      assert.deepEqual(base.hover?.result?.range, headingRange(GAPS, '## Mental Model'));
    });

    test('textDocument/codeAction for missing-section inserts the section scaffold where it belongs', () => {
      const fix = quickFix(base, 'Observability Contract');
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.diagnostics?.[0]?.code, 'missing-section');
      const edit = singleEdit(base, fix);
      const at = { line: observabilityAt, character: 0 };
      assert.deepEqual(edit.range, { start: at, end: at });
      assert.ok(edit.newText.startsWith('## Observability Contract\n'), edit.newText);
      const subs = edit.newText.split('\n').filter((l) => l.startsWith('### '));
      assert.deepEqual(subs, ['### Metrics to Track', '### Logs', '### Traces', '### Alerts']);
      assert.match(edit.newText, /What events should be logged\?/);
    });

    test('quick fix edit applied in the client: the missing-section goes, the scaffold parses as the section', async () => {
      const te = singleEdit(base, quickFix(base, 'Observability Contract'));
      const edit = toClientEdit(GAPS, te);
      const r = await probe({ client, text: GAPS, edits: [edit] });
      assert.equal(r.exitCode, 0, explain(r));
      const after = applyEdit(GAPS, edit);
      assert.equal(r.final_text, after);
      const rec = r.edits![0];
      assert.equal(rec.diagnostics_version, rec.version);
      const got = rec.diagnostics!.map(summary);
      // Everything but the Observability finding is still reported, shifted below the insertion.
      const fresh = got.filter((d) => d.code === 'placeholder' && inScaffold(d.range, edit.line, te.newText));
      const unwritten = got.filter((d) => d.code === 'unfilled-guidance');
      const others = got.filter((d) => !fresh.includes(d) && !unwritten.includes(d));
      assert.deepEqual(others.sort(byPosition), expectedGaps(after, ['Observability Contract']));
      // The scaffold's own [placeholders] (Metrics to Track) and its guidance, not yet written, are the only new findings.
      assert.deepEqual(fresh.map((d) => d.subject),
        ['What latency metrics? P50/P95/P99?', 'QPS? Bandwidth?', 'Error rates? Error types?', 'CPU? Memory? IOPS?']);
      assert.deepEqual(unwritten, [{ code: 'unfilled-guidance', severity: SEV.warning, range: headingRange(after, '## Observability Contract'), subject: 'Observability Contract' }]);
    });

    test('code action "Insert all missing sections" applied in the client: every section present, in template order', async () => {
      const fix = quickFix(base, 'Insert all missing sections');
      const doc = fix.edit?.documentChanges?.[0];
      if (doc && 'edits' in doc) {
        // Versioned (eglot advertises documentChanges): applied only to the text it was computed for.
        assert.equal(doc.textDocument.uri, base.uri);
        assert.equal(doc.textDocument.version, base.diagnostics_version);
      }
      const all = (fix.edit?.changes?.[base.uri] ?? (doc && 'edits' in doc ? doc.edits : [])) as TextEdit[];
      assert.equal(all.length, 4, JSON.stringify(fix.edit));
      // The probe applies edits one at a time to the current buffer: go bottom-up (for equal
      // positions, later edits first) so each position still means what it meant.
      const edits = all.map((e, i) => ({ e, i })).sort((a, b) =>
        b.e.range.start.line - a.e.range.start.line || b.e.range.start.character - a.e.range.start.character || b.i - a.i)
        .map(({ e }) => toClientEdit(GAPS, e));
      const r = await probe({ client, text: GAPS, edits });
      assert.equal(r.exitCode, 0, explain(r));
      const final = edits.reduce(applyEdit, GAPS);
      assert.equal(r.final_text, final);
      const got = r.edits![edits.length - 1].diagnostics!.map(summary);
      assert.deepEqual(outline(final)[0].children.map((o) => o.title), ['Mental Model', 'Internals & Architecture',
        'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety', 'Security Boundaries', 'Tradeoffs',
        'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading', 'Exercises']);
      assert.deepEqual(got.filter((d) => d.code !== 'placeholder' && d.code !== 'unfilled-guidance'), [
        { code: 'missing-diagram', severity: SEV.hint, range: headingRange(final, '## Mental Model'), subject: 'Mental Model' },
        { code: 'missing-subsection', severity: SEV.information, range: headingRange(final, '## Change Safety'), subject: 'Change Safety' }]);
      // The inserted scaffolds are guidance still to be written: reported on their headings, never on the author's sections.
      const inserted = ['Observability Contract', 'Security Boundaries', 'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Exercises'];
      const unwritten = got.filter((d) => d.code === 'unfilled-guidance');
      assert.ok(unwritten.some((d) => d.subject === 'Observability Contract'), JSON.stringify(unwritten));
      for (const d of unwritten) assert.ok(inserted.includes(d.subject), `unfilled guidance reported on ${d.subject}`);
      for (const p of ['What happens?', 'Catastrophic failure?']) {
        assert.deepEqual(got.find((d) => d.subject === p)?.range, rangeOf(final, `[${p}]`));
      }
    });

    test('diagnostics follow incremental edits made in the client, for the version edited', async () => {
      const steps: { edit: (t: string) => ClientEdit; expect: (t: string) => Expected[] }[] = [
        { // fill a placeholder: its diagnostic disappears, the other keeps its exact range
          edit: (t) => { const r = rangeOf(t, '[What happens?]'); return { line: r.start.line, col: r.start.character,
            end_line: r.end.line, end_col: r.end.character, text: 'refill lags; 429s start' }; },
          expect: (t) => expectedGaps(t, ['What happens?']) },
        { // a line inserted at the top (Neovim sends this as a replace of line 0): all ranges shift down
          edit: () => ({ line: 0, col: 0, text: '<!-- reviewed 令牌 -->\n' }),
          expect: (t) => expectedGaps(t, ['What happens?']) },
        { // delete the Mental Model heading line: that section is now missing, before Internals
          // (it is the template's first section, so there is no "after" to relate to)
          edit: (t) => deleteLines(lineOf(t, '## Mental Model'), lineOf(t, '## Mental Model') + 1),
          expect: (t) => [...expectedGaps(t, ['What happens?']),
            { code: 'missing-section', severity: SEV.warning, range: gapBefore(t, '## Internals & Architecture'),
              subject: 'Mental Model', relatedTo: headingRange(t, '## Internals & Architecture') }].sort(byPosition) },
        { // type the missing heading back, with a line of content
          edit: (t) => ({ line: lineOf(t, '## Internals & Architecture'), col: 0, text: '## Mental Model\n\nBuckets.\n\n' }),
          expect: (t) => expectedGaps(t, ['What happens?']) },
      ];
      // Edits are fixed before the run, so compute each from the text the previous one leaves.
      let text = GAPS;
      const edits: ClientEdit[] = [];
      const texts: string[] = [];
      for (const s of steps) { const e = s.edit(text); edits.push(e); text = applyEdit(text, e); texts.push(text); }
      const r = await probe({ client, text: GAPS, edits });
      assert.equal(r.exitCode, 0, explain(r));
      assert.equal(r.final_text, text);
      assert.equal(r.edits!.length, steps.length);
      // The clients' own ways of sending changes are exercised: eglot sends a replace as a
      // delete plus an insert, Neovim 0.7 sends a line inserted at 0:0 as a replace of line 0.
      const sent = r.edits!.map((e) => e.sent_changes as { range: Range; text: string }[]);
      if (client === 'emacs') assert.equal(sent[0].length, 2, JSON.stringify(sent[0]));
      if (client === 'nvim') assert.notDeepEqual(sent[1][0].range.end, { line: 0, character: 0 }, JSON.stringify(sent[1]));
      r.edits!.forEach((rec, i) => {
        assert.equal(rec.diagnostics_version, rec.version, `edit ${i}: diagnostics for another version`);
        assertDiagnostics(rec.diagnostics, steps[i].expect(texts[i]), r, `after edit ${i}`);
      });
    });

    test('an ordinary README gets no diagnostics until edits in the client make it a deep dive, and again after', async () => {
      const readme = fixture('readme');
      const end = lines(readme).length - 2;
      const added = '\n\n## Mental Model\n\nx\n\n## Tradeoffs\n\ny\n\n## Exercises\n\nz';
      const grow: ClientEdit = { line: end, col: lines(readme)[end].length, text: added };
      const grown = applyEdit(readme, grow);
      const shrink: ClientEdit = { ...grow, end_line: end + added.split('\n').length - 1, end_col: 1, text: '' };
      // Nothing is published for a README (there is nothing to clear), so the probe
      // may only wait for it until its deadline: keep that short.
      const r = await probe({ client, text: readme, name: 'README.md', edits: [grow, shrink], noDiagnostics: true, timeoutMs: 3000 });
      assert.equal(r.exitCode, 0, explain(r));
      assert.equal(r.diagnostics ?? null, null, 'nothing published for the README on open');
      const [asDeepDive, asReadme] = r.edits!;
      const got = asDeepDive.diagnostics!.map(summary);
      // auto-detect: three template headings make it a deep dive
      assert.deepEqual(got.filter((d) => d.code === 'missing-section').map((d) => d.subject), ['Internals & Architecture',
        'Failure Modes & Blast Radius', 'Observability Contract', 'Change Safety', 'Security Boundaries',
        'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Further Reading']);
      const internals = got.find((d) => d.subject === 'Internals & Architecture');
      assert.deepEqual(internals?.range, gapBefore(grown, '## Tradeoffs'));
      assert.deepEqual(got.filter((d) => d.code !== 'missing-section').map((d) => `${d.code} ${d.subject}`).sort(),
        ['missing-diagram Mental Model', 'missing-field One-line summary', 'missing-field Prerequisites', 'missing-subsection Tradeoffs']);
      assert.equal(asReadme.diagnostics_version, asReadme.version);
      assert.deepEqual(asReadme.diagnostics, [], 'diagnostics cleared once it stops counting as a deep dive');
      assert.equal(r.final_text, readme);
    });

    test('settings pushed by the client and .deepdive.json take effect', async () => {
      const r = await probe({ client, text: GAPS,
        settings: { deepDive: { rules: { placeholder: 'off', 'missing-section': 'error', 'no-such-rule': 'off' } } },
        files: { '.deepdive.json': JSON.stringify({ rules: { 'missing-subsection': 'off' } }) } });
      assert.equal(r.exitCode, 0, explain(r));
      const expected = expectedGaps(GAPS)
        .filter((d) => d.code !== 'placeholder' && d.code !== 'missing-subsection')
        .map((d) => (d.code === 'missing-section' ? { ...d, severity: SEV.error } : d));
      assertDiagnostics(r.diagnostics, expected, r, 'with settings');
      // the unknown rule is reported where the user sees it, once
      const shown = r.messages.filter((m) => m.kind === 'show');
      assert.equal(shown.length, 1, JSON.stringify(r.messages));
      assert.equal(shown[0].type, 2);
      assert.match(shown[0].message, /deepDive\.rules names an unknown rule "no-such-rule"/);
    });

    test('textDocument/completion at a `## ` line start offers the missing sections in template order; hover on a placeholder', async () => {
      const at = lineOf(GAPS, '## Change Safety');
      const text = applyEdit(GAPS, { line: at, col: 0, text: '## \n\n' });
      const placeholder = rangeOf(text, '[What happens?]');
      const r = await probe({ client, text, complete: { line: at, character: 3 },
        hover: { line: placeholder.start.line, character: placeholder.start.character + 3 } });
      assert.equal(r.exitCode, 0, explain(r));
      // the placeholder sits after CJK and an emoji: the hover range is in UTF-16 units
      const hover = r.hover?.result;
      assert.deepEqual(hover?.range, placeholder, JSON.stringify(r.hover));
      const hoverText = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.match(hoverText, /Unfilled placeholder.*\[What happens\?\]/);
      assert.match(hoverText, /Overload Behavior/);
      const result = r.completion?.result;
      const items = Array.isArray(result) ? result : result?.items;
      assert.ok(Array.isArray(items), `no completion: ${JSON.stringify(r.completion)}`);
      const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      assert.deepEqual(sorted.map((i) => i.label), ['Observability Contract', 'Security Boundaries',
        'Operational Considerations', 'What Staff Engineers Ask in Reviews', 'Exercises']);
      const obs = sorted[0];
      // Neither Neovim 0.7 nor eglot without yasnippet advertises snippetSupport:
      // the item must be plain text, or "${1:...}" would land in the document.
      assert.notEqual(obs.insertTextFormat, 2, 'snippet sent to a client without snippetSupport');
      // One line on the cursor's line, after the typed `## ` (what Vim's complete() can insert);
      // the rest of the scaffold on the next line, as an additional edit.
      const te = obs.textEdit;
      assert.ok(te && 'range' in te, JSON.stringify(obs));
      assert.equal(te.newText, 'Observability Contract');
      assert.deepEqual(te.range, { start: { line: at, character: 3 }, end: { line: at, character: 3 } });
      assert.equal(obs.filterText, undefined);
      const rest = obs.additionalTextEdits ?? [];
      assert.deepEqual(rest.map((e) => e.range), [{ start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } }]);
      assert.doesNotMatch(rest[0].newText, /\$\{?\d/);
      assert.match(rest[0].newText, /^\n### Metrics to Track\n/);
    });
  });
}

/** The code action whose title names `subject`, failing with what was offered. */
function quickFix(r: ProbeResult, subject: string): CodeAction {
  const actions = r.code_actions?.result;
  assert.ok(Array.isArray(actions), `no code actions: ${JSON.stringify(r.code_actions)}`);
  const fix = actions.find((a): a is CodeAction => !('command' in a && typeof a.command === 'string') && a.title.includes(subject));
  assert.ok(fix, `no code action for ${subject} in ${JSON.stringify(actions.map((a: CodeAction | Command) => a.title))}`);
  return fix;
}

/** The one TextEdit of a code action on the probed document. */
function singleEdit(r: ProbeResult, fix: CodeAction): TextEdit {
  const doc = fix.edit?.documentChanges?.[0];
  const edits = fix.edit?.changes?.[r.uri] ?? (doc && 'edits' in doc ? doc.edits : undefined);
  assert.ok(Array.isArray(edits) && edits.length === 1, `expected one edit: ${JSON.stringify(fix.edit)}`);
  return edits[0] as TextEdit;
}

/**
 * An LSP TextEdit as a probe edit. The probe only addresses existing buffer lines,
 * and an editor buffer has no line after the final newline, so an insertion at the
 * very end (line = number of lines) is made at the end of the last line instead.
 */
function toClientEdit(text: string, e: TextEdit): ClientEdit {
  const ls = lines(text);
  const { start, end } = e.range;
  if (start.line === ls.length - 1 && ls[start.line] === '' && end.line === start.line && e.newText.endsWith('\n')) {
    const last = ls.length - 2;
    return { line: last, col: ls[last].length, text: '\n' + e.newText.slice(0, -1) };
  }
  return { line: start.line, col: start.character, end_line: end.line, end_col: end.character, text: e.newText };
}

/** Whether a range lies within the lines a scaffold inserted at `line`. */
function inScaffold(range: Range, line: number, inserted: string): boolean {
  const n = inserted.split('\n').length - 1;
  return range.start.line >= line && range.end.line < line + n;
}
