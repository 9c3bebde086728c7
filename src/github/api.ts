/**
 * Budget-aware reads for collection: every request first asks the client whether the
 * budget still covers it (leaving the publishing reserve), pagination stops as soon as the
 * caller has enough, and a bounded pool keeps a few requests in flight.
 */
import { BudgetExhausted, rateLimitReason, type AuditClient } from './client.js';

export const PER_PAGE = 100;
/** Requests in flight at once: fast enough, and far below GitHub's secondary limits. */
export const CONCURRENCY = 6;

export type Params = Record<string, string | number | undefined>;

export class Api {
  /** Units sent but not yet answered: not counted by the client yet, but spoken for. */
  private inFlight = 0;

  constructor(
    readonly client: AuditClient,
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** Throws BudgetExhausted when `cost` more units (requests, GraphQL points) would dip into the reserve. */
  guard(cost = 1): void {
    if (!this.client.canCollect(this.inFlight + cost)) {
      const { usage, reserve, collectLimit } = this.client;
      const rate = usage.rateLimitRemaining;
      const byRate = rate !== undefined && rate - this.inFlight - cost < reserve;
      const spent = usage.requests + usage.graphqlPoints + this.inFlight + cost;
      const byLimit = !byRate && collectLimit !== null && spent > collectLimit;
      if (byRate) throw new BudgetExhausted(`GitHub API rate limit nearly exhausted (${rate} left)`, 'rate-limit');
      if (byLimit) throw new BudgetExhausted(`nightly allowance of ${collectLimit} units spent`, 'allowance');
      throw new BudgetExhausted('request budget spent', 'budget');
    }
  }

  async get<T>(route: string, params: Params = {}): Promise<T> {
    return this.send(async () => {
      const res = await this.client.octokit.request(route, { owner: this.owner, repo: this.repo, ...params });
      return res.data as T;
    });
  }

  /**
   * Guard, then run one request while its `cost` is counted as in flight: a REST request 1, a
   * GraphQL query its estimated points. Concurrent requests thus never overspend the budget.
   */
  async send<T>(fn: () => Promise<T>, cost = 1): Promise<T> {
    this.guard(cost);
    this.inFlight += cost;
    try {
      return await fn();
    } finally {
      this.inFlight -= cost;
    }
  }

  /**
   * Pages of a list endpoint (items under `key`, or the body itself when it is an array).
   * `onPage` returns false to stop early; at most `maxPages` requests.
   */
  async pages<T>(
    route: string,
    params: Params,
    key: string | null,
    onPage: (items: T[]) => boolean | void,
    maxPages = Infinity,
  ): Promise<void> {
    for (let page = 1; page <= maxPages; page++) {
      const data = await this.get<unknown>(route, { ...params, per_page: PER_PAGE, page });
      const items = (key ? ((data as Record<string, unknown>)[key] ?? []) : data) as T[];
      const more = onPage(items);
      // A short page is the last one: no need to ask for an empty page after it.
      if (more === false || items.length < PER_PAGE) return;
    }
  }

  async all<T>(route: string, params: Params, key: string | null, maxPages = Infinity): Promise<T[]> {
    const out: T[] = [];
    await this.pages<T>(route, params, key, (items) => void out.push(...items), maxPages);
    return out;
  }
}

/**
 * Run `fn` over `items`, `limit` at a time. A BudgetExhausted stops new work, lets the
 * requests in flight finish, then is rethrown so the caller keeps what was collected.
 */
export async function eachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let stop: unknown = null;
  const worker = async () => {
    while (stop === null && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (e) {
        stop ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (stop !== null) throw stop;
}

/** HTTP status of an Octokit error, if any. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown }).status;
  return typeof s === 'number' ? s : undefined;
}

const REASONS: Record<number, string> = {
  403: '403 Forbidden (check the token permissions: actions: read, checks: read)',
  404: '404 Not Found',
  410: '410 Gone (expired)',
};

/**
 * A per-item failure (a run's jobs, a check run, annotations, a log) becomes a gap instead
 * of ending the audit; budget exhaustion and errors without a status still propagate.
 */
export function gapReason(e: unknown, redact: (s: string) => string): string | null {
  if (e instanceof BudgetExhausted) return null;
  const status = statusOf(e);
  if (status === undefined || status === 401) return null;
  const limited = rateLimitReason(e);
  if (limited) return limited;
  return REASONS[status] ?? redact(`${status} ${(e as Error).message}`.slice(0, 200));
}
