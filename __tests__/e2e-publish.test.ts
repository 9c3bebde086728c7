/**
 * End to end, the edges: duplicate tracking issues, a tracking issue a human closed,
 * the max-logs input, and a GHES-style API URL. Build first: `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { TRACKING_MARKER } from '../src/tracking/state.js';
import type { Report } from '../src/types.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { DIST, runAction, type ActionRun } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import { FLAKY_TEST } from '../test/world/plans.js';
import { seedIssue } from '../test/world/repo.js';
import type { World } from '../test/world/types.js';

const TOKEN = 'ghs_e2eTestToken0000000000000000000000';
const REPOSITORY = 'acme/widgets';
const base = generateWorld({ seed: 1, runs: 60 });

const explain = (run: ActionRun): string => `exit ${run.code}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-1000)}`;
function expectOk(run: ActionRun): void {
  if (run.code !== 0 || run.stdout.includes('::error::')) throw new Error(`the action failed:\n${explain(run)}`);
}
const report = (run: ActionRun): Report => JSON.parse(readFileSync(run.reportPath, 'utf8')) as Report;

async function withFake<T>(world: World, fn: (gh: FakeGitHub) => Promise<T>, apiSuffix = ''): Promise<T> {
  const gh = await startFakeGitHub(world, { token: TOKEN });
  try {
    return await fn(Object.assign(gh, { url: gh.url + apiSuffix }));
  } finally {
    await gh.close();
  }
}

const audit = (gh: FakeGitHub, inputs: Record<string, string>): Promise<ActionRun> =>
  runAction({ apiUrl: gh.url, repository: REPOSITORY, token: TOKEN, inputs: { window: '60', ...inputs } });

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
});

describe('the tracking issue', () => {
  it('keeps the oldest of several open tracking issues and closes the others', async () => {
    const world = structuredClone(base);
    const body = `Earlier audit\n\n${TRACKING_MARKER}`;
    world.issues = [
      seedIssue(world, {
        number: 200,
        title: 'CI audit',
        body,
        labels: ['ci-audit'],
        createdAt: '2026-11-01T06:00:00Z',
      }),
      seedIssue(world, {
        number: 201,
        title: 'CI audit',
        body,
        labels: ['ci-audit'],
        createdAt: '2026-11-02T06:00:00Z',
      }),
      seedIssue(world, {
        number: 202,
        title: 'Unrelated',
        body: 'mentions ci-audit',
        labels: ['bug'],
        createdAt: '2026-11-03T06:00:00Z',
      }),
    ];
    await withFake(world, async (gh) => {
      const run = await audit(gh, {});
      expectOk(run);
      const state = Object.fromEntries(gh.issues.map((i) => [i.number, i.state]));
      expect(state).toEqual({ 200: 'open', 201: 'closed', 202: 'open' });
      expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues'))).toEqual([]);
      expect(run.outputs['issue-number']).toBe('200');
      expect(gh.issues.find((i) => i.number === 200)!.body).not.toBe(body);
    });
  });

  it('opens a new issue when a human closed the last one, instead of reopening it', async () => {
    const world = structuredClone(base);
    const closed = seedIssue(world, {
      number: 300,
      title: 'CI audit',
      body: `Old audit\n\n${TRACKING_MARKER}`,
      labels: ['ci-audit'],
      state: 'closed',
      createdAt: '2026-11-01T06:00:00Z',
    });
    world.issues = [closed];
    await withFake(world, async (gh) => {
      const run = await audit(gh, {});
      expectOk(run);
      const open = gh.issues.filter((i) => i.state === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]!.number).not.toBe(300);
      expect(gh.issues.find((i) => i.number === 300)!.state).toBe('closed');
    });
  });
});

describe('memory across audits', () => {
  it('edits the issue in place and lists a finding as resolved once its anomaly is gone', async () => {
    const gh = await startFakeGitHub(base, { token: TOKEN });
    try {
      const first = await audit(gh, {});
      expectOk(first);
      const flaky = report(first).findings.find((f) => f.category === 'flaky-test' && f.subject.test === FLAKY_TEST);
      expect(flaky).toBeDefined();
      // The flaky test is fixed: its reports are clean now.
      const fixed = structuredClone(base);
      for (const c of fixed.checkRuns.filter((x) => x.conclusion === 'neutral')) {
        c.conclusion = 'success';
        c.output.summary = `## ${c.name}\n\n1284 passed, 0 failed, Flaky-recovered: 0\n`;
      }
      gh.state.world = fixed;
      const before = gh.requests.length;
      const second = await audit(gh, {});
      expectOk(second);
      const writes = gh.requests.slice(before).filter((r) => r.method === 'POST' || r.method === 'PATCH');
      expect(
        writes.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/${first.outputs['issue-number']}`)),
      ).toHaveLength(1);
      expect(writes.filter((r) => r.method === 'POST' && r.path.endsWith('/issues'))).toEqual([]);
      expect(report(second).resolved.map((r) => r.id)).toContain(flaky!.id);
      expect(Number(second.outputs.findings)).toBe(Number(first.outputs.findings) - 1);
      expect(second.outputs['new-findings']).toBe('0');
    } finally {
      await gh.close();
    }
  });
});

describe('inputs that bound the audit', () => {
  it('downloads no log with max-logs: 0 and at most 3 with max-logs: 3', async () => {
    await withFake(base, async (gh) => {
      const none = await audit(gh, { issue: 'false', 'max-logs': '0' });
      expectOk(none);
      expect(gh.requests.filter((r) => r.path.endsWith('/logs'))).toEqual([]);
      expect(report(none).sample.logsRead).toBe(0);
      const before = gh.requests.length;
      const three = await audit(gh, { issue: 'false', 'max-logs': '3' });
      expectOk(three);
      const logs = gh.requests.slice(before).filter((r) => r.path.endsWith('/logs'));
      expect(logs.length).toBeGreaterThan(0);
      // An expired or missing log's slot goes to the next one asked for.
      const logGaps = report(three).gaps.filter((g) => g.what.startsWith('logs of job')).length;
      expect(logs.length).toBeLessThanOrEqual(3 + logGaps);
      expect(report(three).sample.logsRead).toBeLessThanOrEqual(3);
    });
  });

  it('audits only the named workflow and branch', async () => {
    await withFake(base, async (gh) => {
      const run = await audit(gh, { issue: 'false', workflows: 'docs.yml', branches: 'main' });
      expectOk(run);
      const expected = base.runs.filter((r) => r.name === 'Docs' && r.head_branch === 'main').length;
      expect(report(run).sample.runs).toBe(expected);
      // A workflow left out on purpose is not a blind spot either.
      const others = report(run).findings.filter((f) => (f.subject.workflow ?? 'Docs') !== 'Docs');
      expect(others.map((f) => f.title)).toEqual([]);
    });
  });
});

describe('the shared GitHub rate limit', () => {
  it('stops collecting cleanly when x-ratelimit-remaining runs low, and says so', async () => {
    // 60 runs cost ~50 requests with GraphQL batching: 40 at start, 25 kept back, runs out mid-way.
    const gh = await startFakeGitHub(base, { token: TOKEN, rateLimit: 40 });
    try {
      // A fixed max-logs: `auto` would size the logs to what the limit has left, and not run out.
      const run = await audit(gh, { issue: 'false', 'max-logs': '40' });
      expectOk(run);
      // It must neither hit the wall (403) nor wait an hour for the reset (that would end in
      // the test's timeout).
      expect(gh.requests.filter((r) => r.status === 403)).toEqual([]);
      expect(report(run).gaps.some((g) => /rate limit/i.test(g.reason))).toBe(true);
    } finally {
      await gh.close();
    }
  });
});

describe('GitHub Enterprise Server', () => {
  it('sends every REST request under the GITHUB_API_URL path prefix, GraphQL to /api/graphql', async () => {
    await withFake(
      base,
      async (gh) => {
        const run = await audit(gh, { issue: 'false' });
        expectOk(run);
        expect(report(run).sample.runs).toBe(60);
        const api = gh.requests.filter((r) => !r.path.startsWith('/_blobs/'));
        expect(api.length).toBeGreaterThan(10);
        // REST under /api/v3; GraphQL at GHES's own endpoint, /api/graphql.
        const graphql = api.filter((r) => r.path === '/api/graphql');
        expect(graphql.length).toBeGreaterThan(0);
        expect(api.filter((r) => r.prefix !== '/api/v3' && r.path !== '/api/graphql')).toEqual([]);
      },
      '/api/v3',
    );
  });
});
