/**
 * Collection: the only code that reads CI data from the API. Cheapest first:
 * runs -> jobs (all attempts, with steps) -> check runs per head commit (with annotation
 * counts and test-report summaries) -> annotations where count > 0 -> open PRs ->
 * the logs that rules ask for (streamed into digests), at most `maxLogs`.
 */
import type { Config } from '../config.js';
import type { Settings } from '../inputs.js';
import type { History, Rule, Workflow } from '../types.js';
import { Api } from '../github/api.js';
import { openRunCache } from '../cache/open.js';
import type { CacheStore } from '../cache/store.js';
import type { RunCache } from '../cache/run-cache.js';
import { fetchDetails, graphqlEnabled } from './graphql-stage.js';
import { BudgetExhausted, type AuditClient } from '../github/client.js';
import { toRun, toWorkflow, type GhWorkflow } from './map.js';
import { fetchRuns, LIST_CAP, selectWorkflows, windowStart } from './runs.js';
import { fetchLogs } from './log-stage.js';
import { fetchAnnotations, fetchCheckRuns, fetchJobs, fetchPullRequests, type Ctx } from './stages.js';
import type { FoundIssues } from './tracking.js';

export interface CollectOptions {
  client: AuditClient;
  settings: Pick<Settings, 'owner' | 'repo' | 'window' | 'workflows' | 'branches' | 'maxLogs'>;
  config: Config;
  rules: Rule[];
  /** https://github.com or the GHES host, for links. */
  serverUrl: string;
  now?: Date;
  log?: (msg: string) => void;
  /** Jobs, check runs and annotations by GraphQL (REST as fallback); default: on unless AUDIT_CI_GRAPHQL=false. */
  graphql?: boolean;
  /** Where the run cache lives; default from the environment (cache-store.ts); null: no cache. */
  cacheStore?: CacheStore | null;
  /** The run cache, already opened (by `audit`, to read the rules file with conditional requests). */
  cache?: RunCache | null;
  /**
   * Also read the tracking issues with this label where it costs nothing more: in the first
   * GraphQL runs query. `found` is set when they were read there; else the caller reads them
   * with `findTrackingIssues` (tracking.ts), over REST.
   */
  tracking?: { label: string; found?: FoundIssues };
}

export const TRUNCATED_HINT = {
  budget: 'lower input "window" or "max-logs", or raise budget.maxRequests in the rules file',
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
  const repo = await api.get<{ default_branch: string }>('GET /repos/{owner}/{repo}');
  history.defaultBranch = repo.default_branch;
  const gh = await api.all<GhWorkflow>('GET /repos/{owner}/{repo}/actions/workflows', {}, 'workflows');
  history.workflows = gh.map(toWorkflow);
  const byId = new Map<number, Workflow>(history.workflows.map((w) => [w.id, w]));
  const selected = o.settings.workflows.length > 0 ? selectWorkflows(history.workflows, o.settings.workflows) : null;
  ctx.log(`Workflows: ${history.workflows.length}${selected ? `, ${selected.length} selected` : ''}`);
  const { runs, stopped, capped } = await fetchRuns(api, {
    window: o.settings.window,
    now: ctx.now,
    workflows: selected,
    branches: o.settings.branches,
  });
  history.runs = runs.map((r) => toRun(r, byId));
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

const STAGES: [string, (ctx: Ctx) => Promise<void>][] = [
  ['runs', fetchRunsStage],
  ['jobs', fetchJobs],
  ['check runs', fetchCheckRuns],
  ['annotations', fetchAnnotations],
  ['pull requests', fetchPullRequests],
  ['logs', fetchLogs],
];

/** The frugal path: jobs, check runs and annotations by GraphQL in a few queries (graphql-stage.ts). */
const GRAPHQL_STAGES: [string, (ctx: Ctx) => Promise<void>][] = [
  ['runs', fetchRunsStage],
  ['details', (ctx) => fetchDetails(ctx, ctx.cache ?? null)],
  ['pull requests', fetchPullRequests],
  ['logs', fetchLogs],
];

export async function collect(options: CollectOptions): Promise<History> {
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
  for (const [stage, run] of graphqlEnabled(options.graphql) ? GRAPHQL_STAGES : STAGES) {
    try {
      await run(ctx);
    } catch (e) {
      if (!(e instanceof BudgetExhausted)) throw e;
      stopped = { stage, error: e };
      break;
    }
  }
  const { history } = ctx;
  // A run whose jobs were never read would look like a run without jobs: leave it out.
  history.runs = history.runs.filter((r) => ctx.jobsDone.has(r.id));
  const oldest = history.runs.at(-1);
  if (options.settings.window.kind === 'count' && oldest) history.window.from = oldest.createdAt;
  history.api = { ...client.usage };
  if (stopped) {
    const hint = TRUNCATED_HINT[stopped.error.reason];
    history.api.truncated = true;
    history.api.truncatedHint = hint;
    history.gaps.push({ what: `${stopped.stage} and later stages`, reason: `${stopped.error.message}: ${hint}` });
    ctx.log(`Collection stopped at ${stopped.stage}: ${stopped.error.message}`);
  }
  if (ctx.cache) {
    const saved = await ctx.cache.save(history);
    const st = ctx.cache.stats;
    ctx.log(
      `Run cache: ${st.runHits} runs and ${st.logHits} logs reused, ${st.etagHits} lists not modified; ` +
        (saved ? `saved as ${saved}` : 'not saved'),
    );
  }
  ctx.log(`GraphQL: ${client.usage.graphqlPoints} points`);
  ctx.log(`API: ${client.usage.requests} requests, ${client.usage.budgetLeft ?? '?'} of the budget left`);
  return history;
}
