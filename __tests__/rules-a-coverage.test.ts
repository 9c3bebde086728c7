import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { digestLogText } from '../src/parse/log-digest.js';
import { coverageRule as rule, spreadOrder } from '../src/rules/coverage.js';
import type { Run } from '../src/types.js';
import { config, digest, history, match, minutes, run, step } from '../test/factory.js';

const MISMATCH = 'coverage delivery: MISMATCH expected 48 .coverage files from sandboxes, received 45';

const testRun = (branch: string, minute: number): Run =>
  run({
    branch,
    created: minutes(minute),
    jobs: [
      { name: 'unit-tests', steps: [step('Set up job'), step('Run tests with coverage', 'success', 2)] },
      { name: 'lint', steps: [step('Set up job'), step('Run eslint', 'success', 2)] },
    ],
  });

describe('coverage rule', () => {
  it('reports MISMATCH lines in log digests per run, quoting the line', () => {
    const runs = [testRun('main', 0), testRun('feat/a', 30), testRun('feat/b', 60)];
    const logs = {
      [runs[0]!.jobs[0]!.id]: digest(runs[0]!.jobs[0]!, [match('coverageMismatch', MISMATCH), match('error', 'x')]),
      [runs[1]!.jobs[0]!.id]: digest(runs[1]!.jobs[0]!, [match('coverageMismatch', MISMATCH.replace('45', '47'))]),
      [runs[2]!.jobs[0]!.id]: digest(runs[2]!.jobs[0]!, [match('error', 'unrelated')]),
    };
    const [f, ...rest] = rule.run(history(runs, { logs }), config());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      category: 'coverage',
      kind: 'infra',
      severity: 'medium',
      title: 'Coverage data dropped in CI / unit-tests',
      subject: { workflow: 'CI', job: 'unit-tests' },
      frequency: { runs: 2, of: 3, branches: 2 },
    });
    expect(f!.detail).toContain(MISMATCH);
    expect(f!.detail).toContain('2 runs of the 3 logs read');
    expect(f!.occurrences.map((o) => o.url)).toEqual([runs[1]!.jobs[0]!.url, runs[0]!.jobs[0]!.url]);
  });

  it('TRAP: no digest, no match, or an ignored line: nothing', () => {
    const r = testRun('main', 0);
    expect(rule.run(history([r]), config())).toEqual([]);
    const logs = { [r.jobs[0]!.id]: digest(r.jobs[0]!, [match('coverageMismatch', MISMATCH)]) };
    expect(
      rule.run(
        history([r], { logs }),
        config((c) => c.ignore.push('expected \\d+ \\.coverage files')),
      ),
    ).toEqual([]);
    expect(rule.run(history([r], { logs }), config())).toHaveLength(1);
  });

  it("TRAP: a mismatch that is not about coverage says nothing, unless the pattern is the user's own", () => {
    const r = testRun('main', 0);
    const snap = match('coverageMismatch', 'Snapshot mismatch: __snapshots__/app.test.ts.snap', {
      section: 'Run npm test',
    });
    const logs = { [r.jobs[0]!.id]: digest(r.jobs[0]!, [snap]) };
    expect(rule.run(history([r], { logs }), config())).toEqual([]);
    const sectionNamesIt = {
      [r.jobs[0]!.id]: digest(r.jobs[0]!, [{ ...snap, line: 'MISMATCH 3', section: 'Run pytest --cov' }]),
    };
    expect(rule.run(history([r], { logs: sectionNamesIt }), config())).toHaveLength(1);
    const own = config((c) => (c.logs.patterns.coverageMismatch = ['Snapshot mismatch']));
    expect(rule.run(history([r], { logs }), own)).toHaveLength(1);
  });

  it('TRAP: a MISMATCH in an earlier attempt that was re-run is not counted', () => {
    const r = run({
      jobs: [
        { name: 'unit-tests', attempt: 1, conclusion: 'failure' },
        { name: 'unit-tests', attempt: 2 },
      ],
    });
    const logs = { [r.jobs[0]!.id]: digest(r.jobs[0]!, [match('coverageMismatch', MISMATCH)]) };
    expect(rule.run(history([r], { logs }), config())).toEqual([]);
  });

  it('wants a few recent logs of test jobs at low, falling priority, the rest only below every rule', () => {
    const runs = [0, 30, 60, 90, 120].map((m) => testRun('main', m));
    const rerun = run({
      created: minutes(200),
      jobs: [
        { name: 'unit-tests', attempt: 1, conclusion: 'failure' },
        { name: 'unit-tests', attempt: 2 },
      ],
    });
    const wants = rule.wantsLogs!(history([...runs, rerun]), config());
    expect(wants.slice(0, 3)).toEqual([
      { jobId: rerun.jobs[1]!.id, reason: 'coverage', priority: 10 },
      { jobId: runs[4]!.jobs[0]!.id, reason: 'coverage', priority: 9 },
      { jobId: runs[3]!.jobs[0]!.id, reason: 'coverage', priority: 8 },
    ]);
    const rest = wants.slice(3);
    expect(rest.map((w) => w.jobId).sort()).toEqual([0, 1, 2].map((i) => runs[i]!.jobs[0]!.id).sort());
    for (const w of rest) expect(w.priority > 0 && w.priority < 1).toBe(true);
    expect(rest.map((w) => w.priority)).toEqual([...rest.map((w) => w.priority)].sort((a, b) => b - a));
    // Never the lint job, never an earlier attempt.
    expect(wants.map((w) => w.jobId)).not.toContain(rerun.jobs[0]!.id);
    expect(wants.map((w) => w.jobId)).not.toContain(runs[0]!.jobs[1]!.id);
  });

  it('starts with the newest job of each branch, then spreads the rest over the window', () => {
    const main = Array.from({ length: 20 }, (_, i) => testRun('main', 100 + i * 10));
    const runs = [...main, testRun('feat/a', 0), testRun('feat/b', 5)];
    const wants = rule.wantsLogs!(history(runs), config());
    expect(wants).toHaveLength(22);
    const branchOf = (id: number) => runs.find((r) => r.jobs.some((j) => j.id === id))!.branch;
    expect(
      wants
        .slice(0, 3)
        .map((w) => branchOf(w.jobId))
        .sort(),
    ).toEqual(['feat/a', 'feat/b', 'main']);
    // The first leftover samples reach back in time instead of taking the next newest.
    const minuteOf = (id: number) => main.findIndex((r) => r.jobs[0]!.id === id);
    const firstLeftovers = wants.slice(3, 5).map((w) => minuteOf(w.jobId));
    expect(Math.min(...firstLeftovers)).toBeLessThan(10);
  });

  it('orders indices so that every prefix is spread out', () => {
    expect(spreadOrder(0)).toEqual([]);
    expect(spreadOrder(1)).toEqual([0]);
    expect(spreadOrder(8)).toEqual([0, 4, 2, 6, 1, 3, 5, 7]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        const o = spreadOrder(n);
        expect([...o].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });
});

describe('coverage rule on the seed repository job log (fixtures/logs/SOURCES.md)', () => {
  const text = readFileSync(new URL('./fixtures/logs/seed-test-offload.txt', import.meta.url), 'utf8');
  const steps: [string, number][] = [
    ['Fetch offload image-cache git notes', 10],
    ['Configure git identity for image-cache note writes', 8],
    ['Run tests via offload', 10],
    ['Combine coverage and check per-package thresholds', 80],
  ];

  it('quotes the diagnostic output, never its script, and names the step as the UI does', () => {
    const runs = [1, 2].map((id) =>
      run({
        id,
        branch: `b${id}`,
        created: 0,
        jobs: [{ id: id * 10, name: 'test-offload', created: 0, queued: 0, steps }],
      }),
    );
    const h = history(runs);
    h.logs['10'] = digestLogText(10, text, config());
    // Run 2 printed the diagnostic without a mismatch: its script (naming MISMATCH) is no finding.
    h.logs['20'] = digestLogText(20, text.replace(/^.* {2}MISMATCH: 3 .*\n/m, ''), config());
    const [f, ...rest] = rule.run(h, config());
    expect(rest).toEqual([]);
    expect(f!.frequency).toMatchObject({ runs: 1, of: 2 });
    expect(f!.detail).toContain(
      '"MISMATCH: 3 sandboxes delivered junit but not .coverage" (in "Combine coverage and check per-package thresholds")',
    );
    expect(f!.detail).not.toMatch(/echo|\$\(\(/);
  });
});
