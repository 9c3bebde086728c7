/**
 * The GraphQL part of stage "details" (which replaces jobs + check runs + annotations when
 * GraphQL is available; the orchestrator, index.ts, runs it between the run cache and REST):
 * first-attempt runs get their check runs and their commits' check suites; the commits' other
 * suites their check runs; then steps and annotations of the jobs and annotations of the other
 * check runs (test reports); each query filled up to a point's worth of requests (see
 * github/graphql.ts for the cost). What it cannot read is left for the REST
 * stages: runs wider than JOBS_FIRST, and everything if GraphQL answers with an error (an old
 * GHES, a proxy). Re-run runs (GraphQL cannot tell attempts apart) and runs without a node id
 * never come here.
 */
import type { CheckRun, Job, Run } from '../types.js';
import { CONCURRENCY, eachLimit, gapReason, type Api } from '../github/api.js';
import { BudgetExhausted } from '../github/client.js';
import {
  REQUESTS_PER_QUERY,
  IDS_PER_LIST,
  RUNS_PER_QUERY,
  chunk,
  estimateRunsPoints,
  estimateSuitesPoints,
  listVars,
  parseCommitNode,
  parseRunNode,
  parseSuiteNode,
  runsQuery,
  suitesQuery,
  type GqlSuite,
  type GqlRunNode,
  type RunsData,
} from '../github/graphql.js';
import { together, type Ctx } from './context.js';
import { queryPool, StepsFeed, type Pool } from './graphql-steps.js';
import { labelsViaRest } from './labels.js';
import { isActionsJob, toCheckRun, type GhCheckRun } from './map.js';
import { oneLine, trackingFromGraphql } from '../tracking/find.js';
import { internRuns, Interner } from '../util/intern.js';

/**
 * Whether collection reads run details by GraphQL: the collect option, else on unless the
 * AUDIT_CI_GRAPHQL environment variable is "false" (the REST collector: for a GHES without
 * the fields used, or to compare). A GraphQL error falls back to REST on its own.
 */
export function graphqlEnabled(option: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return option ?? env.AUDIT_CI_GRAPHQL?.toLowerCase() !== 'false';
}

/**
 * GraphQL queries in flight at once. GitHub asks for restraint with concurrent requests (its
 * secondary limit: 100 at once); the details are ~100 one-point queries for 1,000 runs, which at 4
 * at a time took 4 s of a cold audit.
 */
const GRAPHQL_CONCURRENCY = 8;
/** Runs read end to end at a time (see fetchDetailsByGraphql). */
const RUNS_PER_CHUNK = 1000;

/**
 * Send a query, its estimated `points` counted as in flight (Api.send) so that concurrent
 * queries never overspend the budget; GitHub's partial answers (some nodes not found) still
 * carry the data.
 */
export async function graphqlQuery<T>(
  api: Api,
  query: string,
  vars: Record<string, unknown>,
  points: number,
): Promise<T> {
  try {
    return await api.send(() => api.client.octokit.graphql<T>(query, vars), points);
  } catch (e) {
    const partial = (e as { name?: string; data?: T }).data;
    if ((e as { name?: string }).name === 'GraphqlResponseError' && partial) return partial;
    throw e;
  }
}

/** What stage "details" has read so far, filled as it goes: a budget stop keeps it. */
export interface Details {
  /** Non-job check runs read in this audit, by id. */
  fresh: Map<number, CheckRun>;
  /** Runs to read over REST (by the REST stages, after this one). */
  rest: Run[];
  /** Runs the REST stages read meanwhile (re-runs): not a source of runner labels here. */
  reading?: ReadonlySet<number>;
}

interface Acc extends Details {
  /** Jobs still without steps and annotations: node id -> job. */
  jobs: Map<string, Job>;
  /** Check runs whose annotations are still to read: node id -> check run. */
  others: Map<string, CheckRun>;
  /** Commits with more check suites or check runs than one query lists: read over REST. */
  restShas: string[];
  /** Check suites of the commits asked for (phase 1), for phase 1b. */
  suites: { sha: string; id: string; databaseId: number }[];
  /** Suites of the runs read in phase 1: their check runs are read already. */
  runSuites: Set<number>;
  /** The chunk's GraphQL queries in flight, GRAPHQL_CONCURRENCY at most. */
  pool: Pool;
  /** Phases 2 and 3: steps queries sent as phase 1 brings jobs. */
  feed: StepsFeed;
}

/** Phase 1 for a batch of runs and commits, with the tracking issues when `label` is given. */
async function runsBatch(ctx: Ctx, batch: Run[], shas: string[], acc: Acc, label?: string): Promise<void> {
  const { api } = ctx;
  const groups = chunk(batch, IDS_PER_LIST);
  const tracking = label !== undefined;
  const data = await acc.pool.run(
    () =>
      graphqlQuery<RunsData>(
        api,
        runsQuery(groups.length, shas, tracking),
        {
          ...listVars(
            'r',
            batch.map((r) => r.nodeId!),
          ),
          ...(shas.length || tracking ? { owner: api.owner, name: api.repo } : {}),
          ...(tracking ? { label } : {}),
        },
        estimateRunsPoints(batch.length, shas.length, tracking),
      ),
    true,
  );
  const found = tracking ? trackingFromGraphql(data.tracking) : null;
  if (found) ctx.tracking = found;
  const read: string[] = [];
  groups.forEach((group, g) =>
    group.forEach((run, i) => {
      const node = data[`r${g}`]?.[i] as GqlRunNode | null | undefined;
      const details = node && node.databaseId === run.id ? parseRunNode(node, run) : null;
      if (!details?.complete) return void acc.rest.push(run);
      const suiteId = node?.checkSuite?.databaseId;
      if (typeof suiteId === 'number') acc.runSuites.add(suiteId);
      run.jobs = details.jobs;
      ctx.jobsDone.add(run.id);
      for (const job of details.jobs) {
        const id = details.nodeIds.get(job.id)!;
        acc.jobs.set(id, job);
        read.push(id);
      }
      for (const c of details.others) addOther(acc, c, details.nodeIds.get(c.id)!);
    }),
  );
  shas.forEach((sha, i) => {
    const { suites, complete } = parseCommitNode(data.repository?.[`c${i}`]);
    if (!complete) acc.restShas.push(sha);
    else for (const suite of suites) acc.suites.push({ sha, ...suite });
  });
  acc.feed.add(read);
}

/** Suites listed per phase-1b query: 1 request each. */
const SUITES_PER_QUERY = REQUESTS_PER_QUERY;

/**
 * Phase 1b: the check runs of the commits' other suites (a test report lands in whichever
 * suite of its app GitHub picks for the commit, not always its run's). The suites of runs read
 * in phase 1 are not asked again: their check runs came with the run.
 */
async function otherSuites(ctx: Ctx, acc: Acc): Promise<void> {
  const todo = acc.suites.filter((s) => !acc.runSuites.has(s.databaseId));
  acc.suites = [];
  await eachLimit(chunk(todo, SUITES_PER_QUERY), GRAPHQL_CONCURRENCY, async (batch) => {
    let data: Record<string, (GqlSuite | null)[]>;
    try {
      data = await acc.pool.run(
        () =>
          graphqlQuery<Record<string, (GqlSuite | null)[]>>(
            ctx.api,
            suitesQuery(Math.ceil(batch.length / IDS_PER_LIST)),
            listVars(
              's',
              batch.map((s) => s.id),
            ),
            estimateSuitesPoints(batch.length),
          ),
        true,
      );
    } catch (e) {
      if (e instanceof BudgetExhausted || (e as { status?: number }).status === 401) throw e;
      // These commits' check runs over REST instead (commitsViaRest), as for a busy commit.
      ctx.log(`Check suites not read by GraphQL (${ctx.api.client.redact((e as Error).message).slice(0, 200)})`);
      for (const s of batch) acc.restShas.push(s.sha);
      return;
    }
    chunk(batch, IDS_PER_LIST).forEach((group, g) =>
      group.forEach((s, i) => {
        const node = data[`s${g}`]?.[i];
        const { checkRuns, nodeIds, complete } = parseSuiteNode(node, s.sha);
        if (!complete || node?.databaseId !== s.databaseId) return void acc.restShas.push(s.sha);
        for (const c of checkRuns) addOther(acc, c, nodeIds.get(c.id)!);
      }),
    );
  });
}

function addOther(acc: Acc, c: CheckRun, nodeId: string): void {
  if (acc.fresh.has(c.id)) return;
  acc.fresh.set(c.id, c);
  acc.others.set(nodeId, c);
}

/** A GraphQL error about the `tracking` field alone (GitHub gives each error the path it concerns). */
function aboutTracking(e: unknown): boolean {
  const errors = (e as { errors?: { path?: unknown[] }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((x) => x.path?.includes('tracking'));
}

/** Phase 1 for `runs`; `asked`: commits already asked for by an earlier chunk; `first`: the audit's first chunk. */
async function viaGraphql(ctx: Ctx, runs: Run[], acc: Acc, asked: Set<string>, first: boolean): Promise<void> {
  const batches = chunk(runs, RUNS_PER_QUERY).map((batch, i) => {
    const shas = [...new Set(batch.map((r) => r.headSha))].filter((s) => !asked.has(s));
    shas.forEach((s) => asked.add(s));
    return { batch, shas, first: first && i === 0 };
  });
  let off = false;
  // The tracking issues ride in the first query. A server that rejects that field (an old GHES)
  // is asked again without it; then, as when the field answers with an error (no `issues: read`),
  // the caller's lookup goes over REST.
  const label = ctx.options.tracking?.label;
  await eachLimit(batches, GRAPHQL_CONCURRENCY, async ({ batch, shas, first }) => {
    if (off) return void acc.rest.push(...batch);
    try {
      if (first && label !== undefined) {
        try {
          return await runsBatch(ctx, batch, shas, acc, label);
        } catch (e) {
          if (!aboutTracking(e)) throw e;
          ctx.log(
            `Tracking issues not read by GraphQL (${oneLine(ctx.api.client.redact((e as Error).message)).slice(0, 200)})`,
          );
        }
      }
      await runsBatch(ctx, batch, shas, acc);
    } catch (e) {
      if (e instanceof BudgetExhausted || (e as { status?: number }).status === 401) throw e;
      // A server without these fields, or a broken answer: REST still works.
      off = true;
      ctx.log(`GraphQL unavailable (${ctx.api.client.redact((e as Error).message).slice(0, 200)}): reading over REST`);
      acc.rest.push(...batch);
    }
  });
}

/** A commit too busy for one query: its check runs (with annotation counts) over REST. A commit
 * of a run read over REST is left to the REST stages, which read its check runs anyway. */
async function commitsViaRest(ctx: Ctx, acc: Acc): Promise<void> {
  const byRest = new Set(acc.rest.map((r) => r.headSha));
  await eachLimit(
    [...new Set(acc.restShas)].filter((sha) => !byRest.has(sha)),
    CONCURRENCY,
    async (sha) => {
      try {
        const list = await ctx.api.all<GhCheckRun & { node_id?: string }>(
          'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
          { ref: sha, filter: 'all' },
          'check_runs',
        );
        for (const c of list) {
          if (isActionsJob(c)) continue;
          const run = toCheckRun(c);
          acc.fresh.set(run.id, run);
          if (run.annotationsCount > 0 && c.node_id) acc.others.set(c.node_id, run);
        }
      } catch (e) {
        const reason = e instanceof TypeError ? malformed(ctx, e) : gapReason(e, ctx.api.client.redact);
        if (reason === null) throw e;
        ctx.history.gaps.push({ what: `check runs of commit ${sha.slice(0, 7)}`, reason });
      }
    },
  );
}

const malformed = (ctx: Ctx, e: Error): string =>
  `malformed answer from GitHub (${ctx.api.client.redact(e.message).slice(0, 160)})`;

/**
 * First-attempt runs with a node id by GraphQL (see the header), their runner labels over
 * REST. Runs it cannot read join `into.rest`; the non-job check runs it reads go into
 * `into.fresh`. The REST stages read `into.rest` afterwards (the orchestrator calls them).
 */
export async function fetchDetailsByGraphql(ctx: Ctx, runs: Run[], into: Details): Promise<void> {
  const asked = new Set<string>();
  const words = new Interner();
  // Chunk by chunk, newest first, each read to the end (jobs, steps, annotations, labels) before
  // the next: when the budget stops a large window, every chunk before is complete and cached,
  // so the next audit goes on from there instead of spending the same points again.
  for (const [k, part] of chunk(runs, RUNS_PER_CHUNK).entries()) {
    const jobs = new Map<string, Job>();
    const others = new Map<string, CheckRun>();
    const pool = queryPool(GRAPHQL_CONCURRENCY);
    const ask = <T>(query: string, vars: Record<string, unknown>, points: number) =>
      graphqlQuery<T>(ctx.api, query, vars, points);
    const acc: Acc = {
      fresh: into.fresh,
      rest: into.rest,
      jobs,
      others,
      restShas: [],
      suites: [],
      runSuites: new Set(),
      pool,
      feed: new StepsFeed(ctx, ask, pool, jobs, others),
    };
    const t = phaseClock();
    try {
      await t.time('runs', () => viaGraphql(ctx, part, acc, asked, k === 0));
      // Runner labels need only the jobs phase 1 brought (the runs it could not read are
      // final by then): read while the steps are, not after them.
      const restIds = new Set(acc.rest.map((r) => r.id));
      const labels = t.time('labels', () =>
        labelsViaRest(
          ctx,
          part.filter((r) => !restIds.has(r.id)),
          into.reading,
        ),
      );
      // Steps queries of the jobs phase 1 brought are under way already; the rest follow.
      const steps = t
        .time('suites', async () => {
          await otherSuites(ctx, acc);
          await commitsViaRest(ctx, acc);
        })
        .then(() => t.time('steps', () => acc.feed.finish()));
      await together(steps, labels);
    } catch (e) {
      await acc.feed.drain();
      if (e instanceof BudgetExhausted) dropUnread(ctx, part);
      throw e;
    }
    ctx.log(`GraphQL details of ${part.length} runs: ${t.line()}`);
    // Complete: packed now, or a 10,000-run window's jobs would all be plain objects at once.
    const restIds = new Set(acc.rest.map((r) => r.id));
    internRuns(
      part.filter((r) => !restIds.has(r.id)),
      words,
    );
  }
}

/** How long each phase of a chunk took (they overlap), for the audit's log. */
function phaseClock() {
  const took: string[] = [];
  return {
    async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        took.push(`${name} ${((performance.now() - start) / 1000).toFixed(2)} s`);
      }
    },
    line: () => took.join(', '),
  };
}

/**
 * The runs of a chunk the budget cut whose jobs came without steps: not read, not kept. A
 * failed job without steps would read as one that lost its runner, a slow one as having no
 * slow step.
 */
function dropUnread(ctx: Ctx, runs: Run[]): void {
  for (const run of runs) {
    if (run.jobs.some((j) => j.steps.length === 0 && j.conclusion !== 'skipped')) {
      ctx.jobsDone.delete(run.id);
      run.jobs = [];
    }
  }
}
