/**
 * The REST stages of collection: jobs, check runs, annotations, open pull requests. Each
 * takes what it reads about (runs, jobs, check runs) and returns what it adds, or fills it
 * into the runs and jobs it was given, so a stage cut short by the budget still leaves what
 * it read. The orchestrator (index.ts) calls them in order, for every run (the REST path) or
 * for the runs GraphQL could not read (graphql-stage.ts). A failure on one item (a run's
 * jobs, a commit's check runs) becomes a gap.
 */
import type { CheckRun, Job, PullRequest, Run } from '../types.js';
import { CONCURRENCY, eachLimit } from '../github/api.js';
import { mapSome, orGap, type Ctx } from './context.js';
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

/** Annotation pages per check run: a job with 500+ annotations has told its story by then. */
const MAX_ANNOTATION_PAGES = 3;
/** Open PRs are only matched against findings: the most recently updated 300 are plenty. */
const MAX_PR_PAGES = 3;

/** The jobs of every attempt of `runs`, into each run; a run whose jobs were read (or are a gap) joins `ctx.jobsDone`. */
export async function fetchJobs(ctx: Ctx, runs: Run[]): Promise<void> {
  const { api } = ctx;
  await eachLimit(runs, CONCURRENCY, async (run) => {
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
  const jobs = runs.reduce((n, r) => n + r.jobs.length, 0);
  ctx.log(`Jobs: ${jobs} in ${runs.length} runs (all attempts)`);
}

/**
 * Check runs of the head commits of `runs`: annotation counts into their jobs; returned, the
 * check runs that are not jobs (test reports), newest first.
 */
export async function fetchCheckRuns(ctx: Ctx, runs: Run[]): Promise<CheckRun[]> {
  const { api } = ctx;
  const jobs = new Map(runs.flatMap((r) => r.jobs.map((j) => [j.id, j] as const)));
  const shas = [...new Set(runs.filter((r) => ctx.jobsDone.has(r.id)).map((r) => r.headSha))];
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
  const checkRuns = [...others.values()].sort((a, b) => b.id - a.id);
  ctx.log(`Check runs: ${checkRuns.length} besides jobs, for ${shas.length} commits`);
  return checkRuns;
}

/** Annotations of `jobs` and `checkRuns`, into each, only where the check run says there are some. */
export async function fetchAnnotations(ctx: Ctx, jobs: Job[], checkRuns: CheckRun[]): Promise<void> {
  const { api } = ctx;
  const targets: { id: number; what: string; into: { annotations: unknown[] } }[] = [];
  for (const job of jobs) {
    if (job.annotationsCount > 0) targets.push({ id: job.id, what: `job ${job.id} (${job.name})`, into: job });
  }
  for (const c of checkRuns) {
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

/** The open pull requests, most recently updated first (matched against findings later). */
export async function fetchPullRequests(ctx: Ctx): Promise<PullRequest[]> {
  const { api } = ctx;
  let pulls: PullRequest[] = [];
  await orGap(ctx, 'open pull requests', async () => {
    const list = await api.all<GhPull>(
      'GET /repos/{owner}/{repo}/pulls',
      { state: 'open', sort: 'updated', direction: 'desc' },
      null,
      MAX_PR_PAGES,
    );
    pulls = mapSome(ctx, 'open pull requests (GET /repos/{owner}/{repo}/pulls)', list, toPullRequest);
  });
  ctx.log(`Pull requests: ${pulls.length} open`);
  return pulls;
}
