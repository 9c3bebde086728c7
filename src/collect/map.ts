/**
 * GitHub REST shapes (snake_case, as sent) -> the plain History shapes (types.ts).
 * Only the fields collection reads are declared; everything is optional-tolerant because
 * GHES versions and fake APIs omit fields.
 */
import type { Annotation, CheckRun, Conclusion, Job, PullRequest, Run, Step, Workflow } from '../types.js';

export interface GhWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
  html_url?: string;
}

export interface GhRun {
  id: number;
  node_id?: string;
  /** The audited repository and, for a pull request from a fork, the fork. */
  repository?: { full_name: string } | null;
  head_repository?: { full_name: string } | null;
  name?: string | null;
  workflow_id: number;
  path?: string;
  event: string;
  head_branch: string | null;
  head_sha: string;
  status: string | null;
  conclusion: string | null;
  run_attempt?: number;
  run_number: number;
  created_at: string;
  run_started_at?: string;
  updated_at: string;
  html_url: string;
  pull_requests?: { number: number }[] | null;
  actor?: { login: string } | null;
  triggering_actor?: { login: string } | null;
}

export interface GhStep {
  name: string;
  status: string;
  conclusion: string | null;
  number: number;
  started_at?: string | null;
  completed_at?: string | null;
}

export interface GhJob {
  id: number;
  run_id: number;
  run_attempt?: number;
  name: string;
  status: string;
  conclusion: string | null;
  created_at?: string;
  started_at: string | null;
  completed_at: string | null;
  html_url: string | null;
  runner_name?: string | null;
  labels?: string[];
  steps?: GhStep[];
}

export interface GhCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  html_url: string | null;
  details_url?: string | null;
  app?: { slug?: string } | null;
  output?: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations_count?: number;
  };
}

export interface GhAnnotation {
  path: string;
  start_line?: number | null;
  annotation_level: string | null;
  title?: string | null;
  message: string;
  raw_details?: string | null;
}

export interface GhPull {
  number: number;
  title: string;
  body: string | null;
  head: { ref: string };
  html_url: string;
  draft?: boolean;
  updated_at: string;
}

const conclusion = (c: string | null | undefined): Conclusion => (c ?? null) as Conclusion;

export function toWorkflow(w: GhWorkflow): Workflow {
  return { id: w.id, name: w.name, path: w.path, state: w.state, ...(w.html_url ? { url: w.html_url } : {}) };
}

export function toRun(r: GhRun, workflows: Map<number, Workflow>): Run {
  const wf = workflows.get(r.workflow_id);
  const actor = r.triggering_actor?.login ?? r.actor?.login;
  const head = r.head_repository?.full_name;
  const fork = head && r.repository?.full_name && head !== r.repository.full_name ? head : undefined;
  return {
    id: r.id,
    name: r.name ?? wf?.name ?? '',
    workflowId: r.workflow_id,
    // A run's `path` may carry "@ref"; the workflow list has the plain path.
    workflowPath: wf?.path ?? (r.path ?? '').split('@', 1)[0]!,
    event: r.event,
    branch: r.head_branch ?? '',
    headSha: r.head_sha,
    status: r.status ?? 'completed',
    conclusion: conclusion(r.conclusion),
    runAttempt: r.run_attempt ?? 1,
    runNumber: r.run_number,
    createdAt: r.created_at,
    runStartedAt: r.run_started_at ?? r.created_at,
    updatedAt: r.updated_at,
    url: r.html_url,
    ...(r.node_id ? { nodeId: r.node_id } : {}),
    pullRequests: (r.pull_requests ?? []).map((p) => p.number),
    ...(actor ? { actor } : {}),
    ...(fork ? { headRepository: fork } : {}),
    jobs: [],
  };
}

function toStep(s: GhStep): Step {
  return {
    number: s.number,
    name: s.name,
    status: s.status,
    conclusion: conclusion(s.conclusion),
    startedAt: s.started_at ?? null,
    completedAt: s.completed_at ?? null,
  };
}

export function toJob(j: GhJob, run: Run): Job {
  return {
    id: j.id,
    runId: j.run_id,
    runAttempt: j.run_attempt ?? 1,
    name: j.name,
    status: j.status,
    conclusion: conclusion(j.conclusion),
    createdAt: j.created_at ?? j.started_at ?? run.createdAt,
    startedAt: j.started_at,
    completedAt: j.completed_at,
    url: j.html_url ?? `${run.url}/job/${j.id}`,
    runnerName: j.runner_name ?? null,
    labels: j.labels ?? [],
    steps: (j.steps ?? []).map(toStep),
    annotationsCount: -1,
    annotations: [],
  };
}

/** Actions jobs are check runs whose page is under /actions/runs/; test reports are under /runs/. */
export function isActionsJob(c: GhCheckRun): boolean {
  return /\/actions\/runs\/\d+\/job/.test(c.html_url ?? '') || /\/actions\/runs\/\d+\/job/.test(c.details_url ?? '');
}

/** A field the mapping cannot do without: a TypeError naming it when the answer lacks it. */
function need<T>(value: T | null | undefined, what: string, type: 'string' | 'number'): T {
  if (typeof value !== type) throw new TypeError(`${what} is ${value === null ? 'null' : typeof value}`);
  return value as T;
}

export function toCheckRun(c: GhCheckRun): CheckRun {
  need(c?.id, 'check run id', 'number');
  need(c.head_sha, 'check run head_sha', 'string');
  return {
    id: c.id,
    name: typeof c.name === 'string' ? c.name : '',
    headSha: c.head_sha,
    status: c.status,
    conclusion: conclusion(c.conclusion),
    startedAt: c.started_at,
    completedAt: c.completed_at,
    url: c.html_url ?? '',
    app: c.app?.slug ?? null,
    title: c.output?.title ?? null,
    summary: c.output?.summary ?? null,
    text: c.output?.text ?? null,
    annotationsCount: c.output?.annotations_count ?? 0,
    annotations: [],
  };
}

export function toAnnotation(a: GhAnnotation): Annotation {
  need(a?.message, 'annotation message', 'string');
  const level = a.annotation_level === 'failure' || a.annotation_level === 'warning' ? a.annotation_level : 'notice';
  return {
    path: typeof a.path === 'string' ? a.path : '',
    startLine: a.start_line ?? null,
    level,
    title: a.title ?? null,
    message: a.message,
    ...rawDetails(a.raw_details),
  };
}

/**
 * Annotation details (GitHub allows 64 KB) hold test lists and tracebacks of test reporters;
 * the first 16,384 characters are kept, so a wide report cannot grow the history unbounded.
 */
export const RAW_DETAILS_MAX = 16_384;

/** `{ rawDetails }` when there are some: annotations without details keep their shape. */
export function rawDetails(v: unknown): { rawDetails?: string } {
  return typeof v === 'string' && v !== '' ? { rawDetails: v.slice(0, RAW_DETAILS_MAX) } : {};
}

export function toPullRequest(p: GhPull): PullRequest {
  return {
    number: need(p?.number, 'pull request number', 'number'),
    title: typeof p.title === 'string' ? p.title : '',
    body: typeof p.body === 'string' ? p.body : '',
    branch: need(p.head?.ref, 'pull request head.ref', 'string'),
    url: p.html_url,
    draft: p.draft ?? false,
    updatedAt: p.updated_at,
  };
}
