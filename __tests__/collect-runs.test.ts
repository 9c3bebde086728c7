import nock from 'nock';
import { Api } from '../src/github/api.js';
import { createClient } from '../src/github/client.js';
import { collect } from '../src/collect/index.js';
import { fetchRuns, selectWorkflows } from '../src/collect/runs.js';
import { toWorkflow } from '../src/collect/map.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { InputError } from '../src/inputs.js';
import * as gh from './fixtures/collect/github.js';

const P = `/repos/${gh.OWNER}/${gh.REPO}`;
const NOW = new Date('2026-11-24T12:00:00Z');
const h = gh.rateHeaders();

function api() {
  const client = createClient({ token: 'ghs_x', baseUrl: gh.API, budget: 900, reserve: 25, retryBaseMs: 1 });
  return new Api(client, gh.OWNER, gh.REPO);
}

/** `n` runs, newest first, one hour apart, ids counting down from `top`. */
function page(top: number, n: number, o: gh.RunOpts = {}) {
  return Array.from({ length: n }, (_, i) =>
    gh.run(top - i, {
      ...o,
      createdAt: new Date(Date.parse('2026-11-24T00:00:00Z') - (200 - top + i) * 3_600_000).toISOString(),
    }),
  );
}

const WORKFLOWS = [
  gh.workflow(1, 'CI', 'ci.yml'),
  gh.workflow(2, 'Nightly', 'nightly.yaml'),
  gh.workflow(3, 'Release tests', 'release.yml'),
].map(toWorkflow);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('fetchRuns', () => {
  it('pages a count window until it is covered, and no further', async () => {
    const scope = nock(gh.API)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', per_page: '100', page: '1' })
      .reply(200, gh.runs(page(200, 100), 900), h)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', per_page: '100', page: '2' })
      .reply(200, gh.runs(page(100, 100), 900), h);
    const a = api();
    const { runs, stopped } = await fetchRuns(a, {
      window: { kind: 'count', count: 150, raw: '150' },
      now: NOW,
      workflows: null,
      branches: [],
    });
    expect(stopped).toBeNull();
    expect(runs).toHaveLength(150);
    expect(runs[0]!.id).toBe(200);
    expect(runs.at(-1)!.id).toBe(51);
    expect(scope.isDone()).toBe(true);
    // Page 3 was never asked for (nock would have refused it).
    expect(a.client.usage.requests).toBe(2);
  });

  it('asks for a span window day by day (fixed UTC days, newest first), and stops each at a short page', async () => {
    const day = (d: string) => `2026-11-${d}T00:00:00Z..2026-11-${d}T23:59:59Z`;
    const scope = nock(gh.API)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', created: day('24'), per_page: '100', page: '1' })
      .reply(200, gh.runs([gh.run(9, { createdAt: '2026-11-24T10:00:00Z' })]), h)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', created: day('23'), per_page: '100', page: '1' })
      .reply(
        200,
        // The window starts at 11-23 00:00: the day is listed whole, and its runs before the start dropped.
        gh.runs([gh.run(8, { createdAt: '2026-11-23T01:00:00Z' })]),
        h,
      );
    const a = api();
    const { runs, capped } = await fetchRuns(a, {
      window: { kind: 'span', ms: 36 * 3_600_000, raw: '36h' },
      now: NOW,
      workflows: null,
      branches: [],
    });
    expect(runs.map((r) => r.id)).toEqual([9, 8]);
    expect(capped).toBe(false);
    expect(scope.isDone()).toBe(true);
    expect(a.client.usage.requests).toBe(2);
  });

  it('lists each selected workflow and branch, merging newest first', async () => {
    const scope = nock(gh.API)
      .get(`${P}/actions/workflows/1/runs`)
      .query({ status: 'completed', branch: 'main', per_page: '100', page: '1' })
      .reply(
        200,
        gh.runs([gh.run(30, { createdAt: '2026-11-24T03:00:00Z' }), gh.run(10, { createdAt: '2026-11-24T01:00:00Z' })]),
        h,
      )
      .get(`${P}/actions/workflows/2/runs`)
      .query({ status: 'completed', branch: 'main', per_page: '100', page: '1' })
      .reply(200, gh.runs([gh.run(20, { workflowId: 2, createdAt: '2026-11-24T02:00:00Z' })]), h);
    const { runs } = await fetchRuns(api(), {
      window: { kind: 'count', count: 2, raw: '2' },
      now: NOW,
      workflows: selectWorkflows(WORKFLOWS, ['CI.yml', 'nightly']),
      branches: ['main'],
    });
    expect(runs.map((r) => r.id)).toEqual([30, 20]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('selectWorkflows', () => {
  it('matches a file name, a path or a name, case-insensitively', () => {
    expect(selectWorkflows(WORKFLOWS, ['CI.YML']).map((w) => w.id)).toEqual([1]);
    expect(selectWorkflows(WORKFLOWS, ['.github/workflows/nightly.yaml']).map((w) => w.id)).toEqual([2]);
    expect(selectWorkflows(WORKFLOWS, ['release TESTS', 'ci']).map((w) => w.id)).toEqual([3, 1]);
    expect(selectWorkflows(WORKFLOWS, [])).toBe(WORKFLOWS);
  });

  it('names the input and the unknown entries, and lists what exists', () => {
    const err = (() => {
      try {
        selectWorkflows(WORKFLOWS, ['ci.yml', 'deploy', 'lint.yml']);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toMatch(
      /^Input "workflows": no workflow matches "deploy", "lint.yml"; known: ci.yml \(CI\), nightly.yaml/,
    );
  });
});

describe('collect with a workflows filter', () => {
  it('fails before listing runs when an entry matches no workflow', async () => {
    const scope = nock(gh.API)
      .get(P)
      .reply(200, gh.repository(), h)
      .get(`${P}/actions/workflows`)
      .query(true)
      .reply(200, gh.workflows([gh.workflow(1, 'CI', 'ci.yml')]), h);
    const client = createClient({ token: 'ghs_x', baseUrl: gh.API, budget: 900, reserve: 25 });
    await expect(
      collect({
        client,
        settings: {
          owner: gh.OWNER,
          repo: gh.REPO,
          window: { kind: 'count', count: 5, raw: '5' },
          workflows: ['deploy'],
          branches: [],
          maxLogs: 0,
        },
        config: DEFAULT_CONFIG,
        rules: [],
        serverUrl: 'https://github.com',
        now: NOW,
      }),
    ).rejects.toThrow(/Input "workflows".*"deploy"/);
    expect(scope.isDone()).toBe(true);
    expect(client.usage.requests).toBe(2);
  });
});
