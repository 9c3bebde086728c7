/**
 * What each job of a run does, given the anomalies planted in that run: step durations,
 * conclusions, log specs, annotations and the test-report check runs.
 */
import { annotation, NODE20_WARNING, type JobPlan, type PlannedTest, type TestReportPlan } from './jobs.js';
import { hashSeed, type Rng } from './prng.js';

export const SYSTEMIC = {
  test: 'tests/integration/test_storage.py::test_presigned_url_expiry',
  error: 'AssertionError: presigned URL rejected before expiry: assert 403 == 200',
};
export const OWN_BUG = {
  test: 'tests/test_parser.py::test_nested_quotes',
  error: 'IndexError: string index out of range',
};
export const ONE_OFF = {
  test: 'tests/test_export.py::test_csv_header_order',
  error: "AssertionError: assert ['id', 'name'] == ['name', 'id']",
};
/** Planted flakes carry ids the seed repository's generator writes unescaped (`|`, `<…>`, spaces). */
export const FLAKY_TEST = 'tests/integration/test_uploads.py::test_resumable_upload[chunk=<4 MiB>|s3]';
export const FLAKY_REASON = 'ConnectionResetError: [Errno 104] Connection reset by peer';
/** Flakes in the runs where another test fails hard: inside a `failure` check run. */
export const FLAKY_NEXT_TO_FAILURE = {
  test: 'tests/test_report.py::test_table_cell[a|b]',
  error: 'AssertionError: cell `a|b` split into <2> cells',
};
export const RERUN_TEST = 'tests/acceptance/test_modal.py::test_create_host';
export const SLOW_TEST = 'tests/integration/test_sync.py::test_full_resync';
export const NOISE_LINE =
  'DeprecationWarning: pkg_resources is deprecated as an API. See https://setuptools.pypa.io/en/latest/pkg_resources.html';
export const SMALL_NOISE = 'WARNING: Retrying (Retry(total=4, connect=None, read=None)) after connection broken';
export const LOST_RUNNER =
  'The self-hosted runner: modal-runner-3 lost communication with the server. Verify the machine is running and has a healthy network connection. Anything in your workflow that terminates the runner process, starves it for CPU/Memory, or blocks its network access can cause this error.';
export const TIMEOUT = (runner: string): string =>
  `The job running on runner ${runner} has exceeded the maximum execution time of 30 minutes.`;
export const SUPERSEDED = (pr: number): string =>
  `Canceling since a higher priority waiting request for 'CI-refs/pull/${pr}/merge' exists`;
export const EXIT_1 = 'Process completed with exit code 1.';

export interface CiFeatures {
  failure?: { test: string; error: string };
  flaky?: boolean;
  coverage: 'ok' | 'mismatch';
  notesFailed: boolean;
  evicted?: boolean;
  timedOut?: boolean;
  lostRunner?: boolean;
  /** Attempt 1 of a job-level re-run: acceptance failed, attempt 2 passed. */
  rerunFirstAttempt?: boolean;
  superseded?: number;
  smallNoise?: boolean;
  /** Test-phase speed of the branch (cross-branch variance, not a regression). */
  factor: number;
  bom: boolean;
  filler?: number;
}

const HOSTED = ['ubuntu-latest'];
const SELF = ['self-hosted', 'linux', 'modal'];

interface Ctx {
  f: CiFeatures;
  rng: Rng;
  repo: string;
  sha: string;
  runId: number;
}

const seed = (c: Ctx, job: string): number => hashSeed(c.runId, job);

function lintPlan(c: Ctx): JobPlan {
  const noise = [{ line: NOISE_LINE, count: 64 + c.rng.int(0, 8) }];
  if (c.f.smallNoise) noise.push({ line: SMALL_NOISE, count: 3 });
  return {
    name: 'lint',
    conclusion: 'success',
    queueSec: c.rng.int(2, 15),
    steps: [
      ['Set up job', 2],
      ['Run actions/checkout@v4', 3],
      ['Run actions/setup-python@v5', 8],
      ['Install dependencies', c.rng.int(30, 40)],
      ['Lint', c.rng.int(40, 60)],
      ['Post Run actions/checkout@v4', 1],
      ['Complete job', 1],
    ],
    labels: HOSTED,
    runner: `GitHub Actions ${c.rng.int(1, 40)}`,
    log: { seed: seed(c, 'lint'), bom: c.f.bom, noise },
    annotations: [],
  };
}

function testPlan(c: Ctx): JobPlan {
  const { f } = c;
  const runner = `GitHub Actions ${c.rng.int(1, 40)}`;
  const testSec = f.timedOut ? 1800 - 90 : Math.round(f.factor * 360 * (0.95 + c.rng.next() * 0.1)) + 301;
  const stop = f.timedOut || f.failure || f.superseded ? 'Run tests' : undefined;
  const anns = [annotation('warning', NODE20_WARNING, c.repo, c.sha)];
  if (f.failure) anns.push(annotation('failure', EXIT_1, c.repo, c.sha));
  if (f.timedOut) anns.push(annotation('failure', TIMEOUT(runner), c.repo, c.sha));
  if (f.superseded) anns.push(annotation('failure', SUPERSEDED(f.superseded), c.repo, c.sha));
  return {
    name: 'test',
    conclusion: f.timedOut || f.superseded ? 'cancelled' : f.failure ? 'failure' : 'success',
    queueSec: c.rng.int(2, 20),
    steps: [
      ['Set up job', 2],
      ['Run actions/checkout@v4', 4],
      ['Run actions/cache@v3', 9],
      ['Run actions/setup-python@v5', 8],
      ['Install dependencies', 60],
      ['Run tests', f.superseded ? 140 : testSec],
      ['Combine coverage and check per-package thresholds', 6],
      ['Report tests', 3],
      ['Post Run actions/cache@v3', 2],
      ['Post Run actions/checkout@v4', 1],
      ['Complete job', 1],
    ],
    stopStep: stop,
    labels: HOSTED,
    runner,
    log: {
      seed: seed(c, 'test'),
      bom: f.bom,
      failures: f.failure ? [f.failure] : [],
      durations: {
        [SLOW_TEST]: 301.22,
        'tests/integration/test_api.py::test_pagination': 14.8,
        'tests/unit/test_models.py::test_bulk_insert': 9.1,
      },
      coverage: f.coverage,
      timedOut: f.timedOut,
      filler: f.filler,
    },
    annotations: anns,
  };
}

function buildImagePlan(c: Ctx): JobPlan {
  const rebuild = c.f.notesFailed;
  return {
    name: 'build-image',
    conclusion: c.f.superseded ? 'cancelled' : 'success',
    queueSec: c.rng.int(2, 15),
    steps: [
      ['Set up job', 2],
      ['Run actions/checkout@v4', 4],
      ['Fetch image notes', 3],
      ['Build base image', rebuild ? c.rng.int(380, 480) : c.rng.int(38, 50)],
      ['Complete job', 1],
    ],
    stopStep: c.f.superseded ? 'Build base image' : undefined,
    labels: HOSTED,
    runner: `GitHub Actions ${c.rng.int(1, 40)}`,
    log: {
      seed: seed(c, 'build-image'),
      bom: c.f.bom,
      notesFetchFailed: rebuild,
      rebuild: rebuild ? 'notes-lost' : undefined,
    },
    annotations: c.f.superseded ? [annotation('failure', SUPERSEDED(c.f.superseded), c.repo, c.sha)] : [],
  };
}

function acceptancePlan(c: Ctx): JobPlan {
  const { f } = c;
  const failed = f.lostRunner || f.rerunFirstAttempt;
  const anns = f.lostRunner
    ? [annotation('failure', LOST_RUNNER, c.repo, c.sha)]
    : f.rerunFirstAttempt
      ? [annotation('failure', EXIT_1, c.repo, c.sha)]
      : [];
  return {
    name: 'acceptance',
    conclusion: f.superseded ? 'skipped' : failed ? 'failure' : 'success',
    queueSec: c.rng.int(12 * 60, 30 * 60),
    steps: [
      ['Set up job', 3],
      ['Run actions/checkout@v4', 5],
      ['Run acceptance tests', c.rng.int(300, 500)],
      ['Report acceptance tests', 3],
      ['Complete job', 1],
    ],
    stopStep: failed ? 'Run acceptance tests' : undefined,
    labels: SELF,
    runner: `modal-runner-${c.rng.int(1, 6)}`,
    log: f.lostRunner
      ? undefined
      : {
          seed: seed(c, 'acceptance'),
          bom: f.bom,
          benignModal: true,
          rebuild: f.evicted ? 'evicted' : undefined,
          failures: f.rerunFirstAttempt
            ? [
                {
                  test: RERUN_TEST,
                  error: 'modal.exception.SandboxTimeoutError: sandbox creation timed out after 300s',
                },
              ]
            : [],
        },
    annotations: anns,
  };
}

/** The CI workflow's jobs for one attempt, in the order they are created. */
export function ciJobPlans(f: CiFeatures, rng: Rng, repo: string, sha: string, runId: number): JobPlan[] {
  const c: Ctx = { f, rng, repo, sha, runId };
  return [lintPlan(c), testPlan(c), buildImagePlan(c), acceptancePlan(c)];
}

export function docsJobPlan(
  rng: Rng,
  runId: number,
  bom: boolean,
  notice: string | null,
  repo: string,
  sha: string,
): JobPlan {
  return {
    name: 'build-docs',
    conclusion: 'success',
    queueSec: rng.int(2, 15),
    steps: [
      ['Set up job', 2],
      ['Run actions/checkout@v4', rng.int(900, 1080)],
      ['Run actions/setup-python@v5', 8],
      ['Install dependencies', 30],
      ['Build docs', rng.int(240, 300)],
      ['Post Run actions/checkout@v4', 1],
      ['Complete job', 1],
    ],
    labels: HOSTED,
    runner: `GitHub Actions ${rng.int(1, 40)}`,
    log: { seed: hashSeed(runId, 'docs'), bom, fullHistoryFetch: true },
    annotations: notice ? [annotation('notice', notice, repo, sha)] : [],
  };
}

/** A pytest traceback as offload's junit carries it in `<failure>`. */
const TRACE = (test: string, error: string): string => {
  const file = test.split('::')[0]!;
  const fn = test.split('::')[1]!.split('[')[0]!;
  return [
    `    def ${fn}(client):`,
    `>       resp = client.request(req)`,
    `E       ${error}`,
    '',
    `${file}:57: ${error.split(':')[0]}`,
  ].join('\n');
};

const failing = (test: string, error: string, outcomes: PlannedTest['outcomes']): PlannedTest => ({
  id: test,
  outcomes,
  message: error,
  traceback: TRACE(test, error),
});

/** Tests that pass in every report: the rows around the planted ones. */
const PASSING_UNIT = [
  'tests/test_cli.py::test_help',
  'tests/test_cli.py::test_version',
  'tests/test_config.py::test_defaults[env=prod]',
  'tests/test_config.py::test_defaults[env=dev]',
  'tests/test_parser.py::test_escapes[a&b]',
  'tests/integration/test_storage.py::test_put_get',
];
const PASSING_ACCEPTANCE = [
  'tests/acceptance/test_modal.py::test_list_hosts',
  'tests/acceptance/test_modal.py::test_destroy_host',
];
const passing = (id: string): PlannedTest => ({ id, outcomes: ['passed'] });

/** The test-report check runs a CI attempt posts (none when tests never reported). */
export function reportPlans(f: CiFeatures): TestReportPlan[] {
  if (f.timedOut || f.superseded) return [];
  const unit: TestReportPlan = { name: 'Unit + Integration Tests', testsOutcome: 'success', tests: [] };
  if (f.flaky) unit.tests.push(failing(FLAKY_TEST, FLAKY_REASON, ['failed', 'failed', 'passed']));
  if (f.failure) {
    unit.testsOutcome = 'failure';
    unit.tests.push(failing(f.failure.test, f.failure.error, ['failed']));
    if (f.failure === SYSTEMIC)
      unit.tests.push({
        ...failing(FLAKY_NEXT_TO_FAILURE.test, FLAKY_NEXT_TO_FAILURE.error, ['failed', 'passed']),
        flaky: true,
      });
  }
  unit.tests.push(...PASSING_UNIT.map(passing));
  const plans = [unit];
  if (!f.lostRunner && !f.rerunFirstAttempt) {
    // offload re-runs this test speculatively: a high run count with Final=passed is by design.
    plans.push({
      name: 'Acceptance Tests',
      testsOutcome: 'success',
      tests: [
        { id: RERUN_TEST, outcomes: ['passed', 'passed', 'passed', 'passed', 'passed'], flaky: true },
        ...PASSING_ACCEPTANCE.map(passing),
      ],
    });
  }
  return plans;
}
