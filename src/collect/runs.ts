/**
 * Stage 1-2: the workflows of the repository and the completed runs in the window.
 * Completed runs are immutable, so only those are sampled.
 */
import { InputError, type WindowSpec } from '../inputs.js';
import type { Workflow } from '../types.js';
import { PER_PAGE, type Api, type Params } from '../github/api.js';
import { BudgetExhausted } from '../github/client.js';
import type { GhRun } from './map.js';
import { LIST_CAP, listSpan } from './slices.js';

export { LIST_CAP };

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

const isoSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One listing (a workflow and/or a branch), paged until the window is covered. A span window
 * is listed in fixed date slices (slices.ts: their unchanged pages answer 304). A count
 * window: GitHub answers at most LIST_CAP runs to a filtered query, so a listing that reaches
 * the cap goes on in date slices: `created=<=<oldest run listed so far>` (the bound is
 * inclusive: runs of that second come twice and are deduplicated by the sink's caller).
 * Returns how many runs it listed, and whether it still stopped short (over LIST_CAP runs
 * created in one second).
 */
async function listRuns(
  api: Api,
  q: RunQuery,
  workflowId: number | null,
  branch: string | null,
  sink: (run: GhRun) => void,
): Promise<{ seen: number; capped: boolean }> {
  const route =
    workflowId === null
      ? 'GET /repos/{owner}/{repo}/actions/runs'
      : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
  const start = windowStart(q.window, q.now);
  const base = {
    status: 'completed',
    ...(workflowId === null ? {} : { workflow_id: workflowId }),
    ...(branch === null ? {} : { branch }),
  };
  const ids = new Set<number>();
  if (start) {
    const listed = await listSpan(api, route, base, start.getTime(), q.now.getTime(), (r) => {
      if (ids.has(r.id)) return;
      ids.add(r.id);
      sink(r);
    });
    return { seen: ids.size, capped: listed.capped.length > 0 };
  }
  const limit = q.window.kind === 'count' ? q.window.count : Infinity;
  let until: number | null = null;
  for (;;) {
    let inSlice = 0;
    let oldest = Infinity;
    // GitHub's search date syntax is documented to the second: YYYY-MM-DDTHH:MM:SSZ.
    const created = until === null ? null : `<=${isoSecond(until)}`;
    const onPage = (items: GhRun[]) => {
      inSlice += items.length;
      for (const r of items) {
        oldest = Math.min(oldest, Date.parse(r.created_at));
        if (ids.size >= limit || ids.has(r.id)) continue;
        ids.add(r.id);
        sink(r);
      }
      return ids.size < limit;
    };
    await countPages(api, route, { ...base, ...(created ? { created } : {}) }, limit, onPage);
    if (inSlice < LIST_CAP || ids.size >= limit || !Number.isFinite(oldest)) return { seen: ids.size, capped: false };
    // The next slice ends at the oldest run listed; no progress means a second holds more than the cap.
    if (until !== null && oldest >= until) return { seen: ids.size, capped: true };
    until = oldest;
  }
}

interface RunsPage {
  total_count?: number;
  workflow_runs?: GhRun[];
}

/**
 * Pages of a count window asked for at once. A GitHub page of 100 runs is ~1 MB of JSON and a few
 * MB once parsed, held until it is compacted: with 16 in flight a 10,000-run listing's answers
 * took ~50 MB at once (heap, and the buffers' memory, which the process keeps once used). A
 * 1,000-run window needs two rounds after page 1.
 */
const PAGES_IN_FLIGHT = 6;

/**
 * The pages of a count window's listing. Page 1 says how many runs the listing holds
 * (`total_count`), so the pages the window needs after it are asked for ahead, PAGES_IN_FLIGHT at a
 * time: 1,000 runs took 10 round trips one after another, now 3. `onPage` still sees the pages in order, so the window is the one paging one by one
 * gives, and no page is asked for that paging one by one would not ask for: at most LIST_CAP runs'
 * worth, no more than the window and `total_count` need. Each page is compacted as it
 * arrives (a GitHub page of 100 runs is ~1 MB), so pages in flight are not kept whole. A window
 * still short of runs (the listing shifted: runs listed twice) goes on one page at a time.
 */
async function countPages(
  api: Api,
  route: string,
  params: Params,
  need: number,
  onPage: (items: GhRun[]) => boolean,
): Promise<void> {
  const maxPages = LIST_CAP / PER_PAGE;
  // Parsed by Octokit, not read as a raw stream to skip its slower parser: the stream outlives
  // its Response, and a garbage collection between the answer and the read (the limiter resumes
  // on a timer) let undici's finalizer cancel it ("Response body object should not be disturbed
  // or locked": a 10,000-run bench audit failed one time in three).
  const read = (n: number) => api.get<RunsPage>(route, { ...params, per_page: PER_PAGE, page: n });
  const get = async (n: number): Promise<GhRun[]> => {
    const data = await read(n);
    return (data.workflow_runs ?? []).map(compactRun);
  };
  const first = await read(1);
  const items = (first.workflow_runs ?? []).map(compactRun);
  if (!onPage(items) || items.length < PER_PAGE) return;
  const total = typeof first.total_count === 'number' ? first.total_count : Infinity;
  const ahead = Math.min(maxPages, Math.ceil(Math.min(need, total) / PER_PAGE));
  // Settled, not raced: a page that fails stops the listing there, after the pages before it.
  const start = (n: number) =>
    get(n).then(
      (runs) => ({ runs }),
      (error: unknown) => ({ error }),
    );
  const pending = new Map<number, ReturnType<typeof start>>();
  let next = 2;
  const fill = () => {
    while (next <= ahead && pending.size < PAGES_IN_FLIGHT) pending.set(next, start(next++));
  };
  fill();
  let page = 1;
  let more = true;
  let failed: { error: unknown } | null = null;
  for (let n = 2; n <= ahead; n++) {
    const r = await pending.get(n)!;
    pending.delete(n);
    if (!more || failed) break;
    if ('error' in r) failed = r;
    else {
      page++;
      more = onPage(r.runs) && r.runs.length === PER_PAGE;
      if (more) fill();
    }
  }
  if (failed) throw failed.error;
  while (more && page < maxPages && page * PER_PAGE < total) {
    const runs = await get(++page);
    more = onPage(runs) && runs.length === PER_PAGE;
  }
}

const login = (u: { login: string } | null | undefined) => (u ? { login: u.login } : u);
const fullName = (x: { full_name: string } | null | undefined) => (x ? { full_name: x.full_name } : x);

/**
 * The fields of a listed run that collection reads (GhRun). A run as GitHub lists it is about
 * 11 KB (two embedded repositories with ~40 URL fields each, the actor, the head commit): over a
 * 10,000-run window, keeping them whole would hold 100+ MB until the runs are mapped.
 */
export function compactRun(r: GhRun): GhRun {
  const out: GhRun = {
    id: r.id,
    workflow_id: r.workflow_id,
    event: r.event,
    head_branch: r.head_branch,
    head_sha: r.head_sha,
    status: r.status,
    conclusion: r.conclusion,
    run_number: r.run_number,
    created_at: r.created_at,
    updated_at: r.updated_at,
    html_url: r.html_url,
  };
  if (r.node_id !== undefined) out.node_id = r.node_id;
  if (r.name !== undefined) out.name = r.name;
  if (r.path !== undefined) out.path = r.path;
  if (r.run_attempt !== undefined) out.run_attempt = r.run_attempt;
  if (r.run_started_at !== undefined) out.run_started_at = r.run_started_at;
  if (r.repository !== undefined) out.repository = fullName(r.repository);
  if (r.head_repository !== undefined) out.head_repository = fullName(r.head_repository);
  if (r.pull_requests !== undefined) out.pull_requests = r.pull_requests?.map((p) => ({ number: p.number })) ?? null;
  if (r.actor !== undefined) out.actor = login(r.actor);
  if (r.triggering_actor !== undefined) out.triggering_actor = login(r.triggering_actor);
  return out;
}

export interface FetchedRuns {
  runs: GhRun[];
  /** Set when the budget ran out mid-listing. */
  stopped: BudgetExhausted | null;
  /** A listing stayed short of the window even in date slices (more than LIST_CAP runs in one second). */
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
        const listed = await listRuns(api, q, wf, br, (r) => byId.set(r.id, compactRun(r)));
        if (listed.capped) capped = true;
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
