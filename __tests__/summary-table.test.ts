import {
  errorLine,
  failureFor,
  finallyPassed,
  parseFinal,
  parseTestReport,
  splitRow,
} from '../src/parse/summary-table.js';
import { summary } from '../test/factory.js';

describe('parseTestReport on real-shaped summaries', () => {
  const report = parseTestReport(summary('acceptance-neutral.md'))!;

  it('reads every row of the table after the failures', () => {
    expect(report.rows.map((r) => r.test)).toEqual([
      'apps/api/tests/test_hosts.py::test_create_host_on_modal',
      'apps/web/tests/test_login.py::test_redirect_after_login',
      'apps/api/tests/test_sync.py::test_sync_large_repo',
      'apps/api/tests/test_sync.py::test_sync_empty_repo',
    ]);
    expect(report.rows[0]).toEqual({
      test: 'apps/api/tests/test_hosts.py::test_create_host_on_modal',
      runs: 3,
      final: 'flaked 2, passed 1',
      flaked: 2,
      passed: 1,
      failed: 0,
      markedFlaky: false,
    });
    expect(report.rows[1]!.markedFlaky).toBe(true);
    expect(report.rows[2]).toMatchObject({ runs: 12, final: 'passed', flaked: 0, passed: 1, failed: 0 });
  });

  it('takes the last exception line of each traceback, first attempt first, entities decoded', () => {
    expect(report.failures['apps/api/tests/test_hosts.py::test_create_host_on_modal']).toBe(
      'TimeoutError: sandbox sb-8f2c91d0 did not start within 120s',
    );
    expect(report.failures['apps/web/tests/test_login.py::test_redirect_after_login']).toBe(
      "AssertionError: assert '/' == '/login'",
    );
    expect(Object.keys(report.failures)).toHaveLength(2);
  });

  it('reads a failed row and its reason', () => {
    const unit = parseTestReport(summary('unit-failure.md'))!;
    expect(unit.rows[0]).toMatchObject({ final: 'failed', failed: 1, passed: 0 });
    expect(finallyPassed(unit.rows[0]!)).toBe(false);
    // The traceback is raw text: its backticks are the message's own.
    expect(failureFor(unit, 'libs/cli/tests/test_docs.py::test_cli_docs_up_to_date')).toBe(
      'AssertionError: docs/cli.md is stale; run `make docs`',
    );
  });

  it('survives CRLF line ends', () => {
    const crlf = parseTestReport(summary('acceptance-neutral.md').replace(/\n/g, '\r\n'))!;
    expect(crlf.rows).toHaveLength(4);
    expect(crlf.failures).toEqual(report.failures);
  });
});

describe('parseTestReport: table variants', () => {
  it('finds the header anywhere, in any column order, with extra columns, any case', () => {
    const text = [
      'Some intro text | with a pipe',
      '',
      '| @FLAKY | duration | final | TEST | runs |',
      '|:-:|--|--|--|--:|',
      '| ✓ | 3.1s | flaked 1, passed 2 | `a::b` | 3 |',
      '| no | 0.2s | passed | a::c | 1 |',
    ].join('\n');
    const r = parseTestReport(text)!;
    expect(r.rows).toEqual([
      { test: 'a::b', runs: 3, final: 'flaked 1, passed 2', flaked: 1, passed: 2, failed: 0, markedFlaky: true },
      { test: 'a::c', runs: 1, final: 'passed', flaked: 0, passed: 1, failed: 0, markedFlaky: false },
    ]);
  });

  it('keeps escaped pipes inside a cell and ignores rows without a test', () => {
    const text =
      '| Test | Runs | Final | @flaky |\n|---|---|---|---|\n| t[a\\|b] | 2 | failed 2 | x |\n|  | 1 | passed | |';
    const r = parseTestReport(text)!;
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ test: 't[a|b]', failed: 2, markedFlaky: true });
  });

  it('reads a partial table: missing @flaky column, short rows, extra pipes', () => {
    const text = '| Test | Final | Runs |\n|---|---|---|\n| a | error |\n| b | passed | 4 | extra | more |';
    const r = parseTestReport(text)!;
    expect(r.rows[0]).toMatchObject({ test: 'a', runs: null, failed: 1, markedFlaky: false });
    expect(r.rows[1]).toMatchObject({ test: 'b', runs: 4, passed: 1 });
  });

  it('strips HTML and links from cells', () => {
    const text =
      '| Test | Runs | Final | @flaky |\n|--|--|--|--|\n| <b>[x::y](https://e.x/1)</b> | <i>5</i> | flaked&nbsp;1, passed 1 | @flaky |';
    expect(parseTestReport(text)!.rows[0]).toMatchObject({
      test: 'x::y',
      runs: 5,
      flaked: 1,
      passed: 1,
      markedFlaky: true,
    });
  });

  it('is null without a table or failures, and for unrelated tables', () => {
    expect(parseTestReport(null)).toBeNull();
    expect(parseTestReport('')).toBeNull();
    expect(parseTestReport('   \n\n')).toBeNull();
    expect(parseTestReport('All 212 tests passed.')).toBeNull();
    expect(parseTestReport('| Test | Duration |\n|--|--|\n| a | 1s |')).toBeNull();
    expect(parseTestReport('| Name | Final |\n|--|--|\n| a | passed |')).toBeNull();
  });

  it('gives failures alone when the table is missing', () => {
    const text =
      '## Failures\n\n### tests/a.py::test_x\n\n```\nTraceback (most recent call last):\n  File "a.py", line 3\nValueError: bad value 3\n```\n';
    expect(parseTestReport(text)).toEqual({ rows: [], failures: { 'tests/a.py::test_x': 'ValueError: bad value 3' } });
  });
});

describe('Failures section', () => {
  it('ends at the next heading of the same level and ignores # lines inside fences', () => {
    const text = [
      '## Failures',
      '### t1',
      '```',
      '# not a heading',
      'E   KeyError: missing',
      '```',
      '## Notes',
      '### t2',
      '```',
      'E   RuntimeError: not a failure entry',
      '```',
    ].join('\n');
    expect(parseTestReport(text)!.failures).toEqual({ t1: 'KeyError: missing' });
  });

  it('falls back to the summary message, then an E line, then the last line', () => {
    expect(errorLine(['```', 'traceback here', '```'], 'AssertionError: x')).toBe('AssertionError: x');
    expect(errorLine(['```', 'E   assert 1 == 2', 'E   + where 1 = f()', '```'])).toBe('assert 1 == 2');
    expect(errorLine(['some output', 'exit status 2'])).toBe('exit status 2');
    expect(errorLine([])).toBeNull();
  });

  it('never takes the results table after a closed block for a traceback', () => {
    const text = [
      '## Failures',
      '',
      '<details><summary><code>a::t1</code> &mdash; failure: KeyError: k</summary>',
      '</details>',
      '<details><summary><code>a::t2</code> (attempt 1/2) &mdash; error</summary>',
      '</details>',
      '',
      '| Test | Runs | Final | `@flaky` |',
      '| --- | ---: | --- | :---: |',
      '| `a::t1` | 1 | failed | no |',
      '| `a::t2` | 2 | flaked 1, passed 1 | no |',
    ].join('\n');
    const r = parseTestReport(text)!;
    expect(r.failures).toEqual({ 'a::t1': 'KeyError: k' });
    expect(r.rows).toHaveLength(2);
  });

  it('matches a failure to a row by a shorter or longer name', () => {
    const r = { rows: [], failures: { 'tests/a.py::test_x': 'E' } };
    expect(failureFor(r, 'test_x')).toBe('E');
    expect(failureFor(r, 'test_y')).toBeNull();
  });
});

describe('cells', () => {
  it('splits on unescaped pipes only', () => {
    expect(splitRow('| a | b\\|c | d |')).toEqual(['a', 'b|c', 'd']);
    expect(splitRow('a | b')).toEqual(['a', 'b']);
    expect(splitRow('no pipes')).toBeNull();
  });

  it('reads Final forms', () => {
    expect(parseFinal('flaked 2, passed 1')).toEqual({ flaked: 2, passed: 1, failed: 0 });
    expect(parseFinal('passed')).toEqual({ flaked: 0, passed: 1, failed: 0 });
    expect(parseFinal('failed 3')).toEqual({ flaked: 0, passed: 0, failed: 3 });
    expect(parseFinal('skipped')).toEqual({ flaked: 0, passed: 0, failed: 0 });
    expect(parseFinal('flaky-recovered')).toEqual({ flaked: 1, passed: 1, failed: 0 });
  });
});
