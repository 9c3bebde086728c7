/**
 * Phases 2 and 3 of the GraphQL details (graphql-stage.ts): steps and annotations of jobs,
 * annotations of other check runs, up to REQUESTS_PER_QUERY requests a query. A query of jobs
 * alone goes out as soon as phase 1 has brought enough jobs to fill it, while phase 1 and the
 * commits' other suites are still being read, so the queries in flight stay at the limit
 * instead of draining at the end of each phase; the rest is packed at the end, as before.
 * The queries cost what they did: jobs weigh 2 requests, packing cuts every JOBS_PER_QUERY of
 * them whichever jobs came first, and the rest (at least one job) is packed in the same order.
 */
import type { Annotation, Step } from '../types.js';
import { gapReason } from '../github/api.js';
import {
  IDS_PER_LIST,
  REQUESTS_PER_QUERY,
  applyDetails,
  chunk,
  detailsQuery,
  estimateDetailsPoints,
  listVars,
  pack,
  type GqlCheckRun,
} from '../github/graphql.js';
import type { Ctx } from './context.js';

/** What phase 2 fills: a job (steps, annotations) or another check run (annotations). */
export type Target = { steps?: Step[]; annotationsCount: number; annotations: Annotation[] };

/** A query, its estimated points counted as in flight (graphqlQuery). */
export type Ask = <T>(query: string, vars: Record<string, unknown>, points: number) => Promise<T>;

/** Jobs in a query of jobs alone: 2 requests each. */
export const JOBS_PER_QUERY = Math.floor(REQUESTS_PER_QUERY / 2);

/**
 * At most `limit` queries in flight, shared by every phase; the queries phase 1 and 1b wait
 * for (`urgent`) go before the steps queries that only fill free slots.
 */
export interface Pool {
  run<T>(fn: () => Promise<T>, urgent?: boolean): Promise<T>;
}

export function queryPool(limit: number): Pool {
  let running = 0;
  const urgent: (() => void)[] = [];
  const filler: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>, first = false): Promise<T> {
      if (running >= limit) await new Promise<void>((resolve) => (first ? urgent : filler).push(resolve));
      running++;
      try {
        return await fn();
      } finally {
        running--;
        (urgent.shift() ?? filler.shift())?.();
      }
    },
  };
}

type Item = { id: string; job: boolean };

/**
 * Steps and annotations of the jobs and check runs read in phase 1 (and 1b), filled into
 * `jobs` and `others` (node id -> target). `add` as phase 1 reads jobs; `finish` once every
 * target is known: it sends the rest and waits for every query. A query that fails is a gap
 * for its check runs only; one that throws (the budget, a 401) stops the queries not yet sent,
 * and `finish` throws it once the others have settled.
 */
export class StepsFeed {
  private waiting: string[] = [];
  private readonly sent: Promise<void>[] = [];
  private stop: unknown = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly ask: Ask,
    private readonly pool: Pool,
    private readonly jobs: Map<string, Target>,
    private readonly others: Map<string, Target>,
  ) {}

  /**
   * Jobs phase 1 has just read (node ids, already in `jobs`): a full query goes out once more
   * jobs than fill one are waiting. One always stays for `finish`: packing every job at the end
   * puts the first report into the last jobs' query (74 jobs are 148 requests of 149), and so
   * does `finish` with the jobs kept back.
   */
  add(ids: string[]): void {
    this.waiting.push(...ids);
    while (this.waiting.length > JOBS_PER_QUERY) {
      this.send(this.waiting.splice(0, JOBS_PER_QUERY).map((id) => ({ id, job: true })));
    }
  }

  /** The jobs not sent yet, then every other check run, packed as one list; every query settled. */
  async finish(): Promise<void> {
    const rest = [
      ...this.waiting.map((id) => ({ id, job: true })),
      ...[...this.others.keys()].map((id) => ({ id, job: false })),
    ];
    this.waiting = [];
    for (const batch of pack(rest, (x) => (x.job ? 2 : 1))) this.send(batch);
    await Promise.allSettled(this.sent);
    if (this.stop !== null) throw this.stop;
  }

  /** Settle every query sent so far (after a failure elsewhere: none outlives the stage). */
  async drain(): Promise<void> {
    this.stop ??= new Error('stopped');
    await Promise.allSettled(this.sent);
  }

  private send(batch: Item[]): void {
    const task = this.pool.run(async () => {
      if (this.stop !== null) return;
      try {
        await this.query(batch);
      } catch (e) {
        this.stop ??= e;
      }
    });
    this.sent.push(task);
  }

  private async query(batch: Item[]): Promise<void> {
    const { ctx } = this;
    const jobIds = batch.filter((x) => x.job).map((x) => x.id);
    const reportIds = batch.filter((x) => !x.job).map((x) => x.id);
    try {
      const query = detailsQuery(Math.ceil(jobIds.length / IDS_PER_LIST), Math.ceil(reportIds.length / IDS_PER_LIST));
      const points = estimateDetailsPoints(jobIds.length, reportIds.length);
      const vars = { ...listVars('j', jobIds), ...listVars('a', reportIds) };
      const data = await this.ask<Record<string, (GqlCheckRun | null)[]>>(query, vars, points);
      const apply = (prefix: string, ids: string[], into: Map<string, Target>) =>
        chunk(ids, IDS_PER_LIST).forEach((group, g) =>
          group.forEach((id, i) => {
            const node = data[`${prefix}${g}`]?.[i];
            const target = into.get(id);
            if (node && target) applyDetails(target, node);
          }),
        );
      apply('j', jobIds, this.jobs);
      apply('a', reportIds, this.others);
    } catch (e) {
      // A TypeError is an answer of the wrong shape (a null where a list was due): a gap, not a crash.
      const reason =
        e instanceof TypeError
          ? `malformed answer from GitHub (${ctx.api.client.redact(e.message).slice(0, 160)})`
          : gapReason(e, ctx.api.client.redact);
      if (reason === null && !(e as { errors?: unknown }).errors) throw e;
      ctx.history.gaps.push({
        what: `steps and annotations of ${batch.length} check runs`,
        reason: reason ?? 'GraphQL error',
      });
    }
  }
}
