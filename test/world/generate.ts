/**
 * A deterministic, realistic CI history for a made-up repository (acme/widgets by default):
 * three workflows, main and several PR branches (one from a fork), re-runs, logs, test-report
 * check runs and every anomaly of the runbook planted next to its decoy (`world.planted`).
 * Same options, same world: a seeded PRNG and a fixed `now`.
 */
import { buildCheckRun, buildJob, type JobPlan } from './jobs.js';
import { ciJobPlans, docsJobPlan, reportPlans } from './plans.js';
import { createRng, type Rng } from './prng.js';
import { listPlanted } from './planted.js';
import { openPulls, repoFiles, workflowsOf } from './repo.js';
import { BRANCHES, schedule, type Slot } from './scenario.js';
import {
  ghMinimalRepo,
  ghUser,
  type RawCheckRun,
  type RawJob,
  type RawRun,
  type RawUser,
  type World,
} from './types.js';

export interface WorldOptions {
  seed?: number;
  /** Completed runs wanted (at least 60: every anomaly needs its place). More runs go to main. */
  runs?: number;
  /** ISO time every timestamp precedes. */
  now?: string;
  /** Hours of history. */
  spanHours?: number;
  owner?: string;
  repo?: string;
  serverUrl?: string;
  apiUrl?: string;
  /** Filler lines in one test job's log (a big log to stream); 0 = none. */
  bigLogLines?: number;
}

const FIXED_RUNS =
  BRANCHES.filter((b) => b.name !== 'main').reduce((s, b) => s + b.ci + b.docs, 0) + BRANCHES[0]!.docs + 2;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const BOT: RawUser = ghUser('github-actions[bot]', 41898282, 'Bot');

export interface Acc {
  w: World;
  rng: Rng;
  nextJobId: number;
  nextCheckId: number;
  runNumbers: Map<string, number>;
}

export function runShell(a: Acc, s: Slot, id: number, sha: string): RawRun {
  const { w } = a;
  const wf = w.workflows.find((x) => x.name === (s.workflow === 'Docs' ? 'Docs' : 'CI'))!;
  const num = (a.runNumbers.get(wf.name) ?? 100) + 1;
  a.runNumbers.set(wf.name, num);
  const full = `${w.owner}/${w.repo}`;
  const b = s.branch;
  const actor: RawUser = b.fork ? ghUser('drive-by-contributor', 99001) : ghUser('octo-dev', 58321);
  const prRef = { id: w.repository.id, url: `${w.apiUrl}/repos/${full}`, name: w.repo };
  return {
    id,
    name: wf.name,
    node_id: `WFR_kwLO${id.toString(36)}`,
    head_branch: b.name,
    head_sha: sha,
    path: wf.path,
    display_title: b.title,
    run_number: num,
    run_attempt: 1,
    event: b.pr ? 'pull_request' : 'push',
    status: 'completed',
    conclusion: null,
    workflow_id: wf.id,
    url: `${w.apiUrl}/repos/${full}/actions/runs/${id}`,
    html_url: `${w.serverUrl}/${full}/actions/runs/${id}`,
    // GitHub leaves pull_requests empty for runs from forks.
    pull_requests:
      b.pr && !b.fork
        ? [
            {
              id: 1_900_000_000 + b.pr,
              number: b.pr,
              url: `${w.apiUrl}/repos/${full}/pulls/${b.pr}`,
              head: { ref: b.name, sha, repo: prRef },
              base: { ref: 'main', sha: a.rng.hex(40), repo: prRef },
            },
          ]
        : [],
    created_at: iso(s.atMs),
    updated_at: iso(s.atMs),
    run_started_at: iso(s.atMs),
    actor,
    triggering_actor: actor,
    jobs_url: `${w.apiUrl}/repos/${full}/actions/runs/${id}/jobs`,
    logs_url: `${w.apiUrl}/repos/${full}/actions/runs/${id}/logs`,
    check_suite_url: `${w.apiUrl}/repos/${full}/check-suites/${28_000_000_000 + (id % 1_000_000)}`,
    check_suite_id: 28_000_000_000 + (id % 1_000_000),
    check_suite_node_id: `CS_kwDO${id.toString(36)}`,
    cancel_url: `${w.apiUrl}/repos/${full}/actions/runs/${id}/cancel`,
    rerun_url: `${w.apiUrl}/repos/${full}/actions/runs/${id}/rerun`,
    artifacts_url: `${w.apiUrl}/repos/${full}/actions/runs/${id}/artifacts`,
    previous_attempt_url: null,
    head_commit: {
      id: sha,
      tree_id: a.rng.hex(40),
      message: b.pr ? `${b.title} (wip)` : b.title,
      timestamp: iso(s.atMs - a.rng.int(60, 3600) * 1000),
      author: { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com` },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    workflow_url: `${w.apiUrl}/repos/${full}/actions/workflows/${wf.id}`,
    head_repository: b.fork
      ? ghMinimalRepo(ghUser('drive-by-contributor', 777_002), w.repo, 777_001, true, w.apiUrl)
      : ghMinimalRepo(w.repository.owner, w.repo, w.repository.id, false, w.apiUrl),
    repository: ghMinimalRepo(w.repository.owner, w.repo, w.repository.id, false, w.apiUrl),
  };
}

/** Builds the jobs of one attempt; jobs after the first three wait for build-image (needs:). */
export function addAttempt(
  a: Acc,
  run: RawRun,
  attempt: number,
  plans: JobPlan[],
  startMs: number,
): { jobs: RawJob[]; endMs: number } {
  const jobs: RawJob[] = [];
  let endMs = startMs;
  let imageEnd = startMs;
  for (const plan of plans) {
    const created = plan.name === 'acceptance' ? imageEnd + 3000 : startMs + a.rng.int(2, 5) * 1000;
    const { job, endMs: end } = buildJob(a.nextJobId, run, attempt, plan, created, a.w.serverUrl, a.w.apiUrl);
    a.nextJobId += a.rng.int(3, 40);
    if (plan.name === 'build-image') imageEnd = end;
    endMs = Math.max(endMs, end);
    jobs.push(job);
    if (plan.log) a.w.logs[String(job.id)] = plan.log;
    if (plan.annotations.length) a.w.annotations[String(job.id)] = plan.annotations;
  }
  return { jobs, endMs };
}

function addReports(a: Acc, run: RawRun, slot: Slot, jobs: RawJob[]): void {
  for (const plan of reportPlans(slot.ci!)) {
    const jobName = plan.name === 'Acceptance Tests' ? 'acceptance' : 'test';
    const job = jobs.find((j) => j.name === jobName);
    if (!job?.completed_at) continue;
    const cr: RawCheckRun = buildCheckRun(
      a.nextCheckId,
      run,
      plan,
      Date.parse(job.completed_at) - 1000,
      a.w.serverUrl,
      a.w.apiUrl,
      a.rng,
    );
    a.nextCheckId += a.rng.int(5, 60);
    a.w.checkRuns.push(cr);
  }
}

function conclusionOf(slot: Slot, jobs: RawJob[]): string {
  if (slot.ci?.timedOut) return 'failure';
  if (jobs.some((j) => j.conclusion === 'failure')) return 'failure';
  if (jobs.some((j) => j.conclusion === 'cancelled')) return 'cancelled';
  return 'success';
}

function addCiRun(a: Acc, slot: Slot, run: RawRun): void {
  const full = run.repository.full_name;
  const first = addAttempt(a, run, 1, ciJobPlans(slot.ci!, a.rng, full, run.head_sha, run.id), slot.atMs);
  addReports(a, run, slot, first.jobs);
  let jobs = first.jobs;
  let endMs = first.endMs;
  if (slot.rerun) {
    // "Re-run failed jobs": attempt 2 lists the earlier jobs' results and the re-run acceptance job.
    const startMs = first.endMs + 20 * 60_000;
    const plans = ciJobPlans({ ...slot.ci!, rerunFirstAttempt: false }, a.rng, full, run.head_sha, run.id + 1);
    const second = addAttempt(
      a,
      run,
      2,
      plans.filter((p) => p.name === 'acceptance'),
      startMs,
    );
    const copies = first.jobs
      .filter((j) => j.name !== 'acceptance')
      .map((j) => ({ ...j, id: j.id + 1, run_attempt: 2 }));
    for (const c of copies) if (a.w.logs[String(c.id - 1)]) a.w.logs[String(c.id)] = a.w.logs[String(c.id - 1)]!;
    addReports(a, run, { ...slot, ci: { ...slot.ci!, rerunFirstAttempt: false, flaky: false } }, second.jobs);
    jobs = [...first.jobs, ...copies, ...second.jobs];
    run.run_attempt = 2;
    run.previous_attempt_url = `${run.url}/attempts/1`;
    run.run_started_at = iso(startMs);
    endMs = second.endMs;
    run.conclusion = conclusionOf(slot, [...copies, ...second.jobs]);
  } else run.conclusion = conclusionOf(slot, jobs);
  run.updated_at = iso(endMs + 5000);
  a.w.jobs[String(run.id)] = jobs;
}

function addSlot(a: Acc, slot: Slot, id: number): void {
  slot.runId = id;
  const run = runShell(a, slot, id, a.rng.hex(40));
  if (slot.workflow === 'startup') {
    // An invalid workflow file: the run fails before any job exists.
    run.conclusion = 'startup_failure';
    run.event = 'push';
    run.pull_requests = [];
    a.w.jobs[String(id)] = [];
  } else if (slot.workflow === 'Docs') {
    const plan = docsJobPlan(a.rng, id, a.rng.chance(0.3), slot.notice ?? null, run.repository.full_name, run.head_sha);
    const { jobs, endMs } = addAttempt(a, run, 1, [plan], slot.atMs);
    a.w.jobs[String(id)] = jobs;
    run.conclusion = 'success';
    run.updated_at = iso(endMs + 5000);
  } else addCiRun(a, slot, run);
  a.w.runs.push(run);
}

export function generateWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'widgets';
  const now = options.now ?? '2026-11-24T06:00:00Z';
  const nowMs = Date.parse(now);
  const w: World = {
    owner,
    repo,
    now,
    serverUrl: options.serverUrl ?? 'https://github.com',
    apiUrl: options.apiUrl ?? 'https://api.github.com',
    repository: {
      id: 512_000_001,
      node_id: 'R_kgDOHpQx1A',
      name: repo,
      full_name: `${owner}/${repo}`,
      private: false,
      owner: ghUser(owner, 9_100_001, 'Organization'),
      html_url: `${options.serverUrl ?? 'https://github.com'}/${owner}/${repo}`,
      default_branch: 'main',
      fork: false,
    },
    workflows: [],
    runs: [],
    jobs: {},
    annotations: {},
    checkRuns: [],
    logs: {},
    pulls: [],
    contents: {},
    issues: [],
    labels: [],
    planted: [],
  };
  w.workflows = workflowsOf(w);
  w.contents = repoFiles();
  w.labels = ['bug', 'documentation', 'enhancement'].map((name, i) => ({
    id: 7_000_001 + i,
    node_id: `LA_kwDO${i}`,
    url: `${w.apiUrl}/repos/${owner}/${repo}/labels/${name}`,
    name,
    color: 'd73a4a',
    default: true,
    description: null,
  }));
  const mainCi = Math.max(16, (options.runs ?? 60) - FIXED_RUNS);
  const slots = schedule(rng, nowMs, (options.spanHours ?? 96) * 3_600_000, mainCi);
  const a: Acc = { w, rng, nextJobId: 58_000_000_000, nextCheckId: 58_900_000_000, runNumbers: new Map() };
  let id = 19_400_000_000;
  for (const slot of slots) addSlot(a, slot, (id += rng.int(50, 900)));
  if (options.bigLogLines) {
    const big = w.runs
      .flatMap((r) => w.jobs[String(r.id)] ?? [])
      .find((j) => j.name === 'test' && w.logs[String(j.id)]);
    if (big) w.logs[String(big.id)] = { ...w.logs[String(big.id)]!, filler: options.bigLogLines };
  }
  w.runs.reverse(); // newest first, as the API lists them
  w.pulls = openPulls(w, nowMs);
  w.planted = listPlanted(slots);
  return w;
}

/** All jobs of the world with their run, latest attempt or all. */
export function allJobs(w: World): RawJob[] {
  return w.runs.flatMap((r) => w.jobs[String(r.id)] ?? []);
}

export { BOT };
