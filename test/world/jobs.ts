/**
 * Builders of raw Actions jobs (with steps whose times add up), their check-run
 * annotations, and the test-report check runs a test job posts.
 */
import { postCheck, type Attempt, type PostedCheck } from './junit-summary.js';
import type { Rng } from './prng.js';
import type { LogSpec, RawAnnotation, RawCheckRun, RawJob, RawRun, RawStep } from './types.js';

export interface JobPlan {
  name: string;
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped';
  /** Seconds between the job being created and a runner picking it up. */
  queueSec: number;
  /** Step name and its duration in seconds, in order. */
  steps: [string, number][];
  /** The step that failed or was cancelled; later steps are skipped (but "Complete job"). */
  stopStep?: string;
  labels: string[];
  runner: string;
  /** Absent: the log is gone (404), as for a lost runner. */
  log?: LogSpec;
  annotations: RawAnnotation[];
}

export const NODE20_WARNING =
  'Node.js 20 actions are deprecated. The following actions are running on Node.js 20 and may not work as expected: actions/cache@v3. ' +
  'Actions will be forced to run with Node.js 24 by default starting June 2nd, 2026. Please check if updated versions of these actions are available that support Node.js 24. ' +
  'For more information see: https://github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners/';

export function annotation(
  level: RawAnnotation['annotation_level'],
  message: string,
  repo: string,
  sha: string,
): RawAnnotation {
  return {
    path: '.github',
    blob_href: `https://github.com/${repo}/blob/${sha}/.github`,
    start_line: 1,
    start_column: null,
    end_line: 1,
    end_column: null,
    annotation_level: level,
    title: '',
    message,
    raw_details: '',
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function buildSteps(plan: JobPlan, startMs: number): { steps: RawStep[]; endMs: number } {
  let t = startMs;
  let stopped = false;
  const steps = plan.steps.map(([name, sec], i): RawStep => {
    const skip = stopped && name !== 'Complete job';
    const from = t;
    if (!skip) t += sec * 1000;
    const conclusion = skip ? 'skipped' : name === plan.stopStep ? plan.conclusion : 'success';
    if (name === plan.stopStep) stopped = true;
    return {
      name,
      status: 'completed',
      conclusion,
      number: i + 1,
      started_at: skip ? iso(from) : iso(from),
      completed_at: iso(t),
    };
  });
  return { steps, endMs: t };
}

/** A job of `run`, created at `createdMs`; returns the job and when it ended. */
export function buildJob(
  id: number,
  run: RawRun,
  attempt: number,
  plan: JobPlan,
  createdMs: number,
  serverUrl: string,
  apiUrl: string,
): { job: RawJob; endMs: number } {
  const repo = run.repository.full_name;
  if (plan.conclusion === 'skipped') {
    const at = iso(createdMs);
    return {
      endMs: createdMs,
      job: {
        ...jobShell(id, run, attempt, plan, serverUrl, apiUrl, repo),
        created_at: at,
        started_at: at,
        completed_at: at,
        steps: [],
        runner_name: null,
        runner_id: null,
      },
    };
  }
  const startMs = createdMs + plan.queueSec * 1000;
  const { steps, endMs } = buildSteps(plan, startMs);
  return {
    endMs,
    job: {
      ...jobShell(id, run, attempt, plan, serverUrl, apiUrl, repo),
      created_at: iso(createdMs),
      started_at: iso(startMs),
      completed_at: iso(endMs),
      steps,
    },
  };
}

function jobShell(
  id: number,
  run: RawRun,
  attempt: number,
  plan: JobPlan,
  serverUrl: string,
  apiUrl: string,
  repo: string,
): RawJob {
  return {
    id,
    run_id: run.id,
    run_url: `${apiUrl}/repos/${repo}/actions/runs/${run.id}`,
    run_attempt: attempt,
    node_id: `CR_kwDO${id.toString(36)}`,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    url: `${apiUrl}/repos/${repo}/actions/jobs/${id}`,
    html_url: `${serverUrl}/${repo}/actions/runs/${run.id}/job/${id}`,
    status: 'completed',
    conclusion: plan.conclusion,
    created_at: '',
    started_at: '',
    completed_at: null,
    name: plan.name,
    workflow_name: run.name,
    steps: [],
    check_run_url: `${apiUrl}/repos/${repo}/check-runs/${id}`,
    labels: plan.labels,
    runner_id: plan.runner.startsWith('GitHub Actions') ? Number(plan.runner.split(' ').pop()) : 3000 + (id % 7),
    runner_name: plan.runner,
    runner_group_id: plan.labels.includes('self-hosted') ? 2 : 1,
    runner_group_name: plan.labels.includes('self-hosted') ? 'modal' : 'GitHub Actions',
  };
}

/** One test of a report: an outcome per attempt (offload writes a `<testcase>` per attempt). */
export interface PlannedTest {
  id: string;
  outcomes: ('passed' | 'failed' | 'error')[];
  flaky?: boolean;
  /** The failure's `message` and traceback, for each failed attempt. */
  message?: string;
  traceback?: string;
}

export interface TestReportPlan {
  name: 'Unit + Integration Tests' | 'Acceptance Tests';
  /** The test step's outcome, as the composite action receives it. */
  testsOutcome: 'success' | 'failure';
  tests: PlannedTest[];
}

/** The check run the seed repository's composite action posts, by the port of its generator. */
export function reportCheck(p: TestReportPlan): PostedCheck {
  const attempts: Attempt[] = p.tests.flatMap((t) =>
    t.outcomes.map((o) => ({
      name: t.id,
      failures:
        o === 'passed'
          ? []
          : [{ kind: o === 'failed' ? 'failure' : 'error', message: t.message ?? '', body: t.traceback ?? '' }],
    })),
  );
  const flakyIds = new Set(p.tests.filter((t) => t.flaky).map((t) => t.id));
  return postCheck(p.testsOutcome, attempts, { flakyIds, heading: `${p.name}: retry + flaky summary` });
}

export function buildCheckRun(
  id: number,
  run: RawRun,
  plan: TestReportPlan,
  atMs: number,
  serverUrl: string,
  apiUrl: string,
  rng: Rng,
): RawCheckRun {
  const repo = run.repository.full_name;
  const at = iso(atMs);
  const posted = reportCheck(plan);
  return {
    id,
    head_sha: run.head_sha,
    node_id: `CR_kwDO${id.toString(36)}`,
    external_id: '',
    url: `${apiUrl}/repos/${repo}/check-runs/${id}`,
    html_url: `${serverUrl}/${repo}/runs/${id}`,
    details_url: `${serverUrl}/${repo}/runs/${id}`,
    status: 'completed',
    conclusion: posted.conclusion,
    started_at: at,
    completed_at: at,
    output: {
      title: posted.title,
      summary: posted.summary,
      text: null,
      annotations_count: 0,
      annotations_url: `${apiUrl}/repos/${repo}/check-runs/${id}/annotations`,
    },
    name: plan.name,
    check_suite: { id: 28000000000 + rng.int(0, 999999) },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}
