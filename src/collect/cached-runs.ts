/**
 * The run cache's part in stage "details": runs read by an earlier audit (same attempt, same
 * `updated_at`) cost nothing; runs read completely by this one are kept for the next.
 */
import type { RunCache } from '../cache/run-cache.js';
import type { CheckRun, History, Run } from '../types.js';

/**
 * The cached jobs into their runs (which join `jobsDone`); returned, the cached check runs by
 * id and the runs still to read.
 */
export function fromRunCache(
  cache: RunCache | null,
  runs: Run[],
  jobsDone: Set<number>,
): { cached: Map<number, CheckRun>; pending: Run[] } {
  const cached = new Map<number, CheckRun>();
  const pending: Run[] = [];
  for (const run of runs) {
    const hit = cache?.getRun(run);
    if (!hit) pending.push(run);
    else {
      run.jobs = hit.jobs;
      jobsDone.add(run.id);
      for (const c of hit.checkRuns) cached.set(c.id, c);
    }
  }
  return { cached, pending };
}

/**
 * The runs still to read, split: `fresh`, new or changed since the last audit, and `older`,
 * runs an earlier audit listed but did not read (its budget ended first: a large window fills
 * in over several audits). A run is older when it was last updated no later than the newest
 * run the cache holds: a run created since, one that completed late (its `updated_at` is its
 * completion) and a re-run (it bumps `updated_at`) are all updated after the last audit read
 * that newest run, so none of them can pass for older. With nothing of the window cached (a
 * cold audit) every run is fresh. The older ones leave `cache.newRuns`: the night's log share
 * and its "new runs first" are about the fresh ones.
 */
export function splitPending(cache: RunCache | null, runs: Run[], pending: Run[]): { fresh: Run[]; older: Run[] } {
  const todo = new Set(pending.map((r) => r.id));
  let newest = -Infinity;
  for (const r of runs) if (!todo.has(r.id)) newest = Math.max(newest, Date.parse(r.updatedAt) || -Infinity);
  if (!cache || newest === -Infinity) return { fresh: pending, older: [] };
  const fresh: Run[] = [];
  const older: Run[] = [];
  for (const r of pending) {
    // An unreadable time is fresh: read now rather than risk leaving a new run for later.
    if (!(Date.parse(r.updatedAt) <= newest)) fresh.push(r);
    else {
      older.push(r);
      cache.newRuns.delete(r.id);
    }
  }
  return { fresh, older };
}

/**
 * A run is cached only when everything about it was read: no unknown annotation counts, and
 * the steps of every job that ran (a GraphQL read cut short by the budget has jobs without them).
 */
export function complete(run: Run): boolean {
  // A startup failure never had jobs (the workflow file did not parse): nothing more to read.
  if (run.status === 'completed' && run.conclusion === 'startup_failure') return run.jobs.length === 0;
  return (
    run.jobs.length > 0 &&
    run.jobs.every(
      (j) =>
        (j.steps.length > 0 || j.conclusion === 'skipped') &&
        (j.annotationsCount >= 0 || j.conclusion === 'skipped') &&
        (j.annotationsCount <= 0 || j.annotations.length > 0),
    )
  );
}

/** Keep each run of `runs` read completely, with the check runs of its head commit. */
export function cacheRuns(cache: RunCache | null, runs: Run[], checkRuns: CheckRun[]): void {
  if (!cache) return;
  for (const run of runs) {
    if (complete(run))
      cache.putRun(
        run,
        checkRuns.filter((c) => c.headSha === run.headSha),
      );
  }
}

/** Runs listed in the window but not read, by workflow: what this audit could not speak for. */
export function unreadByWorkflow(runs: Run[]): NonNullable<History['unread']> {
  const by = new Map<string, { workflow: string; path: string; runs: number }>();
  for (const r of runs) {
    const e = by.get(r.workflowPath) ?? { workflow: r.name, path: r.workflowPath, runs: 0 };
    e.runs++;
    by.set(r.workflowPath, e);
  }
  return [...by.values()];
}
