import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { slowRule } from '../src/rules/slow.js';
import { findingId } from '../src/findings.js';
import { at, digest, history, match, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);

const CHECKOUT = 'Run actions/checkout@v4';

function slowRun(id: number, checkout = 900, tests = 480, branch = 'main') {
  return run({
    id,
    branch,
    jobs: [
      {
        id: id * 10,
        steps: [
          ['Set up job', 5],
          [CHECKOUT, checkout],
          ['Run make test', tests],
        ],
      },
    ],
  });
}

describe('slow: jobs slow for their value', () => {
  const runs = [1, 2, 3].map((i) => slowRun(i));
  const h = history(runs);
  // The checkout step of run 3 started at created + 5s queue + 5s set-up.
  h.logs['30'] = digest(30, {
    matches: [match('fullHistoryFetch', '  fetch-depth: 0', { section: CHECKOUT, at: at(3 * 3600 + 11) })],
  });

  it('names the step that made it slow and why, with a per-step chart', () => {
    const [f, ...rest] = slowRule.run(h, config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      category: 'slow',
      kind: 'hygiene',
      severity: 'medium',
      subject: { workflow: 'CI', job: 'test', step: CHECKOUT, action: 'actions/checkout@v4' },
      frequency: { runs: 3, of: 3, branches: 1 },
    });
    expect(f!.title).toBe(`CI / test takes 23m 5s, 65% in "${CHECKOUT}"`);
    expect(f!.detail).toContain('fetch-depth: 0');
    expect(f!.detail).toContain('every branch');
    expect(f!.matchTerms).toContain('fetch-depth: 0');
    expect(f!.chart).toEqual({
      title: 'Step breakdown of test',
      unit: 's',
      bars: [
        { label: 'Set up job', value: 5 },
        { label: CHECKOUT, value: 900 },
        { label: 'Run make test', value: 480 },
      ],
    });
    expect(f!.occurrences[0]).toMatchObject({ runId: 3, url: 'https://github.com/acme/widgets/actions/runs/3/job/30' });
  });

  it('without a log says the step but not a cause, and stays low', () => {
    const [f] = slowRule.run(history(runs), config);
    expect(f).toMatchObject({ kind: 'infra', severity: 'low', subject: { step: CHECKOUT } });
    expect(f!.detail).toContain('The log does not say why');
  });

  it('says nothing about a job under the limit', () => {
    expect(slowRule.run(history([1, 2, 3].map((i) => slowRun(i, 60, 500))), config)).toEqual([]);
  });

  it('asks for the logs of the latest two runs of a slow job', () => {
    expect(slowRule.wantsLogs!(history(runs), config)).toEqual([
      { jobId: 20, reason: 'slow', priority: 60 },
      { jobId: 30, reason: 'slow', priority: 60 },
    ]);
  });
});

describe('slow: critical path', () => {
  it('flags the job that ends last in long runs even under the job limit', () => {
    const runs = [1, 2].map((id) =>
      run({
        id,
        jobs: [
          { id: id * 10, name: 'build', steps: [['Run make', 300]] },
          { id: id * 10 + 1, name: 'e2e', created: 310, steps: [['Run e2e', 1080]] },
        ],
      }),
    );
    const found = slowRule.run(history(runs), config);
    expect(found.map((f) => f.subject.job)).toEqual(['e2e']);
    expect(found[0]!.subject.step).toBe('Run e2e');
  });
});

describe('slow: single tests', () => {
  it('flags a test that dominates its job, not the short ones', () => {
    const h = history([slowRun(1, 30, 600)]);
    h.logs['10'] = digest(10, {
      testDurations: [
        { test: 'tests/test_api.py::test_full_sync', seconds: 300, runner: 'pytest' },
        { test: 'tests/test_api.py::test_small', seconds: 20, runner: 'pytest' },
      ],
    });
    const found = slowRule.run(h, config);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      subject: { workflow: 'CI', job: 'test', test: 'tests/test_api.py::test_full_sync' },
      severity: 'medium',
      frequency: { runs: 1, of: 1, branches: 1 },
    });
    expect(found[0]!.matchTerms).toEqual(['tests/test_api.py::test_full_sync', 'test_full_sync']);
  });
});

describe('slow: regressions', () => {
  it('TRAP: cross-branch duration differences are test-phase variance, not a regression', () => {
    const runs = [
      ...[1, 2, 3, 4].map((i) => slowRun(i, 30, 300, 'feature-a')),
      ...[5, 6, 7, 8].map((i) => slowRun(i, 30, 900, 'feature-b')),
    ];
    expect(slowRule.run(history(runs), config)).toEqual([]);
  });

  it('flags the same branch slowing across its runs, naming the step that grew', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((i) => slowRun(i, 30, i <= 3 ? 300 : 700));
    const found = slowRule.run(history(runs), config);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'regression',
      subject: { workflow: 'CI', job: 'test', step: 'Run make test' },
    });
    expect(found[0]!.title).toBe('CI / test slowed on main from 5m 35s to 12m 15s');
    expect(found[0]!.detail).toContain('On branch main');
    expect(found[0]!.detail).toContain('"Run make test" (+6m 40s)');
    expect(found[0]!.frequency.runs).toBe(3);
  });

  it('flags a setup step that grew, whatever the branch', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((i) =>
      run({
        id: i,
        branch: `b${i}`,
        jobs: [
          {
            id: i * 10,
            steps: [
              ['Restore cache', i <= 3 ? 20 : 200],
              ['Run make test', 400 + i * 50],
            ],
          },
        ],
      }),
    );
    const found = slowRule.run(history(runs), config);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'regression', subject: { step: 'Restore cache' } });
    expect(found[0]!.detail).toContain('20s in the earlier 3 runs and 3m 20s in the later 3');
  });

  it('needs three runs on each side before calling a branch slower', () => {
    const runs = [1, 2, 3, 4].map((i) => slowRun(i, 30, i <= 2 ? 300 : 700));
    expect(slowRule.run(history(runs), config)).toEqual([]);
  });
});

describe('slow: a test as the cause of a slow step', () => {
  it('names the slowest test when it is most of the dominant step', () => {
    const runs = [1, 2, 3].map((i) => slowRun(i, 30, 1500));
    const h = history(runs);
    h.logs['30'] = digest(30, {
      testDurations: [{ test: 'tests/test_e2e.py::test_deploy', seconds: 900, runner: 'pytest' }],
    });
    const slowJob = slowRule.run(h, config).find((f) => !f.subject.test)!;
    expect(slowJob).toMatchObject({ kind: 'infra', severity: 'medium', subject: { step: 'Run make test' } });
    expect(slowJob.detail).toContain('its slowest test, tests/test_e2e.py::test_deploy, takes 15m 0s of it (60%)');
    expect(slowJob.matchTerms).toContain('tests/test_e2e.py::test_deploy');
  });
});

describe('slow: regressions from image rebuilds', () => {
  it('names the rebuild as the cause (infra, not a code regression), pointing at the image-rebuild finding', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((i) => slowRun(i, 30, i <= 3 ? 300 : 700));
    const h = history(runs);
    for (const i of [4, 5, 6]) {
      h.logs[String(i * 10)] = digest(i * 10, {
        matches: [match('cacheMiss', 'cache miss: building base image', { section: 'Run make test' })],
      });
    }
    const [f, ...rest] = slowRule.run(h, config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'infra',
      subject: { step: 'Run make test' },
      causedBy: findingId('image-rebuild', '.github/workflows/ci.yml', runs[0]!.jobs[0]!.name),
    });
    expect(f!.detail).toContain('Its logs show the image rebuilt in that step (`cache miss: building base image`).');
    expect(f!.detail).not.toMatch(/regression/);
  });

  it('keeps a slowdown without a rebuild a regression, with no cause to point at', () => {
    const runs = [1, 2, 3, 4, 5, 6].map((i) => slowRun(i, 30, i <= 3 ? 300 : 700));
    const [f] = slowRule.run(history(runs), config);
    expect(f).toMatchObject({ kind: 'regression', subject: { step: 'Run make test' } });
    expect(f!.causedBy).toBeUndefined();
  });
});

describe('slow: logs for dominant tests', () => {
  it('asks for one passing log of a job long enough to hide a dominant test, at low priority', () => {
    const runs = [1, 2, 3].map((i) => slowRun(i, 30, 300));
    runs[2]!.jobs[0]!.conclusion = 'failure';
    expect(slowRule.wantsLogs!(history(runs), config)).toEqual([{ jobId: 20, reason: 'slow-tests', priority: 20 }]);
    const short = [1, 2, 3].map((i) => slowRun(i, 30, 100));
    expect(slowRule.wantsLogs!(history(short), config)).toEqual([]);
  });
});
