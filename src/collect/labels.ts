/**
 * Runner labels of jobs read by GraphQL (which has none): one REST jobs list per workflow
 * (graphql-stage.ts calls it for each chunk of runs it read).
 */
import type { Run } from '../types.js';
import { CONCURRENCY, eachLimit, gapReason } from '../github/api.js';
import { BudgetExhausted } from '../github/client.js';
import type { Ctx } from './context.js';
import type { GhJob } from './map.js';

/**
 * Runner labels are not in GraphQL, and a job's labels come from its `runs-on:`, the same in
 * every run: one REST jobs list per workflow (its newest run read by GraphQL) names them for
 * every job of that workflow with the same name. A failure here costs only the labels.
 */
export async function labelsViaRest(ctx: Ctx, runs: Run[], reading: ReadonlySet<number> = new Set()): Promise<void> {
  // Labels already known from runs read before (the run cache, REST-read runs) cost nothing;
  // not those of the runs `reading` over REST meanwhile: whether they came first would change
  // the requests from one audit of the same window to the next.
  const known = new Map<string, string[]>();
  const key = (run: Run, name: string) => `${run.workflowId}\u0000${name}`;
  for (const run of ctx.history.runs) {
    if (reading.has(run.id)) continue;
    for (const job of run.jobs) if (job.labels.length > 0) known.set(key(run, job.name), job.labels);
  }
  for (const run of runs)
    for (const job of run.jobs) if (job.labels.length === 0) job.labels = [...(known.get(key(run, job.name)) ?? [])];
  const newest = new Map<number, Run>();
  const unlabelled = (r: Run) => r.jobs.some((j) => j.labels.length === 0 && j.conclusion !== 'skipped');
  for (const run of runs.filter(unlabelled)) {
    const seen = newest.get(run.workflowId);
    if (run.jobs.length > 0 && (!seen || run.createdAt > seen.createdAt)) newest.set(run.workflowId, run);
  }
  await eachLimit([...newest.values()], CONCURRENCY, async (sample) => {
    try {
      const jobs = await ctx.api.all<GhJob>(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
        { run_id: sample.id, filter: 'latest' },
        'jobs',
      );
      const labels = new Map(jobs.filter((j) => j.labels?.length).map((j) => [j.name, j.labels!] as const));
      const names = new Map(jobs.map((j) => [j.id, j.runner_name ?? null] as const));
      for (const run of runs.filter((r) => r.workflowId === sample.workflowId))
        for (const job of run.jobs) {
          if (job.labels.length === 0) job.labels = [...(labels.get(job.name) ?? [])];
          if (run === sample && job.runnerName === null) job.runnerName = names.get(job.id) ?? null;
        }
    } catch (e) {
      if (e instanceof BudgetExhausted || gapReason(e, ctx.api.client.redact) === null) throw e;
      ctx.log(`Runner labels of ${sample.name} not read: ${ctx.api.client.redact((e as Error).message)}`);
    }
  });
}
