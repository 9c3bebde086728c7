/**
 * The steps queries of stage "details", sent as phase 1 brings jobs (graphql-steps.ts): the same
 * queries and points as packing every job at the end, whatever order the jobs arrive in; a
 * failed query costs its own check runs only; a budget stop sends nothing more.
 */
import fc from 'fast-check';
import { Api } from '../src/github/api.js';
import { BudgetExhausted, type AuditClient } from '../src/github/client.js';
import { estimateDetailsPoints, pack } from '../src/github/graphql.js';
import { JOBS_PER_QUERY, queryPool, StepsFeed, type Ask, type Target } from '../src/collect/graphql-steps.js';
import type { Ctx } from '../src/collect/context.js';
import type { History } from '../src/types.js';
import { runs } from '../test/fast-check.js';

const client = { redact: (t: string) => t } as unknown as AuditClient;
const ctx = (): Ctx =>
  ({
    api: new Api(client, 'acme', 'widgets'),
    history: { gaps: [] } as unknown as History,
    log: () => undefined,
  }) as unknown as Ctx;

const target = (): Target => ({ steps: [], annotationsCount: 1, annotations: [] });

/** Answers every query: each job gets one step named after its id. */
function answering(sent: { jobs: string[]; reports: string[]; points: number }[], fail?: (n: number) => unknown): Ask {
  return async <T>(_q: string, vars: Record<string, unknown>, points: number): Promise<T> => {
    await new Promise((r) => setImmediate(r));
    const jobs = Object.entries(vars)
      .filter(([k]) => k.startsWith('j'))
      .flatMap(([, v]) => v as string[]);
    const reports = Object.entries(vars)
      .filter(([k]) => k.startsWith('a'))
      .flatMap(([, v]) => v as string[]);
    sent.push({ jobs, reports, points });
    const failure = fail?.(sent.length);
    if (failure) throw failure;
    const data: Record<string, unknown[]> = {};
    for (const [k, ids] of Object.entries(vars)) {
      data[k] = (ids as string[]).map((id) => ({
        steps: {
          nodes: [
            {
              number: 1,
              name: `step of ${id}`,
              status: 'COMPLETED',
              conclusion: 'SUCCESS',
              startedAt: null,
              completedAt: null,
            },
          ],
        },
        annotations: { totalCount: 0, nodes: [] },
      }));
    }
    return data as T;
  };
}

/** `n` job ids and `m` report ids, with their targets. */
function world(n: number, m: number) {
  const jobs = new Map(Array.from({ length: n }, (_, i) => [`J${i}`, target()] as const));
  const others = new Map(Array.from({ length: m }, (_, i) => [`R${i}`, target()] as const));
  return { jobs, others };
}

describe('StepsFeed', () => {
  it('sends the queries packing at the end would, for the same points, whatever order the jobs come in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 90 }), { maxLength: 12 }),
        async (n, m, cuts) => {
          const { jobs, others } = world(n, m);
          const sent: { jobs: string[]; reports: string[]; points: number }[] = [];
          const feed = new StepsFeed(ctx(), answering(sent), queryPool(8), jobs, others);
          // Phase 1 brings the jobs in batches of any size, in an order of its own.
          const ids = [...jobs.keys()].reverse();
          let at = 0;
          for (const c of cuts) {
            feed.add(ids.slice(at, at + c));
            at += c;
          }
          feed.add(ids.slice(at));
          await feed.finish();
          const all = [
            ...ids.map((id) => ({ id, job: true })),
            ...[...others.keys()].map((id) => ({ id, job: false })),
          ];
          const packed = pack(all, (x) => (x.job ? 2 : 1));
          const weights = (b: { jobs: number; reports: number }[]) => b.map((x) => `${x.jobs}+${x.reports}`).sort();
          expect(weights(sent.map((s) => ({ jobs: s.jobs.length, reports: s.reports.length })))).toEqual(
            weights(
              packed.map((b) => ({ jobs: b.filter((x) => x.job).length, reports: b.filter((x) => !x.job).length })),
            ),
          );
          const points = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          expect(points(sent.map((s) => s.points))).toBe(
            points(
              packed.map((b) => estimateDetailsPoints(b.filter((x) => x.job).length, b.filter((x) => !x.job).length)),
            ),
          );
          // Every job and report asked for exactly once, and filled.
          expect(sent.flatMap((s) => s.jobs).sort()).toEqual([...jobs.keys()].sort());
          expect(sent.flatMap((s) => s.reports).sort()).toEqual([...others.keys()].sort());
          expect([...jobs.values()].every((t) => t.steps!.length === 1)).toBe(true);
        },
      ),
      runs(40),
    );
  });

  it('sends a full query of jobs as soon as phase 1 has brought enough, not at the end', async () => {
    const { jobs, others } = world(JOBS_PER_QUERY + 5, 3);
    const sent: { jobs: string[]; reports: string[]; points: number }[] = [];
    const feed = new StepsFeed(ctx(), answering(sent), queryPool(8), jobs, others);
    const ids = [...jobs.keys()];
    feed.add(ids.slice(0, JOBS_PER_QUERY));
    await new Promise((r) => setTimeout(r, 5));
    // The trap: a query sent with no job kept back, or with fewer jobs than a full one, can cost
    // a point more in all (the last jobs' query takes the first report, when packed at the end).
    expect(sent).toHaveLength(0);
    feed.add(ids.slice(JOBS_PER_QUERY));
    await new Promise((r) => setTimeout(r, 5));
    expect(sent.map((s) => s.jobs.length)).toEqual([JOBS_PER_QUERY]);
    await feed.finish();
    expect(sent.map((s) => [s.jobs.length, s.reports.length])).toEqual([
      [JOBS_PER_QUERY, 0],
      [5, 3],
    ]);
  });

  it('a failed query is a gap for its own check runs; the other queries still fill theirs', async () => {
    const { jobs, others } = world(JOBS_PER_QUERY * 3, 0);
    const sent: { jobs: string[]; reports: string[]; points: number }[] = [];
    const c = ctx();
    const notFound = Object.assign(new Error('Not Found'), { status: 404 });
    const feed = new StepsFeed(
      c,
      answering(sent, (n) => (n === 2 ? notFound : null)),
      queryPool(8),
      jobs,
      others,
    );
    feed.add([...jobs.keys()]);
    await feed.finish();
    expect(sent).toHaveLength(3);
    expect(c.history.gaps).toEqual([
      { what: `steps and annotations of ${JOBS_PER_QUERY} check runs`, reason: expect.stringMatching(/^404/) },
    ]);
    const failed = new Set(sent[1]!.jobs);
    for (const [id, t] of jobs) expect(t.steps).toHaveLength(failed.has(id) ? 0 : 1);
  });

  it('a budget stop sends no more queries, and finish throws it once the ones in flight settled', async () => {
    const { jobs, others } = world(JOBS_PER_QUERY * 6, 10);
    const sent: { jobs: string[]; reports: string[]; points: number }[] = [];
    const stop = new BudgetExhausted('request budget spent', 'budget');
    const feed = new StepsFeed(
      ctx(),
      answering(sent, (n) => (n === 1 ? stop : null)),
      queryPool(1),
      jobs,
      others,
    );
    feed.add([...jobs.keys()]);
    await expect(feed.finish()).rejects.toBe(stop);
    expect(sent).toHaveLength(1);
  });
});

describe('queryPool', () => {
  it('runs at most its limit at once, the urgent before the fillers waiting with them', async () => {
    const pool = queryPool(2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const gates: (() => void)[] = [];
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(name);
      await new Promise<void>((r) => gates.push(r));
      running--;
    };
    const all = [
      pool.run(task('a')),
      pool.run(task('b')),
      pool.run(task('filler 1')),
      pool.run(task('filler 2')),
      pool.run(task('urgent'), true),
    ];
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    await Promise.all(all);
    expect(most).toBe(2);
    expect(order).toEqual(['a', 'b', 'urgent', 'filler 1', 'filler 2']);
  });
});
