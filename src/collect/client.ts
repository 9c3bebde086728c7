/**
 * The API client: @actions/github's Octokit with throttling and retries, every request
 * counted, a request budget enforced. The only way the action talks to GitHub.
 * OWNER: collection. Publishing uses `client.octokit` for its writes (counted too).
 *
 * Request hooks, innermost first (plugins wrap in the order they are given, so the
 * counter sees every request actually sent, retries included):
 *   count -> retry (5xx, network, 429 with retry-after) -> throttling (pacing, secondary
 *   limits) -> guard (token stripped from errors, primary rate limit -> BudgetExhausted).
 */
import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
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
  /** Base delay of retry backoff in ms (tests make it tiny). Default 1000. */
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
}

export interface AuditClient {
  octokit: Octokit;
  usage: ApiUsage;
  /** Can collection spend `n` more units and still leave the publishing reserve? */
  canCollect(n?: number): boolean;
  /** Set once the rules file is read (its `budget` section). */
  setBudget(maxRequests: number, reserve: number): void;
  /** The text with the token removed (for messages built from responses or errors). */
  redact(text: string): string;
  /** The reserve kept for publishing. */
  readonly reserve: number;
}

export class BudgetExhausted extends Error {
  /** 'budget': the audit's own budget; 'rate-limit': GitHub's rate limit. */
  readonly reason: 'budget' | 'rate-limit';
  constructor(message: string, reason: 'budget' | 'rate-limit' = 'budget') {
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

export function createClient(options: ClientOptions): AuditClient {
  const { token } = options;
  const redact = (text: string): string => (token ? text.split(token).join('***') : text);
  const log = (msg: string) => options.log?.(redact(msg));
  const usage: ApiUsage = { requests: 0, graphqlPoints: 0, notModified: 0 };
  let budget = options.budget;
  let reserve = options.reserve;
  const spent = () => usage.requests + usage.graphqlPoints;
  const refresh = () => {
    usage.budget = budget;
    usage.budgetLeft = Math.max(0, budget - spent());
  };
  refresh();

  // Only the REST (core) bucket: GraphQL and search answers carry their own buckets' counts.
  const seeHeaders = (headers: Record<string, string | undefined> | undefined) => {
    const resource = headers?.['x-ratelimit-resource'];
    if (resource !== undefined && resource !== 'core') return;
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    if (headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
      usage.rateLimitRemaining = remaining;
  };

  // Innermost: counts every request sent and refuses to send beyond the budget.
  const count: Plugin = (octokit) =>
    octokit.hook.wrap('request', async (request, opts) => {
      if (spent() >= budget) throw new BudgetExhausted(`request budget of ${budget} spent`);
      const graphql = isGraphql(opts.url as string);
      try {
        const res = await request(opts);
        seeHeaders(res.headers);
        if (graphql) usage.graphqlPoints += graphqlCost(res.data);
        else usage.requests++;
        return res;
      } catch (e) {
        const err = e as ErrorLike;
        seeHeaders(err.response?.headers);
        if (err.status === 304) usage.notModified++;
        else if (graphql) usage.graphqlPoints++;
        else usage.requests++;
        throw e;
      } finally {
        refresh();
      }
    });

  const retry: Plugin = (octokit) =>
    octokit.hook.wrap('request', async (request, opts) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await request(opts);
        } catch (e) {
          const wait = retryDelay(e as ErrorLike, opts.method as string, attempt, options);
          if (wait === null) throw e;
          log(`${opts.method} ${opts.url}: ${(e as ErrorLike).status ?? 'error'}, retry ${attempt + 1} in ${wait} ms`);
          await sleep(wait);
        }
      }
    });

  const maxSecondary = options.maxSecondaryRetries ?? 3;
  const maxWait = options.maxSecondaryWaitSeconds ?? 120;
  const octokit = getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      throttle: {
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
      },
    },
    count as never,
    retry as never,
    throttling,
  );

  // Outermost: the token never leaves in a message; the primary limit becomes BudgetExhausted.
  octokit.hook.wrap('request', async (request, opts) => {
    try {
      return await request(opts);
    } catch (e) {
      const err = e as ErrorLike;
      if (isPrimaryRateLimit(err)) {
        throw new BudgetExhausted('the GitHub API rate limit is exhausted (x-ratelimit-remaining: 0)', 'rate-limit');
      }
      if (err && typeof err.message === 'string') {
        err.message = redact(err.message);
        if (err.stack) err.stack = redact(err.stack);
      }
      throw e;
    }
  });

  return {
    octokit,
    usage,
    redact,
    get reserve() {
      return reserve;
    },
    canCollect(n = 1) {
      if (spent() + n > budget - reserve) return false;
      return usage.rateLimitRemaining === undefined || usage.rateLimitRemaining - n >= reserve;
    },
    setBudget(maxRequests, newReserve) {
      budget = maxRequests;
      reserve = newReserve;
      refresh();
    },
  };
}

/** Milliseconds to wait before retrying, or null to give up. */
export function retryDelay(e: ErrorLike, method: string, attempt: number, o: ClientOptions): number | null {
  if (e instanceof BudgetExhausted || isPrimaryRateLimit(e)) return null;
  const status = e.status;
  const header = e.response?.headers?.['retry-after'];
  // Secondary limits whose message says so are the throttling plugin's to wait out.
  if ((status === 429 || (status === 403 && header !== undefined)) && !isSecondaryMessage(e)) {
    if (attempt >= (o.maxSecondaryRetries ?? 3)) return null;
    const seconds = Number(header) || (o.secondaryFallbackSeconds ?? 60);
    if (seconds > (o.maxSecondaryWaitSeconds ?? 120)) return null;
    return seconds * (o.retryAfterUnitMs ?? 1000);
  }
  // Only idempotent reads are retried on server errors: a repeated write could duplicate an issue.
  const serverError = status !== undefined && status >= 500;
  if (!serverError || (method !== 'GET' && method !== 'HEAD') || attempt >= (o.maxRetries ?? 3)) return null;
  const base = (o.retryBaseMs ?? 1000) * 2 ** attempt;
  return Math.round(base / 2 + Math.random() * (base / 2));
}
