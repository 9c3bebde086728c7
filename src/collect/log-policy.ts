/**
 * The log sampling policy, in one place: how many logs an audit may read (the allowance),
 * which of the wanted logs it reads first (priorities, then turns by rule and job), and how
 * a warm (nightly) audit shares its few reads between the logs that explain its new runs and
 * the rules' samples. Pure: it reads the run cache's counts but sends no request.
 *
 * Priorities are named in one table, `LOG_PRIORITY` (rules/log-priority.ts; the higher, the
 * sooner): the rules' requests and collection's evidence requests (evidence.ts) alike.
 * `EXPLAIN_PRIORITY` is the line between the logs that explain a run and the samples.
 */
import type { RunCache } from '../cache/run-cache.js';
import { LOG_PRIORITY } from '../rules/log-priority.js';
import type { LogDigest, LogRequest } from '../types.js';

/** Share of the hourly REST limit a cold audit's logs may take: 20% leaves the repository's other workflows 80%. */
export const COLD_SHARE = 0.2;
/** Logs per run a cold audit reads at most: with the rest of its requests it stays under 2 units per run. */
export const COLD_PER_RUN = 1.5;
/** Share of the hourly limit a nightly (warm) audit may spend in all: its logs get that less its fixed cost. */
export const NIGHT_SHARE = 0.1;
/**
 * A busy repository's night may spend more, up to this share: its new runs' details alone take
 * most of 10% (2,000 new runs: ~190 GraphQL points), and its logs would get nothing.
 */
export const NIGHT_SHARE_MAX = 0.25;
/** New runs a night per whole hourly budget: the night's share is new runs / this, within the two above. */
export const NEW_RUNS_PER_HOUR = 8000;

/** The share of the hour a night with `newRuns` new runs may spend (10% up to 800, 25% from 2,000). */
export function nightShare(newRuns = 0): number {
  return Math.min(NIGHT_SHARE_MAX, Math.max(NIGHT_SHARE, newRuns / NEW_RUNS_PER_HOUR));
}
/**
 * The most a warm (nightly) audit may spend in all, REST requests and GraphQL points together,
 * NIGHT_SHARE_MAX of the token's hourly limit (250 of GITHUB_TOKEN's 1,000; 1,250 of 5,000),
 * never more than the budget (`budget.maxRequests` can lower a night, not raise it: the hour is
 * shared with the repository's other workflows). Its collection stops NIGHT_PUBLISH short of
 * it, so the issue update fits. Null when the audit is cold (nothing of the window cached).
 */
export function nightCap(o: { warm: boolean; hourly?: number | undefined; budget: number }): {
  cap: number;
  collect: number;
} | null {
  if (!o.warm) return null;
  const hourly = o.hourly && o.hourly > 0 ? o.hourly : DEFAULT_HOURLY;
  const cap = Math.min(o.budget, Math.floor(hourly * NIGHT_SHARE_MAX));
  return { cap, collect: Math.max(0, cap - NIGHT_PUBLISH) };
}

/** What a nightly audit spends besides logs: the run list, a few GraphQL queries, the issue update. */
export const NIGHT_OVERHEAD = 12;
/** What a nightly audit spends after its logs: the tracking issue read, updated and pinned. */
export const NIGHT_PUBLISH = 4;
/** GITHUB_TOKEN's hourly REST limit, when no answer has said otherwise. */
export const DEFAULT_HOURLY = 1000;
/** A log request for a job of a kind known to carry evidence: above every sample, below the logs that explain a failure. */
export const EVIDENCE_PRIORITY = LOG_PRIORITY.evidence;

/**
 * Log requests at or above this priority explain something that happened in a run: a failure
 * (80), a slowdown (60), a flake (50), a job that ended without a failed step (45). A warm
 * audit reads every such log of its new runs, whatever their share of `max-logs`.
 */
export const EXPLAIN_PRIORITY = LOG_PRIORITY.unexplainedEnd;

export interface LogChoice<T> {
  /** Wanted logs not in the cache, in reading order: read from the first, up to `allowance`. */
  uncached: T[];
  /** How many of them to read. */
  allowance: number;
  /** What set the allowance: `maxLogs`, the new runs' share of it, or less for the logs the window holds already. */
  limit: 'max-logs' | 'share' | 'held' | 'allowance';
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

/** One request per job, the highest priority, highest first. */
export function mergeRequests(...lists: LogRequest[][]): LogRequest[] {
  const byJob = new Map<number, LogRequest>();
  for (const r of lists.flat()) {
    const prev = byJob.get(r.jobId);
    if (!prev || r.priority > prev.priority) byJob.set(r.jobId, r);
  }
  return [...byJob.values()].sort((a, b) => b.priority - a.priority || b.jobId - a.jobId);
}

/**
 * A cold audit learns first: the logs that explain a run, then each rule's own sample of
 * each job in turns (the fill-in requests below priority 1 left for later). It reads these
 * within half its allowance, then asks again with what the digests taught it.
 */
export function coldOrder<T extends LogRequest>(uncached: T[], turnOf: (w: T) => string): T[] {
  const isExplain = (w: T) => w.priority >= EXPLAIN_PRIORITY;
  return [
    ...uncached.filter(isExplain),
    ...inTurns(
      uncached.filter((w) => !isExplain(w) && w.priority >= 1),
      null,
      turnOf,
    ),
  ];
}

/**
 * A warm audit with `max-logs: auto`: its allowance grows by the evidence backfill (older runs'
 * evidence-bearing logs), the new runs' evidence and explanations come first, but a quarter of
 * the night's reads stays for the rules' samples (in turns): else on a busy window they would
 * take every read and the samples of log noise or image builds would age out of the window.
 */
export function warmAutoOrder<T extends LogRequest>(
  uncached: T[],
  allowance: number,
  maxLogs: number,
  isNewRun: (w: T) => boolean,
): { uncached: T[]; allowance: number } {
  const backfill = uncached.filter((w) => w.reason.startsWith('evidence:')).length;
  const grown = Math.min(maxLogs, allowance + backfill);
  const isNew = (w: T) => w.priority >= EXPLAIN_PRIORITY && isNewRun(w);
  const must = uncached.filter(isNew);
  const samples = uncached.filter((w) => !isNew(w));
  const keep = Math.min(samples.length, Math.ceil(grown / 4));
  const first = must.slice(0, Math.max(0, grown - keep));
  return {
    uncached: [...first, ...samples.slice(0, keep), ...must.slice(first.length), ...samples.slice(keep)],
    allowance: grown,
  };
}

export interface AutoSize {
  /** Logs this audit may read. */
  logs: number;
  /** How it was sized, for the log and the gap message. */
  why: string;
}

/** What sizing the log allowance looks at: the audit's kind, its window and the rate limit. */
export interface BudgetView {
  warm: boolean;
  runs: number;
  hourly?: number | undefined;
  remaining?: number | undefined;
  reserve: number;
  /** Units (REST requests + GraphQL points) this audit spent before its logs, if known. */
  spent?: number | undefined;
  /** Runs of the window a warm audit read for the first time. */
  newRuns?: number | undefined;
}

/**
 * `max-logs: auto`. Cold: COLD_SHARE of the hourly limit, at most COLD_PER_RUN per run of the
 * window. Warm (a nightly audit): its share of the hourly limit (nightShare) less its fixed cost. Never
 * more than the rate limit has left beyond the reserve.
 */
export function autoMaxLogs(o: BudgetView): AutoSize {
  const hourly = o.hourly && o.hourly > 0 ? o.hourly : DEFAULT_HOURLY;
  const left = o.remaining === undefined ? Infinity : Math.max(0, o.remaining - o.reserve);
  if (o.warm) {
    // The night's share holds REST and GraphQL together: what collection already spent (a
    // 1,000-run window: 10 list pages and ~25 points) comes off the logs' part.
    const overhead = o.spent === undefined ? NIGHT_OVERHEAD : o.spent + NIGHT_PUBLISH;
    const share = nightShare(o.newRuns);
    const logs = Math.max(1, Math.floor(hourly * share) - overhead);
    const less = o.spent === undefined ? '' : `, less ${overhead} for the rest of the audit`;
    const busy = share > NIGHT_SHARE ? ` (${o.newRuns} new runs)` : '';
    const pct = Math.round(share * 1000) / 10;
    return { logs: Math.min(logs, left), why: `auto: ${pct}% of ${hourly} an hour, nightly${busy}${less}` };
  }
  const logs = Math.max(1, Math.min(Math.floor(hourly * COLD_SHARE), Math.ceil(o.runs * COLD_PER_RUN)));
  return { logs: Math.min(logs, left), why: `auto: ${COLD_SHARE * 100}% of ${hourly} an hour, ${COLD_PER_RUN} a run` };
}

/** The allowance as a number, and how it was set (for the log and the gap message). */
export function logAllowance(o: BudgetView & { maxLogs: number | 'auto' }): { max: number; label: string } {
  if (o.maxLogs !== 'auto') return { max: o.maxLogs, label: String(o.maxLogs) };
  const auto = autoMaxLogs(o);
  return { max: auto.logs, label: `${auto.why}: ${auto.logs}` };
}
