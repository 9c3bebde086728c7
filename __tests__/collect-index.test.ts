/**
 * collect() against a small repository served by nock: every stage, the exact request count,
 * gaps, and truncation when the budget runs out. The log digester is mocked so this suite does
 * not depend on the parser (its own tests cover it).
 */
import { jest } from '@jest/globals';
import nock from 'nock';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { Rule } from '../src/types.js';
import * as gh from './fixtures/collect/github.js';
import { BLOB, mockChecks, mockJobs, mockRest, mockRuns, NOW, P, SHA3 } from './fixtures/collect/scenario.js';

const pushed: [number, string][] = [];
jest.unstable_mockModule('../src/parse/log-digest.js', () => ({
  createLogDigester: (jobId: number) => {
    let lines = 0;
    return {
      push: (line: string) => {
        lines++;
        pushed.push([jobId, line]);
      },
      finish: (bytes: number) => ({
        jobId,
        bytes,
        lines,
        truncated: false,
        firstAt: null,
        lastAt: null,
        sections: [],
        matches: [],
        matchCounts: {},
        repeated: [],
        testDurations: [],
      }),
    };
  },
}));
const { collect, TRUNCATED_HINT } = await import('../src/collect/index.js');
const { createClient } = await import('../src/github/client.js');

const TOKEN = 'ghs_collectTestToken000000000000';
/** A rule that wants three logs with different priorities. */
const logRule: Rule = {
  name: 'test-logs',
  category: 'other',
  wantsLogs: () => [
    { jobId: 1032, reason: 'flagged', priority: 0 },
    { jobId: 1031, reason: 'failed', priority: 2 },
    { jobId: 1021, reason: 'slow', priority: 1 },
  ],
  run: () => [],
};

function client(budget = 900, reserve = 25) {
  return createClient({ token: TOKEN, baseUrl: gh.API, budget, reserve, retryBaseMs: 1, retryAfterUnitMs: 1 });
}

function options(c: ReturnType<typeof client>, over: { maxLogs?: number; rules?: Rule[] } = {}) {
  return {
    client: c,
    settings: {
      owner: gh.OWNER,
      repo: gh.REPO,
      window: { kind: 'count' as const, count: 3, raw: '3' },
      workflows: [],
      branches: [],
      maxLogs: over.maxLogs ?? 2,
    },
    config: DEFAULT_CONFIG,
    rules: over.rules ?? [logRule],
    serverUrl: 'https://github.com',
    now: NOW,
    // The REST stages, request by request (GraphQL batching: graphql-collect.test.ts).
    graphql: false,
  };
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => (pushed.length = 0));
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('collect', () => {
  it('collects every stage with the exact number of requests', async () => {
    const api = mockRest(mockChecks(mockJobs(mockRuns(nock(gh.API)))));
    const blob = nock(BLOB, { badheaders: ['authorization'] })
      .get('/actions-results/1031.txt')
      .query(true)
      .reply(
        200,
        '\uFEFF2026-11-20T10:01:00.0000000Z ##[group]Run tests\r\n2026-11-20T10:01:01.0000000Z FAILED test_a\n',
      );
    // 1021's log has expired: the next log asked for (1032) is read in its place; it is gone too.
    const replacement = nock(gh.API).get(`${P}/actions/jobs/1032/logs`).reply(404, { message: 'Not Found' });
    const logs: string[] = [];
    const c = client();
    const h = await collect({ ...options(c), log: (m: string) => logs.push(m) });
    expect(replacement.isDone()).toBe(true);

    expect(api.pendingMocks()).toEqual([]);
    expect(blob.isDone()).toBe(true);
    // repo 1 + workflows 1 + runs 1 + jobs 3 + check runs 2 + annotations 2 + PRs 1 + logs 3
    expect(h.api.requests).toBe(14);
    expect(h.api).toMatchObject({
      graphqlPoints: 0,
      notModified: 0,
      rateLimitRemaining: 4000,
      budget: 900,
      budgetLeft: 886,
    });
    expect(h.api.truncated).toBeUndefined();

    expect(h).toMatchObject({
      schemaVersion: 1,
      repository: 'acme/widgets',
      defaultBranch: 'main',
      collectedAt: NOW.toISOString(),
    });
    expect(h.window).toEqual({ requested: '3', from: '2026-11-21T10:00:00Z', to: NOW.toISOString(), listed: 3 });
    expect(h.filters).toEqual({ workflows: [], branches: [] });
    expect(h.workflows.map((w) => w.path)).toEqual(['.github/workflows/ci.yml', '.github/workflows/release.yml']);
    expect(h.runs.map((r) => r.id)).toEqual([103, 102, 101]);
    const [r103] = h.runs;
    expect(r103).toMatchObject({
      branch: 'feat',
      headSha: SHA3,
      runAttempt: 2,
      pullRequests: [7],
      workflowPath: '.github/workflows/ci.yml',
      actor: 'octocat',
    });
    expect(r103!.jobs.map((j) => [j.id, j.runAttempt, j.annotationsCount, j.annotations.length])).toEqual([
      [1031, 1, 2, 2],
      [1032, 2, 0, 0],
    ]);
    expect(r103!.jobs[0]!.steps.map((s) => s.name)).toEqual(['Set up job', 'Run actions/checkout@v4', 'Test']);
    expect(r103!.jobs[0]!.annotations[1]).toEqual({
      path: '.github',
      startLine: 1,
      level: 'warning',
      title: '',
      message: 'Node.js 16 actions are deprecated.',
    });

    expect(h.checkRuns).toHaveLength(1);
    expect(h.checkRuns[0]).toMatchObject({
      id: 9001,
      name: 'Unit + Integration Tests',
      conclusion: 'neutral',
      url: `${gh.WEB}/runs/9001`,
      app: 'github-actions',
      annotationsCount: 1,
      annotations: [{ level: 'notice', message: 'test_a flaked once', path: 'tests/test_a.py' }],
    });
    expect(h.checkRuns[0]!.summary).toContain('flaked 1, passed 2');
    expect(h.pullRequests).toEqual([
      {
        number: 7,
        title: 'Fix flaky test_a',
        body: 'Retries test_a',
        branch: 'feat',
        url: `${gh.WEB}/pull/7`,
        draft: false,
        updatedAt: '2026-11-21T09:00:00Z',
      },
    ]);

    // Highest priority first, max-logs 2: 1031 read, 1021 expired, 1032 never asked for.
    expect(Object.keys(h.logs)).toEqual(['1031']);
    expect(h.logs['1031']).toMatchObject({ jobId: 1031, lines: 2 });
    // Streamed line by line; CRLF and the BOM do not reach the digester.
    expect(pushed).toEqual([
      [1031, '2026-11-20T10:01:00.0000000Z ##[group]Run tests'],
      [1031, '2026-11-20T10:01:01.0000000Z FAILED test_a'],
    ]);
    expect(h.gaps).toEqual([
      { what: 'jobs of run 101 (CI)', reason: '404 Not Found' },
      { what: 'logs of job 1021 (build)', reason: '410 Gone (expired)' },
      { what: 'logs of job 1032 (test)', reason: '404 Not Found' },
    ]);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
    expect(logs.join('\n')).toMatch(/Runs: 3 completed/);
    expect(logs.join('\n')).toMatch(/Logs: 1 read of 3 wanted\n/);
  });

  it('stops cleanly when the budget runs out, keeping what was collected', async () => {
    mockJobs(mockRuns(nock(gh.API)));
    // 9 - reserve 4 = 5 requests for collection: repo, workflows, runs, jobs of 103 and 102.
    const c = client(9, 4);
    const h = await collect(options(c));
    expect(h.api.requests).toBe(5);
    expect(h.api.truncated).toBe(true);
    expect(h.api.truncatedHint).toBe(TRUNCATED_HINT.budget);
    expect(h.api.truncatedHint).toMatch(/input "window".*"max-logs".*budget\.maxRequests/);
    // Run 101's jobs were never read, so the run is left out rather than shown without jobs.
    expect(h.runs.map((r) => r.id)).toEqual([103, 102]);
    expect(h.window.from).toBe('2026-11-22T10:00:00Z');
    expect(h.runs[0]!.jobs).toHaveLength(2);
    expect(h.checkRuns).toEqual([]);
    expect(h.gaps).toEqual([
      { what: 'jobs and later stages', reason: expect.stringContaining('request budget spent') },
    ]);
    expect(c.canCollect(1)).toBe(false);
    expect(c.usage.budgetLeft).toBe(4);
  });

  it('names the rate limit in the hint when GitHub, not the budget, runs low', async () => {
    // Reserve 25: with 25 left, not one more request for collection. The run listing went out
    // with the repository and workflows reads, before any answer told how many were left.
    const h0 = gh.rateHeaders(40);
    nock(gh.API)
      .get(P)
      .reply(200, gh.repository(), h0)
      .get(`${P}/actions/workflows`)
      .query(true)
      .reply(200, gh.workflows([gh.workflow(161335, 'CI', 'ci.yml')]), gh.rateHeaders(25))
      .get(`${P}/actions/runs`)
      .query(true)
      .reply(200, gh.runs([gh.run(103, { sha: SHA3 })]), gh.rateHeaders(24));
    const h = await collect(options(client()));
    expect(h.api).toMatchObject({
      requests: 3,
      truncated: true,
      truncatedHint: TRUNCATED_HINT['rate-limit'],
    });
    // The last answer to arrive sets it: the listing's or the workflows'.
    expect([24, 25]).toContain(h.api.rateLimitRemaining);
    expect(h.runs).toEqual([]);
    expect(h.workflows).toHaveLength(1);
  });
  it('turns failures on one item into gaps, with the token stripped', async () => {
    const h0 = gh.rateHeaders();
    nock(gh.API)
      .get(P)
      .reply(200, gh.repository(), h0)
      .get(`${P}/actions/workflows`)
      .query(true)
      .reply(200, gh.workflows([gh.workflow(161335, 'CI', 'ci.yml')]), h0)
      .get(`${P}/actions/runs`)
      .query(true)
      .reply(200, gh.runs([gh.run(103, { sha: SHA3 })]), h0)
      .get(`${P}/actions/runs/103/jobs`)
      .query(true)
      .reply(200, gh.jobs([gh.job(1031, 103, 'test')]), h0)
      .get(`${P}/commits/${SHA3}/check-runs`)
      .query(true)
      .reply(403, { message: 'Resource not accessible by integration' }, h0)
      .get(`${P}/pulls`)
      .query(true)
      .times(4)
      .reply(500, { message: `backend said ${TOKEN}` }, h0);
    const h = await collect(options(client(), { rules: [] }));
    expect(h.api.requests).toBe(4 + 1 + 4);
    expect(h.runs[0]!.jobs[0]!.annotationsCount).toBe(-1);
    expect(h.gaps).toEqual([
      { what: `check runs of commit ${SHA3.slice(0, 7)}`, reason: expect.stringMatching(/^403 .*checks: read/) },
      { what: 'open pull requests', reason: '500 backend said ***' },
    ]);
    expect(JSON.stringify(h)).not.toContain(TOKEN);
  });
});
