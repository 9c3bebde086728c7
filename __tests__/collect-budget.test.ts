/**
 * The budget holds when requests run at once: what is in flight is spoken for, GraphQL
 * queries (counted in points) included.
 */
import nock from 'nock';
import { BudgetExhausted, createClient } from '../src/github/client.js';
import { Api } from '../src/github/api.js';
import { graphqlQuery } from '../src/collect/graphql-stage.js';
import { API, OWNER, REPO } from './fixtures/collect/github.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

const gqlHeaders = { 'x-ratelimit-resource': 'graphql', 'x-ratelimit-remaining': '4000' };

describe('GraphQL queries and the budget', () => {
  it('never sends concurrent queries whose points together exceed the budget', async () => {
    // Budget 10, nothing reserved: two queries of 4 points fit, a third does not.
    const scope = nock(API)
      .post('/graphql')
      .times(3)
      .delay(30)
      .reply(200, { data: { rateLimit: { cost: 4, remaining: 4000 } } }, gqlHeaders);
    const client = createClient({ token: 't', baseUrl: API, budget: 10, reserve: 0, retryBaseMs: 1 });
    const api = new Api(client, OWNER, REPO);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => graphqlQuery(api, 'query { rateLimit { cost remaining } }', {}, 4)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(BudgetExhausted);
    expect(client.usage.graphqlPoints).toBe(8);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it('counts a query in flight against REST requests sent meanwhile', async () => {
    nock(API)
      .post('/graphql')
      .delay(30)
      .reply(200, { data: { rateLimit: { cost: 4, remaining: 4000 } } }, gqlHeaders);
    const rest = nock(API).get(`/repos/${OWNER}/${REPO}`).reply(200, {});
    const client = createClient({ token: 't', baseUrl: API, budget: 4, reserve: 0, retryBaseMs: 1 });
    const api = new Api(client, OWNER, REPO);
    const query = graphqlQuery(api, 'query { rateLimit { cost remaining } }', {}, 4);
    await expect(api.get('GET /repos/{owner}/{repo}')).rejects.toBeInstanceOf(BudgetExhausted);
    await query;
    expect(rest.isDone()).toBe(false);
  });

  it('still sends queries one after another while each fits (the trap: refusing what fits)', async () => {
    nock(API)
      .post('/graphql')
      .times(2)
      .reply(200, { data: { rateLimit: { cost: 5, remaining: 4000 } } }, gqlHeaders);
    const client = createClient({ token: 't', baseUrl: API, budget: 10, reserve: 0, retryBaseMs: 1 });
    const api = new Api(client, OWNER, REPO);
    await graphqlQuery(api, 'query { rateLimit { cost remaining } }', {}, 5);
    await graphqlQuery(api, 'query { rateLimit { cost remaining } }', {}, 5);
    expect(client.usage.graphqlPoints).toBe(10);
  });
});
