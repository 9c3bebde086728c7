/** The test-report check-run parsers, each on its reporter's real output (fixtures/reports/SOURCES.md). */
import { CHECK_RUN_PARSERS, testsOfCheck } from '../src/parse/test-results/checks/index.js';
import { dornyParser } from '../src/parse/test-results/checks/dorny.js';
import { flakyTableParser } from '../src/parse/test-results/checks/flaky-table.js';
import { junitReportParser } from '../src/parse/test-results/checks/junit-report.js';
import { publishUnitParser } from '../src/parse/test-results/checks/publish-unit.js';
import type { CheckRun, TestResult } from '../src/types.js';
import { check, checkFromJson, text, type GhAnnotation } from './fixtures/reports/load.js';

const byId = (tests: TestResult[] | null): Map<string, TestResult> => new Map((tests ?? []).map((t) => [t.id, t]));
const summaries = (f: string): string => text(`../summaries/${f}`);

const dornyJest = (): CheckRun =>
  check({
    name: 'JEST Tests',
    summary: text('dorny/jest-junit.md'),
    ghAnnotations: JSON.parse(text('dorny/jest-junit.annotations.json')) as GhAnnotation[],
  });

describe('dorny/test-reporter', () => {
  it('reads every listed test with its outcome, named as its annotations name them', () => {
    const c = dornyJest();
    expect(testsOfCheck(c)?.source).toBe('dorny');
    const t = byId(dornyParser.parse(c));
    expect([...t.keys()]).toEqual([
      '__tests__\\main.test.js ► Test 1 ► Passing test',
      '__tests__\\main.test.js ► Test 1 › Test 1.1 ► Failing test',
      '__tests__\\main.test.js ► Test 1 › Test 1.1 ► Exception in target unit',
      '__tests__\\main.test.js ► Test 2 ► Exception in test',
      '__tests__\\second.test.js ► Timeout test',
      '__tests__\\second.test.js ► Skipped test',
    ]);
    expect(t.get('__tests__\\main.test.js ► Test 1 › Test 1.1 ► Failing test')).toMatchObject({
      outcome: 'failed',
      failed: 1,
      passed: 0,
      attempts: 1,
      reason: 'Error: expect(received).toBeTruthy()',
    });
    expect(t.get('__tests__\\main.test.js ► Test 1 ► Passing test')).toMatchObject({ outcome: 'passed', failed: 0 });
    expect(t.get('__tests__\\second.test.js ► Skipped test')?.outcome).toBe('skipped');
  });

  it('reads ungrouped tests and list-tests: failed reports', () => {
    const t = byId(dornyParser.parse(check({ summary: text('dorny/dotnet-trx-only-failed.md') })));
    expect(t.get('DotnetTests.XUnitTests.CalculatorTests ► Is_Even_Number(i: 3)')).toMatchObject({
      outcome: 'failed',
      reason: 'Assert.True() Failure',
    });
    expect([...t.values()].every((x) => x.outcome === 'failed')).toBe(true);
    const py = byId(dornyParser.parse(check({ summary: text('dorny/python-xunit-pytest.md') })));
    expect(py.get('pytest ► tests.test_lib ► test_always_fail')).toMatchObject({
      outcome: 'failed',
      reason: 'assert False',
    });
    expect(py.get('pytest ► custom_classname ► test_with_record_xml_attribute')?.outcome).toBe('passed');
  });

  it('reads failures from the annotations alone (list-tests: none)', () => {
    const c = check({ ghAnnotations: JSON.parse(text('dorny/jest-junit.annotations.json')) as GhAnnotation[] });
    expect(dornyParser.detects(c)).toBe(true);
    expect(dornyParser.parse(c)!.map((x) => [x.outcome, x.reason?.slice(0, 9)])).toEqual([
      ['failed', 'Error: ex'],
      ['failed', ': Timeout'],
    ]);
  });

  it('TRAP: a passing report has no failure and no flake; its escaped suite name is undone', () => {
    const t = dornyParser.parse(
      check({ conclusion: 'success', summary: text('dorny/jest-react-component-test-results.md') }),
    )!;
    expect(t).toEqual([
      expect.objectContaining({
        id: '<Component /> ► <Component /> should render properly',
        outcome: 'passed',
        failed: 0,
      }),
    ]);
  });
});

describe('EnricoMi/publish-unit-test-result-action', () => {
  it('reads failed tests from annotations and passing ones from the all-tests list', () => {
    const c = checkFromJson('publish-unit/junit.fail.json');
    expect(testsOfCheck(c)?.source).toBe('publish-unit');
    const t = byId(publishUnitParser.parse(c));
    expect(t.size).toBe(5);
    expect(t.get('test.test_spark.SparkTests.test_rsh_events')).toMatchObject({
      outcome: 'failed',
      reason: 'AssertionError: 143 != 0',
      seconds: 7,
    });
    expect(t.get('test.test_spark.SparkTests.test_get_available_devices')?.outcome).toBe('skipped');
    expect(t.get('test.test_spark.SparkTests.test_get_col_info')?.outcome).toBe('passed');
  });

  it('reads errors as failures', () => {
    const t = byId(publishUnitParser.parse(checkFromJson('publish-unit/junit.multiresult.json')));
    expect(t.get('test class.test that errors')).toMatchObject({ outcome: 'failed', reason: 'test teardown failure' });
    expect(t.get('test class.test that fails')?.outcome).toBe('failed');
    expect(t.get('test class.test that succeeds')?.outcome).toBe('passed');
  });

  it('TRAP: "1 out of 3 runs failed" is a failure with its runs, not a flake (the runs may be a matrix)', () => {
    const t = byId(publishUnitParser.parse(checkFromJson('publish-unit/fixie.json')));
    expect(t.get('[genericTestClass].ShouldBeString')).toMatchObject({
      outcome: 'failed',
      attempts: 3,
      failed: 1,
      passed: 0,
    });
  });

  it('TRAP: an all-passed report lists passes only', () => {
    const t = publishUnitParser.parse(checkFromJson('publish-unit/jest-junit.json'))!;
    expect(t.length).toBe(2);
    expect(t.every((x) => x.outcome === 'passed' && x.failed === 0)).toBe(true);
  });

  it('without raw_details (not collected) still reads the failures it can name', () => {
    const c = checkFromJson('publish-unit/junit.fail.json');
    const bare = { ...c, annotations: c.annotations.map(({ rawDetails: _r, ...a }) => a) };
    expect(publishUnitParser.parse(bare)!.map((x) => [x.id, x.outcome, x.reason])).toEqual([
      ['test.test_spark.SparkTests.test_rsh_events', 'failed', null],
    ]);
  });
});

describe('mikepenz/action-junit-report', () => {
  it('reads failed tests from its failure annotations', () => {
    const c = checkFromJson('junit-report/pytest-failed.json');
    expect(testsOfCheck(c)?.source).toBe('junit-report');
    expect(junitReportParser.parse(c)!.map((x) => [x.id, x.outcome, x.reason])).toEqual([
      ['test_sample.test_which_fails', 'failed', "AssertionError: assert 'test' == 'xyz'"],
      ['test_sample.test_with_error', 'failed', "AttributeError: 'dict' object has no attribute 'attr'"],
    ]);
  });

  it('TRAP: a retried test that passed reads as a pass (the check run does not carry retries)', () => {
    const t = junitReportParser.parse(checkFromJson('junit-report/retried-passed.json'))!;
    expect(t).toEqual([expect.objectContaining({ id: 'Class.testFlakyFailure', outcome: 'passed', failed: 0 })]);
  });

  it('merges a test that failed several times ("(failure 2/3)")', () => {
    const c = checkFromJson('junit-report/pytest-failed.json');
    const a = c.annotations[0]!;
    const twice = {
      ...c,
      annotations: [
        { ...a, title: `${a.title} (failure 1/2)` },
        { ...a, title: `${a.title} (failure 2/2)` },
      ],
    };
    expect(junitReportParser.parse(twice)!.map((x) => x.id)).toEqual(['test_sample.test_which_fails']);
  });
});

describe('flaky-aware table (the seed composite action)', () => {
  it('maps flakes, hard failures and by-design reruns as the table says', () => {
    const neutral = check({ conclusion: 'neutral', summary: summaries('neutral/summary.md') });
    expect(testsOfCheck(neutral)?.source).toBe('flaky-aware-table');
    const t = byId(flakyTableParser.parse(neutral));
    expect(t.get('tests/test_hostile.py::test_angle[<details>]')).toMatchObject({
      outcome: 'passed',
      failed: 1,
      passed: 1,
      attempts: 2,
      markedFlaky: true,
    });
    const failure = byId(flakyTableParser.parse(check({ summary: summaries('failure/summary.md') })));
    expect([...failure.values()].some((x) => x.outcome === 'failed' && x.reason)).toBe(true);
    const pass = flakyTableParser.parse(check({ conclusion: 'success', summary: summaries('pass/summary.md') }))!;
    expect(pass.length).toBeGreaterThan(0);
    expect(pass.every((x) => x.failed === 0)).toBe(true);
    const rerun = pass.find((x) => x.id === 'tests/test_hostile.py::test_pipe[a|b]')!;
    expect(rerun.outcome).toBe('passed');
    expect(rerun.attempts).toBeGreaterThan(1);
  });

  it('a row cut to fit counts as recovered only in a neutral check run', () => {
    const cut = summaries('neutral/summary-cut.md');
    const neutral = flakyTableParser.parse(check({ conclusion: 'neutral', summary: cut }))!;
    expect(neutral.some((x) => x.outcome === 'passed' && x.failed > 0)).toBe(true);
    const failed = flakyTableParser.parse(check({ conclusion: 'failure', summary: cut }))!;
    expect(failed.some((x) => x.outcome === 'passed' && x.failed > 0)).toBe(false);
  });
});

describe('registry', () => {
  it('TRAP: each reporter recognises only its own check runs', () => {
    const samples: [string, CheckRun][] = [
      ['dorny', dornyJest()],
      ['publish-unit', checkFromJson('publish-unit/junit.fail.json')],
      ['junit-report', checkFromJson('junit-report/pytest-failed.json')],
      ['flaky-aware-table', check({ summary: summaries('neutral/summary.md') })],
    ];
    for (const [source, c] of samples) {
      const detected = CHECK_RUN_PARSERS.filter((p) => p.detects(c)).map((p) => p.source);
      expect(detected).toEqual([source]);
    }
  });

  it('TRAP: a check run of no reporter, or a hostile one, yields nothing and never throws', () => {
    expect(testsOfCheck(check({ title: 'Lint', summary: 'Found 3 style issues (non-blocking).' }))).toBeNull();
    expect(testsOfCheck(check({ summary: null }))).toBeNull();
    const hostile = check({
      title: '1 tests run, 0 passed, 0 skipped, 1 failed.',
      annotations: [{ path: '', startLine: null, level: 'failure', title: null, message: '' }],
    });
    expect(() => testsOfCheck(hostile)).not.toThrow();
    expect(testsOfCheck(hostile)?.tests).toEqual([]);
  });
});
