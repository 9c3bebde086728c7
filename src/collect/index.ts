/**
 * Collection: the only code that reads CI data from the API. The orchestrator: it calls
 * every stage, in order, cheapest first; no stage calls another.
 * runs -> jobs (all attempts, with steps) -> check runs per head commit (with annotation
 * counts and test-report summaries) -> annotations where count > 0 -> open PRs ->
 * the logs that rules ask for (streamed into digests), at most `maxLogs`. With GraphQL,
 * jobs, check runs and annotations are one stage "details": the run cache, then GraphQL,
 * then the REST stages for the runs GraphQL could not read.
 */
import { openRunCache } from '../cache/open.js';
import { Api } from '../github/api.js';
import { BudgetExhausted } from '../github/client.js';
import type { CheckRun, History, Run, Workflow } from '../types.js';
import { cacheRuns, fromRunCache, splitPending, unreadByWorkflow } from './cached-runs.js';
import { together, type CollectOptions, type Ctx } from './context.js';
import { fetchDetailsByGraphql, graphqlEnabled, type Details } from './graphql-stage.js';
import { fetchLogs } from './log-stage.js';
import { nightCap } from './log-policy.js';
import { toRun, toWorkflow, type GhWorkflow } from './map.js';
import { fetchRuns, LIST_CAP, selectWorkflows, windowStart } from './runs.js';
import { fetchAnnotations, fetchCheckRuns, fetchJobs, fetchPullRequests } from './stages.js';
import { findTrackingIssues, type FoundIssues } from '../tracking/find.js';
import { internCheckRun, internRuns, Interner } from '../util/intern.js';

export type { CollectOptions } from './context.js';

export const TRUNCATED_HINT = {
  budget: 'lower input "window" or "max-logs", or raise budget.maxRequests in the rules file',
  allowance:
    'a nightly audit spends at most 25% of the hourly API limit; the rest of the window is read on the next nights (or lower input "window")',
  'rate-limit':
    'the GitHub API rate limit (shared by every workflow of the repository) is nearly spent: run the audit later, or lower input "window" or "max-logs"',
} as const;

function emptyHistory(o: CollectOptions, now: Date): History {
  const { owner, repo, window } = o.settings;
  const start = windowStart(window, now);
  return {
    schemaVersion: 1,
    repository: `${owner}/${repo}`,
    serverUrl: o.serverUrl,
    collectedAt: now.toISOString(),
    defaultBranch: '',
    window: { requested: window.raw, from: (start ?? now).toISOString(), to: now.toISOString() },
    filters: { workflows: [...o.settings.workflows], branches: [...o.settings.branches] },
    workflows: [],
    runs: [],
    checkRuns: [],
    pullRequests: [],
    logs: {},
    gaps: [],
    api: { requests: 0, graphqlPoints: 0, notModified: 0 },
  };
}

/** Stages 1-2: default branch, every workflow, the runs in the window. */
async function fetchRunsStage(ctx: Ctx): Promise<void> {
  const { api, history, options: o } = ctx;
  const query = { window: o.settings.window, now: ctx.now, branches: o.settings.branches };
  // None needs another unless the listing is filtered by workflow: one round trip, not three.
  const listing = o.settings.workflows.length === 0 ? fetchRuns(api, { ...query, workflows: null }) : null;
  let repo: { default_branch: string } | undefined;
  let gh: GhWorkflow[] = [];
  await together(
    api.get<{ default_branch: string }>('GET /repos/{owner}/{repo}').then((r) => void (repo = r)),
    api.all<GhWorkflow>('GET /repos/{owner}/{repo}/actions/workflows', {}, 'workflows').then((w) => void (gh = w)),
    ...(listing ? [listing] : []),
  );
  history.defaultBranch = repo!.default_branch;
  history.workflows = gh.map(toWorkflow);
  const byId = new Map<number, Workflow>(history.workflows.map((w) => [w.id, w]));
  const selected = o.settings.workflows.length > 0 ? selectWorkflows(history.workflows, o.settings.workflows) : null;
  ctx.log(`Workflows: ${history.workflows.length}${selected ? `, ${selected.length} selected` : ''}`);
  const { runs, stopped, capped } = await (listing ?? fetchRuns(api, { ...query, workflows: selected }));
  history.runs = runs.map((r) => toRun(r, byId));
  history.window.listed = history.runs.length;
  const oldest = history.runs.at(-1);
  ctx.log(`Runs: ${history.runs.length} completed in window ${o.settings.window.raw}`);
  if (capped && oldest) {
    history.gaps.push({
      what: `runs created before ${oldest.createdAt}`,
      reason: `GitHub lists at most ${LIST_CAP} runs per filtered query: shorten input "window" or narrow input "workflows" or "branches"`,
    });
  }
  if (stopped) throw stopped;
}

/** Jobs, their check runs, then annotations of `runs` over REST; non-job check runs into `fresh`. */
async function restDetails(ctx: Ctx, runs: Run[], fresh: Map<number, CheckRun>): Promise<void> {
  if (runs.length === 0) return;
  await fetchJobs(ctx, runs);
  const checkRuns = await fetchCheckRuns(ctx, runs);
  for (const c of checkRuns) fresh.set(c.id, c);
  await fetchAnnotations(
    ctx,
    runs.flatMap((r) => r.jobs),
    checkRuns,
  );
}

/**
 * Stage "details": runs in the run cache cost nothing; the others are read newest first. A
 * warm audit reads here only the runs new or changed since the last one; the older runs a
 * window still filling in has not read wait for stage "older runs", after the logs, and the
 * audit is held to its nightly allowance (nightCap).
 */
async function fetchDetails(ctx: Ctx): Promise<void> {
  const { history } = ctx;
  const cache = ctx.cache ?? null;
  const { cached, pending } = fromRunCache(cache, history.runs, ctx.jobsDone);
  const { fresh, older } = splitPending(cache, history.runs, pending);
  ctx.older = older;
  history.checkRuns = [...cached.values()];
  limitNight(ctx, pending.length < history.runs.length);
  await readDetails(ctx, fresh, `${history.runs.length - pending.length} runs from the cache`);
}

/** A warm audit: collection held to the nightly allowance. */
function limitNight(ctx: Ctx, warm: boolean): void {
  const { client } = ctx.api;
  const cap = nightCap({ warm, hourly: client.usage.rateLimitLimit, budget: client.usage.budget ?? Infinity });
  if (!cap) return;
  client.limitCollection(cap.collect);
  ctx.allowance = cap.cap;
  ctx.log(`Nightly allowance: ${cap.cap} units, ${cap.collect} for collection`);
}

/**
 * Stage "older runs": the runs of the window an earlier audit listed but did not read, newest
 * first, with what the allowance has left after the new runs and their logs. Where it ends,
 * the rest waits for a later audit (the window is still filling in): not a stop of collection.
 */
async function fetchOlder(ctx: Ctx): Promise<void> {
  const older = ctx.older ?? [];
  if (older.length === 0) return;
  try {
    await readDetails(ctx, older, 'older runs');
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    const read = older.filter((r) => ctx.jobsDone.has(r.id)).length;
    ctx.log(`Older runs: ${read} of ${older.length} read (${e.message}); the rest on a later audit`);
  }
}

/**
 * Details of `pending`: first-attempt runs with a node id by GraphQL (graphql-stage.ts); the
 * rest (re-runs: GraphQL cannot tell attempts apart; runs without a node id; what GraphQL
 * could not read) by the REST stages. Whatever was read when the budget stops it is kept, and
 * runs read completely are cached for the next audit.
 */
async function readDetails(ctx: Ctx, pending: Run[], what: string): Promise<void> {
  const { history } = ctx;
  const cache = ctx.cache ?? null;
  const byGraphql = pending.filter((r) => r.runAttempt === 1 && r.nodeId);
  const graphqlIds = new Set(byGraphql.map((r) => r.id));
  const details: Details = { fresh: new Map(), rest: pending.filter((r) => !graphqlIds.has(r.id)) };
  const restFirst = details.rest.length;
  // Re-runs and runs without a node id go over REST while GraphQL reads the others (three round
  // trips that came after it); their check runs join after GraphQL's, as when read after it.
  const early = new Map<number, CheckRun>();
  const reruns = details.rest.slice();
  details.reading = new Set(reruns.map((r) => r.id));
  try {
    await together(fetchDetailsByGraphql(ctx, byGraphql, details), restDetails(ctx, reruns, early));
    await restDetails(ctx, details.rest.slice(restFirst), details.fresh);
  } finally {
    for (const [id, c] of early) details.fresh.set(id, c);
    // One copy of each repeated name, status and timestamp: a large window holds millions.
    const words = new Interner();
    internRuns(pending, words);
    for (const c of details.fresh.values()) internCheckRun(c, words);
    const all = new Map([...history.checkRuns.map((c) => [c.id, c] as const), ...details.fresh]);
    history.checkRuns = [...all.values()].sort((a, b) => b.id - a.id);
    cacheRuns(cache, pending, history.checkRuns);
    ctx.log(
      `Details: ${what}, ` +
        `${byGraphql.length - (details.rest.length - restFirst)} by GraphQL, ${details.rest.length} over REST; ` +
        `${history.checkRuns.length} check runs besides jobs`,
    );
  }
}

const fetchPulls = async (ctx: Ctx) => void (ctx.history.pullRequests = await fetchPullRequests(ctx));

/** The REST path (AUDIT_CI_GRAPHQL=false): a request per run, per commit, per annotated check run. */
const STAGES: [string, (ctx: Ctx) => Promise<void>][] = [
  ['runs', fetchRunsStage],
  ['jobs', (ctx) => fetchJobs(ctx, ctx.history.runs)],
  ['check runs', async (ctx) => void (ctx.history.checkRuns = await fetchCheckRuns(ctx, ctx.history.runs))],
  [
    'annotations',
    (ctx) =>
      fetchAnnotations(
        ctx,
        ctx.history.runs.flatMap((r) => r.jobs),
        ctx.history.checkRuns,
      ),
  ],
  ['pull requests', fetchPulls],
  ['logs', fetchLogs],
];

/**
 * The frugal path: jobs, check runs and annotations by GraphQL in a few queries; the open pull
 * requests (one request, needed only by the rules) read while the details are.
 */
const GRAPHQL_STAGES: [string, (ctx: Ctx) => Promise<void>][] = [
  ['runs', fetchRunsStage],
  ['details', (ctx) => together(fetchDetails(ctx), fetchPulls(ctx))],
  ['logs', fetchLogs],
  ['older runs', fetchOlder],
];

/** The history, and the tracking issues (collectWithTracking). */
export interface Collected {
  history: History;
  tracking: FoundIssues;
}

export async function collect(options: CollectOptions): Promise<History> {
  return (await collectAll(options)).history;
}

/**
 * Collection with the tracking issues labelled `issueLabel`: read in the first GraphQL runs
 * query when one is sent, else by the tracking module's REST lookup after the stages.
 */
export async function collectWithTracking(options: CollectOptions, issueLabel: string): Promise<Collected> {
  const { history, tracking } = await collectAll({ ...options, tracking: { label: issueLabel } });
  const { owner, repo } = options.settings;
  return { history, tracking: await findTrackingIssues(options.client, { owner, repo, issueLabel }, tracking) };
}

async function collectAll(options: CollectOptions): Promise<{ history: History; tracking: FoundIssues | null }> {
  const { client } = options;
  const now = options.now ?? new Date();
  const ctx: Ctx = {
    api: new Api(client, options.settings.owner, options.settings.repo),
    history: emptyHistory(options, now),
    options,
    now,
    jobsDone: new Set(),
    log: (msg) => options.log?.(client.redact(msg)),
  };
  if (options.cache !== undefined) {
    ctx.cache = options.cache;
    ctx.cache?.useConfig(options.config);
  } else {
    ctx.cache = await openRunCache({
      client,
      repository: ctx.history.repository,
      config: options.config,
      now,
      log: ctx.log,
      ...(options.cacheStore !== undefined ? { store: options.cacheStore } : {}),
    });
  }
  let stopped: { stage: string; error: BudgetExhausted } | null = null;
  const took: string[] = [];
  for (const [stage, run] of graphqlEnabled(options.graphql) ? GRAPHQL_STAGES : STAGES) {
    const start = performance.now();
    try {
      await run(ctx);
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      stopped = { stage, error: e };
      break;
    } finally {
      took.push(`${stage} ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  ctx.log(`Stages: ${took.join(', ')}`);
  const { history } = ctx;
  // A run whose jobs were never read would look like a run without jobs: leave it out.
  const unread = history.runs.filter((r) => !ctx.jobsDone.has(r.id));
  if (unread.length > 0) history.unread = unreadByWorkflow(unread);
  history.runs = history.runs.filter((r) => ctx.jobsDone.has(r.id));
  const oldest = history.runs.at(-1);
  if (options.settings.window.kind === 'count' && oldest) history.window.from = oldest.createdAt;
  history.api = { ...client.usage, ...(ctx.allowance !== undefined ? { allowance: ctx.allowance } : {}) };
  if (stopped) {
    const hint = TRUNCATED_HINT[stopped.error.reason];
    history.api.truncated = true;
    history.api.truncatedHint = hint;
    history.api.truncatedBy = stopped.error.reason;
    history.gaps.push({ what: `${stopped.stage} and later stages`, reason: `${stopped.error.message}: ${hint}` });
    ctx.log(`Collection stopped at ${stopped.stage}: ${stopped.error.message}`);
  }
  if (ctx.cache) {
    const saved = await ctx.cache.save(history);
    // What was read is kept: the next audits read the rest of the window.
    if (saved && (history.window.listed ?? 0) > history.runs.length) history.window.filling = true;
    const st = ctx.cache.stats;
    ctx.log(
      `Run cache: ${st.runHits} runs and ${st.logHits} logs reused, ${st.etagHits} lists not modified; ` +
        (saved ? `saved as ${saved}` : 'not saved'),
    );
  }
  ctx.log(`GraphQL: ${client.usage.graphqlPoints} points`);
  ctx.log(`API: ${client.usage.requests} requests, ${client.usage.budgetLeft ?? '?'} of the budget left`);
  return { history, tracking: ctx.tracking ?? null };
}
