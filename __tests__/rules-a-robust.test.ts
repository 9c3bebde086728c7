/** Rules A on arbitrary histories: never throw, pure, and every finding is well formed and linked. */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { coverageRule } from '../src/rules/coverage.js';
import { flakyRule } from '../src/rules/flaky.js';
import { recurringFailuresRule } from '../src/rules/recurring-failures.js';
import { warningsRule } from '../src/rules/warnings.js';
import type { History } from '../src/types.js';
import { annotation, checkRun, config, digest, history, match, minutes, run, step, summary } from '../test/factory.js';

const RULES = [warningsRule, flakyRule, recurringFailuresRule, coverageRule];
const MESSAGES = [
  'Process completed with exit code 1.',
  'Node.js 20 actions are deprecated. The following actions are running on Node.js 20: actions/cache@v3.',
  'Error: ETIMEDOUT 10.0.0.1:443',
  'npm ERR! 404 Not Found',
  'No files were found with the provided path: /tmp/x. No artifacts will be uploaded.',
  '',
];
const SUMMARIES = [
  summary('acceptance-neutral.md'),
  summary('unit-failure.md'),
  null,
  '',
  '| Test | Final | Runs |\n|--|--|--|\n| a | flaked 1, passed 1 | 2 |',
];

const jobArb = fc.record({
  name: fc.constantFrom('test', 'lint', 'build', 'unit-tests'),
  attempt: fc.integer({ min: 1, max: 3 }),
  conclusion: fc.constantFrom('success', 'failure', 'cancelled', 'skipped', 'timed_out', null),
  failedStep: fc.boolean(),
  annotations: fc.array(
    fc.record({ level: fc.constantFrom('warning', 'failure', 'notice'), message: fc.constantFrom(...MESSAGES) }),
    { maxLength: 3 },
  ),
  log: fc.array(
    fc.record({
      key: fc.constantFrom('error', 'coverageMismatch', 'testFailure', 'warning'),
      line: fc.constantFrom('coverage: MISMATCH 3', 'FAILED a.py::t - KeyError', 'Error: boom 42', ''),
    }),
    { maxLength: 3 },
  ),
});
const runArb = fc.record({
  branch: fc.constantFrom('main', 'feat/a', 'feat/b', 'dependabot/x'),
  sha: fc.constantFrom('a', 'b', 'c', 'd'),
  minute: fc.integer({ min: 0, max: 5000 }),
  fork: fc.boolean(),
  jobs: fc.array(jobArb, { maxLength: 4 }),
  checks: fc.array(
    fc.record({
      conclusion: fc.constantFrom('neutral', 'failure', 'success'),
      summary: fc.constantFrom(...SUMMARIES),
      after: fc.integer({ min: -5, max: 30 }),
      warn: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

type Spec = typeof runArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: Spec[]): History {
  const runs = specs.map((s) => ({
    ...run({
      branch: s.branch,
      sha: s.sha.repeat(40),
      created: minutes(s.minute),
      jobs: s.jobs.map((j) => ({
        name: j.name,
        attempt: j.attempt,
        conclusion: j.conclusion,
        steps: [step('Set up job'), step('Run tests', j.failedStep ? 'failure' : 'success', 2)],
        annotations: j.annotations.map((a) => annotation(a.level, a.message)),
      })),
    }),
    ...(s.fork ? { headRepository: 'someone/widgets' } : {}),
  }));
  const logs: History['logs'] = {};
  const checkRuns = specs.flatMap((s, i) => {
    runs[i]!.jobs.forEach((j, k) => {
      const lines = s.jobs[k]!.log;
      if (lines.length)
        logs[String(j.id)] = digest(
          j,
          lines.map((l) => match(l.key, l.line)),
        );
    });
    return s.checks.map((c) =>
      checkRun(runs[i]!, {
        ...c,
        after: minutes(c.after),
        annotations: c.warn ? [annotation('warning', 'PytestWarning: x')] : [],
      }),
    );
  });
  return history(runs, { checkRuns, logs });
}

describe('rules A on arbitrary histories', () => {
  it('never throw, are pure, and give well-formed, linked findings', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(runArb, { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), (specs, minBranches) => {
        const h = build(specs);
        const cfg = config((c) => (c.recurringFailures.minBranches = minBranches));
        const urls = new Set([...h.runs.flatMap((r) => r.jobs.map((j) => j.url)), ...h.checkRuns.map((c) => c.url)]);
        const jobIds = new Set(h.runs.flatMap((r) => r.jobs.map((j) => j.id)));
        for (const rule of RULES) {
          const found = rule.run(h, cfg);
          for (const f of found) seen.add(f.category);
          expect(rule.run(h, cfg)).toEqual(found);
          expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
          for (const f of found) {
            expect(f.id).toMatch(new RegExp(`^${f.category}-[0-9a-f]{12}$`));
            expect(f.title.length).toBeGreaterThan(0);
            expect(f.title).not.toContain('\n');
            expect(f.occurrences.length).toBeGreaterThan(0);
            expect(f.frequency.runs).toBeGreaterThanOrEqual(1);
            expect(f.frequency.runs).toBeLessThanOrEqual(f.frequency.of);
            expect(f.frequency.of).toBe(h.runs.length);
            for (const o of f.occurrences) expect(urls.has(o.url)).toBe(true);
            if (f.category === 'recurring-failure' && !f.systemic) expect(f.frequency.branches).toBe(1);
          }
          for (const w of rule.wantsLogs?.(h, cfg) ?? []) expect(jobIds.has(w.jobId)).toBe(true);
        }
      }),
      runs(300),
    );
    // The histories are rich enough that every rule had something to say.
    expect([...seen].sort()).toEqual(['coverage', 'flaky-test', 'recurring-failure', 'warning']);
  });
});
