import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { otherRule } from '../src/rules/other.js';
import type { Annotation, History } from '../src/types.js';
import { digest, history, match, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);

const annotation = (message: string): Annotation => ({
  path: '.github',
  startLine: null,
  level: 'failure',
  title: null,
  message,
});

const categories = (h: History, c = config) => otherRule.run(h, c).map((f) => f.title);

describe('other: queue times', () => {
  it('flags a job that waits long for a runner', () => {
    const runs = [1, 2, 3].map((id) =>
      run({ id, jobs: [{ id: id * 10, queued: 1500, labels: ['self-hosted', 'gpu'] }] }),
    );
    const [f, ...rest] = otherRule.run(history(runs), config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'infra', severity: 'medium', subject: { workflow: 'CI', job: 'test' } });
    expect(f!.title).toBe('CI / test waits 25m 0s for a runner (median)');
    expect(f!.detail).toContain('[self-hosted, gpu]');
    expect(f!.frequency).toEqual({ runs: 3, of: 3, branches: 1 });
    expect(f!.matchTerms).toEqual(['self-hosted', 'gpu', 'test']);
  });

  it('names the runner labels from any run that has them, and words it plainly when none does', () => {
    const mixed = [1, 2, 3].map((id) =>
      run({ id, jobs: [{ id: id * 10, queued: 1500, labels: id === 2 ? ['self-hosted', 'gpu'] : [] }] }),
    );
    expect(otherRule.run(history(mixed), config)[0]!.detail).toContain('No runner with labels [self-hosted, gpu]');
    const none = [1, 2, 3].map((id) => run({ id, jobs: [{ id: id * 10, queued: 1500, labels: [] }] }));
    const f = otherRule.run(history(none), config)[0]!;
    expect(f.detail).toContain('No runner for its `runs-on` labels was free');
    expect(f.detail).not.toContain('[]');
  });

  it('TRAP: a job waiting on `needs:` is not waiting for a runner', () => {
    const runs = [1, 2, 3].map((id) =>
      run({
        id,
        jobs: [
          { id: id * 10, name: 'build', steps: [['Run make', 1800]] },
          // Created with the run, started 10s after build finished.
          { id: id * 10 + 1, name: 'deploy', queued: 1815 },
        ],
      }),
    );
    expect(otherRule.run(history(runs), config)).toEqual([]);
  });
});

describe('other: timeouts and lost runners', () => {
  it('flags a job stopped by its timeout, naming the step that was cut', () => {
    const r = run({
      id: 1,
      conclusion: 'failure',
      jobs: [
        {
          id: 10,
          steps: [
            ['Set up job', 2],
            ['Run pytest', 1800],
          ],
          conclusion: 'cancelled',
        },
      ],
    });
    const j = r.jobs[0]!;
    j.steps[1]!.conclusion = 'cancelled';
    j.annotations = [
      annotation('The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 30 minutes.'),
    ];
    const [f] = otherRule.run(history([r]), config);
    expect(f).toMatchObject({ severity: 'low', kind: 'infra', subject: { job: 'test', step: 'Run pytest' } });
    expect(f!.title).toBe('CI / test hit its timeout in 1 run');
    expect(f!.detail).toContain('exceeded the maximum execution time of 30 minutes');
  });

  it('counts timed_out conclusions and log matches too', () => {
    const a = run({ id: 1, jobs: [{ id: 10, conclusion: 'timed_out' }] });
    const b = run({ id: 2, jobs: [{ id: 20, conclusion: 'failure' }] });
    const h = history([a, b]);
    h.logs['20'] = digest(20, {
      matches: [
        match('timeout', "The action 'Run make test' has timed out after 10 minutes.", { section: 'Run make test' }),
      ],
    });
    const [f] = otherRule.run(h, config);
    expect(f).toMatchObject({ severity: 'medium', frequency: { runs: 2, of: 2, branches: 1 } });
  });

  it('TRAP: a test printing "has timed out" is not a job timeout', () => {
    const h = history([run({ id: 1, jobs: [{ id: 10, conclusion: 'failure' }] })]);
    h.logs['10'] = digest(10, { matches: [match('timeout', 'E   requests: connection has timed out')] });
    expect(otherRule.run(h, config)).toEqual([]);
  });

  it('flags lost runners from annotations and logs', () => {
    const a = run({ id: 1, conclusion: 'failure', jobs: [{ id: 10, conclusion: 'failure' }] });
    a.jobs[0]!.annotations = [
      annotation('The runner has received a shutdown signal. This can happen when the runner service is stopped.'),
    ];
    const b = run({ id: 2, conclusion: 'failure', jobs: [{ id: 20, conclusion: 'failure' }] });
    const h = history([a, b]);
    h.logs['20'] = digest(20, { matches: [match('runnerLost', 'The hosted runner encountered an error')] });
    const [f, ...rest] = otherRule.run(h, config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'medium', kind: 'infra', frequency: { runs: 2, of: 2, branches: 1 } });
    expect(f!.title).toBe('CI / test lost its runner in 2 runs');
    expect(f!.detail).toContain('GitHub Actions 12');
  });
});

describe('other: run endings', () => {
  it('flags startup failures, even a single one', () => {
    const runs = [1, 2].map((id) => run({ id, branch: 'ci/matrix', conclusion: 'startup_failure', jobs: [] }));
    expect(categories(history(runs))).toEqual(['CI failed to start in 2 runs']);
    const [one] = otherRule.run(history(runs.slice(0, 1)), config);
    expect(one).toMatchObject({ severity: 'low', kind: 'hygiene', subject: { workflow: 'CI' } });
    expect(one!.detail).toContain('ended in startup_failure, latest on ci/matrix');
    expect(one!.occurrences[0]!.url).toBe('https://github.com/acme/widgets/actions/runs/1');
  });

  it('TRAP: cancellations superseded by a newer run of the branch are concurrency at work', () => {
    const runs = [
      run({ id: 1, branch: 'a', conclusion: 'cancelled' }),
      run({ id: 2, branch: 'a' }),
      run({ id: 3, branch: 'b', conclusion: 'cancelled' }),
      run({ id: 4, branch: 'b' }),
    ];
    expect(otherRule.run(history(runs), config)).toEqual([]);
  });

  it('flags cancellations no newer run explains', () => {
    const runs = [
      run({ id: 1, branch: 'a', conclusion: 'cancelled' }),
      run({ id: 2, branch: 'b' }),
      run({ id: 3, branch: 'b', conclusion: 'cancelled' }),
    ];
    const [f] = otherRule.run(history(runs), config);
    expect(f).toMatchObject({ severity: 'low', frequency: { runs: 2, of: 3, branches: 2 } });
    expect(f!.occurrences.map((o) => o.url)).toEqual([
      'https://github.com/acme/widgets/actions/runs/3',
      'https://github.com/acme/widgets/actions/runs/1',
    ]);
  });
});

describe('other: audit blind spots', () => {
  const release = { id: 2, name: 'Release tests', path: '.github/workflows/release.yml', state: 'active' };
  const base = () =>
    history([run({ id: 1 })], {
      workflows: [
        { id: 1, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' },
        release,
        { id: 3, name: 'Old', path: '.github/workflows/old.yml', state: 'disabled_manually' },
        { id: 4, name: 'CodeQL', path: 'dynamic/github-code-scanning/codeql', state: 'active' },
      ],
    });

  it('flags an active workflow with no run in the sample and says how to include it', () => {
    const [f, ...rest] = otherRule.run(base(), config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'hygiene',
      severity: 'low',
      subject: { workflow: 'Release tests' },
      frequency: { runs: 0, of: 1, branches: 0 },
      occurrences: [],
    });
    expect(f!.title).toBe('The audit did not see Release tests (release.yml): no run in the sample');
    expect(f!.detail).toMatch(/`workflows` input.*`branches`.*`window`/);
  });

  it('TRAP: a workflow listed in expectedUnsampled is not a blind spot', () => {
    for (const name of ['release.yml', 'Release tests', '.github/workflows/release.yml']) {
      const c = { ...config, other: { ...config.other, expectedUnsampled: [name] } };
      expect(otherRule.run(base(), c)).toEqual([]);
    }
  });

  it('respects a sample filtered on purpose', () => {
    expect(otherRule.run({ ...base(), filters: { workflows: ['ci.yml'], branches: [] } }, config)).toEqual([]);
    expect(otherRule.run({ ...base(), filters: { workflows: [], branches: ['main'] } }, config)).toEqual([]);
  });
});

describe('other: queue time of a job created when its needs were met', () => {
  it('counts from its creation even when unrelated jobs finish while it waits', () => {
    const runs = [1, 2, 3].map((id) =>
      run({
        id,
        jobs: [
          { id: id * 10, name: 'build', steps: [['Run make', 300]] },
          { id: id * 10 + 1, name: 'lint', steps: [['Run lint', 900]] },
          // Created when build finished, started 20 minutes later; lint finished meanwhile.
          { id: id * 10 + 2, name: 'acceptance', created: 310, queued: 1200, labels: ['self-hosted', 'modal'] },
        ],
      }),
    );
    const found = otherRule.run(history(runs), config);
    expect(found.map((f) => f.title)).toEqual(['CI / acceptance waits 20m 0s for a runner (median)']);
  });
});

describe('other: logs it asks for', () => {
  it('wants jobs that failed with no failed step, or timed out', () => {
    const a = run({ id: 1, jobs: [{ id: 10, conclusion: 'failure', steps: [['Run make test', 60]] }] });
    const b = run({ id: 2, jobs: [{ id: 20, conclusion: 'failure' }] });
    b.jobs[0]!.steps[0]!.conclusion = 'failure';
    const c = run({ id: 3, jobs: [{ id: 30, conclusion: 'timed_out' }, { id: 31 }] });
    expect(otherRule.wantsLogs!(history([a, b, c]), config)).toEqual([
      { jobId: 30, reason: 'other', priority: 45 },
      { jobId: 10, reason: 'other', priority: 45 },
    ]);
  });
});
