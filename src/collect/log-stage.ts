/**
 * Stage 7: the logs rules ask for, and every log of the kinds of job known to carry a rule's
 * evidence (evidence.ts), highest priority first, up to `max-logs` (`auto`: sized to the
 * token's hourly budget). A cold audit reads half its allowance, learns from those digests
 * which kinds of job carry evidence, then spends the rest on those first. What it learned is
 * kept in the run cache, so a nightly audit reads every new run's evidence-bearing logs.
 */
import { logWants } from '../rules/index.js';
import type { LogRequest } from '../types.js';
import { gapReason } from '../github/api.js';
import { BudgetExhausted } from '../github/client.js';
import { evidenceRequests, learnEvidence } from './evidence.js';
import { chooseLogs, coldOrder, logAllowance, mergeRequests, reuseCachedLogs, warmAutoOrder } from './log-policy.js';
import { gate, readLogCached } from './logs.js';
import { jobIndex, type Ctx } from './context.js';
import { relieveHeap } from '../memory.js';

/**
 * Logs read at once: each is two requests, the API's redirect (at most 10 at once: the client's
 * limiter) then the storage URL (not the API). With 16, a read waited ~500 ms for its redirect
 * behind the others and the reads went in waves; 32 keep redirects queued while earlier logs
 * stream (a cold 1,000-run bench audit's 199 logs, side by side on a loaded machine: 8.6 s with
 * 16, 5.7-5.9 s with 32).
 */
const LOG_CONCURRENCY = 32;
/** Logs streamed and digested at once, of those: what holds memory (a digest in the making, buffered chunks). */
const LOG_STREAMS = 16;

const logWhat = (jobId: number, name: string | undefined): string => `logs of job ${jobId} (${name ?? '?'})`;

/** Units collection may still spend under a nightly allowance (Infinity without one). */
function roomLeft(client: Ctx['api']['client']): number {
  const { collectLimit, usage } = client;
  return collectLimit === null ? Infinity : Math.max(0, collectLimit - usage.requests - usage.graphqlPoints);
}

export async function fetchLogs(ctx: Ctx): Promise<void> {
  const { api, history, options: o } = ctx;
  const cache = ctx.cache ?? null;
  const jobs = jobIndex(history);
  reuseCachedLogs(cache, jobs.keys(), history.logs);
  const known = cache?.evidence ?? new Map<string, Set<string>>();
  learnEvidence(history, known);
  const warm = cache !== null && cache.newShare < 1;
  const { usage, reserve } = api.client;
  const { max: maxLogs, label } = logAllowance({
    maxLogs: o.settings.maxLogs,
    warm,
    runs: history.runs.length,
    hourly: usage.rateLimitLimit,
    remaining: usage.rateLimitRemaining,
    reserve,
    spent: usage.requests + usage.graphqlPoints,
    newRuns: warm ? cache.newRuns.size : undefined,
  });
  const auto = o.settings.maxLogs === 'auto';
  // A nightly audit with a fixed max-logs reads the new runs' evidence; with `auto` it also
  // fills in the older runs' within its nightly allowance, so the window's coverage completes.
  const only = warm && !auto ? cache.newRuns : undefined;
  // Asked again after a cold audit's first half: rules whose wants read no log answer from the first ask.
  const wants = logWants(history, o.config, o.rules, relieveHeap);
  const ask = () =>
    mergeRequests(
      wants().filter((w) => jobs.has(w.jobId)),
      evidenceRequests(history, known, only),
    );
  const wanted = ask();
  relieveHeap();
  // Samples in turns by rule and job: each kind of job renews its evidence in turn.
  const turnOf = (w: LogRequest) => `${w.reason} ${jobs.get(w.jobId)?.name ?? ''}`;
  const runOf = (jobId: number) => jobs.get(jobId)?.runId;
  const choice = chooseLogs(wanted, maxLogs, cache, history.logs, runOf, turnOf);
  const { gone } = choice;
  let { uncached, allowance, limit } = choice;
  if (warm && auto) {
    const newRuns = cache.newRuns;
    ({ uncached, allowance } = warmAutoOrder(uncached, allowance, maxLogs, (w) => newRuns.has(runOf(w.jobId) ?? -1)));
  }
  // A nightly allowance (nightCap) holds every log read, also under a fixed max-logs: a log is one request.
  const room = roomLeft(api.client);
  if (allowance > room) [allowance, limit] = [room, 'allowance'];
  // Gone for good (an earlier audit's 404 or 410): the same gap, without asking again.
  for (const { wanted: w, reason } of gone)
    history.gaps.push({ what: logWhat(w.jobId, jobs.get(w.jobId)?.name), reason });
  const goneIds = new Set(gone.map((g) => g.wanted.jobId));
  const before = Object.keys(history.logs).length;
  const read = () => Object.keys(history.logs).length - before;
  let failed = 0;
  let next = 0;
  // An expired or missing log does not use up a slot: the next one asked for is read instead,
  // with at most `allowance` such replacements so a window of expired logs stays cheap. With
  // `auto` the allowance is a share of the hourly budget: a failed read spends its slot.
  const spent = () => read() + (auto ? failed : 0);
  const streams = gate(LOG_STREAMS);
  const readOne = async (jobId: number) => {
    try {
      history.logs[String(jobId)] = await readLogCached(api, jobId, o.config, cache, streams);
    } catch (e) {
      if (e instanceof BudgetExhausted) throw e;
      // A log is best effort: an expired one or a broken stream must not end the audit.
      const reason = gapReason(e, api.client.redact) ?? api.client.redact(`error: ${(e as Error).message}`);
      history.gaps.push({ what: logWhat(jobId, jobs.get(jobId)?.name), reason });
      failed++;
    }
  };
  // A pool, not batches: a read starts as soon as one ends and the target still has room for
  // it (counting the reads in flight as if they succeed), so no batch waits for its slowest
  // log. A failed read frees its slot for the next log (or, with `auto`, spends it).
  const readUpTo = (target: number) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      let stop: unknown = null;
      const launch = () => {
        while (
          stop === null &&
          inFlight < LOG_CONCURRENCY &&
          next < uncached.length &&
          spent() + inFlight < target &&
          failed <= allowance
        ) {
          const { jobId } = uncached[next++]!;
          inFlight++;
          readOne(jobId).then(
            () => (inFlight--, launch()),
            (e: unknown) => ((stop ??= e), inFlight--, launch()),
          );
        }
        // A BudgetExhausted stops new reads; the ones in flight finish, then it is rethrown.
        if (inFlight > 0) return;
        if (stop === null) resolve();
        else reject(stop as Error);
      };
      launch();
    });
  if (!warm && allowance >= 4) {
    // A cold audit learns first (log-policy.ts), within half the allowance; then it asks
    // again, evidence-bearing kinds of job first, for the rest.
    uncached = coldOrder(uncached, turnOf);
    await readUpTo(Math.ceil(allowance / 2));
    learnEvidence(history, known);
    const tried = new Set(uncached.slice(0, next).map((w) => w.jobId));
    uncached = ask().filter((w) => !history.logs[String(w.jobId)] && !goneIds.has(w.jobId) && !tried.has(w.jobId));
    next = 0;
  }
  await readUpTo(allowance);
  learnEvidence(history, known);
  if (cache) cache.evidence = known;
  const skipped = uncached.length - next;
  // Say so in the report: a finding that needs one of these logs could not be made.
  if (skipped > 0) {
    history.gaps.push({
      what: `${skipped} more job log${skipped === 1 ? '' : 's'} the rules asked for`,
      reason:
        `not read: over input "max-logs" (${label}` +
        (limit === 'share'
          ? `; ${allowance} on this audit: the share of runs that are new`
          : limit === 'held'
            ? `; ${allowance} on this audit: the window holds ${before} logs read by earlier audits`
            : limit === 'allowance'
              ? `; ${allowance} on this audit: what the nightly allowance had left`
              : '') +
        ')',
    });
  }
  ctx.log(`Log allowance: ${allowance} (max-logs ${label}); ${known.size} kinds of job carry evidence`);
  ctx.log(
    `Logs: ${read()} read of ${wanted.length} wanted` +
      (before > 0 ? `, ${before} from the run cache` : '') +
      (skipped > 0 ? ` (${skipped} over input "max-logs")` : ''),
  );
}
