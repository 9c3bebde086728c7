/**
 * The API client: @actions/github's Octokit with throttling and retries, every request
 * counted, a request budget enforced. The only way the action talks to GitHub.
 *
 * Request hooks, innermost first (plugins wrap in the order they are given, so the
 * counter sees every request actually sent, retries included):
 *   count -> retry log -> @octokit/plugin-retry (5xx and network errors of reads, backoff) -> reads only
 *   (a write is never retried) -> retry-after (429 and 403 that ask to retry later) ->
 *   throttling (pacing, secondary limits) -> write pacing -> guard (token stripped from
 *   errors, primary rate limit -> BudgetExhausted).
 *
 * What stays hand-written, and why (plugin-retry 8.1 cannot do it):
 * - retry-after: plugin-retry waits retryAfterBaseValue * (n + 1)^2 whatever the answer's
 *   `retry-after` says, and 403 is in its doNotRetry list; the throttling plugin waits out
 *   only 403/429 whose message names a secondary limit or whose `x-ratelimit-remaining` is 0.
 *   A plain 429 (or 403) with `retry-after: 7` must wait 7 s, and one with `retry-after: 600`
 *   must give up at once rather than hammer a server that asked for ten minutes: retryAfterHook.
 * - writes: plugin-retry retries by status, not by method; a repeated POST could open a
 *   second issue, so readsOnly sets `retries: 0` on every write and mutation.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { safeDecode } from '../errors.js';
import type { ApiUsage } from '../types.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; default https://api.github.com */
  baseUrl?: string;
  /** Most REST requests + GraphQL points this audit may spend. */
  budget: number;
  /** Kept back for publishing: collection stops when only this much is left. */
  reserve: number;
  /** Base delay of retry backoff in ms (tests make it tiny): waits base * (n + 1)^2. Default 1000. */
  retryBaseMs?: number;
  /** Most retries of one request on 5xx / network errors. Default 3. */
  maxRetries?: number;
  /** Milliseconds per second of `retry-after` (tests make it tiny). Default 1000. */
  retryAfterUnitMs?: number;
  /** Seconds waited on a secondary limit that gives no usable retry-after. Default 60. */
  secondaryFallbackSeconds?: number;
  /** Most waits on secondary rate limits for one request; a longer retry-after gives up at once. Default 3, 120 s. */
  maxSecondaryRetries?: number;
  maxSecondaryWaitSeconds?: number;
  log?: (msg: string) => void;
  /** The limiter that spaces writes (REST writes, GraphQL mutations); tests pass one to count what it schedules. */
  writeLimiter?: WriteLimiter;
}

/** What the client needs of a Bottleneck limiter: schedule a task after the ones before it. */
export interface WriteLimiter {
  schedule<R>(fn: () => Promise<R>): Promise<R>;
}

/** GitHub asks for at least a second between mutative requests; reads need no spacing. */
export const WRITE_SPACING_MS = 1000;

export function createWriteLimiter(minTime = WRITE_SPACING_MS): WriteLimiter {
  return new Bottleneck({ maxConcurrent: 1, minTime });
}

export interface AuditClient {
  octokit: Octokit;
  usage: ApiUsage;
  /** Can collection spend `n` more units and still leave the publishing reserve? */
  canCollect(n?: number): boolean;
  /** Set once the rules file is read (its `budget` section). */
  setBudget(maxRequests: number, reserve: number): void;
  /**
   * The most units collection may have spent in all (a warm audit's nightly allowance, less
   * its publishing), below the budget; null lifts it. Publishing is not held to it.
   */
  limitCollection(units: number | null): void;
  /** The limit set by `limitCollection`, if any. */
  readonly collectLimit: number | null;
  /** The text with the token removed (for messages built from responses or errors). */
  redact(text: string): string;
  /** The reserve kept for publishing. */
  readonly reserve: number;
}

export class BudgetExhausted extends Error {
  /** 'budget': the audit's own budget; 'allowance': a warm audit's nightly allowance; 'rate-limit': GitHub's rate limit. */
  readonly reason: 'budget' | 'allowance' | 'rate-limit';
  constructor(message: string, reason: 'budget' | 'allowance' | 'rate-limit' = 'budget') {
    super(message);
    this.name = 'BudgetExhausted';
    this.reason = reason;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Octokit hook types are loose by design */
type RequestFn = (options: any) => Promise<any>;
type Hook = (request: RequestFn, options: any) => Promise<any>;
type Plugin = (octokit: { hook: { wrap(name: 'request', hook: Hook): void } }) => void;
/* eslint-enable @typescript-eslint/no-explicit-any */

interface ErrorLike {
  status?: number;
  message: string;
  stack?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  /** The request as sent (full URL), on Octokit's RequestError. */
  request?: { method?: string; url?: string };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isGraphql(url: string): boolean {
  return new URL(url, 'http://github.test').pathname.endsWith('/graphql');
}

function graphqlCost(data: unknown): number {
  const cost = (data as { data?: { rateLimit?: { cost?: unknown } } } | null)?.data?.rateLimit?.cost;
  return typeof cost === 'number' && cost >= 0 ? cost : 1;
}

/** A 403/429 that says the primary (hourly) rate limit is spent. */
export function isPrimaryRateLimit(e: ErrorLike): boolean {
  return (e.status === 403 || e.status === 429) && e.response?.headers?.['x-ratelimit-remaining'] === '0';
}

function isSecondaryMessage(e: ErrorLike): boolean {
  return /\bsecondary rate\b/i.test(e.message);
}

/**
 * A refusal for going too fast, not for lacking permission: a 429, or a 403 that says
 * the hourly limit is spent (`x-ratelimit-remaining: 0`), names a secondary limit, or asks
 * to retry later (`retry-after`). Named as a rate limit, never as "check the token".
 */
export function rateLimitReason(e: unknown): string | null {
  const err = e as ErrorLike | null;
  if (!err || (err.status !== 403 && err.status !== 429)) return null;
  const headers = err.response?.headers ?? {};
  const after = Number(headers['retry-after']);
  const wait = Number.isFinite(after) && after > 0 ? `, retry after ${after} s` : '';
  if (isPrimaryRateLimit(err)) return `${err.status} rate limited (hourly API rate limit spent${wait})`;
  if (isSecondaryMessage(err as ErrorLike)) return `${err.status} rate limited (secondary rate limit${wait})`;
  if (err.status === 429 || headers['retry-after'] !== undefined) return `${err.status} rate limited${wait}`;
  return null;
}

/** Usage and budget of one client: what was spent, what is left, what is kept back. */
class Meter {
  readonly usage: ApiUsage = { requests: 0, graphqlPoints: 0, notModified: 0 };
  /** Collection stops here, below the budget (limitCollection). */
  limit: number | null = null;
  constructor(
    public budget: number,
    public reserve: number,
  ) {
    this.refresh();
  }
  spent(): number {
    return this.usage.requests + this.usage.graphqlPoints;
  }
  refresh(): void {
    this.usage.budget = this.budget;
    this.usage.budgetLeft = Math.max(0, this.budget - this.spent());
  }
  /** Only the REST (core) bucket: GraphQL and search answers carry their own buckets' counts. */
  see(headers: Record<string, string | undefined> | undefined): void {
    const resource = headers?.['x-ratelimit-resource'];
    const raw = headers?.['x-ratelimit-remaining'];
    if (raw === undefined || !Number.isFinite(Number(raw))) return;
    if (resource === 'graphql') this.usage.graphqlRemaining = Number(raw);
    else if (resource === undefined || resource === 'core') {
      this.usage.rateLimitRemaining = Number(raw);
      const limit = Number(headers?.['x-ratelimit-limit']);
      if (limit > 0) this.usage.rateLimitLimit = limit;
    }
  }
  /** GraphQL's own count, from a query's `rateLimit { remaining }` (after its cost). */
  seeGraphql(data: unknown): void {
    const left = (data as { data?: { rateLimit?: { remaining?: unknown } } } | null)?.data?.rateLimit?.remaining;
    if (typeof left === 'number' && left >= 0) this.usage.graphqlRemaining = left;
  }
  canCollect(n: number): boolean {
    if (this.spent() + n > this.budget - this.reserve) return false;
    if (this.limit !== null && this.spent() + n > this.limit) return false;
    const left = this.usage.rateLimitRemaining;
    return left === undefined || left - n >= this.reserve;
  }
}

/** Innermost hook: counts every request sent (retries included) and refuses to send beyond the budget. */
function countHook(meter: Meter): Plugin {
  return (octokit) =>
    octokit.hook.wrap('request', async (request, opts) => {
      if (meter.spent() >= meter.budget) throw new BudgetExhausted(`request budget of ${meter.budget} spent`);
      const graphql = isGraphql(opts.url as string);
      const { usage } = meter;
      try {
        const res = await request(opts);
        meter.see(res.headers);
        if (graphql) {
          usage.graphqlPoints += graphqlCost(res.data);
          meter.seeGraphql(res.data);
        } else usage.requests++;
        return res;
      } catch (e) {
        const err = e as ErrorLike;
        meter.see(err.response?.headers);
        if (err.status === 304) usage.notModified++;
        else if (graphql) usage.graphqlPoints++;
        else usage.requests++;
        throw e;
      } finally {
        meter.refresh();
      }
    });
}

/** GETs, HEADs and GraphQL queries (not mutations): safe to send twice. */
export function isRead(opts: { method?: string; url?: string; query?: unknown }): boolean {
  if (opts.method === 'GET' || opts.method === 'HEAD') return true;
  return opts.method === 'POST' && isGraphql(opts.url ?? '') && !/^\s*mutation\b/.test(String(opts.query ?? ''));
}

/** A GraphQL POST that carries a mutation (a query is a read, see isRead). */
export function isWrite(opts: { method?: string; url?: string; query?: unknown }): boolean {
  return !isRead(opts);
}

/**
 * The plugin puts every `/graphql` POST on its write limiter (1 s apart), queries included;
 * its write group is replaced by a pass-through, and this hook spaces only real writes:
 * REST writes and mutations. Queries still share the global limiter (MAX_CONCURRENT at once).
 */
function writePacing(limiter: WriteLimiter): Hook {
  return (request, opts) => (isWrite(opts) ? limiter.schedule(() => request(opts)) : request(opts));
}

/** The plugin's write slot: a group without spacing, as writePacing spaces the real writes. */
const unpaced = () => new Bottleneck.Group({ maxConcurrent: null, minTime: 0 });

/**
 * API requests in flight at once (the plugin's default is 10). A cold audit's log reads are
 * two requests each, the API's redirect then the storage URL: at 10, 200 logs waited on the
 * redirects ten at a time. GitHub's secondary limit is 100 concurrent requests.
 */
export const MAX_CONCURRENT = 16;
const global = () => new Bottleneck.Group({ maxConcurrent: MAX_CONCURRENT });

/**
 * Every status below 500 is the caller's to handle: plugin-retry would otherwise retry a 409
 * (an empty repository) or a 429 with its own backoff (retryAfterHook owns those).
 */
const CLIENT_ERRORS = Array.from({ length: 100 }, (_, i) => 400 + i);

function retryOptions(options: ClientOptions) {
  return {
    retries: options.maxRetries ?? 3,
    retryAfterBaseValue: options.retryBaseMs ?? 1000,
    doNotRetry: CLIENT_ERRORS,
  };
}

/** Inside plugin-retry: says which failed read it is about to send again (it logs nothing itself). */
function retryLog(options: ClientOptions, log: (m: string) => void): Plugin {
  return (octokit) =>
    octokit.hook.wrap('request', async (request, opts) => {
      try {
        return await request(opts);
      } catch (e) {
        const status = (e as ErrorLike).status ?? 0;
        const n = Number(opts.request?.retryCount ?? 0);
        if (status >= 500 && isRead(opts) && n < (options.maxRetries ?? 3)) {
          log(`${opts.method} ${opts.url}: ${status}, retry ${n + 1}`);
        }
        throw e;
      }
    });
}

/** Outside plugin-retry: only idempotent reads are retried on server errors (a repeated write could duplicate an issue). */
const readsOnly: Plugin = (octokit) =>
  octokit.hook.wrap('request', (request, opts) => {
    if (!isRead(opts)) opts.request = { ...(opts.request ?? {}), retries: 0 };
    return request(opts);
  });

/** Waits out a 429 (or 403) that says `retry-after` but is not the throttling plugin's (see the header). */
function retryAfterHook(options: ClientOptions, log: (m: string) => void): Plugin {
  return (octokit) =>
    octokit.hook.wrap('request', async (request, opts) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(opts);
        } catch (e) {
          const wait = retryDelay(e as ErrorLike, attempt, options);
          if (wait === null) throw e;
          log(`${opts.method} ${opts.url}: ${(e as ErrorLike).status ?? 'error'}, retry ${attempt + 1} in ${wait} ms`);
          await sleep(wait);
        }
      }
    });
}

function throttleOptions(options: ClientOptions, log: (m: string) => void) {
  const maxSecondary = options.maxSecondaryRetries ?? 3;
  const maxWait = options.maxSecondaryWaitSeconds ?? 120;
  return {
    write: unpaced(),
    global: global(),
    fallbackSecondaryRateRetryAfter: options.secondaryFallbackSeconds ?? 60,
    retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
    onSecondaryRateLimit: (retryAfter: number, o: { method: string; url: string }, _k: unknown, n: number) => {
      const ok = n < maxSecondary && retryAfter <= maxWait;
      log(`secondary rate limit on ${o.method} ${o.url}: ${ok ? `waiting ${retryAfter} s` : 'giving up'}`);
      return ok;
    },
    // Waiting for the hourly reset would hang the job: stop and say so instead.
    onRateLimit: (retryAfter: number, o: { method: string; url: string }) => {
      log(`rate limit exhausted on ${o.method} ${o.url} (resets in ${retryAfter} s): not waiting`);
      return false;
    },
  };
}

/** "GET /repos/o/r": the path only (the host is the API's). */
function requestName(opts: { method?: string; url?: string }): string {
  const url = String(opts.url ?? '');
  let pathname = url.split('?')[0]!;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // a relative route: already a path
  }
  return `${opts.method ?? 'GET'} ${safeDecode(pathname)}`;
}

function rateLimitMessage(err: ErrorLike): string {
  const reset = Number(err.response?.headers?.['x-ratelimit-reset']);
  const at =
    Number.isFinite(reset) && reset > 0 ? `, resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
  return `the GitHub API rate limit is exhausted (x-ratelimit-remaining: 0${at})`;
}

/** Outermost hook: the token never leaves in a message; the primary limit becomes BudgetExhausted. */
function guardHook(redact: (s: string) => string): Hook {
  return async (request, opts) => {
    try {
      return await request(opts);
    } catch (e) {
      const err = e as ErrorLike;
      if (isPrimaryRateLimit(err)) {
        throw new BudgetExhausted(`${requestName(err.request ?? opts)}: ${rateLimitMessage(err)}`, 'rate-limit');
      }
      if (err && typeof err.message === 'string') {
        err.message = redact(err.message);
        if (err.stack) err.stack = redact(err.stack);
      }
      throw e;
    }
  };
}

export function createClient(options: ClientOptions): AuditClient {
  const { token } = options;
  const redact = (text: string): string => (token ? text.split(token).join('***') : text);
  const log = (msg: string) => options.log?.(redact(msg));
  const meter = new Meter(options.budget, options.reserve);
  const octokit = getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      throttle: throttleOptions(options, log),
      retry: retryOptions(options),
    },
    countHook(meter) as never,
    retryLog(options, log) as never,
    retry,
    readsOnly as never,
    retryAfterHook(options, log) as never,
    throttling,
  );
  octokit.hook.wrap('request', writePacing(options.writeLimiter ?? createWriteLimiter()) as never);
  octokit.hook.wrap('request', guardHook(redact) as never);
  return {
    octokit,
    usage: meter.usage,
    redact,
    get reserve() {
      return meter.reserve;
    },
    canCollect: (n = 1) => meter.canCollect(n),
    setBudget(maxRequests, reserve) {
      meter.budget = maxRequests;
      meter.reserve = reserve;
      meter.refresh();
    },
    limitCollection(units) {
      meter.limit = units;
    },
    get collectLimit() {
      return meter.limit;
    },
  };
}

/**
 * Milliseconds to wait before retrying a rate-limited answer (a 429, or a 403 with
 * `retry-after`) that the throttling plugin does not own, or null to give up. Server errors
 * are plugin-retry's; the primary limit and secondary limits named as such are not retried here.
 */
export function retryDelay(e: ErrorLike, attempt: number, o: ClientOptions): number | null {
  if (e instanceof BudgetExhausted || isPrimaryRateLimit(e) || isSecondaryMessage(e)) return null;
  const header = e.response?.headers?.['retry-after'];
  if (e.status !== 429 && !(e.status === 403 && header !== undefined)) return null;
  if (attempt >= (o.maxSecondaryRetries ?? 3)) return null;
  const seconds = Number(header) || (o.secondaryFallbackSeconds ?? 60);
  if (seconds > (o.maxSecondaryWaitSeconds ?? 120)) return null;
  return seconds * (o.retryAfterUnitMs ?? 1000);
}
