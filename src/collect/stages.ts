/**
 * Stages 3-7 of collection. Each reads what the previous stages put in the history and
 * adds to it in place, so a stage cut short by the budget still leaves what it read.
 * A failure on one item (a run's jobs, a commit's check runs, a log) becomes a gap.
 */
import type { CheckRun, History, Job } from '../types.js';
import { CONCURRENCY, eachLimit, gapReason, type Api } from '../github/api.js';
import type { CollectOptions } from './index.js';
import type { RunCache } from '../cache/run-cache.js';
import {
  isActionsJob,
  toAnnotation,
  toCheckRun,
  toJob,
  toPullRequest,
  type GhAnnotation,
  type GhCheckRun,
  type GhJob,
  type GhPull,
} from './map.js';

export interface Ctx {
  api: Api;
  history: History;
  options: CollectOptions;
  now: Date;
  /** Runs whose jobs were read (or are a recorded gap). */
  jobsDone: Set<number>;
  /** Completed runs and log digests read by earlier audits (null: no cache). */
  cache?: RunCache | null;
  log: (msg: string) => void;
}

/** Annotation pages per check run: a job with 500+ annotations has told its story by then. */
const MAX_ANNOTATION_PAGES = 3;
/** Open PRs are only matched against findings: the most recently updated 300 are plenty. */
const MAX_PR_PAGES = 3;

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
function mapSome<T, U>(ctx: Ctx, what: string, items: T[], map: (item: T) => U): U[] {
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

export async function fetchJobs(ctx: Ctx): Promise<void> {
  const { api, history } = ctx;
  await eachLimit(history.runs, CONCURRENCY, async (run) => {
    await orGap(ctx, `jobs of run ${run.id} (${run.name})`, async () => {
      const jobs = await api.all<GhJob>(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
        { run_id: run.id, filter: 'all' },
        'jobs',
      );
      run.jobs = jobs.map((j) => toJob(j, run));
    });
    ctx.jobsDone.add(run.id);
  });
  const jobs = history.runs.reduce((n, r) => n + r.jobs.length, 0);
  ctx.log(`Jobs: ${jobs} in ${history.runs.length} runs (all attempts)`);
}

/** Check runs of each head commit: annotation counts for jobs, and the non-job check runs. */
export async function fetchCheckRuns(ctx: Ctx): Promise<void> {
  const { api, history } = ctx;
  const jobs = jobIndex(history);
  const shas = [...new Set(history.runs.filter((r) => ctx.jobsDone.has(r.id)).map((r) => r.headSha))];
  const others = new Map<number, CheckRun>();
  await eachLimit(shas, CONCURRENCY, async (sha) => {
    await orGap(ctx, `check runs of commit ${sha.slice(0, 7)}`, async () => {
      const list = await api.all<GhCheckRun>(
        'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
        { ref: sha, filter: 'all' },
        'check_runs',
      );
      mapSome(ctx, `check runs of commit ${sha.slice(0, 7)}`, list, (c) => {
        const job = jobs.get(c.id);
        if (job) job.annotationsCount = c.output?.annotations_count ?? 0;
        // A job of a run outside the window (another workflow, an older attempt): not ours.
        else if (!isActionsJob(c)) others.set(c.id, toCheckRun(c));
      });
    });
  });
  history.checkRuns = [...others.values()].sort((a, b) => b.id - a.id);
  ctx.log(`Check runs: ${history.checkRuns.length} besides jobs, for ${shas.length} commits`);
}

/** Annotations, only where the check run says there are some. */
export async function fetchAnnotations(ctx: Ctx): Promise<void> {
  const { api, history } = ctx;
  const targets: { id: number; what: string; into: { annotations: unknown[] } }[] = [];
  for (const job of jobIndex(history).values()) {
    if (job.annotationsCount > 0) targets.push({ id: job.id, what: `job ${job.id} (${job.name})`, into: job });
  }
  for (const c of history.checkRuns) {
    if (c.annotationsCount > 0) targets.push({ id: c.id, what: `check run ${c.id} (${c.name})`, into: c });
  }
  await eachLimit(targets, CONCURRENCY, async (t) => {
    await orGap(ctx, `annotations of ${t.what}`, async () => {
      const list = await api.all<GhAnnotation>(
        'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
        { check_run_id: t.id },
        null,
        MAX_ANNOTATION_PAGES,
      );
      t.into.annotations = mapSome(ctx, `annotations of ${t.what}`, list, toAnnotation);
    });
  });
  ctx.log(`Annotations: read for ${targets.length} check runs`);
}

export async function fetchPullRequests(ctx: Ctx): Promise<void> {
  const { api, history } = ctx;
  await orGap(ctx, 'open pull requests', async () => {
    const list = await api.all<GhPull>(
      'GET /repos/{owner}/{repo}/pulls',
      { state: 'open', sort: 'updated', direction: 'desc' },
      null,
      MAX_PR_PAGES,
    );
    history.pullRequests = mapSome(ctx, 'open pull requests (GET /repos/{owner}/{repo}/pulls)', list, toPullRequest);
  });
  ctx.log(`Pull requests: ${history.pullRequests.length} open`);
}
