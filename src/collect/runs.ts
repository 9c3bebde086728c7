/**
 * Stage 1-2: the workflows of the repository and the completed runs in the window.
 * Completed runs are immutable, so only those are sampled.
 */
import { InputError, type WindowSpec } from '../inputs.js';
import type { Workflow } from '../types.js';
import { PER_PAGE, type Api } from './api.js';
import { BudgetExhausted } from './client.js';
import type { GhRun } from './map.js';

const basename = (p: string) => p.split('/').pop() ?? p;

/**
 * The workflows named by the `workflows` input: each entry matches a workflow's file name
 * (ci.yml), path or name, case-insensitively. An entry that matches nothing is an input error.
 */
export function selectWorkflows(all: Workflow[], wanted: string[]): Workflow[] {
  if (wanted.length === 0) return all;
  const picked = new Map<number, Workflow>();
  const unknown: string[] = [];
  for (const entry of wanted) {
    const e = entry.trim().toLowerCase();
    const hits = all.filter(
      (w) => w.name.toLowerCase() === e || w.path.toLowerCase() === e || basename(w.path).toLowerCase() === e,
    );
    if (hits.length === 0) unknown.push(entry);
    for (const w of hits) picked.set(w.id, w);
  }
  if (unknown.length > 0) {
    const known = all.map((w) => `${basename(w.path)} (${w.name})`).join(', ') || 'none';
    throw new InputError(
      `Input "workflows": no workflow matches ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${known}`,
    );
  }
  return [...picked.values()];
}

export interface RunQuery {
  window: WindowSpec;
  now: Date;
  /** null: every workflow in one listing. */
  workflows: Workflow[] | null;
  branches: string[];
}

/** Start of a span window, or null for a count window. */
export function windowStart(window: WindowSpec, now: Date): Date | null {
  return window.kind === 'span' ? new Date(now.getTime() - window.ms) : null;
}

/** GitHub answers at most this many runs to a filtered listing (status, branch, created). */
export const LIST_CAP = 1000;

/** One listing (a workflow and/or a branch), paged until the window is covered. Returns how many runs it listed. */
async function listRuns(
  api: Api,
  q: RunQuery,
  workflowId: number | null,
  branch: string | null,
  sink: (run: GhRun) => void,
): Promise<number> {
  const route =
    workflowId === null
      ? 'GET /repos/{owner}/{repo}/actions/runs'
      : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  const start = windowStart(q.window, q.now);
  const params = {
    status: 'completed',
    ...(workflowId === null ? {} : { workflow_id: workflowId }),
    ...(branch === null ? {} : { branch }),
    // GitHub's search date syntax is documented to the second: YYYY-MM-DDTHH:MM:SSZ.
    ...(start ? { created: `>=${start.toISOString().replace(/\.\d{3}Z$/, 'Z')}` } : {}),
  };
  const limit = q.window.kind === 'count' ? q.window.count : Infinity;
  let seen = 0;
  await api.pages<GhRun>(
    route,
    params,
    'workflow_runs',
    (items) => {
      for (const r of items.slice(0, limit - seen)) sink(r);
      seen += items.length;
      return seen < limit;
    },
    LIST_CAP / PER_PAGE,
  );
  return seen;
}

export interface FetchedRuns {
  runs: GhRun[];
  /** Set when the budget ran out mid-listing. */
  stopped: BudgetExhausted | null;
  /** A span window reached GitHub's cap of a filtered listing: older runs in the window were not listed. */
  capped: boolean;
}

/**
 * Completed runs in the window, newest first, deduplicated across listings. When the budget
 * runs out mid-listing, the runs listed so far are returned with the reason.
 */
export async function fetchRuns(api: Api, q: RunQuery): Promise<FetchedRuns> {
  const workflowIds = q.workflows === null ? [null] : q.workflows.map((w) => w.id);
  const branches = q.branches.length === 0 ? [null] : q.branches;
  const byId = new Map<number, GhRun>();
  let stopped: BudgetExhausted | null = null;
  let capped = false;
  // Sequential on purpose: a count window is usually one listing, and each stops early.
  try {
    for (const wf of workflowIds) {
      for (const br of branches) {
        const seen = await listRuns(api, q, wf, br, (r) => byId.set(r.id, r));
        if (q.window.kind === 'span' && seen >= LIST_CAP) capped = true;
      }
    }
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    stopped = e;
  }
  const start = windowStart(q.window, q.now);
  const runs = [...byId.values()]
    .filter((r) => !start || Date.parse(r.created_at) >= start.getTime())
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
  return { runs: q.window.kind === 'count' ? runs.slice(0, q.window.count) : runs, stopped, capped };
}
