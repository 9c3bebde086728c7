/**
 * GraphQL batching: the jobs (check runs with steps and annotations) of many runs and the
 * check runs of many commits in a few queries, instead of a REST request per run, per
 * commit and per annotated job.
 *
 * Cost (GitHub's formula): every connection costs one "request" per parent that could
 * reach it, parents multiplied by the `first:` sizes above them; a query costs
 * max(1, round(requests / 100)) points. A connection nested under a padded `first:` is
 * charged for every possible parent, so nothing is nested under the job lists, nor under a
 * commit's suite list:
 *   phase 1 (runsQuery): per run 1 (its check runs, scalars), per commit 1 (its suites' ids);
 *   phase 1b (suitesQuery): per suite of a commit that is no run's read in phase 1 (where a
 *     test report created by another app or workflow lands) 1 (its check runs, scalars);
 *   phase 2 (detailsQuery): per job 2 (steps, annotations), per test-report check run 1.
 * About 0.01 per run + 0.01 per commit + 0.01 per other suite + 0.02 per job: a run of 4 jobs
 * on its own commit with one other suite costs ~0.11 points plus its reports, where listing
 * each commit's check runs under checkSuites(first: 5) cost 0.05 more per commit, and nesting
 * steps and annotations under checkRuns(first: 20) 0.41 per run.
 * Leaf sizes (STEPS_FIRST, ANNOTATIONS_FIRST) are free: only parents multiply.
 *
 * What GraphQL cannot give, and how collection copes:
 * - a job's `created_at` (queue time): CheckRun has no creation time; a first-attempt job
 *   takes its run's `run_started_at` (jobs are queued when the attempt starts; the queue
 *   rule already waits for earlier jobs of the run, which covers `needs:`).
 * - runner name and labels: not in GraphQL; left null/empty (messages fall back to words).
 * - the attempt of a check run: a suite's check runs carry no attempt number, so runs
 *   with `run_attempt > 1` read their jobs over REST (`filter=all`) instead.
 */
import type { Annotation, CheckRun, Conclusion, Job, Run, Step } from '../types.js';
import { TRACKING_FIELD, type GqlTracking } from '../tracking/find.js';
import { rawDetails } from '../collect/map.js';

/** Check runs listed per run: a wider run (a big matrix) falls back to REST. */
export const JOBS_FIRST = 50;
export const STEPS_FIRST = 100;
export const ANNOTATIONS_FIRST = 50;
/** Check suites per commit (one per workflow run and app; a leaf list, so free), check runs per
 * suite; a commit with more is read over REST. */
export const SUITES_FIRST = 50;
export const SUITE_RUNS_FIRST = 50;
/** Ids per `nodes(ids:)`: GitHub's limit. A query carries several such lists under aliases. */
export const IDS_PER_LIST = 100;
/**
 * Connection requests per query. GitHub charges a query its requests / 100 rounded to the
 * nearest point (at least 1): 149 requests cost 1 point, 150 cost 2, 1,000 cost 10. Queries
 * filled up to 149 requests read the same nodes for a third fewer points than large ones
 * (the charge is read back from `rateLimit { cost }`, so a server that counts otherwise is
 * still counted right). More round trips: 4 queries go at once (only mutations are spaced).
 */
export const REQUESTS_PER_QUERY = 149;
/** Runs per phase-1 query: each with its commit (2 requests), and the tracking issues (1). */
export const RUNS_PER_QUERY = Math.floor((REQUESTS_PER_QUERY - 1) / 2);

const SHA = /^[0-9a-f]{40}$/i;

const STEP_FIELDS = 'number name status conclusion startedAt completedAt';
const ANNOTATION_FIELDS = 'path location { start { line } } annotationLevel title message rawDetails';
const ANNOTATIONS = `annotations(first: ${ANNOTATIONS_FIRST}) { totalCount nodes { ${ANNOTATION_FIELDS} } }`;
const CHECK_RUN_SCALARS =
  'id databaseId name status conclusion startedAt completedAt detailsUrl permalink title summary text';
const RUN_FIELDS =
  `... on WorkflowRun { id databaseId checkSuite { databaseId app { slug } checkRuns(first: ${JOBS_FIRST}) { ` +
  `totalCount pageInfo { hasNextPage } nodes { ${CHECK_RUN_SCALARS} } } } }`;
const JOB_FIELDS = `... on CheckRun { id databaseId steps(first: ${STEPS_FIRST}) { nodes { ${STEP_FIELDS} } } ${ANNOTATIONS} }`;
const REPORT_FIELDS = `... on CheckRun { id databaseId ${ANNOTATIONS} }`;
const SUITE_FIELDS =
  `... on CheckSuite { id databaseId app { slug } checkRuns(first: ${SUITE_RUNS_FIRST}) { pageInfo { hasNextPage } ` +
  `nodes { ${CHECK_RUN_SCALARS} } } }`;

/** `count` aliased id lists `<prefix>0..`, each a `nodes(ids: $<prefix>i)` with `fields`. */
function lists(prefix: string, count: number, fields: string): { vars: string[]; body: string[] } {
  const idx = Array.from({ length: count }, (_, i) => i);
  return {
    vars: idx.map((i) => `$${prefix}${i}: [ID!]!`),
    body: idx.map((i) => `${prefix}${i}: nodes(ids: $${prefix}${i}) { ${fields} }`),
  };
}

/** Variables for `lists`: ids split into lists of IDS_PER_LIST under `<prefix>0..`. */
export function listVars(prefix: string, ids: string[]): Record<string, string[]> {
  return Object.fromEntries(chunk(ids, IDS_PER_LIST).map((group, i) => [`${prefix}${i}`, group]));
}

/**
 * Phase 1: the check runs of runs (by node id, lists `r0..`), scalars only, and the check
 * suites of commits (by SHA, `c0..`), ids only: a run costs one request whatever its width,
 * a commit one whatever its suites.
 * With `tracking`, also the tracking issues (`TRACKING_FIELD`, one request; `$label`).
 */
export function runsQuery(runLists: number, shas: string[], tracking = false): string {
  for (const sha of shas) if (!SHA.test(sha)) throw new Error(`not a commit SHA: ${JSON.stringify(sha)}`);
  const runs = lists('r', runLists, RUN_FIELDS);
  const commits = shas.map(
    (sha, i) =>
      `c${i}: object(oid: "${sha}") { ... on Commit { checkSuites(first: ${SUITES_FIRST}) { pageInfo { hasNextPage } ` +
      `nodes { id databaseId } } } }`,
  );
  const vars = [
    ...runs.vars,
    ...(shas.length || tracking ? ['$owner: String!', '$name: String!'] : []),
    ...(tracking ? ['$label: String!'] : []),
  ];
  const repo = shas.length ? [`repository(owner: $owner, name: $name) {\n    ${commits.join('\n    ')}\n  }`] : [];
  const body = [...runs.body, ...repo, ...(tracking ? [TRACKING_FIELD] : [])];
  return `query auditRuns(${vars.join(', ')}) {\n  rateLimit { cost remaining }\n  ${body.join('\n  ')}\n}`;
}

/** Phase 1b: the check runs (scalars) of check suites by node id (lists `s0..`), 1 request each. */
export function suitesQuery(suiteLists: number): string {
  const suites = lists('s', suiteLists, SUITE_FIELDS);
  return `query auditSuites(${suites.vars.join(', ')}) {\n  rateLimit { cost remaining }\n  ${suites.body.join('\n  ')}\n}`;
}

/**
 * Phases 2 and 3: steps and annotations of jobs (lists `j0..`, 2 requests each) and
 * annotations of other check runs (lists `a0..`, 1 request each), by node id.
 */
export function detailsQuery(jobLists: number, reportLists: number): string {
  const jobs = lists('j', jobLists, JOB_FIELDS);
  const reports = lists('a', reportLists, REPORT_FIELDS);
  const vars = [...jobs.vars, ...reports.vars].join(', ');
  return `query auditCheckRuns(${vars}) {\n  rateLimit { cost remaining }\n  ${[...jobs.body, ...reports.body].join('\n  ')}\n}`;
}

const points = (requests: number): number => Math.max(1, Math.round(requests / 100));

/** Points `runsQuery` costs: the budget check before sending it. */
export const estimateRunsPoints = (runs: number, commits: number, tracking = false): number =>
  points(runs + commits + (tracking ? 1 : 0));
/** Points `suitesQuery` costs for `suites` suites. */
export const estimateSuitesPoints = (suites: number): number => points(suites);
/** Points `detailsQuery` costs for `jobs` jobs and `reports` other check runs. */
export const estimateDetailsPoints = (jobs: number, reports: number): number => points(jobs * 2 + reports);

/* ------------------------------------------------------------------ */
/* Response shapes (as GitHub sends them) and their mapping            */
/* ------------------------------------------------------------------ */

export interface GqlAnnotation {
  path: string;
  location?: { start?: { line?: number | null } | null } | null;
  annotationLevel: string | null;
  title: string | null;
  message: string;
  rawDetails?: string | null;
}

export interface GqlCheckRun {
  id: string;
  databaseId: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  permalink: string | null;
  title?: string | null;
  summary?: string | null;
  text?: string | null;
  steps?: { nodes: (GqlStep | null)[] | null } | null;
  annotations?: { totalCount: number; nodes: (GqlAnnotation | null)[] | null } | null;
}

export interface GqlStep {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface GqlSuite {
  id?: string;
  databaseId?: number;
  app?: { slug: string } | null;
  checkRuns?: { totalCount?: number; pageInfo?: { hasNextPage: boolean }; nodes: (GqlCheckRun | null)[] | null } | null;
}

export interface GqlRunNode {
  id: string;
  databaseId: number;
  checkSuite?: GqlSuite | null;
}

export interface GqlCommit {
  checkSuites?: { pageInfo?: { hasNextPage: boolean }; nodes: (GqlSuite | null)[] | null } | null;
}

/** Answer of `runsQuery`: run lists under `r0..`, commits under `repository.c0..`, the
 * tracking issues under `tracking`. */
export interface RunsData {
  [list: `r${number}`]: (GqlRunNode | Record<string, never> | null)[] | undefined;
  repository?: Record<string, GqlCommit | null> | null;
  tracking?: GqlTracking | null;
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();
const conclusion = (c: string | null | undefined): Conclusion => (c ? (c.toLowerCase() as Conclusion) : null);
const present = <T>(xs: (T | null)[] | null | undefined): T[] => (xs ?? []).filter((x): x is T => x !== null);

/** Actions jobs link to /actions/runs/<run>/job/<id>; other check runs (test reports) do not. */
export const isJobCheckRun = (c: Pick<GqlCheckRun, 'detailsUrl'>): boolean =>
  /\/actions\/runs\/\d+\/job\/\d+/.test(c.detailsUrl ?? '');

export function toAnnotationGql(a: GqlAnnotation): Annotation {
  const level = lower(a.annotationLevel);
  return {
    path: a.path,
    startLine: a.location?.start?.line ?? null,
    level: level === 'failure' || level === 'warning' ? level : 'notice',
    title: a.title ?? null,
    message: a.message,
    ...rawDetails(a.rawDetails),
  };
}

function toStepGql(s: GqlStep): Step {
  return {
    number: s.number,
    name: s.name,
    status: lower(s.status),
    conclusion: conclusion(s.conclusion),
    startedAt: s.startedAt,
    completedAt: s.completedAt,
  };
}

/** A job of a first-attempt run, from its check run (see the header for what is missing). */
export function toJobGql(c: GqlCheckRun, run: Run): Job {
  return {
    id: c.databaseId,
    runId: run.id,
    runAttempt: run.runAttempt,
    name: c.name,
    status: lower(c.status),
    conclusion: conclusion(c.conclusion),
    createdAt: run.runStartedAt || run.createdAt,
    startedAt: c.startedAt,
    completedAt: c.completedAt,
    url: c.detailsUrl ?? `${run.url}/job/${c.databaseId}`,
    runnerName: null,
    labels: [],
    steps: present(c.steps?.nodes).map(toStepGql),
    annotationsCount: c.annotations?.totalCount ?? -1,
    annotations: present(c.annotations?.nodes).map(toAnnotationGql),
  };
}

export function toCheckRunGql(c: GqlCheckRun, headSha: string, app: string | null): CheckRun {
  return {
    id: c.databaseId,
    name: c.name,
    headSha,
    status: lower(c.status),
    conclusion: conclusion(c.conclusion),
    startedAt: c.startedAt,
    completedAt: c.completedAt,
    url: c.permalink ?? '',
    app,
    title: c.title ?? null,
    summary: c.summary ?? null,
    text: c.text ?? null,
    // Unknown until the annotations query: the commit query leaves them out to stay cheap.
    annotationsCount: c.annotations?.totalCount ?? -1,
    annotations: present(c.annotations?.nodes).map(toAnnotationGql),
  };
}

/** Fill a job (or a check run) from its JOB_DETAILS_QUERY / ANNOTATIONS_QUERY node. */
export function applyDetails(
  into: { steps?: Step[]; annotationsCount: number; annotations: Annotation[] },
  node: Pick<GqlCheckRun, 'steps' | 'annotations'>,
): void {
  if (node.steps && 'steps' in into) into.steps = present(node.steps.nodes).map(toStepGql);
  if (!node.annotations) return;
  into.annotationsCount = node.annotations.totalCount;
  into.annotations = present(node.annotations.nodes).map(toAnnotationGql);
}

export interface RunDetails {
  /** Every check run of the run's suite was listed (none beyond JOBS_FIRST). */
  complete: boolean;
  jobs: Job[];
  /** Check runs of the suite that are not jobs (a test report landing in this suite). */
  others: CheckRun[];
  /** Node ids of every check run listed (jobs and others), for phases 2 and 3. */
  nodeIds: Map<number, string>;
}

export function parseRunNode(node: GqlRunNode, run: Run): RunDetails {
  const suite = node.checkSuite;
  const runs = present(suite?.checkRuns?.nodes);
  const jobs: Job[] = [];
  const others: CheckRun[] = [];
  const nodeIds = new Map<number, string>();
  for (const c of runs) {
    nodeIds.set(c.databaseId, c.id);
    if (isJobCheckRun(c)) jobs.push(toJobGql(c, run));
    else others.push(toCheckRunGql(c, run.headSha, suite?.app?.slug ?? null));
  }
  const complete = Boolean(suite) && !(suite?.checkRuns?.pageInfo?.hasNextPage ?? false);
  return { complete, jobs, others, nodeIds };
}

/** The check suites of one commit (node and database ids); incomplete when it has more than listed. */
export function parseCommitNode(node: GqlCommit | null | undefined): {
  suites: { id: string; databaseId: number }[];
  complete: boolean;
} {
  const suites = present(node?.checkSuites?.nodes).filter(
    (x): x is GqlSuite & { id: string; databaseId: number } =>
      typeof x.id === 'string' && typeof x.databaseId === 'number',
  );
  const complete = Boolean(node?.checkSuites) && !node?.checkSuites?.pageInfo?.hasNextPage;
  return { suites: suites.map((x) => ({ id: x.id, databaseId: x.databaseId })), complete };
}

/** The check runs of one suite of commit `sha` that are not Actions jobs, with their node ids. */
export function parseSuiteNode(
  suite: GqlSuite | null | undefined,
  sha: string,
): { checkRuns: CheckRun[]; nodeIds: Map<number, string>; complete: boolean } {
  const checkRuns: CheckRun[] = [];
  const nodeIds = new Map<number, string>();
  const complete = Boolean(suite?.checkRuns) && !suite?.checkRuns?.pageInfo?.hasNextPage;
  for (const c of present(suite?.checkRuns?.nodes)) {
    if (isJobCheckRun(c)) continue;
    nodeIds.set(c.databaseId, c.id);
    checkRuns.push(toCheckRunGql(c, sha, suite?.app?.slug ?? null));
  }
  return { checkRuns, nodeIds, complete };
}

/**
 * Split `items` into batches of at most `max` by `weight` (an item heavier than `max` alone),
 * in order: the check runs of a details query, 2 requests a job and 1 a test report.
 */
export function pack<T>(items: T[], weight: (item: T) => number, max = REQUESTS_PER_QUERY): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let load = 0;
  for (const item of items) {
    const w = weight(item);
    if (batch.length > 0 && load + w > max) {
      out.push(batch);
      batch = [];
      load = 0;
    }
    batch.push(item);
    load += w;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Split `items` into chunks of `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
