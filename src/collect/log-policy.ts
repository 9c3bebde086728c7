/**
 * The run cache as collection uses it: opened (restored) before the first request, with
 * conditional requests installed on the client, consulted for log digests, and saved
 * (evicted, persisted) after the last stage.
 */
import type { Config } from '../config.js';
import type { LogDigest } from '../types.js';
import { gapReason, statusOf, type Api } from '../github/api.js';
import { RunCache, configFingerprint } from '../cache/run-cache.js';
import { defaultStore, type CacheStore } from '../cache/store.js';
import type { AuditClient } from '../github/client.js';
import { installEtags } from '../github/etag-cache.js';
import { HttpStatusError, readLog } from './logs.js';

/** The cache each client's ETag hook reads: the hook is installed once per client. */
const current = new WeakMap<AuditClient, { cache: RunCache | null }>();

export interface OpenCacheOptions {
  client: AuditClient;
  repository: string;
  /** The rules in force; when the cache is opened before they are read, `RunCache.useConfig` later. */
  config?: Config;
  /** The store; default: from the environment (AUDIT_CI_CACHE_DIR, or @actions/cache on a runner). */
  store?: CacheStore | null;
  now?: Date;
  log?: (msg: string) => void;
}

/** The cache for this audit, loaded; null when there is no store (tests, a runner without the cache service). */
export async function openRunCache(o: OpenCacheOptions): Promise<RunCache | null> {
  const store = o.store !== undefined ? o.store : defaultStore(o.repository, process.env, o.log);
  const previous = current.get(o.client);
  if (previous) previous.cache = null;
  if (!store) return null;
  const cache = new RunCache(store, o.repository, o.config ? configFingerprint(o.config) : '', o.now);
  const restored = await cache.load();
  const size = cache.size;
  o.log?.(
    `Run cache (${store.kind}): ${restored ? `restored ${restored}` : 'cold'}, ${size.runs} runs, ${size.logs} log digests`,
  );
  const holder = current.get(o.client);
  if (holder) holder.cache = cache;
  else {
    const h = { cache: cache as RunCache | null };
    current.set(o.client, h);
    installEtags(o.client.octokit, () => h.cache);
  }
  return cache;
}

/**
 * Log requests at or above this priority explain something that happened in a run: a failure
 * (80), a slowdown (60), a flake (50), a job that ended without a failed step (45). A warm
 * audit reads every such log of its new runs, whatever their share of `max-logs`.
 */
export const EXPLAIN_PRIORITY = 45;

export interface LogChoice<T> {
  /** Wanted logs not in the cache, in reading order: read from the first, up to `allowance`. */
  uncached: T[];
  /** How many of them to read. */
  allowance: number;
  /** What set the allowance: `maxLogs`, the new runs' share of it, or less for the logs the window holds already. */
  limit: 'max-logs' | 'share' | 'held';
  /** How many wanted digests came from the cache (put into `logs`) by this call. */
  reused: number;
  /** Wanted logs an earlier audit found gone (404, 410), with the reason: not asked for again. */
  gone: { wanted: T; reason: string }[];
}

/**
 * Put every digest the cache holds for a job of this window into `logs`, before rules say
 * which logs they want: evidence already paid for. Rules that sample the newest runs ask for
 * new logs every audit; without this, the logs they read the day before (still in the window)
 * would be left out and their findings would close while still true. Returns how many.
 */
export function reuseCachedLogs(
  cache: RunCache | null,
  jobIds: Iterable<number>,
  logs: Record<string, LogDigest>,
): number {
  if (!cache) return 0;
  let n = 0;
  for (const id of jobIds) {
    if (logs[String(id)]) continue;
    const hit = cache.getLog(id);
    if (hit) {
      logs[String(id)] = hit;
      n++;
    }
  }
  return n;
}

/**
 * Log requests in turns by `turnOf` (the reason, the rule's; collection adds the job's name):
 * each turn's first, then each one's second, and so on. Turns go in name order, starting after
 * `after` (the turn that got the last read of the audit before), so turns carry on from one
 * audit to the next. A warm audit's few reads then renew every rule's sample in turn, where
 * strict priority would give them all to the first rule's (the newest image builds) and the
 * others' evidence would age out of the window within a week.
 */
export function inTurns<T extends { reason?: string }>(
  list: T[],
  after: string | null = null,
  turnOf: (w: T) => string = (w) => w.reason ?? '',
): T[] {
  const groups = new Map<string, T[]>();
  for (const w of list) {
    const key = turnOf(w);
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  const names = [...groups.keys()].sort();
  const start =
    after === null
      ? 0
      : Math.max(
          0,
          names.findIndex((n) => n > after),
        );
  const order = [...names.slice(start), ...names.slice(0, start)].map((n) => groups.get(n)!);
  const out: T[] = [];
  for (let i = 0; out.length < list.length; i++) for (const g of order) if (i < g.length) out.push(g[i]!);
  return out;
}

/**
 * Which wanted logs to read. Digests already in `logs` are skipped; digests in the cache are
 * free: every wanted one is reused (into `logs`) without counting against `maxLogs`. Logs not
 * cached are read in priority order up to `maxLogs` on a cold audit. A warm audit reads the
 * new runs' share of `maxLogs`, or less when the logs the window holds already (read by
 * earlier audits) leave less room under `maxLogs`, but at least half the share (the newest
 * runs are sampled every audit), taken from each rule in turn (`inTurns`); and, first, every
 * log that explains a new run's failure or slowdown (priority >= EXPLAIN_PRIORITY), with at
 * least one sample beyond them, still within `maxLogs`. No new run: nothing to read.
 */
export function chooseLogs<T extends { jobId: number; priority: number; reason?: string }>(
  wanted: T[],
  maxLogs: number,
  cache: RunCache | null,
  logs: Record<string, LogDigest>,
  runOf: (jobId: number) => number | undefined = () => undefined,
  turnOf: (w: T) => string = (w) => w.reason ?? '',
): LogChoice<T> {
  const share = cache?.newShare ?? 1;
  let uncached: T[] = [];
  const gone: { wanted: T; reason: string }[] = [];
  const reused = reuseCachedLogs(
    cache,
    wanted.map((w) => w.jobId),
    logs,
  );
  for (const w of wanted) {
    if (logs[String(w.jobId)]) continue;
    const lost = cache?.getGone(w.jobId);
    if (lost) gone.push({ wanted: w, reason: lost });
    else uncached.push(w);
  }
  if (share >= 1 || !cache) return { uncached, allowance: maxLogs, limit: 'max-logs', reused, gone };
  if (share <= 0) return { uncached, allowance: 0, limit: 'share', reused, gone };
  const explains = (w: T) => w.priority >= EXPLAIN_PRIORITY && cache.newRuns.has(runOf(w.jobId) ?? -1);
  const must = uncached.filter(explains);
  const samples = inTurns(
    uncached.filter((w) => !explains(w)),
    cache.lastTurn,
    turnOf,
  );
  uncached = [...must, ...samples];
  // The new runs' share of max-logs; less when the window already holds logs earlier audits
  // read (its evidence stays near max-logs), but never less than half the share, so the
  // newest runs are sampled every audit.
  const byShare = Math.ceil(maxLogs * share);
  const room = maxLogs - Object.keys(logs).length;
  const sampled = Math.min(byShare, Math.max(room, Math.ceil(byShare / 2)));
  // The explaining logs may take the share; one sample still renews a rule's evidence.
  const allowance = Math.min(maxLogs, Math.max(sampled, must.length + Math.min(1, samples.length)));
  const limit = allowance >= maxLogs ? 'max-logs' : sampled < byShare ? 'held' : 'share';
  // The next audit's turns start after the reason whose sample gets this one's last read.
  const last = samples[Math.min(samples.length, allowance - must.length) - 1];
  if (last) cache.lastTurn = turnOf(last);
  return { uncached, allowance, limit, reused, gone };
}

/**
 * A log digest from the cache (made with the same config), else read and cached. A log the
 * API itself answers 404 or 410 for is remembered as gone, with its gap reason, so the next
 * audit reports the same gap without spending a request on it; a failure of the storage URL
 * (HttpStatusError: a signed URL that expired while we waited) or a 5xx may pass, and is not.
 */
export async function readLogCached(
  api: Api,
  jobId: number,
  config: Config,
  cache: RunCache | null,
): Promise<LogDigest> {
  const hit = cache?.getLog(jobId);
  if (hit) return hit;
  try {
    const digest = await readLog(api, jobId, config);
    cache?.putLog(digest);
    return digest;
  } catch (e) {
    const status = statusOf(e);
    if (cache && (status === 404 || status === 410) && !(e instanceof HttpStatusError)) {
      cache.putGone(jobId, gapReason(e, api.client.redact)!);
    }
    throw e;
  }
}
