/**
 * The run cache's part in stage "details": runs read by an earlier audit (same attempt, same
 * `updated_at`) cost nothing; runs read completely by this one are kept for the next.
 */
import type { RunCache } from '../cache/run-cache.js';
import type { CheckRun, Run } from '../types.js';

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
