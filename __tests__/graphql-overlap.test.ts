/**
 * Stage "details" reads the runner labels (REST) while GraphQL reads the steps, the re-runs
 * (REST) while GraphQL reads the other runs, and the open pull requests alongside: a failure
 * of one must not lose what the others read, and nothing is read twice.
 */
import { createClient } from '../src/github/client.js';
import { collect, type CollectOptions } from '../src/collect/index.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { RULES } from '../src/rules/index.js';
import type { History } from '../src/types.js';
import { startFaultProxy, type FaultReply } from '../test/e2e/fault-proxy.js';
import { startFakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';

const TOKEN = 'ghs_graphqlOverlapTest0000000000000000';
const world = generateWorld({ seed: 11, runs: 60 });

async function collectThrough(
  fault: (method: string, path: string) => FaultReply | null,
  workflows: string[] = [],
): Promise<{ history: History; logs: string[]; answered: string[]; paths: string[] }> {
  const fake = await startFakeGitHub(world, { token: TOKEN });
  const proxy = await startFaultProxy(fake.url, fault);
  const logs: string[] = [];
  try {
    const options: CollectOptions = {
      client: createClient({ token: TOKEN, baseUrl: proxy.url, budget: 900, reserve: 25, retryBaseMs: 1 }),
      settings: {
        owner: 'acme',
        repo: 'widgets',
        window: { kind: 'count', count: 60, raw: '60' },
        workflows,
        branches: [],
        maxLogs: 0,
      },
      config: DEFAULT_CONFIG,
      rules: RULES,
      serverUrl: 'https://github.com',
      now: new Date(world.now),
      graphql: true,
      cacheStore: null,
      log: (m) => void logs.push(m),
    };
    const history = await collect(options);
    return { history, logs, answered: proxy.answered, paths: fake.requests.map((r) => `${r.method} ${r.path}`) };
  } finally {
    await proxy.close();
    await fake.close();
  }
}

const none = () => null;
const jobsRead = (h: History) => h.runs.filter((r) => r.runAttempt === 1).flatMap((r) => r.jobs);
const ran = (h: History) => jobsRead(h).filter((j) => j.conclusion !== 'skipped');

describe('stage details, its reads side by side', () => {
  it('reads every first attempt with steps and labels, the re-runs over REST, the open pull requests', async () => {
    const { history, paths } = await collectThrough(none);
    expect(ran(history).length).toBeGreaterThan(50);
    expect(ran(history).every((j) => j.steps.length > 0 && j.labels.length > 0)).toBe(true);
    expect(history.runs.some((r) => r.runAttempt > 1 && r.jobs.length > 0)).toBe(true);
    expect(history.pullRequests.length).toBeGreaterThan(0);
    // Nothing asked twice: one labels list per workflow, one pull-request list, one jobs list per re-run.
    const counts = new Map<string, number>();
    for (const p of paths) counts.set(p, (counts.get(p) ?? 0) + 1);
    const twice = [...counts].filter(([p, n]) => n > 1 && !p.startsWith('POST /graphql'));
    expect(twice).toEqual([]);
  });

  it('a labels read that fails costs only the labels: every job keeps its steps', async () => {
    const { history, logs, answered } = await collectThrough((m, p) =>
      m === 'GET' && /\/actions\/runs\/\d+\/jobs\?.*filter=latest/.test(p)
        ? { status: 403, message: 'Forbidden' }
        : null,
    );
    expect(answered.length).toBeGreaterThan(0);
    expect(logs.some((l) => l.startsWith('Runner labels of'))).toBe(true);
    expect(ran(history).every((j) => j.steps.length > 0)).toBe(true);
    expect(ran(history).every((j) => j.labels.length === 0)).toBe(true);
    expect(history.gaps.filter((g) => g.what.startsWith('steps and annotations'))).toEqual([]);
  });

  it('steps queries that fail cost only the steps: the labels and the re-runs are still read', async () => {
    let queries = 0;
    const { history, answered } = await collectThrough((m, p) => {
      if (m !== 'POST' || !p.endsWith('/graphql')) return null;
      // The first query (the runs and their jobs) passes; every later one fails.
      return ++queries > 1 ? { status: 404, message: 'Not Found' } : null;
    });
    expect(answered.length).toBeGreaterThan(0);
    expect(history.gaps.some((g) => g.what.startsWith('steps and annotations'))).toBe(true);
    const jobs = ran(history);
    expect(jobs.length).toBeGreaterThan(50);
    expect(jobs.every((j) => j.labels.length > 0)).toBe(true);
    // The trap: a failure of one read taking the others with it.
    expect(history.runs.some((r) => r.runAttempt > 1 && r.jobs.every((j) => j.steps.length > 0))).toBe(true);
    expect(history.pullRequests.length).toBeGreaterThan(0);
  });

  it('lists the runs while the repository and its workflows are read, unless a workflow filter needs them first', async () => {
    const paths = async (filter: string[]) => {
      const seen: string[] = [];
      const notFound = (m: string, p: string) => {
        seen.push(p);
        return m === 'GET' && /\/actions\/workflows(\?|$)/.test(p) ? { status: 404 } : null;
      };
      await expect(collectThrough(notFound, filter)).rejects.toMatchObject({ status: 404 });
      return seen;
    };
    // The workflows list fails: the listing had been asked for already, at the same time.
    expect((await paths([])).some((p) => /\/actions\/runs\?/.test(p))).toBe(true);
    // The trap: a filtered listing needs the workflows' ids, so it is never sent without them.
    expect((await paths(['CI'])).some((p) => p.includes('/runs'))).toBe(false);
  });
});
