/**
 * Stage "details" (replaces jobs + check runs + annotations when GraphQL is available):
 *   1. runs already in the run cache (same attempt, same updated_at) cost nothing;
 *   2. first-attempt runs: their jobs with steps and annotations, and the check runs of
 *      their commits, RUNS_PER_QUERY runs per GraphQL query (see graphql.ts for the cost);
 *   3. the rest over REST, with the REST stages on a sub-history: re-run runs (GraphQL
 *      cannot tell attempts apart), runs wider than JOBS_FIRST, runs without a node id,
 *      and everything if GraphQL answers with an error (an old GHES, a proxy);
 *   4. annotations of test-report check runs, 100 per query (1 point).
 */
import type { CheckRun, Run } from '../types.js';
import { eachLimit, gapReason, type Api } from './api.js';
import type { RunCache } from './cache.js';
import { BudgetExhausted } from './client.js';
import {
  ANNOTATIONS_QUERY,
  CHECK_RUNS_PER_QUERY,
  RUNS_PER_QUERY,
  chunk,
  detailsQuery,
  estimatePoints,
  parseCommitNode,
  parseRunNode,
  toAnnotationGql,
  type DetailsData,
  type GqlAnnotation,
  type GqlRunNode,
} from './graphql.js';
import { fetchAnnotations, fetchCheckRuns, fetchJobs, type Ctx } from './stages.js';

/** GraphQL queries in flight at once: GitHub asks for restraint with concurrent queries. */
const GRAPHQL_CONCURRENCY = 2;

/** Send a query; GitHub's partial answers (some nodes not found) still carry the data. */
export async function graphqlQuery<T>(
  api: Api,
  query: string,
  vars: Record<string, unknown>,
  points: number,
): Promise<T> {
  if (!api.client.canCollect(points)) throw new BudgetExhausted('request budget spent');
  try {
    return await api.client.octokit.graphql<T>(query, vars);
  } catch (e) {
    const partial = (e as { name?: string; data?: T }).data;
    if ((e as { name?: string }).name === 'GraphqlResponseError' && partial) return partial;
    throw e;
  }
}

interface Acc {
  /** Non-job check runs read in this audit, by id. */
  fresh: Map<number, CheckRun>;
  /** Check runs whose annotations are still to read: id -> node id. */
  needAnnotations: Map<number, string>;
  /** Runs to read over REST. */
  rest: Run[];
}

async function graphqlBatch(ctx: Ctx, batch: Run[], shas: string[], acc: Acc): Promise<void> {
  const { api } = ctx;
  const data = await graphqlQuery<DetailsData>(
    api,
    detailsQuery(shas),
    { ids: batch.map((r) => r.nodeId), ...(shas.length ? { owner: api.owner, name: api.repo } : {}) },
    estimatePoints(batch.length, shas.length),
  );
  batch.forEach((run, i) => {
    const node = data.nodes?.[i] as GqlRunNode | null | undefined;
    const details = node && node.databaseId === run.id ? parseRunNode(node, run) : null;
    if (!details?.complete) return void acc.rest.push(run);
    run.jobs = details.jobs;
    ctx.jobsDone.add(run.id);
    for (const c of details.others) acc.fresh.set(c.id, c);
  });
  shas.forEach((sha, i) => {
    const { checkRuns, nodeIds } = parseCommitNode(data.repository?.[`c${i}`], sha);
    for (const c of checkRuns) {
      if ((acc.fresh.get(c.id)?.annotationsCount ?? -1) >= 0) continue;
      acc.fresh.set(c.id, c);
      acc.needAnnotations.set(c.id, nodeIds.get(c.id)!);
    }
  });
}

async function viaGraphql(ctx: Ctx, runs: Run[], acc: Acc): Promise<void> {
  const asked = new Set<string>();
  const batches = chunk(runs, RUNS_PER_QUERY).map((batch) => {
    const shas = [...new Set(batch.map((r) => r.headSha))].filter((s) => !asked.has(s));
    shas.forEach((s) => asked.add(s));
    return { batch, shas };
  });
  let off = false;
  await eachLimit(batches, GRAPHQL_CONCURRENCY, async ({ batch, shas }) => {
    if (off) return void acc.rest.push(...batch);
    try {
      await graphqlBatch(ctx, batch, shas, acc);
    } catch (e) {
      if (e instanceof BudgetExhausted || (e as { status?: number }).status === 401) throw e;
      // A server without these fields, or a broken answer: REST still works.
      off = true;
      ctx.log(`GraphQL unavailable (${ctx.api.client.redact((e as Error).message).slice(0, 200)}): reading over REST`);
      acc.rest.push(...batch);
    }
  });
}

async function viaRest(ctx: Ctx, runs: Run[], acc: Acc): Promise<void> {
  if (runs.length === 0) return;
  const sub: Ctx = { ...ctx, history: { ...ctx.history, runs, checkRuns: [] } };
  try {
    await fetchJobs(sub);
    await fetchCheckRuns(sub);
    await fetchAnnotations(sub);
  } finally {
    for (const c of sub.history.checkRuns) acc.fresh.set(c.id, c);
  }
}

async function annotationsOf(ctx: Ctx, acc: Acc): Promise<void> {
  const targets = [...acc.needAnnotations.entries()].filter(([id]) => (acc.fresh.get(id)?.annotationsCount ?? 0) < 0);
  await eachLimit(chunk(targets, CHECK_RUNS_PER_QUERY), GRAPHQL_CONCURRENCY, async (batch) => {
    try {
      type Node = { databaseId: number; annotations: { totalCount: number; nodes: (GqlAnnotation | null)[] } } | null;
      const data = await graphqlQuery<{ nodes: Node[] }>(
        ctx.api,
        ANNOTATIONS_QUERY,
        { ids: batch.map(([, n]) => n) },
        1,
      );
      for (const node of data.nodes ?? []) {
        const c = node && acc.fresh.get(node.databaseId);
        if (!c || !node.annotations) continue;
        c.annotationsCount = node.annotations.totalCount;
        c.annotations = node.annotations.nodes.filter((a): a is GqlAnnotation => a !== null).map(toAnnotationGql);
      }
    } catch (e) {
      const reason = gapReason(e, ctx.api.client.redact);
      if (reason === null && !(e as { errors?: unknown }).errors) throw e;
      ctx.history.gaps.push({ what: `annotations of ${batch.length} check runs`, reason: reason ?? 'GraphQL error' });
    }
  });
}

/** A run is cached only when everything about it was read: no unknown annotation counts. */
function complete(run: Run): boolean {
  return (
    run.jobs.length > 0 &&
    run.jobs.every(
      (j) =>
        (j.annotationsCount >= 0 || j.conclusion === 'skipped') &&
        (j.annotationsCount <= 0 || j.annotations.length > 0),
    )
  );
}

export async function fetchDetails(ctx: Ctx, cache: RunCache | null): Promise<void> {
  const { history } = ctx;
  const cached = new Map<number, CheckRun>();
  const pending: Run[] = [];
  for (const run of history.runs) {
    const hit = cache?.getRun(run);
    if (!hit) pending.push(run);
    else {
      run.jobs = hit.jobs;
      ctx.jobsDone.add(run.id);
      for (const c of hit.checkRuns) cached.set(c.id, c);
    }
  }
  const byGraphql = pending.filter((r) => r.runAttempt === 1 && r.nodeId);
  const acc: Acc = {
    fresh: new Map(),
    needAnnotations: new Map(),
    rest: pending.filter((r) => !byGraphql.includes(r)),
  };
  const restFirst = acc.rest.length;
  try {
    await viaGraphql(ctx, byGraphql, acc);
    await viaRest(ctx, acc.rest, acc);
    await annotationsOf(ctx, acc);
  } finally {
    const all = new Map([...cached, ...acc.fresh]);
    history.checkRuns = [...all.values()].sort((a, b) => b.id - a.id);
    for (const run of pending) {
      if (complete(run))
        cache?.putRun(
          run,
          history.checkRuns.filter((c) => c.headSha === run.headSha),
        );
    }
    ctx.log(
      `Details: ${history.runs.length - pending.length} runs from the cache, ` +
        `${byGraphql.length - (acc.rest.length - restFirst)} by GraphQL, ${acc.rest.length} over REST; ` +
        `${history.checkRuns.length} check runs besides jobs`,
    );
  }
}
