/**
 * What every collection stage is given: the budgeted API, the history being built (stages
 * record gaps in it), the options, the run cache; and the helpers that turn a per-item
 * failure into a gap. Stages import this module, never the orchestrator (index.ts).
 */
import type { CacheStore } from '../cache/store.js';
import type { RunCache } from '../cache/run-cache.js';
import type { Config } from '../config-types.js';
import { gapReason, type Api } from '../github/api.js';
import type { AuditClient } from '../github/client.js';
import type { Settings } from '../inputs.js';
import type { History, Job, Rule, Run } from '../types.js';
import type { FoundIssues } from '../tracking/find.js';

export interface CollectOptions {
  client: AuditClient;
  settings: Pick<Settings, 'owner' | 'repo' | 'window' | 'workflows' | 'branches' | 'maxLogs'>;
  config: Config;
  rules: Rule[];
  /** https://github.com or the GHES host, for links. */
  serverUrl: string;
  now?: Date;
  log?: (msg: string) => void;
  /** Jobs, check runs and annotations by GraphQL (REST as fallback); default: on unless AUDIT_CI_GRAPHQL=false. */
  graphql?: boolean;
  /** Where the run cache lives; default from the environment (cache/store.ts); null: no cache. */
  cacheStore?: CacheStore | null;
  /** The run cache, already opened (by `audit`, to read the rules file with conditional requests). */
  cache?: RunCache | null;
  /**
   * Also read the tracking issues with this label where it costs nothing more: in the first
   * GraphQL runs query (`collectWithTracking` sets it).
   */
  tracking?: { label: string };
}

export interface Ctx {
  api: Api;
  history: History;
  options: CollectOptions;
  now: Date;
  /** Runs whose jobs were read (or are a recorded gap). */
  jobsDone: Set<number>;
  /** Completed runs and log digests read by earlier audits (null: no cache). */
  cache?: RunCache | null;
  /** The tracking issues, when the first GraphQL query read them (tracking/find.ts). */
  tracking?: FoundIssues;
  /** Runs an earlier audit listed but did not read: read last, with what is left (index.ts). */
  older?: Run[];
  /** The nightly allowance this warm audit is held to, if any (log-policy.ts, nightCap). */
  allowance?: number;
  log: (msg: string) => void;
}

/**
 * Run `fn`; a per-item failure becomes a gap named `what`. A TypeError is our mapping
 * meeting an answer of the wrong shape (a list that is not a list, a field that is null):
 * a malformed answer, recorded as such, never a crash.
 */
export async function orGap(ctx: Ctx, what: string, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    const reason =
      e instanceof TypeError
        ? `malformed answer from GitHub (${ctx.api.client.redact(e.message).slice(0, 160)})`
        : gapReason(e, ctx.api.client.redact);
    if (reason === null) throw e;
    ctx.history.gaps.push({ what, reason });
    return false;
  }
}

/**
 * Map each item of an answer, skipping the ones whose shape is wrong (a pull request
 * without `head`, an annotation without a message), with one gap naming the request.
 */
export function mapSome<T, U>(ctx: Ctx, what: string, items: T[], map: (item: T) => U): U[] {
  const out: U[] = [];
  let bad = 0;
  let first = '';
  for (const item of Array.isArray(items) ? items : []) {
    try {
      out.push(map(item));
    } catch (e) {
      bad++;
      first ||= (e as Error).message;
    }
  }
  if (!Array.isArray(items)) ctx.history.gaps.push({ what, reason: 'malformed answer from GitHub (not a list)' });
  else if (bad > 0) {
    ctx.history.gaps.push({
      what,
      reason: `${bad} of ${items.length} items malformed, skipped (${ctx.api.client.redact(first).slice(0, 160)})`,
    });
  }
  return out;
}

export function jobIndex(history: History): Map<number, Job> {
  return new Map(history.runs.flatMap((r) => r.jobs.map((j) => [j.id, j] as const)));
}

/**
 * Tasks that need nothing of each other, run at once: every one is awaited, so none is still
 * sending requests when this returns, and what each read stays read when another fails; then
 * the first failure, in the order given, is thrown (a budget stop as from one task alone).
 */
export async function together(...tasks: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(tasks);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
}
