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

  /** A count window's pages 1-10 (1,000 runs, ids 1000 down to 1); with `hold`, page 2 is answered after page 10 is asked for. */
  /** Pages asked for and answered, in order: `ask 3`, `answer 2`. */
  let events: string[] = [];
  function thousand(hold = false) {
    let release!: () => void;
    const asked = new Promise<void>((r) => (release = r));
    events = [];
    let scope = nock(gh.API);
    for (let n = 1; n <= 10; n++) {
      const list = Array.from({ length: 100 }, (_, i) =>
        gh.run(1000 - (n - 1) * 100 - i, {
          createdAt: new Date(Date.parse('2026-11-24T00:00:00Z') - ((n - 1) * 100 + i) * 60_000).toISOString(),
        }),
      );
      scope = scope
        .get(`${P}/actions/runs`)
        .query({ status: 'completed', per_page: '100', page: String(n) })
        .reply(async () => {
          events.push(`ask ${n}`);
          if (n === 7) release();
          if (n === 2 && hold) await asked;
          events.push(`answer ${n}`);
          return [200, gh.runs(list, 4000), h];
        });
    }
    return scope;
  }

  it('asks for six pages of a count window at once after the first, and keeps them in order', async () => {
    // Page 2 is answered only once page 7 has been asked for: one page after another would never get there.
    const scope = thousand(true);
    const a = api();
    const { runs, stopped } = await fetchRuns(a, {
      window: { kind: 'count', count: 1000, raw: '1000' },
      now: NOW,
      workflows: null,
      branches: [],
    });
    expect(stopped).toBeNull();
    expect(runs.map((r) => r.id)).toEqual(Array.from({ length: 1000 }, (_, i) => 1000 - i));
    expect(scope.isDone()).toBe(true);
    // Ten pages, as one after another: none beyond the window.
    expect(a.client.usage.requests).toBe(10);
    // No more than six in flight: page 8 waits for page 2 (a page is ~1 MB until compacted).
    expect(events.indexOf('ask 8')).toBeGreaterThan(events.indexOf('answer 2'));
  });

  it('asks for no page beyond what total_count holds', async () => {
    const scope = nock(gh.API)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', per_page: '100', page: '1' })
      .reply(200, gh.runs(page(200, 100), 200), h)
      .get(`${P}/actions/runs`)
      .query({ status: 'completed', per_page: '100', page: '2' })
      .reply(200, gh.runs(page(100, 100), 200), h);
    const a = api();
    const { runs } = await fetchRuns(a, {
      window: { kind: 'count', count: 1000, raw: '1000' },
      now: NOW,
      workflows: null,
      branches: [],
    });
    expect(runs).toHaveLength(200);
    expect(scope.isDone()).toBe(true);
    // Paging one by one asked for an empty page 3 here; page 1's total_count says there is none.
    expect(a.client.usage.requests).toBe(2);
  });

  it('keeps the pages before the one the budget stopped, newest first, and says it stopped', async () => {
    thousand();
    const client = createClient({ token: 'ghs_x', baseUrl: gh.API, budget: 4, reserve: 0, retryBaseMs: 1 });
    const { runs, stopped } = await fetchRuns(new Api(client, gh.OWNER, gh.REPO), {
      window: { kind: 'count', count: 1000, raw: '1000' },
      now: NOW,
      workflows: null,
      branches: [],
    });
    expect(stopped).not.toBeNull();
    // Pages 1-4 and nothing after the gap: a window with a hole would misdate everything after it.
    expect(runs.map((r) => r.id)).toEqual(Array.from({ length: 400 }, (_, i) => 1000 - i));
    expect(client.usage.requests).toBe(4);
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
