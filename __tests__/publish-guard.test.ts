import type { AuditState } from '../src/tracking/state.js';
import { publishDecision } from '../src/tracking/guard.js';
import type { History, Job, Run } from '../src/types.js';

const job = (runId: number): Job => ({
  id: runId * 10,
  runId,
  runAttempt: 1,
  name: 'test',
  status: 'completed',
  conclusion: 'success',
  createdAt: '2026-11-20T00:00:00Z',
  startedAt: '2026-11-20T00:00:05Z',
  completedAt: '2026-11-20T00:05:00Z',
  url: `https://github.com/o/r/actions/runs/${runId}/job/${runId * 10}`,
  runnerName: 'GitHub Actions 1',
  labels: ['ubuntu-latest'],
  steps: [],
  annotationsCount: 0,
  annotations: [],
});

const run = (id: number, over: Partial<Run> = {}): Run => ({
  id,
  name: 'CI',
  workflowId: 1,
  workflowPath: '.github/workflows/ci.yml',
  event: 'push',
  branch: 'main',
  headSha: 'a'.repeat(40),
  status: 'completed',
  conclusion: 'success',
  runAttempt: 1,
  runNumber: id,
  createdAt: '2026-11-20T00:00:00Z',
  runStartedAt: '2026-11-20T00:00:00Z',
  updatedAt: '2026-11-20T00:05:00Z',
  url: `https://github.com/o/r/actions/runs/${id}`,
  pullRequests: [],
  jobs: [job(id)],
  ...over,
});

const history = (runs: Run[], over: Partial<History> = {}): History => ({
  schemaVersion: 1,
  repository: 'o/r',
  serverUrl: 'https://github.com',
  collectedAt: '2026-11-24T00:00:00Z',
  defaultBranch: 'main',
  window: { requested: '50', from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' },
  workflows: [],
  runs,
  checkRuns: [],
  pullRequests: [],
  logs: {},
  gaps: [],
  api: { requests: 10, graphqlPoints: 0, notModified: 0 },
  ...over,
});

const previous = (over: Partial<AuditState> = {}): AuditState => ({
  v: 1,
  at: '2026-11-23T00:00:00Z',
  findings: {
    'slow-0123456789ab': { firstSeen: '2026-11-01T00:00:00Z', category: 'slow', title: 'Slow', fingerprint: 'x' },
  },
  runs: 50,
  ...over,
});

const runs = (n: number, over: Partial<Run> = {}): Run[] => Array.from({ length: n }, (_, i) => run(i + 1, over));

describe('publishDecision', () => {
  it('publishes a normal audit, and a first audit even when partial', () => {
    expect(publishDecision(history(runs(50)), previous())).toEqual({ publish: true, reason: null });
    const partial = history(runs(10, { jobs: [] }), {
      api: { requests: 900, graphqlPoints: 0, notModified: 0, truncated: true },
    });
    expect(publishDecision(partial, null).publish).toBe(true);
  });

  it('keeps the issue when no run could be read', () => {
    const d = publishDecision(
      history([], { gaps: [{ what: 'workflow runs', reason: '403 Resource not accessible' }] }),
      null,
    );
    expect(d.publish).toBe(false);
    expect(d.reason).toContain('403 Resource not accessible');
  });

  it('keeps previous findings when the window is empty, publishes an empty first report', () => {
    const d = publishDecision(history([], { window: { requested: '36h', from: 'a', to: 'b' } }), previous());
    expect(d).toMatchObject({ publish: false });
    expect(d.reason).toMatch(/"36h".*`window`/);
    expect(publishDecision(history([]), null).publish).toBe(true);
    expect(publishDecision(history([]), previous({ findings: {} })).publish).toBe(true);
  });

  it('keeps the issue when collection was truncated far below the previous coverage', () => {
    const api = {
      requests: 900,
      graphqlPoints: 0,
      notModified: 0,
      truncated: true,
      truncatedHint: 'raise budget.maxRequests',
    };
    const d = publishDecision(history(runs(12), { api }), previous({ runs: 50 }));
    expect(d.publish).toBe(false);
    expect(d.reason).toContain('covered 12 runs where the previous audit covered 50');
    expect(d.reason).toContain('raise budget.maxRequests');
    // Truncated at all below the previous coverage (30 of 60 used to pass as "close"): keep.
    expect(publishDecision(history(runs(40), { api }), previous({ runs: 50 })).publish).toBe(false);
    // Truncated with no log read: the log-based findings would look resolved: keep.
    const noLogs = publishDecision(history(runs(50), { api }), previous({ runs: 50 }));
    expect(noLogs).toMatchObject({ publish: false });
    expect(noLogs.reason).toContain('read no log');
    // Truncated late (logs read, as many runs as before): publish what it saw.
    const logs = { '1': {} as never };
    expect(publishDecision(history(runs(50), { api, logs }), previous({ runs: 50 })).publish).toBe(true);
    expect(publishDecision(history(runs(12), { api, logs }), previous({ runs: undefined })).publish).toBe(true);
    // Fewer runs without truncation (a quiet week): publish.
    expect(publishDecision(history(runs(12)), previous({ runs: 50 })).publish).toBe(true);
  });

  it('keeps the issue when a truncated audit read fewer logs than the previous one', () => {
    const api = { requests: 900, graphqlPoints: 0, notModified: 0, truncated: true };
    const logs = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), {} as never]));
    const fewer = publishDecision(history(runs(50), { api, logs }), previous({ runs: 50, logs: 40 }));
    expect(fewer.publish).toBe(false);
    expect(fewer.reason).toContain('read 12 job logs where the previous audit read 40');
    // As many logs as before: what it saw is as good as the last report.
    expect(publishDecision(history(runs(50), { api, logs }), previous({ runs: 50, logs: 12 })).publish).toBe(true);
    // Not truncated: a window with fewer failing jobs simply needs fewer logs.
    expect(publishDecision(history(runs(50), { logs }), previous({ runs: 50, logs: 40 })).publish).toBe(true);
  });

  it('keeps the issue when most runs have unreadable jobs (startup failures do not count)', () => {
    const broken = [...runs(6, { jobs: [] }), ...runs(4)].map((r, i) => ({ ...r, id: i + 1 }));
    const d = publishDecision(history(broken), previous());
    expect(d.publish).toBe(false);
    expect(d.reason).toContain('jobs of 6 of 10 completed runs');
    const startup = [...runs(6, { jobs: [], conclusion: 'startup_failure' }), ...runs(4)];
    expect(publishDecision(history(startup), previous()).publish).toBe(true);
    const inProgress = [...runs(6, { jobs: [], status: 'queued', conclusion: null }), ...runs(4)];
    expect(publishDecision(history(inProgress), previous()).publish).toBe(true);
  });
});
