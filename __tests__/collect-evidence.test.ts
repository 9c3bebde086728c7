import { evidenceIn, evidenceRequests, kindOf, learnEvidence } from '../src/collect/evidence.js';
import {
  autoMaxLogs,
  NIGHT_SHARE_MAX,
  nightShare,
  COLD_PER_RUN,
  COLD_SHARE,
  EVIDENCE_PRIORITY,
  NIGHT_OVERHEAD,
  NIGHT_PUBLISH,
  NIGHT_SHARE,
} from '../src/collect/log-policy.js';
import { digest, history, match, run } from '../test/factory.js';

// The seed repository's coverage step (imbue-ai/mngr at f86dc71ad3ed, .github/workflows/ci.yml):
// named "Combine coverage and check per-package thresholds", its script starts `set -u`, so the
// runner's section is `##[group]Run set -u`: the step's name says coverage, its section does not.
const COVERAGE_STEP = 'Combine coverage and check per-package thresholds';
// The runner's section of a `uses:` step is "Run <action>@<ref>": Codecov's upload names coverage.
const COVERAGE_SECTION = 'Run codecov/codecov-action@v4';
// The seed's docker test step (same ci.yml, line 461): pytest with `--no-cov --cov-fail-under=0`
// prints no coverage diagnostic; a `--cov` flag is not a sign that a job's logs carry one.
const PYTEST_NO_COV =
  "Run PYTEST_MAX_DURATION_SECONDS=600 uv run pytest -n 0 --timeout 300 --no-cov --cov-fail-under=0 -v --tb=short -m '(docker or docker_sdk) and not release and not minds_snapshot_resume'";
const section = (name: string) => ({ name, startedAt: null, endedAt: null, lines: 10 });

describe('evidenceIn', () => {
  it('sees a coverage diagnostic by its section, and a rebuild by its match', () => {
    expect(evidenceIn(digest(1, { sections: [section(COVERAGE_SECTION)] }))).toEqual(['coverage']);
    expect(evidenceIn(digest(2, { matches: [match('cacheMiss', 'cache miss: no note for 6335c1be')] }))).toEqual([
      'image-rebuild',
    ]);
  });
  it("sees the seed repository's coverage step by its name when its section does not say", () => {
    const d = digest(5, { sections: [section('Run set -u')] });
    expect(evidenceIn(d)).toEqual([]);
    expect(evidenceIn(d, { steps: [{ name: COVERAGE_STEP } as never] })).toEqual(['coverage']);
  });
  it('sees no coverage diagnostic in a test command that only passes pytest-cov flags', () => {
    expect(evidenceIn(digest(6, { sections: [section(PYTEST_NO_COV)] }))).toEqual([]);
    expect(evidenceIn(digest(7, { sections: [section('Run pytest -n 4 --durations=10 --cov')] }))).toEqual([]);
  });
  it('sees nothing in a lint job or a plain test job', () => {
    expect(evidenceIn(digest(3, { sections: [section('Run npx eslint .'), section('Run npm test')] }))).toEqual([]);
    expect(evidenceIn(digest(4, { matches: [match('warning', 'deprecated')] }))).toEqual([]);
  });
});

describe('learnEvidence and evidenceRequests', () => {
  const runs = [1, 2, 3, 4].map((id) =>
    run({
      id,
      jobs: [
        { id: id * 10, name: 'test' },
        { id: id * 10 + 1, name: 'lint' },
      ],
    }),
  );
  it('asks, newest first, for every unread log of a kind of job whose logs showed evidence, and for no other', () => {
    const h = history(runs, {
      logs: { '10': digest(10, { sections: [section(COVERAGE_SECTION)] }), '11': digest(11) },
    });
    const known = new Map<string, Set<string>>();
    expect(learnEvidence(h, known)).toBe(1);
    expect([...known.keys()]).toEqual([kindOf(runs[0]!, { name: 'test' })]);
    const asked = evidenceRequests(h, known);
    expect(asked.map((r) => r.jobId)).toEqual([40, 30, 20]);
    for (const r of asked) expect(r.priority).toBeGreaterThanOrEqual(EVIDENCE_PRIORITY);
    // Learning twice adds nothing; a nightly audit with a fixed max-logs asks for the new runs only.
    expect(learnEvidence(h, known)).toBe(0);
    expect(evidenceRequests(h, known, new Set([4])).map((r) => r.jobId)).toEqual([40]);
  });
  it('asks for nothing before any log has shown evidence', () => {
    expect(evidenceRequests(history(runs), new Map())).toEqual([]);
  });
});

describe('autoMaxLogs', () => {
  it('gives a cold audit a share of the hourly limit, at most COLD_PER_RUN logs per run', () => {
    expect(autoMaxLogs({ warm: false, runs: 60, hourly: 1000, reserve: 25 }).logs).toBe(60 * COLD_PER_RUN);
    expect(autoMaxLogs({ warm: false, runs: 1000, hourly: 1000, reserve: 25 }).logs).toBe(1000 * COLD_SHARE);
    // A personal token's larger limit allows more, still per run.
    expect(autoMaxLogs({ warm: false, runs: 1000, hourly: 5000, reserve: 25 }).logs).toBe(1000);
  });
  it('gives a nightly audit its share of the hour less its fixed cost', () => {
    expect(autoMaxLogs({ warm: true, runs: 700, hourly: 1000, reserve: 25 }).logs).toBe(
      1000 * NIGHT_SHARE - NIGHT_OVERHEAD,
    );
  });
  it('takes what a nightly audit spent before its logs, REST and GraphQL, off its share', () => {
    // A 1,000-run window: 10 list pages, 4 lookups, 26 GraphQL points before the logs.
    const night = autoMaxLogs({ warm: true, runs: 1000, hourly: 1000, reserve: 25, spent: 40 });
    expect(night.logs).toBe(1000 * NIGHT_SHARE - 40 - NIGHT_PUBLISH);
    expect(night.why).toContain(`less ${40 + NIGHT_PUBLISH}`);
    // What was spent plus the logs plus publishing stays within the night's share.
    expect(40 + night.logs + NIGHT_PUBLISH).toBeLessThanOrEqual(1000 * NIGHT_SHARE);
    // A cold audit's allowance does not depend on it.
    const cold = (spent?: number) => autoMaxLogs({ warm: false, runs: 1000, hourly: 1000, reserve: 25, spent }).logs;
    expect(cold(40)).toBe(cold());
  });
  it("lets a busy repository's night spend up to a quarter of the hour, and a quiet one its 10%", () => {
    const night = (newRuns: number, spent: number) =>
      autoMaxLogs({ warm: true, runs: 14000, hourly: 1000, reserve: 25, spent, newRuns });
    // 181 new runs (a 1,000-run window's night) or 800: the night's 10%, as before.
    expect(night(181, 40).logs).toBe(1000 * NIGHT_SHARE - 40 - NIGHT_PUBLISH);
    expect(night(800, 40).logs).toBe(1000 * NIGHT_SHARE - 40 - NIGHT_PUBLISH);
    expect(night(181, 40).why).not.toContain('new runs');
    // 2,000 new runs whose details took 223 units: 25% leaves 23 logs, where 10% left one.
    const busy = night(2000, 223);
    expect(busy.logs).toBe(1000 * NIGHT_SHARE_MAX - 223 - NIGHT_PUBLISH);
    expect(busy.why).toContain('25% of 1000 an hour, nightly (2000 new runs)');
    expect(223 + busy.logs + NIGHT_PUBLISH).toBeLessThanOrEqual(1000 * NIGHT_SHARE_MAX);
    // Never past the quarter, however many runs are new; in between, in proportion.
    expect(night(50000, 223).logs).toBe(busy.logs);
    expect(nightShare(1200)).toBeCloseTo(0.15);
  });
  it('never plans beyond what the rate limit has left over the reserve', () => {
    expect(autoMaxLogs({ warm: false, runs: 100, hourly: 1000, remaining: 60, reserve: 25 }).logs).toBe(35);
    expect(autoMaxLogs({ warm: true, runs: 100, hourly: 1000, remaining: 10, reserve: 25 }).logs).toBe(0);
  });
  it('assumes GITHUB_TOKEN limits when no answer said', () => {
    expect(autoMaxLogs({ warm: false, runs: 500, reserve: 25 }).logs).toBe(200);
  });
});

describe('evidenceRequests for image builds', () => {
  it('asks for the newest IMAGE_SAMPLE logs of a kind known only for rebuilds, below the logs that explain a run', () => {
    const runs = Array.from({ length: 10 }, (_, k) =>
      run({ id: k + 1, jobs: [{ id: (k + 1) * 10, name: 'build-image' }] }),
    );
    const h = history(runs, {
      logs: { '100': digest(100, { matches: [match('cacheMiss', 'cache miss: no note for 6335c1be')] }) },
    });
    const known = new Map<string, Set<string>>();
    learnEvidence(h, known);
    const asked = evidenceRequests(h, known);
    // Run 10 (newest) is read already: it counts towards the sample.
    expect(asked.map((r) => r.jobId)).toEqual([90, 80, 70, 60, 50]);
    for (const r of asked) {
      expect(r.priority).toBeLessThan(45);
      expect(r.priority).toBeGreaterThan(40);
    }
  });
});
