/**
 * The test-runner readers on each runner's real output (__tests__/fixtures/runners/, sources
 * in its SOURCES.md), with the traps: another runner's lines, a test printed twice, a rerun by
 * design that always passed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { TestResult } from '../src/types.js';
import { plainText } from '../src/parse/log-lines.js';
import { LOG_TEST_PARSERS } from '../src/parse/test-results/logs/index.js';
import type { LogTestParser } from '../src/parse/test-results/types.js';
import { cargoParser } from '../src/parse/test-results/logs/cargo.js';
import { cypressParser } from '../src/parse/test-results/logs/cypress.js';
import { goParser } from '../src/parse/test-results/logs/go.js';
import { gradleParser } from '../src/parse/test-results/logs/gradle.js';
import { jestParser } from '../src/parse/test-results/logs/jest.js';
import { nextestParser } from '../src/parse/test-results/logs/nextest.js';
import { playwrightParser } from '../src/parse/test-results/logs/playwright.js';
import { pytestParser } from '../src/parse/test-results/logs/pytest.js';
import { rspecParser } from '../src/parse/test-results/logs/rspec.js';
import { surefireParser } from '../src/parse/test-results/logs/surefire.js';
import { vitestParser } from '../src/parse/test-results/logs/vitest.js';

const DIR = new URL('./fixtures/runners/', import.meta.url);

function fixture(path: string): string {
  return readFileSync(new URL(path, DIR), 'utf8');
}

/** Lines as the digest hands them over: ANSI stripped, one at a time. */
function read(parser: LogTestParser, text: string): TestResult[] {
  const r = parser.create();
  for (const line of text.split('\n')) r.push(plainText(line.replace(/\r$/, '')));
  return r.finish();
}

function byId(results: TestResult[]): Record<string, Pick<TestResult, 'attempts' | 'failed' | 'passed' | 'outcome'>> {
  return Object.fromEntries(
    results.map((t) => [t.id, { attempts: t.attempts, failed: t.failed, passed: t.passed, outcome: t.outcome }]),
  );
}

describe('pytest with pytest-rerunfailures', () => {
  it('reads -v lines: RERUN then PASSED is a recovered retry, RERUN twice then FAILED a failure', () => {
    const got = read(pytestParser, fixture('pytest/rerunfailures-verbose.txt'));
    expect(byId(got)).toEqual({
      'test_flaky.py::test_flaky_then_passes': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
      'test_flaky.py::test_always_fails': { attempts: 3, failed: 3, passed: 0, outcome: 'failed' },
    });
    expect(got.find((t) => t.id.endsWith('test_always_fails'))?.reason).toBe('assert 1 == 2');
  });

  it('does not count the rerun summary (-rR) and the short summary again after the -v lines', () => {
    const text = fixture('pytest/rerunfailures-verbose.txt');
    expect(text).toContain('RERUN test_flaky.py::test_always_fails');
    expect(read(pytestParser, text).find((t) => t.id.endsWith('test_always_fails'))?.attempts).toBe(3);
  });

  it('reads the summaries alone without -v (`.R.RRF`), and the README example', () => {
    expect(byId(read(pytestParser, fixture('pytest/rerunfailures-quiet.txt')))).toEqual(
      byId(read(pytestParser, fixture('pytest/rerunfailures-verbose.txt'))),
    );
    // The README's older pytest wrote `FAIL` where pytest now writes `FAILED`: still a failure,
    // never a rerun that recovered.
    expect(byId(read(pytestParser, fixture('pytest/rerunfailures-readme.txt')))).toEqual({
      'test_report.py::test_fail': { attempts: 3, failed: 3, passed: 0, outcome: 'failed' },
    });
  });

  it('reads a plain -v failure once, though the short summary repeats it', () => {
    const got = read(pytestParser, fixture('pytest/verbose-failures-docs.txt'));
    expect(got.map((t) => [t.id, t.attempts, t.outcome])).toEqual([
      ['test_verbosity_example.py::test_words_fail', 1, 'failed'],
      ['test_verbosity_example.py::test_numbers_fail', 1, 'failed'],
      ['test_verbosity_example.py::test_long_text_fail', 1, 'failed'],
    ]);
    expect(got[0]!.reason).toBe('AssertionError: asser...');
  });

  it('reads pytest-xdist lines, with and without the progress indicator', () => {
    // pytest-dev/pytest-xdist testing/acceptance_test.py: "[gw0] PASSED test_a.py::test[7]",
    // its parser allowing `[ 50%]` between worker and status.
    expect(
      read(pytestParser, '[gw0] PASSED test_a.py::test[7]\n[gw1] FAILED test_a.py::test[8]').map((t) => t.id),
    ).toEqual(['test_a.py::test[8]']);
    const got = read(
      pytestParser,
      '[gw1] [ 50%] RERUN tests/a.py::test_b[x y]\n[gw0] [ 50%] PASSED tests/a.py::test_b[x y]',
    );
    expect(byId(got)).toEqual({ 'tests/a.py::test_b[x y]': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' } });
  });
});

describe('jest with retryTimes', () => {
  it('reads logErrorsBeforeRetry: two RETRY blocks then PASS is two failed attempts and a pass', () => {
    const got = read(jestParser, fixture('jest/retry-logged-then-passed.txt'));
    expect(byId(got)).toEqual({
      '__tests__/logErrorsBeforeRetries.test.js › retryTimes set': {
        attempts: 3,
        failed: 2,
        passed: 1,
        outcome: 'passed',
      },
    });
    expect(got[0]!.reason).toBe('expect(received).toBeFalsy()');
  });

  it('reads concurrent retries of two tests apart', () => {
    const got = read(jestParser, fixture('jest/retry-immediately-concurrent.txt'));
    expect(got.map((t) => [t.id, t.failed, t.outcome])).toEqual([
      ['__tests__/retryImmediatelyConcurrent.test.js › retryable test 1', 2, 'passed'],
      ['__tests__/retryImmediatelyConcurrent.test.js › retryable test 2', 2, 'passed'],
    ]);
  });

  it('counts a test with two errors (two ● blocks) as one failed attempt', () => {
    const got = read(jestParser, fixture('jest/two-errors-one-test.txt'));
    const throws = got.filter((t) => t.id.endsWith('› .assertions() › throws'));
    expect(throws).toHaveLength(1);
    expect(throws[0]).toMatchObject({ attempts: 1, failed: 1, outcome: 'failed' });
    expect(got).toHaveLength(4);
  });

  it('returns nothing for a passing file (repeated titles in the listing are no attempts)', () => {
    expect(read(jestParser, fixture('jest/describe-only-each-pass.txt'))).toEqual([]);
    expect(read(jestParser, fixture('jest/each-failure.txt')).map((t) => t.attempts)).toEqual([1, 1]);
  });
});

describe('vitest with retry', () => {
  it('reads `(retry x3)` on a pass as three failed attempts and a pass', () => {
    expect(byId(read(vitestParser, fixture('vitest/verbose-retry.txt')))).toEqual({
      'fixtures/reporters/retry.test.ts > pass after retries': { attempts: 4, failed: 3, passed: 1, outcome: 'passed' },
    });
  });

  it('reads a verbose failure with its `→` reason; passes and skips are not returned', () => {
    const got = read(vitestParser, fixture('vitest/verbose-tree.txt'));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ attempts: 1, outcome: 'failed', seconds: 0.003 });
    expect(got[0]!.reason).toBe("expected 'should fail' to be 'as expected' // Object.is equality");
  });

  it('reads the Failed Tests section as the outcome with the error, attempts unknown', () => {
    const got = read(vitestParser, fixture('vitest/failed-tests-ci.txt'));
    expect(got).toEqual([
      expect.objectContaining({ id: 'basic.test.ts > basic', attempts: null, failed: 1, outcome: 'failed' }),
    ]);
    expect(got[0]!.reason).toBe('Error: Snapshot `basic 1` mismatched');
  });

  it('names a test of the default reporter’s tree by its file and suites, as the verbose reporter does', () => {
    const text = fixture('vitest/default-tree.txt');
    const got = read(
      vitestParser,
      `${text}\n FAIL  b1.test.ts > b1 failed > b failed test\nAssertionError: expected 1 to be 2`,
    );
    expect(byId(got)).toEqual({
      'b1.test.ts > b1 failed > b failed test': { attempts: 1, failed: 1, passed: 0, outcome: 'failed' },
      'b2.test.ts > b2 failed > b failed test': { attempts: 1, failed: 1, passed: 0, outcome: 'failed' },
    });
    expect(got[0]!.reason).toBe('AssertionError: expected 1 to be 2');
  });

  it('a test repeated by design (`repeat x3`) that passed is not returned', () => {
    // vitest test/e2e/test/reporters/default.test.ts: '✓ repeat couple of times [...]ms (repeat x3)'
    expect(read(vitestParser, '✓ fixtures/reporters/repeats.test.ts > repeat couple of times 2ms (repeat x3)')).toEqual(
      [],
    );
  });
});

describe('Playwright', () => {
  it('reads list lines by retry number: ✘ then ✓ (retry #1) is flaky', () => {
    expect(byId(read(playwrightParser, fixture('playwright/list-render-retries.txt')))).toEqual({
      'a.test.ts:3:15 › flaky': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
    });
  });

  it('reads the docs example; its `1 flaky` summary repeats the test, not another attempt', () => {
    const got = read(playwrightParser, fixture('playwright/docs-test-retries.txt'));
    expect(byId(got)).toEqual({
      'example.spec.ts:5:2 › second flaky': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
    });
  });

  it('reads the line reporter: `(retry #2)` starting says two attempts failed before it', () => {
    // microsoft/playwright tests/playwright-test/reporter-line.spec.ts "render unexpected after retry"
    const text = [
      '[1/1] a.test.js:3:11 › one',
      '[2/1] (retries) a.test.js:3:11 › one (retry #1)',
      '[3/1] (retries) a.test.js:3:11 › one (retry #2)',
      '[4/1] (retries) a.test.js:3:11 › one (retry #3)',
      '  1 failed',
      '    a.test.js:3:11 › one ───────────────────────────────────────',
    ].join('\n');
    expect(byId(read(playwrightParser, text))).toEqual({
      'a.test.js:3:11 › one': { attempts: 4, failed: 4, passed: 0, outcome: 'failed' },
    });
  });

  it('reads a summary alone (line/dot reporter): flaky, and failed with its retries from the failure block', () => {
    const text = [
      '  1) [chromium] › a.spec.ts:3:5 › one ─────────────────────────',
      '',
      '    Error: expect(received).toBe(expected) // Object.is equality',
      '',
      '    Retry #1 ───────────────────────────────────────────────────',
      '',
      '    Error: expect(received).toBe(expected) // Object.is equality',
      '',
      '  1 failed',
      '    [chromium] › a.spec.ts:3:5 › one ──────────────────────────',
      '  1 flaky',
      '    [chromium] › a.spec.ts:9:5 › two ──────────────────────────',
      '  3 passed (4.2s)',
    ].join('\n');
    const got = read(playwrightParser, text);
    expect(byId(got)).toEqual({
      '[chromium] › a.spec.ts:3:5 › one': { attempts: null, failed: 2, passed: 0, outcome: 'failed' },
      '[chromium] › a.spec.ts:9:5 › two': { attempts: null, failed: 1, passed: 1, outcome: 'passed' },
    });
    expect(got[0]!.reason).toBe('Error: expect(received).toBe(expected) // Object.is equality');
  });
});

describe('go test and gotestsum --rerun-fails', () => {
  it('reads gotestsum reruns: failed then `PASS … (re-run 1)` recovered; failing every run stays failed', () => {
    expect(byId(read(goParser, fixture('go/gotestsum-testname-reruns-continue-to-fail.txt')))).toEqual({
      'cmd/testdata/e2e/flaky.TestFailsRarely': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
      'cmd/testdata/e2e/flaky.TestFailsSometimes': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
      'cmd/testdata/e2e/flaky.TestFailsOften/subtest_may_fail': {
        attempts: 3,
        failed: 3,
        passed: 0,
        outcome: 'failed',
      },
      'cmd/testdata/e2e/flaky.TestFailsOften': { attempts: 3, failed: 3, passed: 0, outcome: 'failed' },
    });
    const often = byId(read(goParser, fixture('go/gotestsum-testname-reruns-until-success.txt')))[
      'cmd/testdata/e2e/flaky.TestFailsOften'
    ];
    expect(often).toEqual({ attempts: 5, failed: 4, passed: 1, outcome: 'passed' });
  });

  it('does not count go test’s `--- FAIL` and the `=== Failed` summary as more attempts', () => {
    const got = read(goParser, fixture('go/gotestsum-testname-reruns-until-success.txt'));
    expect(got.every((t) => t.source === 'gotestsum')).toBe(true);
    expect(got.find((t) => t.id.endsWith('.TestFailsRarely'))?.reason).toBe('not this time');
  });

  it('reads go test -v by package: the same test name in two packages is two tests', () => {
    const got = read(goParser, fixture('go/go-test-v-standard-verbose.txt'));
    expect(got.every((t) => t.attempts === 1 && t.outcome === 'failed')).toBe(true);
    expect(got.map((t) => t.id)).toContain('gotest.tools/gotestsum/testjson/internal/withfails.TestFailed');
    // TestPassed passes in both `good` and `withfails`: never one test that passed twice.
    expect(got.some((t) => t.id.endsWith('TestPassed'))).toBe(false);
    expect(got.find((t) => t.id.endsWith('.TestParallelTheFirst'))).toMatchObject({
      reason: 'failed the first',
      seconds: 0.01,
    });
  });

  it('a package failing on its own (`=== FAIL: pkg  (0.00s)`) is no test', () => {
    expect(read(goParser, fixture('go/gotestsum-summary-with-run-id.txt')).some((t) => t.id.includes('badmain'))).toBe(
      false,
    );
  });

  it('a test run twice by design (-count=2) that passed both times is not returned', () => {
    const text =
      '=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestA\n--- PASS: TestA (0.00s)\nPASS\nok  \texample.com/m\t0.002s';
    expect(read(goParser, text)).toEqual([]);
  });
});

describe('cargo test and cargo-nextest', () => {
  it('reads libtest: the failure with its panic message, per test binary', () => {
    const got = read(cargoParser, fixture('cargo/cargo-test-lib-and-integration.txt'));
    expect(got).toEqual([
      expect.objectContaining({ id: 'ct tests::it_fails', attempts: 1, failed: 1, outcome: 'failed' }),
    ]);
    expect(got[0]!.reason).toBe('assertion `left == right` failed: sum is wrong');
  });

  it('reads nextest: TRY 1 FAIL, TRY 2 PASS, and the final `FLAKY 2/3` adds no attempt', () => {
    const got = read(nextestParser, fixture('nextest/flaky-output.ansi'));
    expect(byId(got)).toEqual({
      'fixture-project::basic test_flaky_mod_2': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
    });
    expect(got[0]!.reason).toBe('Failed because attempt 1 % 2 != 0');
  });

  it('does not read the libtest lines nextest captured (indented) as cargo test', () => {
    expect(read(cargoParser, fixture('nextest/flaky-output.ansi'))).toEqual([]);
  });

  it('classifies every nextest status line of its own snapshot', () => {
    const lines = fixture('nextest/status-line-all-variants.txt')
      .split('\n')
      .filter((l) => l.includes('s] ('));
    const outcomes = lines.map((l) => read(nextestParser, l)[0]?.outcome ?? 'passed');
    const expected = (l: string): string =>
      /PASS|LEAK \[|SLOW|FLAKY|FLKY/.test(l) && !/FAIL|FL\+LK/.test(l.replace(/FLKY-FL/, '')) ? 'passed' : 'failed';
    expect(outcomes).toEqual(lines.map(expected));
    expect(lines.length).toBeGreaterThan(30);
  });
});

describe('Maven Surefire rerunFailingTestsCount', () => {
  it('reads Flakes: with Run N lines, PASS among them', () => {
    const got = read(surefireParser, fixture('surefire/junit-platform-rerun-flakes.txt'));
    expect(byId(got)).toEqual({
      'org.example.UtilityTest.testHashMod5': { attempts: 7, failed: 4, passed: 3, outcome: 'passed' },
    });
    expect(got[0]!.reason).toBe('UtilityTest.testHashMod5:42 Failed to validate input YLQ');
  });

  it('reads Failures: with every run failed; the per-class FAILURE lines are not more attempts', () => {
    expect(byId(read(surefireParser, fixture('surefire/junit4-rerun-failures.txt')))).toEqual({
      'org.example.UtilityTest.testHashMod5[0: testHashMod5YLQ]': {
        attempts: 2,
        failed: 2,
        passed: 0,
        outcome: 'failed',
      },
      'org.example.UtilityTest.testHashMod5[2: testHashMod5PRR]': {
        attempts: 2,
        failed: 2,
        passed: 0,
        outcome: 'failed',
      },
    });
    const noRerun = read(surefireParser, fixture('surefire/junit4-no-rerun-failures.txt'));
    expect(noRerun).toEqual([
      expect.objectContaining({ id: 'UtilityTest.testHashMod5', attempts: 1, outcome: 'failed' }),
    ]);
  });
});

describe('Gradle (test-retry plugin)', () => {
  it('reads `Class > test() FAILED` with the exception below', () => {
    const got = read(gradleParser, fixture('gradle/issue-205-retry-failed.txt'));
    expect(got).toEqual([expect.objectContaining({ id: 'DeleteActionJspTest > test_content()', outcome: 'failed' })]);
    expect(got[0]!.reason).toMatch(
      /^java\.lang\.RuntimeException: java\.io\.IOException: Server returned HTTP response code: 500/,
    );
  });

  it('FAILED then PASSED (events logged) is a recovered retry; `> Task :test FAILED` is no test', () => {
    const text =
      '> Task :test FAILED\nFlakyTest > flakyTest FAILED\n    java.lang.AssertionError\nFlakyTest > flakyTest PASSED';
    expect(byId(read(gradleParser, text))).toEqual({
      'FlakyTest > flakyTest': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
    });
  });

  it('a FAILED test in a build that still succeeded passed on a retry, unless failures were ignored', () => {
    const base = 'DeleteActionJspTest > test_content() FAILED\n    java.lang.RuntimeException: x\n';
    expect(read(gradleParser, base + 'BUILD SUCCESSFUL in 1m 2s')[0]).toMatchObject({
      outcome: 'passed',
      attempts: null,
    });
    const ignored = base + 'There were failing tests. See the report at: file:///r/index.html\nBUILD SUCCESSFUL in 3s';
    expect(read(gradleParser, ignored)[0]).toMatchObject({ outcome: 'failed' });
  });
});

describe('RSpec with rspec-retry', () => {
  it('reads Failed examples once each, with Failure/Error as the reason', () => {
    const got = read(rspecParser, fixture('rspec/formatter-support-failures.txt'));
    expect(got).toHaveLength(6);
    expect(got.find((t) => t.id === './spec/rspec/core/resources/formatter_specs.rb:36')).toMatchObject({
      attempts: 1,
      outcome: 'failed',
      reason: 'expect(1).to eq(2)',
    });
  });

  it('reads `RSpec::Retry: 3rd try`: two failed tries, passed when not among the failed examples', () => {
    const text = fixture('rspec/rspec-retry-readme.txt').replace(/^# /gm, '') + '\n5 examples, 0 failures\n';
    expect(byId(read(rspecParser, text))).toEqual({
      './spec/lib/random_spec.rb:49': { attempts: 3, failed: 2, passed: 1, outcome: 'passed' },
    });
    // Without RSpec's closing summary the outcome is unknown: nothing is claimed.
    expect(read(rspecParser, fixture('rspec/rspec-retry-readme.txt').replace(/^# /gm, ''))).toEqual([]);
  });
});

describe('Cypress retries', () => {
  it('reads `(Attempt 1 of 3)`, `(Attempt 2 of 3)` then ✓ as two failed attempts and a pass', () => {
    expect(byId(read(cypressParser, fixture('cypress/retries-fail-twice.txt')))).toEqual({
      'fail-twice.cy.js › fail twice': { attempts: 3, failed: 2, passed: 1, outcome: 'passed' },
    });
  });

  it('reads the experimental strategy’s marked attempts; its closing ✖ line is no attempt', () => {
    const text = [
      '  Running:  deterministic-flaky.cy.js                                                       (1 of 1)',
      '  deterministic flaky test',
      '    ✖(Attempt 1 of 6) deterministically runs pass/fail on this test',
      '    ✓(Attempt 2 of 6) deterministically runs pass/fail on this test',
      '    ✖(Attempt 3 of 6) deterministically runs pass/fail on this test',
      '    ✖ deterministically runs pass/fail on this test',
      '  0 passing',
      '  1 failing',
      '  1) deterministic flaky test',
      '       deterministically runs pass/fail on this test:',
      '     AssertionError: expected true to be false',
    ].join('\n');
    expect(byId(read(cypressParser, text))).toEqual({
      'deterministic-flaky.cy.js › deterministic flaky test › deterministically runs pass/fail on this test': {
        attempts: 3,
        failed: 2,
        passed: 1,
        outcome: 'failed',
      },
    });
  });

  it('names a test by its describe blocks: the same title in two describes is two tests', () => {
    const text = [
      '  Running:  a.cy.js                                                                (1 of 1)',
      '  login',
      '    (Attempt 1 of 2) works',
      '    ✓ works',
      '  logout',
      '    ✓ works',
    ].join('\n');
    expect(byId(read(cypressParser, text))).toEqual({
      'a.cy.js › login › works': { attempts: 2, failed: 1, passed: 1, outcome: 'passed' },
    });
  });

  it('a burn-in that passed every attempt is not returned; `1) …` outside a spec run is not read', () => {
    const burnIn = '  Running:  a.cy.js   (1 of 1)\n    ✓(Attempt 1 of 3) x\n    ✓(Attempt 2 of 3) x\n    ✓ x';
    expect(read(cypressParser, burnIn)).toEqual([]);
    expect(read(cypressParser, '1) Install dependencies\n2) Run tests')).toEqual([]);
  });
});

describe('every runner’s fixture is read by its own parser only', () => {
  const own: Record<string, string[]> = {
    pytest: ['pytest'],
    jest: ['jest'],
    vitest: ['vitest'],
    playwright: ['playwright'],
    go: ['go'],
    cargo: ['cargo'],
    nextest: ['nextest'],
    surefire: ['surefire'],
    gradle: ['gradle'],
    rspec: ['rspec'],
    cypress: ['cypress'],
  };
  for (const dir of Object.keys(own)) {
    const files = readdirSync(new URL(`${dir}/`, DIR)).filter((f) => !f.endsWith('.input') && f !== 'SOURCES.md');
    it.each(files)(`${dir}/%s`, (file) => {
      const text = fixture(`${dir}/${file}`);
      for (const p of LOG_TEST_PARSERS) {
        if (own[dir]!.includes(p.source)) continue;
        expect({ parser: p.source, results: read(p, text) }).toEqual({ parser: p.source, results: [] });
      }
    });
  }
});

describe('one log holding every runner’s output', () => {
  const dirs = [
    'pytest',
    'jest',
    'vitest',
    'playwright',
    'go',
    'cargo',
    'nextest',
    'surefire',
    'gradle',
    'rspec',
    'cypress',
  ];
  const texts = Object.fromEntries(
    dirs.map((d) => [
      d,
      readdirSync(new URL(`${d}/`, DIR))
        .filter((f) => !f.endsWith('.input') && f !== 'SOURCES.md')
        .map((f) => fixture(`${d}/${f}`)),
    ]),
  );
  const all = dirs.flatMap((d) => texts[d]!).join('\n');
  const reversed = [...dirs]
    .reverse()
    .flatMap((d) => texts[d]!)
    .join('\n');

  it.each(LOG_TEST_PARSERS.map((p) => [p.source, p] as const))('%s reads its own tests as if alone', (_, parser) => {
    const own = texts[parser.source]!.join('\n');
    expect(read(parser, all)).toEqual(read(parser, own));
    expect(read(parser, reversed)).toEqual(read(parser, own));
  });
});
