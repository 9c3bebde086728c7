import type { Config } from '../src/config.js';
import { warningsRule } from '../src/rules/warnings.js';
import { annotation, checkRun, config, history, minutes, run } from '../test/factory.js';

// The message GitHub attaches to jobs using Node 20 actions (annotation path `.github`).
const node20 = (actions: string): string =>
  `Node.js 20 actions are deprecated. The following actions are running on Node.js 20 and may not work as expected: ${actions}. ` +
  'Actions will be forced to run with Node.js 24 by default starting June 2nd, 2026. Please check if updated versions of these ' +
  'actions are available that support Node.js 24. For more information see: https://github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners/';

const noArtifacts = (path: string): string =>
  `No files were found with the provided path: ${path}. No artifacts will be uploaded.`;

describe('warnings rule', () => {
  it('groups a deprecation across runs and jobs, one finding per named action, also on passing runs', () => {
    const runs = [
      run({
        branch: 'main',
        created: minutes(0),
        jobs: [
          { name: 'test', annotations: [annotation('warning', node20('actions/checkout@v4, actions/setup-node@v4'))] },
        ],
      }),
      run({
        branch: 'feat/a',
        created: minutes(30),
        jobs: [{ name: 'lint', annotations: [annotation('warning', node20('actions/checkout@v4'))] }],
      }),
      run({
        branch: 'feat/b',
        created: minutes(60),
        jobs: [
          { name: 'test', annotations: [annotation('warning', node20('actions/checkout@v4, actions/setup-node@v4'))] },
        ],
      }),
      run({ branch: 'main', created: minutes(90), jobs: [{ name: 'test' }] }),
    ];
    const h = history(runs);
    const found = warningsRule.run(h, config());
    expect(found.map((f) => f.subject.action).sort()).toEqual(['actions/checkout@v4', 'actions/setup-node@v4']);
    const checkout = found.find((f) => f.subject.action === 'actions/checkout@v4')!;
    expect(checkout).toMatchObject({
      category: 'warning',
      kind: 'hygiene',
      severity: 'medium',
      frequency: { runs: 3, of: 4, branches: 3 },
      subject: { workflow: 'CI', action: 'actions/checkout@v4' },
    });
    expect(checkout.subject.job).toBeUndefined(); // two jobs: not one job's problem
    expect(checkout.title).toContain('actions/checkout@v4');
    expect(checkout.detail).toContain('CI / test (2)');
    expect(checkout.occurrences.map((o) => o.runId)).toEqual([runs[2]!.id, runs[1]!.id, runs[0]!.id]);
    expect(checkout.occurrences[0]!.url).toBe(runs[2]!.jobs[0]!.url);
    expect(checkout.matchTerms).toContain('actions/checkout@v4');
    const setupNode = found.find((f) => f.subject.action === 'actions/setup-node@v4')!;
    expect(setupNode.frequency.runs).toBe(2);
    expect(setupNode.subject.job).toBe('test');
    // Stable id: the same anomaly in another audit gets the same id.
    expect(warningsRule.run(history(runs.slice(0, 2)), config()).map((f) => f.id)).toContain(checkout.id);
  });

  it('masks temp paths and numbers so the same warning groups', () => {
    const h = history([
      run({
        branch: 'main',
        jobs: [{ annotations: [annotation('warning', noArtifacts('/tmp/tmp.Xy12ab/coverage-1732.xml'))] }],
      }),
      run({
        branch: 'feat/x',
        created: minutes(20),
        jobs: [{ annotations: [annotation('warning', noArtifacts('/tmp/tmp.Qq99zz/coverage-88.xml'))] }],
      }),
    ]);
    const found = warningsRule.run(h, config());
    expect(found).toHaveLength(1);
    expect(found[0]!.frequency).toEqual({ runs: 2, of: 2, branches: 2 });
    expect(found[0]!.detail).toContain('No files were found with the provided path');
    expect(found[0]!.subject.action).toBeUndefined();
  });

  it('names the file a warning points at', () => {
    const h = history([
      run({
        jobs: [
          {
            annotations: [
              annotation('warning', 'Unexpected any. Specify a different type.', { path: 'src/api.ts', startLine: 41 }),
            ],
          },
        ],
      }),
    ]);
    const [f] = warningsRule.run(h, config());
    expect(f!.detail).toContain('src/api.ts:41');
    expect(f!.matchTerms).toContain('src/api.ts');
    expect(f!.severity).toBe('low');
  });

  it('TRAP: a warning below warnings.minRuns is not reported', () => {
    const h = history([
      run({ jobs: [{ annotations: [annotation('warning', noArtifacts('/tmp/a.xml'))] }] }),
      run({ created: minutes(20) }),
    ]);
    expect(
      warningsRule.run(
        h,
        config((c) => (c.warnings.minRuns = 2)),
      ),
    ).toEqual([]);
    expect(warningsRule.run(h, config())).toHaveLength(1);
  });

  it('TRAP: ignored lines (global ignore and warnings.ignore) are not reported', () => {
    const h = history([
      run({
        jobs: [
          {
            annotations: [
              annotation('warning', 'building from mngr default Dockerfile'),
              annotation('warning', noArtifacts('/tmp/a.xml')),
            ],
          },
        ],
      }),
    ]);
    // The global list as the seed repository's rules file sets it (the defaults name no repository's lines).
    const seed = (c: Config): void => {
      c.ignore.push('building from mngr default Dockerfile', 'Installing at runtime');
    };
    expect(warningsRule.run(h, config(seed))).toHaveLength(1);
    expect(
      warningsRule.run(
        h,
        config((c) => {
          seed(c);
          c.warnings.ignore.push('no files were found');
        }),
      ),
    ).toEqual([]);
  });

  it('TRAP: failure and notice annotations, and earlier attempts, are not warnings', () => {
    const h = history([
      run({
        jobs: [
          {
            attempt: 1,
            conclusion: 'failure',
            annotations: [annotation('warning', 'Retrying after a transient error 3')],
          },
          {
            attempt: 2,
            annotations: [
              annotation('failure', 'Process completed with exit code 1.'),
              annotation('notice', 'Cache restored'),
            ],
          },
        ],
      }),
    ]);
    expect(warningsRule.run(h, config())).toEqual([]);
  });

  it('reads warnings on non-job check runs and links the check run', () => {
    const r = run({ branch: 'feat/y' });
    const cr = checkRun(r, {
      name: 'Acceptance Tests',
      annotations: [
        annotation('warning', 'PytestUnraisableExceptionWarning in test_hosts', {
          path: 'apps/api/tests/test_hosts.py',
          startLine: 12,
        }),
      ],
    });
    const [f] = warningsRule.run(history([r], { checkRuns: [cr] }), config());
    expect(f!.occurrences).toEqual([
      { runId: r.id, url: cr.url, branch: 'feat/y', at: cr.completedAt, note: 'Acceptance Tests' },
    ]);
    expect(f!.subject).toEqual({ workflow: 'CI', job: 'Acceptance Tests' });
  });

  it('folds a job with many distinct code warnings into one backlog finding', () => {
    const lint = [
      'Unexpected any. Specify a different type.',
      "'x' is assigned a value but never used.",
      'Missing return type on function.',
      'Unexpected console statement.',
      'Prefer const over let.',
      'Unsafe member access .data on an `any` value.',
    ].map((m, i) => annotation('warning', m, { path: `src/mod${i}.ts`, startLine: 10 + i }));
    const h = history([
      run({
        jobs: [
          { name: 'lint', annotations: lint },
          {
            name: 'test',
            annotations: [
              annotation('warning', 'PytestCollectionWarning: cannot collect class', {
                path: 'tests/a.py',
                startLine: 3,
              }),
            ],
          },
        ],
      }),
      run({ created: minutes(20), jobs: [{ name: 'lint', annotations: lint.slice(0, 3) }] }),
    ]);
    const found = warningsRule.run(h, config());
    const backlog = found.find((f) => f.subject.job === 'lint')!;
    expect(backlog.title).toBe('6 distinct code warnings in CI / lint');
    expect(backlog.frequency).toEqual({ runs: 2, of: 2, branches: 1 });
    expect(backlog.detail).toContain('pointing at 6 files');
    expect(backlog.detail).toContain('"Unexpected any." (2)');
    // A warning of another job stays a finding of its own.
    expect(found.filter((f) => f.subject.job === 'test')).toHaveLength(1);
    expect(found).toHaveLength(2);
  });
});
