/**
 * collect() in-process against the fake GitHub API (test/fake-github) on 127.0.0.1, with
 * injected faults: every request the server saw is counted, and each fault ends as a retry
 * or a gap, never a crash.
 */
import nock from 'nock';
import { createClient } from '../src/github/client.js';
import { collect, TRUNCATED_HINT } from '../src/collect/index.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { RULES } from '../src/rules/index.js';
import { startFakeGitHub, type FakeGitHub, type FakeOptions } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';

const TOKEN = 'ghs_fakeCollectToken000000000000000';
const world = generateWorld({ seed: 3, runs: 30 });

async function run(fake: FakeOptions, budget = 900, maxLogs = 12) {
  const gh = await startFakeGitHub(world, { token: TOKEN, ...fake });
  const client = createClient({
    token: TOKEN,
    baseUrl: gh.url,
    budget,
    reserve: 25,
    retryBaseMs: 1,
    retryAfterUnitMs: 1,
    secondaryFallbackSeconds: 1,
  });
  try {
    const history = await collect({
      client,
      settings: {
        owner: 'acme',
        repo: 'widgets',
        window: { kind: 'count', count: 30, raw: '30' },
        workflows: [],
        branches: [],
        maxLogs,
      },
      config: DEFAULT_CONFIG,
      rules: RULES,
      serverUrl: 'https://github.com',
      now: new Date(world.now),
      // Faults on every REST read of the REST collector; the bundled action's default
      // (GraphQL details) meets the same faults in e2e-faults.test.ts.
      graphql: false,
    });
    return { gh, history, client };
  } finally {
    await gh.close();
  }
}

const apiRequests = (gh: FakeGitHub) => gh.requests.filter((r) => !r.path.startsWith('/_blobs/'));

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.restore());

describe('collect against the fake GitHub API', () => {
  it('counts every request the server saw, retries included, and turns faults into gaps', async () => {
    const { gh, history, client } = await run({
      failRate5xx: 0.1,
      secondaryRateRate: 0.05,
      expiredLogRate: 0.3,
      missingJobs: 0.1,
    });
    const seen = apiRequests(gh);
    expect(seen.some((r) => r.status === 502)).toBe(true);
    expect(seen.some((r) => r.status === 403)).toBe(true);
    expect(client.usage.requests).toBe(seen.length);
    expect(history.api.requests).toBe(seen.length);

    const missingJobs = seen.filter((r) => r.status === 404 && /\/actions\/runs\/\d+\/jobs$/.test(r.path));
    const expiredLogs = seen.filter((r) => r.status === 410 && r.path.endsWith('/logs'));
    expect(missingJobs.length).toBeGreaterThan(0);
    expect(history.gaps.filter((g) => g.what.startsWith('jobs of run'))).toHaveLength(missingJobs.length);
    expect(history.gaps.filter((g) => g.reason === '410 Gone (expired)')).toHaveLength(expiredLogs.length);

    expect(history.runs).toHaveLength(30);
    // At most max-logs (12) distinct logs asked for; retries ask again for the same one.
    const logsAsked = new Set(seen.filter((r) => r.path.endsWith('/logs')).map((r) => r.path));
    expect(logsAsked.size).toBeGreaterThan(0);
    // At most max-logs read; an expired log's slot goes to the next one asked for.
    const logGaps = history.gaps.filter((g) => g.what.startsWith('logs of job')).length;
    expect(Object.keys(history.logs).length).toBeGreaterThan(0);
    expect(Object.keys(history.logs).length).toBeLessThanOrEqual(12);
    expect(logsAsked.size).toBeLessThanOrEqual(12 + logGaps);
    expect(history.api.truncated).toBeUndefined();
    expect(JSON.stringify(history)).not.toContain(TOKEN);
  });

  it('reads exactly max-logs logs, the slot of an expired log going to the next one, each asked for once', async () => {
    for (const expiredLogRate of [0, 0.3]) {
      const { gh, history } = await run({ expiredLogRate });
      const asked = gh.requests.filter((r) => r.path.endsWith('/logs')).map((r) => r.path);
      const expired = history.gaps.filter((g) => g.what.startsWith('logs of job')).length;
      expect(Object.keys(history.logs)).toHaveLength(12);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked).toHaveLength(12 + expired);
      if (expiredLogRate > 0) expect(expired).toBeGreaterThan(0);
    }
  });

  it('stops before the shared rate limit dips into the reserve', async () => {
    const { gh, history } = await run({ rateLimit: 60 });
    // 60 at start, 25 kept back: collection sends 35 requests and GitHub never answers "exceeded".
    expect(apiRequests(gh)).toHaveLength(35);
    expect(apiRequests(gh).every((r) => r.status !== 403)).toBe(true);
    expect(history.api).toMatchObject({
      truncated: true,
      truncatedHint: TRUNCATED_HINT['rate-limit'],
      rateLimitRemaining: 25,
    });
    // Exactly the runs whose jobs were read are kept.
    const jobsRead = apiRequests(gh).filter((r) => /\/actions\/runs\/\d+\/jobs$/.test(r.path));
    expect(jobsRead.length).toBeGreaterThan(0);
    expect(history.runs.map((r) => r.id).sort()).toEqual(jobsRead.map((r) => Number(r.path.split('/')[6])).sort());
  });
});
