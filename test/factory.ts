/**
 * The one way tests build `History` pieces (src/types.ts): each builder returns a complete,
 * valid value whose fields look like what collection makes of GitHub's answers (ids, html_url
 * forms, ISO times without milliseconds, check-run summaries), and takes only what a test means
 * to vary. `history(runs)` with no other argument is a valid History of acme/widgets.
 *
 * One clock: times are seconds after T0 (`at(s)`); `minutes(m)` reads better for run spacing.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import type { Annotation, CheckRun, History, Job, LogDigest, LogMatch, Run, Step } from '../src/types.js';

export const SERVER = 'https://github.com';
export const REPO = 'acme/widgets';
export const WORKFLOW = { id: 1, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' };
const T0 = Date.parse('2026-11-20T10:00:00Z');

/** ISO time `sec` seconds after 2026-11-20T10:00:00Z, as GitHub writes it (no milliseconds). */
export function at(sec: number): string {
  return new Date(T0 + sec * 1000).toISOString().replace('.000Z', 'Z');
}

export const minutes = (m: number): number => m * 60;

/** Ids far from the small ones tests spell out, as GitHub's are. */
let nextId = 30_000_000_000;

export function config(over: (c: Config) => void = () => {}): Config {
  const c = structuredClone(DEFAULT_CONFIG);
  over(c);
  return c;
}

/** A test-report check-run summary kept in __tests__/fixtures/rules-a/. */
export function summary(file: string): string {
  return readFileSync(new URL(`../__tests__/fixtures/rules-a/${file}`, import.meta.url), 'utf8');
}

export function step(name: string, conclusion: Step['conclusion'] = 'success', number = 1): Step {
  return { number, name, status: 'completed', conclusion, startedAt: at(0), completedAt: at(60) };
}

export function annotation(level: Annotation['level'], message: string, over: Partial<Annotation> = {}): Annotation {
  return { path: '.github', startLine: null, level, title: null, message, ...over };
}

export interface JobSpec {
  /** Default: `run id * 10 + index` when the run's id was given, else a fresh large id. */
  id?: number;
  name?: string;
  conclusion?: Job['conclusion'];
  attempt?: number;
  /** Seconds after the run's creation the job was created. */
  created?: number;
  /** Seconds the job waited for a runner. */
  queued?: number;
  /**
   * Steps as they are, or [name, seconds] run one after the other from the job's start (all
   * passed). Default: `Set up job` (2 s), then `Run tests` (60 s) ending as the job did.
   */
  steps?: Step[] | [string, number][];
  labels?: string[];
  annotations?: Annotation[];
  patch?: Partial<Job>;
}

function timedSteps(start: number, spec: [string, number][]): { steps: Step[]; end: number } {
  let t = start;
  const steps = spec.map(([name, s], i): Step => {
    const st: Step = {
      number: i + 1,
      name,
      status: 'completed',
      conclusion: 'success',
      startedAt: at(t),
      completedAt: at(t + s),
    };
    t += s;
    return st;
  });
  return { steps, end: t };
}

const isTimed = (s: Step[] | [string, number][]): s is [string, number][] => Array.isArray(s[0]);

/** A job of run `runId` created `runCreated + spec.created` seconds after T0. */
export function job(runId: number, spec: JobSpec = {}, runCreated = 0, defaultId = nextId++): Job {
  const id = spec.id ?? defaultId;
  const created = runCreated + (spec.created ?? 0);
  const start = created + (spec.queued ?? 5);
  const conclusion = spec.conclusion ?? 'success';
  const given = spec.steps ?? [['Set up job', 2] as [string, number], ['Run tests', 60] as [string, number]];
  const timed = given.length > 0 && isTimed(given) ? timedSteps(start, given) : null;
  const steps = timed ? timed.steps : (given as Step[]);
  // By default the job ends as its last step did, as on GitHub (a failed job has a failed step).
  if (!spec.steps) steps.at(-1)!.conclusion = conclusion;
  const annotations = spec.annotations ?? [];
  return {
    id,
    runId,
    runAttempt: spec.attempt ?? 1,
    name: spec.name ?? 'test',
    status: 'completed',
    conclusion,
    createdAt: at(created),
    startedAt: at(start),
    completedAt: at(timed ? timed.end : start + 480),
    url: `${SERVER}/${REPO}/actions/runs/${runId}/job/${id}`,
    runnerName: 'GitHub Actions 12',
    labels: spec.labels ?? ['ubuntu-latest'],
    steps,
    annotationsCount: annotations.length,
    annotations,
    ...spec.patch,
  };
}

export interface RunSpec {
  /** Default: a fresh large id. */
  id?: number;
  name?: string;
  workflowId?: number;
  workflowPath?: string;
  branch?: string;
  /** Default: `pull_request` off the default branch, `push` on it. */
  event?: string;
  sha?: string;
  /** Seconds after T0 the run was created. Default: `id` hours, so small ids sort by id. */
  created?: number;
  /** Default: the highest attempt of its jobs. */
  attempt?: number;
  /** Default: `failure` when a job failed, else `success`. */
  conclusion?: Run['conclusion'];
  /** Default: one passing job `test`. */
  jobs?: JobSpec[];
  patch?: Partial<Run>;
}

export function run(spec: RunSpec = {}): Run {
  const id = spec.id ?? nextId++;
  const created = spec.created ?? (spec.id === undefined ? 0 : id * 3600);
  const jobs = (spec.jobs ?? [{}]).map((j, i) => job(id, j, created, spec.id === undefined ? nextId++ : id * 10 + i));
  const branch = spec.branch ?? 'main';
  return {
    id,
    name: spec.name ?? WORKFLOW.name,
    workflowId: spec.workflowId ?? WORKFLOW.id,
    workflowPath: spec.workflowPath ?? WORKFLOW.path,
    event: spec.event ?? (branch === 'main' ? 'push' : 'pull_request'),
    branch,
    headSha: spec.sha ?? `${String(id).padStart(8, '0')}aaaabbbbccccddddeeeeffff00001111`.slice(0, 40),
    status: 'completed',
    conclusion: spec.conclusion ?? (jobs.some((j) => j.conclusion === 'failure') ? 'failure' : 'success'),
    runAttempt: spec.attempt ?? Math.max(1, ...jobs.map((j) => j.runAttempt)),
    runNumber: id % 10_000,
    createdAt: at(created),
    runStartedAt: at(created),
    updatedAt: at(created + 3000),
    url: `${SERVER}/${REPO}/actions/runs/${id}`,
    pullRequests: [],
    jobs,
    ...spec.patch,
  };
}

export interface CheckSpec {
  name?: string;
  conclusion?: CheckRun['conclusion'];
  summary?: string | null;
  /** Seconds after the run's start at which the check run completed. */
  after?: number;
  annotations?: Annotation[];
}

/** A test-report check run posted by a job of `r` (default: the neutral Acceptance Tests summary). */
export function checkRun(r: Run, spec: CheckSpec = {}): CheckRun {
  const id = nextId++;
  const done = new Date(Date.parse(r.runStartedAt) + (spec.after ?? minutes(9)) * 1000).toISOString();
  const annotations = spec.annotations ?? [];
  return {
    id,
    name: spec.name ?? 'Acceptance Tests',
    headSha: r.headSha,
    status: 'completed',
    conclusion: spec.conclusion ?? 'neutral',
    startedAt: done,
    completedAt: done,
    url: `${SERVER}/${REPO}/runs/${id}`,
    app: 'github-actions',
    title: 'Test retry + flaky summary',
    summary: spec.summary === undefined ? summary('acceptance-neutral.md') : spec.summary,
    text: null,
    annotationsCount: annotations.length,
    annotations,
  };
}

export function match(key: string, line: string, over: Partial<LogMatch> = {}): LogMatch {
  return { key, line, lineNo: 1, at: null, section: null, ...over };
}

/** The digest of one job's log holding `matches` (counted per key). */
export function digest(of: Job | number, patch: Partial<LogDigest> | LogMatch[] = {}): LogDigest {
  const p = Array.isArray(patch) ? { matches: patch } : patch;
  const matches = p.matches ?? [];
  const matchCounts: Record<string, number> = {};
  for (const m of matches) matchCounts[m.key] = (matchCounts[m.key] ?? 0) + 1;
  const j = typeof of === 'number' ? null : of;
  return {
    jobId: j ? j.id : (of as number),
    bytes: 1000,
    lines: 100,
    truncated: false,
    firstAt: j ? j.startedAt : null,
    lastAt: j ? j.completedAt : null,
    sections: [],
    matches,
    matchCounts,
    repeated: [],
    testDurations: [],
    ...p,
  };
}

export function history(runs: Run[], patch: Partial<History> = {}): History {
  return {
    schemaVersion: 1,
    repository: REPO,
    serverUrl: SERVER,
    collectedAt: '2026-11-24T00:00:00Z',
    defaultBranch: 'main',
    window: { requested: '50', from: '2026-11-20T00:00:00Z', to: '2026-11-24T00:00:00Z' },
    workflows: [{ ...WORKFLOW }],
    runs: [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    checkRuns: [],
    pullRequests: [],
    logs: {},
    gaps: [],
    api: { requests: 0, graphqlPoints: 0, notModified: 0 },
    ...patch,
  };
}
