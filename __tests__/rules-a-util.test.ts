import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { RULES, runRules, wantedLogs } from '../src/rules/index.js';
import { actionRefs, latestJobs, normalizeMessage, occurrences, plural, runForCheckRun } from '../src/rules/util.js';
import { annotation, checkRun, config, history, run } from '../test/factory.js';

describe('normalizeMessage', () => {
  it('masks what changes between runs and keeps what the message is about', () => {
    expect(
      normalizeMessage(
        'Cache saved at 2026-11-20T08:00:01.1234567Z with key node-cache-Linux-9f86d081884c7d65 in 1234 ms',
      ),
    ).toBe('Cache saved at <time> with key node-cache-Linux-<hex> in <n> ms');
    expect(normalizeMessage('wrote /tmp/pytest-of-runner/pytest-0/out.xml')).toBe('wrote <tmp>');
    expect(normalizeMessage('Node.js 16 actions are deprecated: actions/checkout@v3')).toBe(
      'Node.js 16 actions are deprecated: actions/checkout@v3',
    );
    expect(normalizeMessage('id 123e4567-e89b-12d3-a456-426614174000 at src/a.ts:12')).toBe('id <id> at src/a.ts:<n>');
  });

  it('groups different numbers but not different runtimes', () => {
    expect(normalizeMessage('3 deprecated calls')).toBe(normalizeMessage('17 deprecated calls'));
    expect(normalizeMessage('Node.js 16 actions are deprecated')).not.toBe(
      normalizeMessage('Node.js 20 actions are deprecated'),
    );
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const once = normalizeMessage(s);
        expect(normalizeMessage(once)).toBe(once);
      }),
      runs(500),
    );
  });
});

describe('helpers', () => {
  it('finds action refs, not e-mail addresses', () => {
    expect(
      actionRefs(
        'use actions/checkout@v4, docker/build-push-action@v6 and github/codeql-action/init@v3 (49699333+dependabot[bot]@users.noreply.github.com)',
      ),
    ).toEqual(['actions/checkout@v4', 'docker/build-push-action@v6', 'github/codeql-action/init@v3']);
  });

  it('judges a run by its latest attempt', () => {
    const r = run({
      jobs: [
        { name: 'a', attempt: 1, conclusion: 'failure' },
        { name: 'a', attempt: 2 },
        { name: 'b', attempt: 2 },
      ],
    });
    expect(latestJobs(r).map((j) => [j.name, j.runAttempt])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    // "Re-run failed jobs": attempt 2 holds only the re-run job; the others ended in attempt 1.
    const partial = run({
      jobs: [
        { name: 'a', attempt: 1, conclusion: 'failure' },
        { name: 'lint', attempt: 1 },
        { name: 'a', attempt: 2 },
      ],
    });
    expect(latestJobs(partial).map((j) => [j.name, j.runAttempt])).toEqual([
      ['lint', 1],
      ['a', 2],
    ]);
  });

  it('maps a check run to no run when its commit was not sampled', () => {
    const r = run();
    expect(runForCheckRun(history([r]), { ...checkRun(r), headSha: 'f'.repeat(40) })).toBeNull();
    expect(runForCheckRun(history([r]), checkRun(r))!.id).toBe(r.id);
  });

  it('keeps one occurrence per run, newest first', () => {
    const o = (runId: number, at: string) => ({ runId, url: 'u', branch: 'main', at });
    expect(occurrences([o(1, '2026-01-01'), o(2, '2026-01-03'), o(1, '2026-01-02')]).map((x) => x.runId)).toEqual([
      2, 1,
    ]);
    expect(plural(1, 'branch')).toBe('1 branch');
    expect(plural(2, 'branch')).toBe('2 branches');
    expect(plural(2, 'run')).toBe('2 runs');
  });
});

describe('registry', () => {
  it('registers the rules-A rules under their config section names', () => {
    expect(RULES.map((r) => r.name)).toEqual(
      expect.arrayContaining(['warnings', 'flaky', 'recurringFailures', 'coverage']),
    );
  });

  it('runs them together on one history', () => {
    const r = run({ jobs: [{ annotations: [annotation('warning', "Unexpected input(s) 'node-versions'")] }] });
    const findings = runRules(
      history([r], { checkRuns: [checkRun(r)] }),
      config(),
      RULES.filter((x) => ['warnings', 'flaky', 'recurringFailures', 'coverage'].includes(x.name)),
    );
    expect(findings.map((f) => f.category).sort()).toEqual(['flaky-test', 'flaky-test', 'warning']);
    const wants = wantedLogs(
      history([r]),
      config(),
      RULES.filter((x) => x.name === 'coverage'),
    );
    expect(wants).toEqual([{ jobId: r.jobs[0]!.id, reason: 'coverage', priority: 10 }]);
  });
});
