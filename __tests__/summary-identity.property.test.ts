/**
 * parse(render(id)) = id: for any test id the seed repository's generator can emit (rendered
 * by its byte-exact port, test/world/junit-summary.ts), the parser gives back the id, run
 * count, final status, @flaky mark and failure reason; with the table cut, no test is lost
 * or invented.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { parseTestReportUnguarded as parse } from '../src/parse/summary-table.js';
import { postCheck, type Attempt } from '../test/world/junit-summary.js';

const HOSTILE = [
  '|',
  '||',
  '\\|',
  '<',
  '>',
  '&',
  '`',
  '``',
  '@',
  '#',
  '[',
  ']',
  ' ',
  '::',
  '&amp;',
  '&lt;',
  '&#x27;',
  '"',
  "'",
  '</code>',
  '<code>',
  '</summary>',
  '<details>',
  ' | 3 | passed | no |',
  '` | 1 | failed | yes |',
  ' &mdash; failure: ',
  '(attempt 1/2)',
  '**',
  '名前',
  '😀',
  'é',
  '\t',
];
/** XML attribute values hold no raw control characters; a line break would split the row. */
const idPart = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 4 }));
const testId = fc
  .array(idPart, { minLength: 1, maxLength: 12 })
  .map((p) => `tests/test_x.py::test_${p.join('')}`)
  // eslint-disable-next-line no-control-regex -- the characters an XML attribute cannot carry raw
  .filter((s) => !/[\u0000-\u0008\u000a-\u001f]/.test(s));
/** A message's first line (Python splitlines: no line separators of any kind). */
const messageText = fc
  .array(idPart, { minLength: 1, maxLength: 10 })
  .map((p) => `boom ${p.join('')}`)
  // eslint-disable-next-line no-control-regex -- Python's splitlines separators, control characters
  .filter((s) => !/[\u0000-\u001f\u0085\u2028\u2029]/.test(s) && [...s].length <= 200);
/** Traceback lines that name no exception, fences and HTML among them. */
const bodyLine = fc.oneof(
  fc.constant('```'),
  fc.constant('<b>bold</b> `tick`'),
  messageText.map((t) => `>   ${t}`),
);
const EXC = ['AssertionError', 'ConnectionResetError', 'pkg.mod.CustomError', 'KeyError'];

interface Fail {
  kind: 'failure' | 'error';
  message: string;
  lines: string[];
  exc: { name: string; text: string } | null;
}
const failure: fc.Arbitrary<Fail> = fc.record({
  kind: fc.constantFrom('failure' as const, 'error' as const),
  message: messageText,
  lines: fc.array(bodyLine, { maxLength: 5 }),
  exc: fc.option(fc.record({ name: fc.constantFrom(...EXC), text: messageText }), { nil: null }),
});
const attempt = fc.option(failure, { nil: null, freq: 2 }); // null: the attempt passed
const test = fc.record({
  id: testId,
  attempts: fc.array(attempt, { minLength: 1, maxLength: 4 }),
  flaky: fc.boolean(),
});
type Test = { id: string; attempts: (Fail | null)[]; flaky: boolean };
const tests: fc.Arbitrary<Test[]> = fc.uniqueArray(test, { selector: (t) => t.id, minLength: 1, maxLength: 6 });

const bodyOf = (f: Fail): string => [...f.lines, ...(f.exc ? [`E       ${f.exc.name}: ${f.exc.text}`] : [])].join('\n');
/** What the traceback says first: its exception line, else the message. */
const reasonOf = (f: Fail): string => (f.exc ? `${f.exc.name}: ${f.exc.text}`.trim() : f.message);

function finalOf(attempts: (Fail | null)[]): string {
  const passed = attempts.filter((a) => a === null).length;
  const failed = attempts.filter((a) => a?.kind === 'failure').length;
  const errors = attempts.filter((a) => a?.kind === 'error').length;
  if (passed > 0) return failed + errors > 0 ? `flaked ${failed + errors}, passed ${passed}` : 'passed';
  return failed > 0 ? 'failed' : 'error';
}

function junit(list: Test[]): Attempt[] {
  return list.flatMap((t) =>
    t.attempts.map((a) => ({
      name: t.id,
      failures: a ? [{ kind: a.kind, message: a.message, body: bodyOf(a) }] : [],
    })),
  );
}

function render(list: Test[], maxChars?: number): string {
  const attempts = junit(list);
  const hard = list.some((t) => !t.attempts.includes(null));
  const flakyIds = new Set(list.filter((t) => t.flaky).map((t) => t.id));
  return postCheck(hard ? 'failure' : 'success', attempts, { flakyIds, maxChars }).summary;
}

describe('parse(render(id)) keeps identity', () => {
  it('gives back id, runs, final, @flaky and reason for any id the generator can emit', () => {
    fc.assert(
      fc.property(tests, (list) => {
        const report = parse(render(list))!;
        expect(report).not.toBeNull();
        const got = report.rows.map((r) => [r.test, r.runs, r.final, r.markedFlaky]).sort();
        const want = list.map((t) => [t.id, t.attempts.length, finalOf(t.attempts), t.flaky]).sort();
        expect(got).toEqual(want);
        for (const t of list) {
          const first = t.attempts.find((a): a is Fail => a !== null);
          expect(report.failures[t.id]).toBe(first ? reasonOf(first) : undefined);
        }
      }),
      runs(400),
    );
  });

  it('loses and invents no test when the table is cut to fit, and claims no final status it cannot know', () => {
    let rebuilt = 0;
    fc.assert(
      fc.property(tests, fc.integer({ min: 600, max: 4000 }), (list, maxChars) => {
        const report = parse(render(list, maxChars));
        const ids = new Set(list.map((t) => t.id));
        for (const row of report?.rows ?? []) {
          expect(ids.has(row.test)).toBe(true);
          const t = list.find((x) => x.id === row.test)!;
          expect(row.runs).toBe(t.attempts.length);
          if (row.fromFailures) rebuilt++;
          if (!row.fromFailures) expect(row.final).toBe(finalOf(t.attempts));
          else if (row.failed > 0) expect(t.attempts.includes(null)).toBe(false);
          else expect(row.passed).toBe(0);
        }
      }),
      runs(300),
    );
    // The cut case was exercised: some tests were known only from their ## Failures blocks.
    expect(rebuilt).toBeGreaterThan(10);
  });
});
