/**
 * The check-run parsers on hostile input built from their reporters' own tokens: they never
 * throw (the registry's safety net is bypassed here), name each test once, and stay linear.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { CHECK_RUN_PARSERS } from '../src/parse/test-results/checks/index.js';
import type { Annotation } from '../src/types.js';
import { check } from './fixtures/reports/load.js';

const token = fc.constantFrom(
  '![Tests failed](https://img.shields.io/badge/tests-1%20failed-critical)',
  '|Report|Passed|Failed|Skipped|Time|',
  '### ❌\u00a0<a id="user-content-r0s0" href="#user-content-r0s0">suite</a>',
  '### ✅\u00a0<a id="x" href="y">\\<A /\\></a>',
  '```',
  '  ✅ ',
  '  ❌ ',
  '⚪ ',
  '\t',
  ' ► ',
  '| Test | Runs | Final | @flaky |',
  '| `a::b` | 3 | flaked 2, passed 1 | no |',
  '[test-results]:data:application/gzip;base64,H4sI',
  '\n',
  ' ',
  'x',
  '(',
  ')',
  '1',
);
const text = fc.array(token, { maxLength: 60 }).map((t) => t.join(''));
const title = fc.oneof(
  text,
  fc.constantFrom(
    '3 out of 6 runs failed: t (c)',
    'All 2 runs with error: t',
    'x (y) failed',
    ' failed',
    '12 tests found',
    '1 skipped test found',
    '5 tests found (test 1 to 3)',
    'a.b (failure 1/2)',
  ),
);
const annotation: fc.Arbitrary<Annotation> = fc.record({
  path: fc.constantFrom('.github', 'a.py', ''),
  startLine: fc.constantFrom(null, 0, 9),
  level: fc.constantFrom('notice' as const, 'warning' as const, 'failure' as const),
  title: fc.option(title, { nil: null }),
  message: fc.oneof(
    text,
    fc.constantFrom('Failed test found in:\n  f.xml\nError:\n  boom', 'f.xml\u2003[took 1h 2m 3s]'),
  ),
  rawDetails: fc.option(fc.oneof(text, fc.constantFrom('c \u2011 t\nc \u2011 u', 'E   AssertionError: x')), {
    nil: null,
  }),
});

describe('check-run parsers on hostile input', () => {
  it('never throw, and name each test at most once', () => {
    fc.assert(
      fc.property(text, fc.option(text, { nil: null }), fc.array(annotation, { maxLength: 12 }), (summary, t, anns) => {
        const c = check({ summary, title: t, annotations: anns });
        for (const p of CHECK_RUN_PARSERS) {
          p.detects(c);
          const tests = p.parse(c) ?? [];
          expect(new Set(tests.map((x) => x.id)).size).toBe(tests.length);
          for (const x of tests) expect(x.failed + x.passed).toBeGreaterThanOrEqual(0);
        }
      }),
      runs(300),
    );
  });

  it('parse a summary as large as a check run allows', () => {
    const line = `  ❌ ${'(a'.repeat(2000)}\n\t${' '.repeat(4000)}x\n`;
    const big = `### ❌\u00a0<a id="a" href="b">s</a>\n\`\`\`\n${line.repeat(10)}\`\`\`\n`;
    const c = check({ summary: big.repeat(6), title: `${'1 '.repeat(30_000)}`, annotations: [] });
    for (const p of CHECK_RUN_PARSERS) expect(() => p.parse(c)).not.toThrow();
  });
});
