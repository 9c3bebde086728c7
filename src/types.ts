/**
 * The shapes every stage shares. Data flows one way:
 * inputs -> collect -> History -> rules -> Finding[] -> enrich -> render -> publish.
 *
 * `History` is plain JSON: it can be written to a file and replayed offline
 * (`--save-history` / `--from-history`), so it holds no class instances, no
 * Dates (ISO strings instead) and no raw logs (a bounded digest instead).
 */

export type Iso = string;

/* ------------------------------------------------------------------ */
/* History: what collection produces, the only thing rules read        */
/* ------------------------------------------------------------------ */

export interface History {
  schemaVersion: 1;
  /** owner/name */
  repository: string;
  /** https://github.com, or a GHES host: used to build links */
  serverUrl: string;
  collectedAt: Iso;
  defaultBranch: string;
  window: WindowInfo;
  /** The `workflows` / `branches` inputs the sample was filtered by (empty = all), when known. */
  filters?: { workflows: string[]; branches: string[] };
  /** Every workflow of the repository (also those never sampled: blind-spot rule). */
  workflows: Workflow[];
  /** Runs in the window, newest first; each with the jobs of all its attempts. */
  runs: Run[];
  /** Check runs that are not Actions jobs (e.g. test reports), for the head commits of `runs`. */
  checkRuns: CheckRun[];
  /** Open pull requests (for "already being fixed" matching). */
  pullRequests: PullRequest[];
  /** Digests of the job logs that were read, keyed by job id as a string. */
  logs: Record<string, LogDigest>;
  /** Data that could not be read. */
  gaps: Gap[];
  /**
   * Runs listed in the window but not read (the budget or the nightly allowance ended first),
   * by workflow: a finding of such a workflow that is absent now was not re-checked.
   */
  unread?: { workflow: string; path: string; runs: number }[];
  /** API accounting for this collection. */
  api: ApiUsage;
}

export interface WindowInfo {
  /** The `window` input as given: "50", "36h", "7d". */
  requested: string;
  from: Iso;
  to: Iso;
  /** Completed runs the listing found in the window; `runs` holds those read (fewer while a large window fills in). */
  listed?: number;
  /** Fewer runs read than listed, and the run cache keeps them: later audits read the rest. */
  filling?: boolean;
}

export interface ApiUsage {
  /** REST requests sent (including retries, excluding 304s answered from cache). */
  requests: number;
  /** GraphQL points spent. */
  graphqlPoints: number;
  /** Requests answered 304 Not Modified (free against the rate limit). */
  notModified: number;
  /** `x-ratelimit-remaining` of the REST (core) bucket last seen, if any. */
  rateLimitRemaining?: number;
  /** `x-ratelimit-limit` of the REST (core) bucket last seen: the token's hourly limit. */
  rateLimitLimit?: number;
  /** GraphQL points left in the hour (`rateLimit { remaining }`) last seen, if any. */
  graphqlRemaining?: number;
  /** The audit's own request budget and what is left of it. */
  budget?: number;
  budgetLeft?: number;
  /** A warm audit's nightly allowance (units), when it held the audit (no `budget.maxRequests` set). */
  allowance?: number;
  /** True when collection stopped early (budget or rate limit). */
  truncated?: boolean;
  /** Which input or config key would let the audit reach further. */
  truncatedHint?: string;
  /** What stopped it: the audit's budget, a warm audit's nightly allowance, or the rate limit. */
  truncatedBy?: 'budget' | 'allowance' | 'rate-limit';
}

export interface Workflow {
  id: number;
  name: string;
  /** .github/workflows/ci.yml */
  path: string;
  state: string;
  url?: string;
}

export type Conclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure'
  | null;

export interface Run {
  id: number;
  /** Workflow name as shown in the UI. */
  name: string;
  workflowId: number;
  /** .github/workflows/ci.yml */
  workflowPath: string;
  event: string;
  branch: string;
  headSha: string;
  status: string;
  conclusion: Conclusion;
  runAttempt: number;
  runNumber: number;
  createdAt: Iso;
  runStartedAt: Iso;
  updatedAt: Iso;
  /** html_url of the run */
  url: string;
  /** GraphQL global id (REST `node_id`): lets collection read many runs in one query. */
  nodeId?: string;
  /** Numbers of the PRs this run belongs to (from the run's pull_requests). */
  pullRequests: number[];
  /**
   * `head_repository.full_name` when it is not the audited repository (a pull request from a
   * fork); absent otherwise. Rules label such branches `owner:branch` so a fork's `main` is
   * not the repository's `main`.
   */
  headRepository?: string;
  actor?: string;
  /** Jobs of every attempt (`filter=all`); `Job.runAttempt` tells them apart. */
  jobs: Job[];
}

export interface Job {
  /** Also the id of the job's check run. */
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  status: string;
  conclusion: Conclusion;
  createdAt: Iso;
  startedAt: Iso | null;
  completedAt: Iso | null;
  /** html_url: https://github.com/o/r/actions/runs/1/job/2 */
  url: string;
  runnerName: string | null;
  labels: string[];
  steps: Step[];
  /** From the check run of the same id; -1 when unknown. */
  annotationsCount: number;
  /** Fetched only when annotationsCount > 0. */
  annotations: Annotation[];
}

export interface Step {
  number: number;
  name: string;
  status: string;
  conclusion: Conclusion;
  startedAt: Iso | null;
  completedAt: Iso | null;
}

export interface Annotation {
  path: string;
  startLine: number | null;
  level: 'notice' | 'warning' | 'failure';
  title: string | null;
  message: string;
  /**
   * GitHub's `raw_details` (REST) / `rawDetails` (GraphQL), when collection read it: test
   * reporters put a failure's stack trace or the list of all tests there.
   */
  rawDetails?: string | null;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: Conclusion;
  startedAt: Iso | null;
  completedAt: Iso | null;
  /** html_url: https://github.com/o/r/runs/<id> */
  url: string;
  /** Slug of the app that created it ("github-actions" for jobs and action-posted checks). */
  app: string | null;
  title: string | null;
  /** output.summary (may be null) */
  summary: string | null;
  /** output.text (may be null) */
  text: string | null;
  annotationsCount: number;
  annotations: Annotation[];
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  branch: string;
  url: string;
  draft: boolean;
  updatedAt: Iso;
}

export interface Gap {
  what: string;
  reason: string;
}

/* ------------------------------------------------------------------ */
/* Log digests: a bounded summary of one job log, made while streaming */
/* ------------------------------------------------------------------ */

export interface LogDigest {
  jobId: number;
  bytes: number;
  lines: number;
  /** True when the log was larger than the digester reads (it keeps counting lines/bytes). */
  truncated: boolean;
  /** Timestamp of the first and last timestamped line. */
  firstAt: Iso | null;
  lastAt: Iso | null;
  /** `##[group]` sections with their time span: the log's own view of where time went. */
  sections: LogSection[];
  /** Lines that matched a configured pattern, at most `maxMatchesPerKey` per key. */
  matches: LogMatch[];
  /** How many lines matched each key in all (matches[] is capped). */
  matchCounts: Record<string, number>;
  /** Normalised lines repeated at least `noise.minRepeats` times in this log. */
  repeated: RepeatedLine[];
  /** Per-test durations reported by a test runner in the log. */
  testDurations: TestDuration[];
  /**
   * Tests that failed at least once, read from test runners' output in the log (pytest, jest,
   * Playwright, go test, …; src/parse/test-results/logs/). Absent in digests cached before it
   * existed: read it as `digest.tests ?? []`.
   */
  tests?: TestResult[];
}

export interface LogSection {
  name: string;
  startedAt: Iso | null;
  endedAt: Iso | null;
  lines: number;
}

export interface LogMatch {
  /** Config key of the pattern: "cacheMiss", "imageBuild", "notesFetchFailed", "coverageMismatch", "error", "timeout", "runnerLost", "fullHistoryFetch", … */
  key: string;
  /** The line, timestamp and ##[marker] stripped, cut to 500 characters. */
  line: string;
  lineNo: number;
  at: Iso | null;
  /** Section (##[group]) the line was in, if any. */
  section: string | null;
}

export interface RepeatedLine {
  /** Normalised form: timestamps, hex ids, numbers, paths masked. */
  normalized: string;
  /** One original example. */
  example: string;
  count: number;
}

/**
 * One test as one source reported it, in one job log or one check run: a test-report check
 * run (flaky-aware table, dorny/test-reporter, action-junit-report, publish-unit-test-result)
 * or a test runner's own output in a job log (pytest, jest, vitest, Playwright, go, cargo, …).
 * Sources report what they saw; rules decide what is flaky (e.g. failed then passed on one
 * commit) across sources and runs.
 */
export interface TestResult {
  /** The test's id as its runner names it: `tests/a.py::test_b[x]`, `pkg.Class.method`, `a.spec.ts › suite › name`, `TestX/sub`. */
  id: string;
  /** Which parser read it ("flaky-aware-table", "dorny", "pytest", "jest", …). */
  source: string;
  /** Attempts this source saw (1 without retries); null when it does not say. */
  attempts: number | null;
  /** Attempts that failed or errored. */
  failed: number;
  /** Attempts that passed. */
  passed: number;
  /** How it ended in this source: `passed` with failed > 0 is a retry that recovered. */
  outcome: 'passed' | 'failed' | 'skipped';
  /** The failure's first meaningful line, plain text (never Markdown), or null. */
  reason: string | null;
  /** Seconds of its last attempt, or null when the source does not say. */
  seconds: number | null;
  /** Marked flaky by the project itself (`@flaky`, a retry annotation), when the source says. */
  markedFlaky: boolean;
}

export interface TestDuration {
  test: string;
  seconds: number;
  /** "pytest" | "jest" | "go" | "junit" | … */
  runner: string;
}

/* ------------------------------------------------------------------ */
/* Findings and the report (schemaVersion 1, see the README)           */
/* ------------------------------------------------------------------ */

/** A finding's category: the ids, their order and labels are in rules/categories.ts. */
export type { Category } from './rules/categories.js';
import type { Category } from './rules/categories.js';

export type Severity = 'high' | 'medium' | 'low';
export type Kind = 'infra' | 'regression' | 'hygiene';

export interface Subject {
  workflow?: string;
  job?: string;
  step?: string;
  test?: string;
  /** An action reference ("actions/checkout@v4"), when the finding is about one. */
  action?: string;
}

export interface Occurrence {
  runId: number;
  url: string;
  branch: string;
  at: Iso;
  /** Extra context for this occurrence (e.g. "flaked 2, passed 1", "12m 3s"). */
  note?: string;
}

/**
 * How often: affected runs of all runs sampled, on how many branches. A finding made from job
 * logs also says how many runs could show it (`eligible`: runs of the job that builds the image,
 * runs of the job) and in how many of those the log was read (`logsRead`), since `runs` can only
 * count what was read.
 */
export interface Frequency {
  runs: number;
  of: number;
  branches: number;
  logsRead?: number;
  eligible?: number;
}

export interface FixedBy {
  number: number;
  title: string;
  url: string;
}

export interface Finding {
  /** Stable across audits for the same anomaly: see `findingId()`. */
  id: string;
  category: Category;
  severity: Severity;
  kind: Kind;
  title: string;
  subject: Subject;
  detail: string;
  frequency: Frequency;
  systemic?: boolean;
  occurrences: Occurrence[];
  fixedBy?: FixedBy[];
  /** Open PRs that name the finding but do not fix it (e.g. a bump to a version with the same runtime), and why. */
  notFixedBy?: (FixedBy & { reason: string })[];
  /**
   * CI time the anomaly cost in the window, over the affected runs that were observed, and
   * scaled to a week (the window's span, at least a day). Absent where time is not the cost.
   */
  timeLost?: { seconds: number; perWeek: number };
  /**
   * Ids of findings this one is part of or points to ("one cause, one finding"): a slowdown
   * that a rebuild explains names the image-rebuild finding; `foldCauses` merges the two.
   */
  causedBy?: string;
  status?: 'new' | 'ongoing';
  firstSeen?: Iso;
  /** Not in the contract's JSON unless true: the maintainer ticked "mute". */
  muted?: boolean;
  /** Words a PR must mention to count as fixing this (test names, step names, error text). Not rendered. */
  matchTerms?: string[];
  /** Data for charts and detail tables (e.g. per-step durations); renderer-specific, optional. */
  chart?: ChartData;
}

export interface ChartData {
  /** "Step breakdown of <job>": label -> seconds */
  title: string;
  unit: 's';
  bars: { label: string; value: number }[];
}

export interface ResolvedFinding {
  id: string;
  category: Category;
  title: string;
}

export interface Report {
  schemaVersion: 1;
  repository: string;
  generatedAt: Iso;
  window: WindowInfo;
  sample: {
    runs: number;
    jobs: number;
    checkRuns: number;
    logsRead: number;
    apiRequests: number;
  };
  findings: Finding[];
  resolved: ResolvedFinding[];
  gaps: Gap[];
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */
/* ------------------------------------------------------------------ */

import type { ZodType } from 'zod';
import type { Config, RuleSections } from './config-types.js';

export interface LogRequest {
  jobId: number;
  /** Why the rule wants it: "slow", "failed", "flagged", … */
  reason: string;
  /** Higher is read first when `max-logs` cannot cover every request. */
  priority: number;
}

/**
 * A rule's own section of the rules file: its key and its zod schema (with every default; build it
 * from config-fields.ts), whose output type the rule declares in `RuleSections`.
 */
export type RuleConfig = {
  [K in keyof RuleSections]: { section: K; schema: ZodType<RuleSections[K]> };
}[keyof RuleSections];

export interface Rule {
  /** Registry key: "warnings", "flaky", … (named in a message when the rule throws). */
  name: string;
  /** The category of every finding it makes; labels and order are in rules/categories.ts. */
  category: Category;
  /** Its section of the rules file, when it has thresholds of its own (others may read it too). */
  config?: RuleConfig;
  /** Which job logs this rule would read, given the history collected so far (no logs yet). */
  wantsLogs?(history: History, config: Config): LogRequest[];
  /** Pure: the same history and config give the same findings. */
  run(history: History, config: Config): Finding[];
}
