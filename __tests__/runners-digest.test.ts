/**
 * The runner readers inside the log digest: fed a step's output, never the runner's echo of its
 * script; results in `LogDigest.tests`; readers never throw and stay bounded on any lines.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { LOG_TEST_PARSERS } from '../src/parse/test-results/logs/index.js';
import { MAX_RETURNED } from '../src/parse/test-results/logs/tally.js';
import { historySchema } from '../src/history-schema.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const ESC = '\u001b';

function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/runners/${path}`, import.meta.url), 'utf8');
}

/** A job log as GitHub serves it: a timestamp before every line. */
function asJobLog(lines: string[]): string {
  return lines.map((l, i) => `2026-11-20T10:00:${String(i % 60).padStart(2, '0')}.0000000Z ${l}`).join('\n');
}

describe('LogDigest.tests', () => {
  it('holds what the runners printed in a step', () => {
    const out = fixture('pytest/rerunfailures-verbose.txt').split('\n');
    const d = digestLogText(
      1,
      asJobLog([
        '##[group]Run pytest -v --reruns 2',
        `${ESC}[36;1mpytest -v --reruns 2${ESC}[0m`,
        '##[endgroup]',
        ...out,
      ]),
      config,
    );
    expect(d.tests?.map((t) => [t.source, t.id, t.failed, t.outcome])).toEqual([
      ['pytest', 'test_flaky.py::test_flaky_then_passes', 1, 'passed'],
      ['pytest', 'test_flaky.py::test_always_fails', 3, 'failed'],
    ]);
  });

  it('reads lines with the colours the runner printed (ANSI stripped first)', () => {
    const d = digestLogText(
      2,
      asJobLog(['##[group]Run cargo nextest run', '##[endgroup]', ...fixture('nextest/flaky-output.ansi').split('\n')]),
      config,
    );
    expect(d.tests).toEqual([expect.objectContaining({ source: 'nextest', failed: 1, passed: 1, outcome: 'passed' })]);
  });

  it("never reads a `run:` step's echoed script, even one holding RERUN or ✘ lines", () => {
    const script = [
      'test_flaky.py::test_a RERUN                              [ 50%]',
      'test_flaky.py::test_a FAILED                             [ 50%]',
      '  ✘  1 [chromium] › a.spec.ts:3:5 › title (12ms)',
      'FAIL cmd/pkg.TestX (re-run 1)',
    ];
    const text = asJobLog([
      '##[group]Run cat <<EOF',
      ...script.map((l) => `${ESC}[36;1m${l}${ESC}[0m`),
      `${ESC}[36;1mEOF${ESC}[0m`,
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'done',
    ]);
    expect(digestLogText(3, text, config).tests).toEqual([]);
    // The same lines as the step's output are read.
    const output = asJobLog(['##[group]Run ./ci.sh', `${ESC}[36;1m./ci.sh${ESC}[0m`, '##[endgroup]', ...script]);
    expect(
      digestLogText(4, output, config)
        .tests?.map((t) => t.source)
        .sort(),
    ).toEqual(['gotestsum', 'playwright', 'pytest']);
  });

  it('is optional in the history schema: a digest cached before it existed still parses', () => {
    const d = digestLogText(5, asJobLog(['##[group]Run true', '##[endgroup]', 'ok']), config);
    const { tests, ...old } = d;
    expect(tests).toEqual([]);
    const history = (logs: Record<string, unknown>): unknown => ({ ...exampleHistory(), logs });
    expect(historySchema.safeParse(history({ '5': old })).success).toBe(true);
    expect(historySchema.safeParse(history({ '5': d })).success).toBe(true);
    // A malformed one is still refused.
    expect(historySchema.safeParse(history({ '5': { ...d, tests: [{ id: 1 }] } })).success).toBe(false);
  });
});

function exampleHistory(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../examples/history.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Fragments of every runner's lines, so random lines come near their shapes. */
const FRAGMENTS = [
  'RERUN ',
  'PASSED',
  'FAILED',
  'ERROR ',
  '::',
  ' - ',
  '[ 50%]',
  '[gw0] ',
  '● ',
  ' › ',
  'LOGGING RETRY ERRORS ',
  ' RETRY 1 ',
  'PASS ',
  'FAIL ',
  'FAIL  ',
  '✓ ',
  '× ',
  '✘ ',
  '→ ',
  ' > ',
  ' (retry x2)',
  ' (retry #1)',
  ' (12ms)',
  ' 3ms',
  '1 flaky',
  '2 failed',
  '1) ',
  'Retry #1 ───',
  '--- FAIL: ',
  '--- PASS: ',
  ' (0.01s)',
  'ok  \t',
  'FAIL\t',
  '=== FAIL: ',
  ' (re-run 1)',
  'DONE 2 runs, ',
  'x_test.go:12: ',
  'test ',
  ' ... ok',
  ' ... FAILED',
  '---- a stdout ----',
  "thread 'a' panicked at ",
  '     Running ',
  '(target/debug/deps/a-0123456789abcdef)',
  'TRY 2 PASS ',
  'FLAKY 2/3 ',
  '[   0.002s] ',
  'bin t',
  '[INFO] ',
  '[ERROR] ',
  '[WARNING] ',
  'Flakes:',
  'Failures:',
  '  Run 1: ',
  'PASS',
  'Tests run: ',
  ' FAILED',
  ' PASSED',
  'BUILD SUCCESSFUL',
  'RSpec::Retry: 2nd try ',
  './spec/a_spec.rb:3',
  'rspec ',
  ' # ',
  '3 examples, 1 failure',
  'Running:  a.cy.js  (1 of 1)',
  '(Attempt 1 of 3) ',
  '✖(Attempt 2 of 3) ',
  '1 failing',
  'AssertionError: x',
  'Test',
  ' ',
  '  ',
  '\t',
  'a',
  'Z',
  '0',
  '9',
  '(',
  ')',
  '[',
  ']',
  ':',
  '.',
  '─',
  '=',
];

describe('readers on random lines', () => {
  it('never throw, and return at most their bound', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((a) => a.join('')),
            fc.string(),
          ),
          {
            maxLength: 300,
          },
        ),
        (lines) => {
          for (const p of LOG_TEST_PARSERS) {
            const r = p.create();
            for (const l of lines) r.push(l);
            const out = r.finish();
            expect(out.length).toBeLessThanOrEqual(MAX_RETURNED);
            for (const t of out) {
              expect(t.failed).toBeGreaterThanOrEqual(t.outcome === 'failed' ? 1 : 0);
              if (t.attempts !== null) expect(t.attempts).toBeGreaterThanOrEqual(t.failed + t.passed);
            }
          }
        },
      ),
      runs(150),
    );
  });

  it('stay bounded on a log of many thousands of failing tests', () => {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) {
      lines.push(`tests/t.py::test_${i} FAILED`, `--- FAIL: TestN${i} (0.00s)`, `test m::t${i} ... FAILED`);
      lines.push(
        `  ✘  ${i} a.spec.ts:${i}:1 › t${i} (1ms)`,
        `FAIL pkg.TestN${i} (re-run 1)`,
        `DeleteTest > t${i}() FAILED`,
      );
    }
    lines.push('ok  \texample.com/m\t0.1s');
    for (const p of LOG_TEST_PARSERS) {
      const r = p.create();
      for (const l of lines) r.push(l);
      expect(r.finish().length).toBeLessThanOrEqual(MAX_RETURNED);
    }
  });
});
