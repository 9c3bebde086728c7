/** Read-only Actions, checks, pulls and contents routes, answering from the world. */
import { createHash } from 'node:crypto';
import { renderLog } from '../world/logs.js';
import type { RawCheckRun, RawJob, RawRun, World } from '../world/types.js';
import { error, list, matchesCreated, notFound, type Reply } from './http.js';
import { route, type Ctx, type Route } from './state.js';

const REPO = '/repos/{owner}/{repo}';

const ok = (body: unknown): Reply => ({ status: 200, body });

function runsOf(ctx: Ctx, workflowId?: number): Reply {
  const q = ctx.url.searchParams;
  const status = q.get('status');
  let runs = ctx.state.world.runs.filter((r) => workflowId === undefined || r.workflow_id === workflowId);
  // `status` accepts a status or a conclusion, as on GitHub.
  if (status) runs = runs.filter((r) => r.status === status || r.conclusion === status);
  for (const key of ['branch', 'event', 'head_sha'] as const) {
    const v = q.get(key);
    const field = key === 'branch' ? 'head_branch' : key;
    if (v) runs = runs.filter((r) => r[field] === v);
  }
  const created = q.get('created');
  if (created) runs = runs.filter((r) => matchesCreated(created, r.created_at));
  // GitHub answers at most 1,000 runs to a query filtered by status, branch, event, sha or created.
  if (['status', 'branch', 'event', 'head_sha', 'created'].some((k) => q.get(k))) runs = runs.slice(0, 1000);
  const items = q.get('exclude_pull_requests') === 'true' ? runs.map((r) => ({ ...r, pull_requests: [] })) : runs;
  return list(items, ctx.url, ctx.origin, 'workflow_runs');
}

function findWorkflow(w: World, idOrFile: string) {
  const name = decodeURIComponent(idOrFile);
  return w.workflows.find((x) => String(x.id) === name || x.path.endsWith(`/${name}`));
}

const findRun = (w: World, id: string): RawRun | undefined => w.runs.find((r) => String(r.id) === id);
const jobsOfRun = (w: World, id: string): RawJob[] => w.jobs[id] ?? [];

export function allJobs(w: World): RawJob[] {
  return Object.values(w.jobs).flat();
}

/**
 * Jobs by id, for the routes asked once per log (two per read): flattening a 1,000-run world's
 * jobs on each took 1.6 s of the bench's own CPU in a cold audit, time the action spent waiting.
 * A hit is checked against the world (still listed under its run), so a changed world is seen.
 */
const jobIndex = new WeakMap<World['jobs'], Map<string, RawJob>>();

function jobById(w: World, id: string): RawJob | undefined {
  const hit = jobIndex.get(w.jobs)?.get(id);
  if (hit && w.jobs[String(hit.run_id)]?.includes(hit)) return hit;
  const index = new Map(allJobs(w).map((j) => [String(j.id), j] as const));
  jobIndex.set(w.jobs, index);
  return index.get(id);
}

/** Every Actions job is also a check run with the same id. */
export function jobCheckRun(w: World, job: RawJob): RawCheckRun {
  const full = `${w.owner}/${w.repo}`;
  return {
    id: job.id,
    head_sha: job.head_sha,
    node_id: job.node_id,
    external_id: `${job.id}`,
    url: `${w.apiUrl}/repos/${full}/check-runs/${job.id}`,
    html_url: job.html_url,
    details_url: job.html_url,
    status: job.status,
    conclusion: job.conclusion,
    started_at: job.started_at,
    completed_at: job.completed_at,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: (w.annotations[String(job.id)] ?? []).length,
      annotations_url: `${w.apiUrl}/repos/${full}/check-runs/${job.id}/annotations`,
    },
    name: job.name,
    check_suite: { id: 28_000_000_000 + (job.run_id % 1_000_000) },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}

function checkRunsOf(w: World, sha: string): RawCheckRun[] {
  const jobs = allJobs(w).filter((j) => j.head_sha === sha && j.conclusion !== 'skipped');
  const all = [...jobs.map((j) => jobCheckRun(w, j)), ...w.checkRuns.filter((c) => c.head_sha === sha)];
  return all.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at) || b.id - a.id);
}

function commitCheckRuns(ctx: Ctx, sha: string): Reply {
  const q = ctx.url.searchParams;
  let runs = checkRunsOf(ctx.state.world, sha);
  if (q.get('check_name')) runs = runs.filter((c) => c.name === q.get('check_name'));
  if (q.get('status')) runs = runs.filter((c) => c.status === q.get('status'));
  if (q.get('app_id')) runs = runs.filter((c) => String(c.app.id) === q.get('app_id'));
  if ((q.get('filter') ?? 'latest') === 'latest') {
    // The most recent check run of each name (runs are newest first).
    const seen = new Set<string>();
    runs = runs.filter((c) => !seen.has(c.name) && seen.add(c.name));
  }
  return list(runs, ctx.url, ctx.origin, 'check_runs');
}

function findCheckRun(w: World, id: string): RawCheckRun | undefined {
  const job = jobById(w, id);
  return job ? jobCheckRun(w, job) : w.checkRuns.find((c) => String(c.id) === id);
}

/** A blob or tree SHA that changes with the content (git's is a hash too; only change matters). */
const gitSha = (what: string): string => createHash('sha1').update(what).digest('hex');

function contentEntry(w: World, file: string, type: 'file' | 'dir', sha: string, size: number) {
  return {
    type,
    size,
    name: file.split('/').pop(),
    path: file,
    sha,
    url: `${w.apiUrl}/repos/${w.owner}/${w.repo}/contents/${file}?ref=main`,
    html_url: `${w.serverUrl}/${w.owner}/${w.repo}/${type === 'file' ? 'blob' : 'tree'}/main/${file}`,
    download_url: type === 'file' ? `https://raw.githubusercontent.com/${w.owner}/${w.repo}/main/${file}` : null,
  };
}

/** A file (base64, as GitHub sends it) or a directory listing (one entry per child, dirs with a tree SHA). */
function contents(ctx: Ctx, path: string): Reply {
  const w = ctx.state.world;
  const file = decodeURIComponent(path).replace(/\/+$/, '');
  const text = w.contents[file];
  if (text !== undefined) {
    const b64 = Buffer.from(text).toString('base64');
    return ok({
      ...contentEntry(w, file, 'file', gitSha(text), Buffer.byteLength(text)),
      encoding: 'base64',
      content: b64.replace(/(.{60})/g, '$1\n'),
    });
  }
  // Workflow files exist in the repository even when the world does not serve their text.
  const files = new Map(Object.entries(w.contents));
  for (const wf of w.workflows) if (!files.has(wf.path)) files.set(wf.path, wf.path);
  const children = new Map<string, { type: 'file' | 'dir'; texts: string[] }>();
  for (const [p, t] of files) {
    if (!p.startsWith(`${file}/`)) continue;
    const [name, ...rest] = p.slice(file.length + 1).split('/');
    const child = children.get(name!) ?? { type: rest.length ? 'dir' : 'file', texts: [] };
    child.texts.push(`${p}\u0000${t}`);
    children.set(name!, child);
  }
  if (children.size === 0) return notFound();
  return ok(
    [...children]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, c]) =>
        contentEntry(
          w,
          `${file}/${name}`,
          c.type,
          gitSha(c.texts.sort().join('\n')),
          c.type === 'file' ? Buffer.byteLength(c.texts[0]!.split('\u0000')[1]!) : 0,
        ),
      ),
  );
}

function pulls(ctx: Ctx): Reply {
  const state = ctx.url.searchParams.get('state') ?? 'open';
  const items = ctx.state.world.pulls.filter((p) => state === 'all' || p.state === state);
  return list(items, ctx.url, ctx.origin);
}

export interface LogFaults {
  /** Job ids whose logs answer 410 Gone. */
  expired: (jobId: number) => boolean;
}

export function actionRoutes(faults: LogFaults, missingJobs: (runId: number) => boolean): Route[] {
  return [
    route('GET', REPO, (c) => ok(c.state.world.repository)),
    route('GET', `${REPO}/actions/workflows`, (c) => list(c.state.world.workflows, c.url, c.origin, 'workflows')),
    route('GET', `${REPO}/actions/workflows/{id}`, (c, m) => {
      const wf = findWorkflow(c.state.world, m[2]!);
      return wf ? ok(wf) : notFound();
    }),
    route('GET', `${REPO}/actions/workflows/{id}/runs`, (c, m) => {
      const wf = findWorkflow(c.state.world, m[2]!);
      return wf ? runsOf(c, wf.id) : notFound();
    }),
    route('GET', `${REPO}/actions/runs`, (c) => runsOf(c)),
    route('GET', `${REPO}/actions/runs/{id}`, (c, m) => {
      const run = findRun(c.state.world, m[2]!);
      return run ? ok(run) : notFound();
    }),
    route('GET', `${REPO}/actions/runs/{id}/jobs`, (c, m) => {
      const run = findRun(c.state.world, m[2]!);
      if (!run || missingJobs(run.id)) return notFound();
      const all = c.url.searchParams.get('filter') === 'all';
      const jobs = jobsOfRun(c.state.world, m[2]!).filter((j) => all || j.run_attempt === run.run_attempt);
      return list(jobs, c.url, c.origin, 'jobs');
    }),
    route('GET', `${REPO}/actions/runs/{id}/attempts/{n}/jobs`, (c, m) => {
      const run = findRun(c.state.world, m[2]!);
      if (!run || missingJobs(run.id) || Number(m[3]) > run.run_attempt) return notFound();
      return list(
        jobsOfRun(c.state.world, m[2]!).filter((j) => j.run_attempt === Number(m[3])),
        c.url,
        c.origin,
        'jobs',
      );
    }),
    route('GET', `${REPO}/actions/jobs/{id}`, (c, m) => {
      const job = jobById(c.state.world, m[2]!);
      return job ? ok(job) : notFound();
    }),
    route('GET', `${REPO}/actions/jobs/{id}/logs`, (c, m) => {
      const job = jobById(c.state.world, m[2]!);
      if (!job || !c.state.world.logs[m[2]!]) return notFound();
      if (faults.expired(job.id)) return error(410, 'Gone');
      // The real API redirects to a short-lived blob URL on another host.
      return { status: 302, headers: { location: `${c.origin}/_blobs/logs/${job.id}?sig=${job.id.toString(36)}` } };
    }),
    route('GET', '/_blobs/logs/{id}', (c, m) => {
      const w = c.state.world;
      const job = jobById(w, m[0]!);
      const spec = w.logs[m[0]!];
      if (!job || !spec) return { status: 404, body: 'BlobNotFound' };
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        stream: renderLog(`${w.owner}/${w.repo}`, job, spec),
      };
    }),
    route('GET', `${REPO}/commits/{sha}/check-runs`, (c, m) => commitCheckRuns(c, m[2]!)),
    route('GET', `${REPO}/check-runs/{id}`, (c, m) => {
      const cr = findCheckRun(c.state.world, m[2]!);
      return cr ? ok(cr) : notFound();
    }),
    route('GET', `${REPO}/check-runs/{id}/annotations`, (c, m) => {
      if (!findCheckRun(c.state.world, m[2]!)) return notFound();
      return list(c.state.world.annotations[m[2]!] ?? [], c.url, c.origin);
    }),
    route('GET', `${REPO}/pulls`, pulls),
    route('GET', `${REPO}/contents/(.+)`, (c, m) => contents(c, m[2]!)),
  ];
}
