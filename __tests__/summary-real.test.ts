/**
 * The parser and the rules on summaries the seed repository's real generator made
 * (fixtures/summaries/SOURCES.md): hostile ids, retries, flakes next to hard failures,
 * rows cut to fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTestReport, type TestReportRow } from '../src/parse/summary-table.js';
import { flakyRule } from '../src/rules/flaky.js';
import { recurringFailuresRule } from '../src/rules/recurring-failures.js';
import { readJunit } from '../test/world/junit-summary.js';
import { checkRun, config, history, run } from '../test/factory.js';

const DIR = join(import.meta.dirname, 'fixtures', 'summaries');
const read = (p: string): string => readFileSync(join(DIR, p), 'utf8');
const T = 'tests/test_hostile.py::';
const ANGLE = `${T}test_angle[<details>]`;
const BACKTICK = `${T}test_backtick_and_spaces[run \`make docs\`]`;
const HARD = `${T}test_hard_failure_with_pipe`;
const ERROR = `${T}test_error_in_fixture`;
const PIPE = `${T}test_pipe[a|b]`;

const byTest = (rows: TestReportRow[]): Map<string, TestReportRow> => new Map(rows.map((r) => [r.test, r]));

describe('the real generator output', () => {
  it('gives back every id of the junit, exactly (|, <…>, backticks, &, spaces, unicode, 330 chars)', () => {
    for (const dir of ['pass', 'neutral', 'failure']) {
      const ids = [...new Set(readJunit(read(`${dir}/junit.xml`)).map((a) => a.name))].sort();
      const report = parseTestReport(read(`${dir}/summary.md`))!;
      expect(report.rows.map((r) => r.test).sort()).toEqual(ids);
    }
  });

  it('reads runs, final and the @flaky mark of each row', () => {
    const rows = byTest(parseTestReport(read('failure/summary.md'))!.rows);
    expect(rows.get(HARD)).toMatchObject({ runs: 3, final: 'failed', failed: 1, passed: 0, markedFlaky: false });
    expect(rows.get(ERROR)).toMatchObject({ runs: 3, final: 'error', failed: 1, passed: 0 });
    expect(rows.get(BACKTICK)).toMatchObject({ runs: 3, final: 'flaked 2, passed 1', flaked: 2, passed: 1 });
    expect(rows.get(ANGLE)).toMatchObject({ runs: 2, flaked: 1, passed: 1, markedFlaky: true });
    expect(rows.get(`${T}test_ampersand[a&amp;b]`)).toMatchObject({ runs: 1, final: 'passed' });
    expect(byTest(parseTestReport(read('pass/summary.md'))!.rows).get(PIPE)).toMatchObject({
      runs: 3,
      final: 'passed',
      flaked: 0,
    });
  });

  it('keeps failure reasons as the traceback wrote them: HTML and backticks are its text', () => {
    const { failures } = parseTestReport(read('failure/summary.md'))!;
    expect(failures).toEqual({
      [ANGLE]: 'ConnectionResetError: [Errno 104] reset while sending <details> & </code>',
      [BACKTICK]: 'AssertionError: docs stale; run `make docs`',
      [HARD]: 'AssertionError: cell `a|b` = 1 <not 2>',
      [ERROR]: "fixture 'missing_fixture_name' not found",
    });
  });

  it('takes no row from inside a traceback, even one that prints a table', () => {
    const text = read('failure/summary.md').replace(
      'E       assert 1 == 2\n',
      'E       assert 1 == 2\n| Test | Runs | Final | `@flaky` |\n| --- | ---: | --- | :---: |\n| `fake::t` | 2 | flaked 1, passed 1 | no |\n',
    );
    expect(parseTestReport(text)!.rows.map((r) => r.test)).not.toContain('fake::t');
  });

  it('rebuilds the tests whose rows were cut from their ## Failures blocks, claiming only what they show', () => {
    const neutral = byTest(parseTestReport(read('neutral/summary-cut.md'))!.rows);
    expect([...neutral.keys()].sort()).toEqual([ANGLE, BACKTICK].sort());
    expect(neutral.get(ANGLE)).toMatchObject({ runs: 2, flaked: 1, passed: 0, failed: 0, fromFailures: true });
    const failure = byTest(parseTestReport(read('failure/summary-cut.md'))!.rows);
    expect([...failure.keys()].sort()).toEqual([ANGLE, BACKTICK, HARD].sort());
    // 1 of its 3 attempts has a block (the rest were cut): not "failed", not "flaked".
    expect(failure.get(HARD)).toMatchObject({ runs: 3, failed: 0, passed: 0, flaked: 1 });
    const single = parseTestReport(
      '## Failures\n\n<details><summary><code>a::b</code> &mdash; error: boom</summary>\n\n```\nx\n```\n\n</details>\n',
    )!;
    expect(single.rows).toEqual([
      {
        test: 'a::b',
        runs: 1,
        final: 'error',
        flaked: 0,
        passed: 0,
        failed: 1,
        markedFlaky: false,
        fromFailures: true,
      },
    ]);
  });
});

describe('rules on the real generator output', () => {
  const name = 'Unit + Integration Tests';
  const cfg = config();

  it('counts a flake inside a failure check run, next to the hard failure, with its true id', () => {
    const r = run({ jobs: [{ name: 'test', conclusion: 'failure' }] });
    const h = history([r], {
      checkRuns: [checkRun(r, { name, conclusion: 'failure', summary: read('failure/summary.md') })],
    });
    const flakes = flakyRule.run(h, cfg).filter((f) => f.subject.test);
    expect(flakes.map((f) => f.subject.test).sort()).toEqual([ANGLE, BACKTICK].sort());
    expect(flakes.find((f) => f.subject.test === ANGLE)!.detail).toContain('<details> & </code>');
    const failing = recurringFailuresRule.run(h, cfg).map((f) => f.subject.test);
    expect(failing).not.toContain(ANGLE);
    expect(failing).not.toContain(BACKTICK);
  });

  it('never calls by-design reruns that always passed a flake', () => {
    const r = run();
    const h = history([r], {
      checkRuns: [checkRun(r, { name, conclusion: 'success', summary: read('pass/summary.md') })],
    });
    expect(flakyRule.run(h, cfg)).toEqual([]);
    const n = run();
    const hn = history([n], { checkRuns: [checkRun(n, { name, summary: read('neutral/summary.md') })] });
    expect(flakyRule.run(hn, cfg).map((f) => f.subject.test)).not.toContain(PIPE);
  });

  it('finds flakes named only in ## Failures of a neutral check run, and claims nothing from a cut failure run', () => {
    const n = run();
    const hn = history([n], { checkRuns: [checkRun(n, { name, summary: read('neutral/summary-cut.md') })] });
    expect(
      flakyRule
        .run(hn, cfg)
        .map((f) => f.subject.test)
        .sort(),
    ).toEqual([ANGLE, BACKTICK].sort());
    const f = run({ jobs: [{ name: 'test', conclusion: 'failure' }] });
    const hf = history([f], {
      checkRuns: [checkRun(f, { name, conclusion: 'failure', summary: read('failure/summary-cut.md') })],
    });
    expect(flakyRule.run(hf, cfg).filter((x) => x.subject.test)).toEqual([]);
  });
});
