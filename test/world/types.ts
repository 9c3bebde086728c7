/**
 * A `World`: the raw data a repository's GitHub API would return, snake_case exactly as the
 * REST API sends it. The fake server (test/fake-github) serves it; the generator
 * (generate.ts) builds it deterministically. Plain JSON: it can be written to
 * examples/world.json and read back. Logs are not stored: each job has a small `LogSpec`
 * from which `renderLog` produces the same text every time (so big logs cost nothing).
 */

/** GitHub's simple-user object. */
export interface RawUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: 'User' | 'Bot' | 'Organization';
  site_admin: boolean;
}

export type JobConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;

export interface RawRepo {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  private: boolean;
  owner: RawUser;
  html_url: string;
  default_branch: string;
  fork: boolean;
}

export interface RawWorkflow {
  id: number;
  node_id: string;
  name: string;
  path: string;
  state: 'active' | 'disabled_manually';
  created_at: string;
  updated_at: string;
  url: string;
  html_url: string;
  badge_url: string;
}

export interface RawRunPullRequest {
  id: number;
  number: number;
  url: string;
  head: { ref: string; sha: string; repo: { id: number; url: string; name: string } };
  base: { ref: string; sha: string; repo: { id: number; url: string; name: string } };
}

export interface RawRun {
  id: number;
  name: string;
  node_id: string;
  head_branch: string;
  head_sha: string;
  path: string;
  display_title: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: string | null;
  workflow_id: number;
  url: string;
  html_url: string;
  pull_requests: RawRunPullRequest[];
  created_at: string;
  updated_at: string;
  run_started_at: string;
  actor: RawUser;
  triggering_actor: RawUser;
  jobs_url: string;
  logs_url: string;
  check_suite_url: string;
  check_suite_id: number;
  check_suite_node_id: string;
  cancel_url: string;
  rerun_url: string;
  artifacts_url: string;
  previous_attempt_url: string | null;
  workflow_url: string;
  head_commit: {
    id: string;
    tree_id: string;
    message: string;
    timestamp: string;
    author: { name: string; email: string };
    committer: { name: string; email: string };
  };
  head_repository: RawMinimalRepo;
  repository: RawMinimalRepo;
}

/** GitHub's `minimal-repository`, with the fields its OpenAPI example of a workflow run carries. */
export interface RawMinimalRepo {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  owner: RawUser;
  private: boolean;
  html_url: string;
  description: string | null;
  fork: boolean;
  url: string;
  [urlField: `${string}_url`]: string;
}

export interface RawStep {
  name: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: string | null;
  number: number;
  started_at: string | null;
  completed_at: string | null;
}

export interface RawJob {
  id: number;
  run_id: number;
  run_url: string;
  run_attempt: number;
  node_id: string;
  head_sha: string;
  head_branch: string;
  url: string;
  html_url: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: JobConclusion;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  name: string;
  workflow_name: string;
  steps: RawStep[];
  check_run_url: string;
  labels: string[];
  runner_id: number | null;
  runner_name: string | null;
  runner_group_id: number | null;
  runner_group_name: string | null;
}

export interface RawAnnotation {
  path: string;
  blob_href: string;
  start_line: number;
  start_column: number | null;
  end_line: number;
  end_column: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
  raw_details: string | null;
}

/** A check run that is not an Actions job (e.g. a test report posted by an action). */
export interface RawCheckRun {
  id: number;
  head_sha: string;
  node_id: string;
  external_id: string;
  url: string;
  html_url: string;
  details_url: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: JobConclusion;
  started_at: string;
  completed_at: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations_count: number;
    annotations_url: string;
  };
  name: string;
  check_suite: { id: number };
  app: { id: number; slug: string; name: string };
  pull_requests: RawRunPullRequest[];
}

export interface RawPull {
  id: number;
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  draft: boolean;
  html_url: string;
  url: string;
  user: RawUser;
  created_at: string;
  updated_at: string;
  head: { ref: string; sha: string; label: string; repo: { id: number; full_name: string; fork: boolean } | null };
  base: { ref: string; sha: string; label: string };
  labels: RawLabel[];
}

export interface RawLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export interface RawComment {
  id: number;
  body: string;
  user: RawUser;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface RawIssue {
  id: number;
  node_id: string;
  number: number;
  url: string;
  html_url: string;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  labels: RawLabel[];
  user: RawUser;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  locked: boolean;
}

/** What a job's log contains, beyond the steps it echoes. Rendered by logs.ts. */
export interface LogSpec {
  seed: number;
  /** Start the body with a UTF-8 BOM, as some real logs do. */
  bom?: boolean;
  /** `actions/checkout` with `fetch-depth: 0`: full fetch of every branch. */
  fullHistoryFetch?: boolean;
  /** `git fetch origin refs/notes/*` fails with permission denied. */
  notesFetchFailed?: boolean;
  /** A base image is rebuilt: why (notes lost, or the cached image was evicted). */
  rebuild?: 'notes-lost' | 'evicted';
  /** Benign host-creation lines (must not be read as rebuilds or errors). */
  benignModal?: boolean;
  /** pytest failures: test id and error line. */
  failures?: { test: string; error: string }[];
  /** pytest `slowest durations`: test id -> seconds. */
  durations?: Record<string, number>;
  coverage?: 'ok' | 'mismatch';
  /** A line printed `count` times in the main step. */
  noise?: { line: string; count: number }[];
  /** The job hit its timeout-minutes. */
  timedOut?: boolean;
  /** Filler lines in the main step (a big log, generated lazily). */
  filler?: number;
  /** A job of the second example (TypeScript monorepo): rendered by ts-monorepo/logs.ts. */
  ts?: TsLogSpec;
}

/** What a job of the TypeScript-monorepo example prints (ts-monorepo/logs.ts). */
export interface TsLogSpec {
  job: 'unit' | 'e2e' | 'image-api' | 'image-web';
  runId: number;
  /** `hashFiles('package-lock.json')`: changes on the branch that bumps dependencies. */
  lockHash: string;
  /** The node_modules cache restores (false: the first run after a lockfile change). */
  modulesHit: boolean;
  /** jest: the flaky test failed and passed on retry, or failed every retry. */
  jestFlake?: 'recovered' | 'failed';
  /** Codecov's upload fails (the token secret is gone): the job still passes. */
  codecovFailed?: boolean;
  /** Playwright: the flaky test failed once and passed on retry #1. */
  pwFlake?: boolean;
  /** image-web: package-lock.json changed, so BuildKit runs the COPY and what follows. */
  lockChanged?: boolean;
}

/** One anomaly (or decoy) the generator planted, for comparing findings with the truth. */
export interface Planted {
  category:
    'warning' | 'image-rebuild' | 'flaky-test' | 'slow' | 'recurring-failure' | 'coverage' | 'log-noise' | 'other';
  /** What a finding should say (or, for a decoy, what must NOT be reported). */
  what: string;
  decoy: boolean;
  /** Subject keys a matching finding would carry. */
  subject: { workflow?: string; job?: string; step?: string; test?: string; action?: string };
  /** Runs where it is visible. */
  runIds: number[];
  branches: string[];
  /** An open PR that addresses it, if any. */
  fixedBy?: number;
}

export interface World {
  owner: string;
  repo: string;
  /** The generator's clock: every timestamp is before it. */
  now: string;
  serverUrl: string;
  apiUrl: string;
  repository: RawRepo;
  workflows: RawWorkflow[];
  /** Newest first, latest attempt of each run. */
  runs: RawRun[];
  /** Jobs of every attempt, keyed by run id. */
  jobs: Record<string, RawJob[]>;
  /** Annotations of job check runs and other check runs, keyed by check run id. */
  annotations: Record<string, RawAnnotation[]>;
  /** Non-job check runs (test reports). */
  checkRuns: RawCheckRun[];
  /** Log spec per job id; a job without a spec has no log (404). */
  logs: Record<string, LogSpec>;
  pulls: RawPull[];
  /** Repository files (path -> UTF-8 text) served by /contents. */
  contents: Record<string, string>;
  issues: RawIssue[];
  labels: RawLabel[];
  planted: Planted[];
}

/** A user object as the API embeds it (actor, author, owner). */
export function ghUser(login: string, id: number, type: RawUser['type'] = 'User'): RawUser {
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `${type === 'Organization' ? 'O' : type === 'Bot' ? 'BOT' : 'U'}_kgDO${id.toString(36)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

/** Fields of a `minimal-repository` that are API URLs: `<name>_url` -> path after the repo's API URL. */
const REPO_URLS: [string, string][] = [
  ['archive', '/{archive_format}{/ref}'],
  ['assignees', '/assignees{/user}'],
  ['blobs', '/git/blobs{/sha}'],
  ['branches', '/branches{/branch}'],
  ['collaborators', '/collaborators{/collaborator}'],
  ['comments', '/comments{/number}'],
  ['commits', '/commits{/sha}'],
  ['compare', '/compare/{base}...{head}'],
  ['contents', '/contents/{+path}'],
  ['contributors', '/contributors'],
  ['deployments', '/deployments'],
  ['downloads', '/downloads'],
  ['events', '/events'],
  ['forks', '/forks'],
  ['git_commits', '/git/commits{/sha}'],
  ['git_refs', '/git/refs{/sha}'],
  ['git_tags', '/git/tags{/sha}'],
  ['issue_comment', '/issues/comments{/number}'],
  ['issue_events', '/issues/events{/number}'],
  ['issues', '/issues{/number}'],
  ['keys', '/keys{/key_id}'],
  ['labels', '/labels{/name}'],
  ['languages', '/languages'],
  ['merges', '/merges'],
  ['milestones', '/milestones{/number}'],
  ['notifications', '/notifications{?since,all,participating}'],
  ['pulls', '/pulls{/number}'],
  ['releases', '/releases{/id}'],
  ['stargazers', '/stargazers'],
  ['statuses', '/statuses/{sha}'],
  ['subscribers', '/subscribers'],
  ['subscription', '/subscription'],
  ['tags', '/tags'],
  ['teams', '/teams'],
  ['trees', '/git/trees{/sha}'],
  ['hooks', '/hooks'],
];

/** A `minimal-repository` as GitHub embeds it in a workflow run (about 5 KB of JSON, as in its OpenAPI example). */
export function ghMinimalRepo(
  owner: RawUser,
  name: string,
  id: number,
  fork: boolean,
  apiUrl = 'https://api.github.com',
): RawMinimalRepo {
  const full = `${owner.login}/${name}`;
  const url = `${apiUrl}/repos/${full}`;
  const repo: RawMinimalRepo = {
    id,
    node_id: `R_kgDO${id.toString(36)}`,
    name,
    full_name: full,
    owner,
    private: false,
    html_url: `https://github.com/${full}`,
    description: fork ? 'A fork' : 'Widgets for everyone',
    fork,
    url,
  };
  for (const [field, tail] of REPO_URLS) repo[`${field}_url`] = `${url}${tail}`;
  return repo;
}
