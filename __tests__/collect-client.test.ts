import nock from 'nock';
import { jest } from '@jest/globals';
import {
  BudgetExhausted,
  createClient,
  createWriteLimiter,
  isRead,
  retryDelay,
  WRITE_SPACING_MS,
  type ClientOptions,
} from '../src/github/client.js';
import { API, OWNER, REPO, rateHeaders, repository } from './fixtures/collect/github.js';

const TOKEN = 'ghs_s3cretT0kenValue1234567890';
const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const SECONDARY = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};

function client(over: Partial<ClientOptions> = {}, logs: string[] = []) {
  return createClient({
    token: TOKEN,
    baseUrl: API,
    budget: 100,
    reserve: 5,
    retryBaseMs: 1,
    maxRetries: 3,
    retryAfterUnitMs: 1,
    secondaryFallbackSeconds: 1,
    log: (m) => logs.push(m),
    ...over,
  });
}

const getRepo = (c: ReturnType<typeof client>) =>
  c.octokit.request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: REPO });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('createClient', () => {
  it('counts each request and tracks x-ratelimit-remaining and the budget', async () => {
    nock(API).get(REPO_PATH).times(2).reply(200, repository(), rateHeaders(4321));
    const c = client();
    await getRepo(c);
    await getRepo(c);
    expect(c.usage).toMatchObject({
      requests: 2,
      graphqlPoints: 0,
      notModified: 0,
      rateLimitRemaining: 4321,
      budget: 100,
      budgetLeft: 98,
    });
  });

  it('retries a 502 with backoff and counts the retry', async () => {
    const scope = nock(API)
      .get(REPO_PATH)
      .reply(502, { message: 'Server Error' }, rateHeaders())
      .get(REPO_PATH)
      .reply(200, repository('trunk'), rateHeaders());
    const c = client();
    const res = await getRepo(c);
    expect(res.data.default_branch).toBe('trunk');
    expect(c.usage.requests).toBe(2);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up after maxRetries server errors', async () => {
    nock(API).get(REPO_PATH).times(3).reply(503, { message: 'Service Unavailable' }, rateHeaders());
    const c = client({ maxRetries: 2 });
    await expect(getRepo(c)).rejects.toMatchObject({ status: 503 });
    expect(c.usage.requests).toBe(3);
  });

  it('does not retry a write on a server error (it could duplicate an issue)', async () => {
    nock(API).post(`${REPO_PATH}/issues`).reply(502, { message: 'Server Error' }, rateHeaders());
    const c = client();
    await expect(
      c.octokit.request('POST /repos/{owner}/{repo}/issues', { owner: OWNER, repo: REPO, title: 't' }),
    ).rejects.toMatchObject({ status: 502 });
    expect(c.usage.requests).toBe(1);
  });

  it('never retries a client error that is not a rate limit (a 409)', async () => {
    nock(API).get(`${REPO_PATH}/commits`).reply(409, { message: 'Git Repository is empty.' }, rateHeaders());
    const c = client();
    await expect(
      c.octokit.request('GET /repos/{owner}/{repo}/commits', { owner: OWNER, repo: REPO }),
    ).rejects.toMatchObject({ status: 409 });
    expect(c.usage.requests).toBe(1);
  });

  it('waits out a 403 secondary rate limit with retry-after, then succeeds', async () => {
    nock(API)
      .get(REPO_PATH)
      .reply(403, SECONDARY, { ...rateHeaders(), 'retry-after': '2' })
      .get(REPO_PATH)
      .reply(200, repository(), rateHeaders());
    const logs: string[] = [];
    const c = client({}, logs);
    const res = await getRepo(c);
    expect(res.status).toBe(200);
    expect(c.usage.requests).toBe(2);
    expect(logs.join('\n')).toMatch(/secondary rate limit .* waiting 2 s/);
  });

  it('uses the fallback wait when retry-after is 0, and gives up after a few secondary limits', async () => {
    nock(API)
      .get(REPO_PATH)
      .times(3)
      .reply(403, SECONDARY, { ...rateHeaders(), 'retry-after': '0' });
    const logs: string[] = [];
    const c = client({ maxSecondaryRetries: 2 }, logs);
    await expect(getRepo(c)).rejects.toMatchObject({ status: 403 });
    expect(c.usage.requests).toBe(3);
    expect(logs.filter((l) => l.includes('waiting 1 s'))).toHaveLength(2);
    expect(logs.join('\n')).toMatch(/giving up/);
  });

  it('waits out a 429 with retry-after', async () => {
    nock(API)
      .get(REPO_PATH)
      .reply(429, { message: 'Too Many Requests' }, { ...rateHeaders(), 'retry-after': '3' })
      .get(REPO_PATH)
      .reply(200, repository(), rateHeaders());
    const c = client();
    await expect(getRepo(c)).resolves.toMatchObject({ status: 200 });
    expect(c.usage.requests).toBe(2);
  });

  it('turns an exhausted primary rate limit into BudgetExhausted at once (no hour-long wait)', async () => {
    nock(API).get(REPO_PATH).reply(403, { message: 'API rate limit exceeded for installation ID 1.' }, rateHeaders(0));
    const c = client();
    // A wait for the reset (an hour away) would end in the test's timeout, not in a clock reading.
    const err = await getRepo(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetExhausted);
    expect((err as BudgetExhausted).reason).toBe('rate-limit');
    expect(c.usage.rateLimitRemaining).toBe(0);
    expect(c.canCollect()).toBe(false);
  });

  it('counts 304 Not Modified separately from requests', async () => {
    nock(API).get(REPO_PATH).reply(304, '', rateHeaders());
    const c = client();
    await expect(getRepo(c)).rejects.toMatchObject({ status: 304 });
    expect(c.usage).toMatchObject({ requests: 0, notModified: 1 });
  });

  it('counts GraphQL points from the query cost, else 1', async () => {
    const graphqlHeaders = { ...rateHeaders(4990), 'x-ratelimit-resource': 'graphql' };
    nock(API)
      .post('/graphql')
      .reply(200, { data: { rateLimit: { cost: 3, remaining: 4990 }, repository: { id: 'R_1' } } }, graphqlHeaders)
      .post('/graphql')
      .reply(200, { data: { repository: { id: 'R_1' } } }, graphqlHeaders);
    const c = client();
    await c.octokit.graphql('query { rateLimit { cost remaining } repository(owner: "a", name: "b") { id } }');
    await c.octokit.graphql('query { repository(owner: "a", name: "b") { id } }');
    expect(c.usage).toMatchObject({ requests: 0, graphqlPoints: 4, budgetLeft: 96 });
    // The GraphQL bucket's remaining count is not the REST one: it is kept apart for the summary.
    expect(c.usage.rateLimitRemaining).toBeUndefined();
    expect(c.usage.graphqlRemaining).toBe(4990);
  });

  it('retries a GraphQL query on 502, but never a mutation', async () => {
    nock(API)
      .post('/graphql')
      .reply(502, { message: 'Server Error' }, rateHeaders())
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'bot' } } }, rateHeaders())
      .post('/graphql')
      .reply(502, { message: 'Server Error' }, rateHeaders());
    const c = client();
    await expect(c.octokit.graphql('query { viewer { login } }')).resolves.toEqual({ viewer: { login: 'bot' } });
    await expect(
      c.octokit.graphql('mutation { pinIssue(input: {issueId: "I_1"}) { issue { id } } }'),
    ).rejects.toMatchObject({ status: 502 });
    expect(c.usage.graphqlPoints).toBe(3);
  });

  it('keeps the reserve for publishing, and setBudget moves the line', async () => {
    nock(API).get(REPO_PATH).times(3).reply(200, repository(), rateHeaders());
    const c = client({ budget: 8, reserve: 5 });
    expect(c.canCollect(3)).toBe(true);
    expect(c.canCollect(4)).toBe(false);
    await getRepo(c);
    await getRepo(c);
    expect(c.canCollect(1)).toBe(true);
    await getRepo(c);
    expect(c.canCollect(1)).toBe(false);
    c.setBudget(20, 5);
    expect(c.usage).toMatchObject({ budget: 20, budgetLeft: 17 });
    expect(c.canCollect(12)).toBe(true);
    expect(c.canCollect(13)).toBe(false);
  });

  it('stops collection when the rate limit left falls into the reserve', async () => {
    nock(API).get(REPO_PATH).reply(200, repository(), rateHeaders(6));
    const c = client({ budget: 900, reserve: 5 });
    await getRepo(c);
    expect(c.canCollect(1)).toBe(true);
    expect(c.canCollect(2)).toBe(false);
  });

  it('refuses to send anything once the whole budget is spent', async () => {
    const scope = nock(API).get(REPO_PATH).reply(200, repository(), rateHeaders());
    const c = client({ budget: 1, reserve: 0 });
    await getRepo(c);
    await expect(getRepo(c)).rejects.toBeInstanceOf(BudgetExhausted);
    expect(scope.isDone()).toBe(true);
    expect(c.usage.requests).toBe(1);
  });

  it('never lets the token into an error message or a log line', async () => {
    nock(API)
      .get(REPO_PATH)
      .times(4)
      .reply(500, { message: `upstream rejected token ${TOKEN}` }, rateHeaders());
    const logs: string[] = [];
    const c = client({}, logs);
    const err = (await getRepo(c).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('upstream rejected token ***');
    expect(err.message).not.toContain(TOKEN);
    expect(err.stack ?? '').not.toContain(TOKEN);
    expect(JSON.stringify((err as { request?: unknown }).request ?? {})).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(c.redact(`Bearer ${TOKEN}`)).toBe('Bearer ***');
  });
});

describe('isRead', () => {
  it('treats GETs and GraphQL queries as safe to repeat, writes and mutations not', () => {
    expect(isRead({ method: 'GET', url: '/repos/o/r' })).toBe(true);
    expect(isRead({ method: 'POST', url: '/graphql', query: 'query { viewer { login } }' })).toBe(true);
    expect(
      isRead({ method: 'POST', url: '/graphql', query: ' mutation { pinIssue(input: {}) { clientMutationId } }' }),
    ).toBe(false);
    expect(isRead({ method: 'POST', url: '/repos/o/r/issues' })).toBe(false);
    expect(isRead({ method: 'PATCH', url: '/repos/o/r/issues/1' })).toBe(false);
  });
});

describe('retryDelay', () => {
  const o = { token: 't', budget: 1, reserve: 0, retryBaseMs: 100 };
  const err = (status: number, headers: Record<string, string> = {}, message = 'x') => ({
    status,
    message,
    response: { headers },
  });

  it('leaves server errors to plugin-retry: only rate-limited answers wait here', () => {
    for (const status of [500, 502, 503]) expect(retryDelay(err(status), 0, o)).toBeNull();
  });

  it('does not retry client errors, or secondary limits the throttling plugin owns', () => {
    expect(retryDelay(err(404), 0, o)).toBeNull();
    expect(retryDelay(err(403), 0, o)).toBeNull();
    expect(retryDelay(err(403, { 'retry-after': '5' }, 'You have exceeded a secondary rate limit'), 0, o)).toBeNull();
  });

  it('waits what retry-after says, gives up on a longer wait than it allows, and after a few tries', () => {
    expect(retryDelay(err(429, { 'retry-after': '600' }), 0, o)).toBeNull();
    expect(retryDelay(err(429, { 'retry-after': '7' }), 0, o)).toBe(7000);
    expect(retryDelay(err(403, { 'retry-after': '2' }), 0, o)).toBe(2000);
    expect(retryDelay(err(429, { 'retry-after': '7' }), 3, o)).toBeNull();
  });
});

describe('write pacing', () => {
  /** A limiter that records what it is asked to schedule and runs it at once. */
  function recorder() {
    const scheduled: number[] = [];
    return {
      scheduled,
      schedule<R>(fn: () => Promise<R>): Promise<R> {
        scheduled.push(scheduled.length);
        return fn();
      },
    };
  }
  const gqlHeaders = { ...rateHeaders(4990), 'x-ratelimit-resource': 'graphql' };

  it('puts GraphQL mutations and REST writes on the write limiter, never GraphQL queries', async () => {
    const limiter = recorder();
    nock(API)
      .post('/graphql')
      .times(4)
      .reply(200, { data: { ok: true } }, gqlHeaders)
      .post(`${REPO_PATH}/issues`)
      .reply(201, { number: 1 }, rateHeaders(4000));
    const c = client({ writeLimiter: limiter });
    await Promise.all([c.octokit.graphql('query { viewer { login } }'), c.octokit.graphql('{ viewer { login } }')]);
    expect(limiter.scheduled).toHaveLength(0);
    await c.octokit.graphql('mutation { pinIssue(input: {issueId: "I_1"}) { clientMutationId } }');
    await c.octokit.graphql('mutation { pinIssue(input: {issueId: "I_2"}) { clientMutationId } }');
    expect(limiter.scheduled).toHaveLength(2);
    await c.octokit.request('POST /repos/{owner}/{repo}/issues', { owner: OWNER, repo: REPO, title: 't' });
    expect(limiter.scheduled).toHaveLength(3);
    // GETs are never paced.
    nock(API).get(REPO_PATH).reply(200, repository(), rateHeaders(3999));
    await getRepo(c);
    expect(limiter.scheduled).toHaveLength(3);
  });

  it('spaces what the default write limiter schedules a second apart (fake clock)', async () => {
    jest.useFakeTimers();
    try {
      const limiter = createWriteLimiter();
      const started: number[] = [];
      const t0 = Date.now();
      const task = () => {
        started.push(Date.now() - t0);
        return Promise.resolve();
      };
      const both = Promise.all([limiter.schedule(task), limiter.schedule(task)]);
      await jest.advanceTimersByTimeAsync(999);
      expect(started).toEqual([expect.any(Number)]);
      await jest.advanceTimersByTimeAsync(50);
      await both;
      // The second waited for the spacing: not started 999 ms in, started by 1,049 ms.
      expect(started).toHaveLength(2);
      expect(started[1]!).toBeGreaterThanOrEqual(WRITE_SPACING_MS - 1);
    } finally {
      jest.useRealTimers();
    }
  });
});
