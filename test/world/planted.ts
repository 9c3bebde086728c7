/**
 * The truth about a generated world: every anomaly planted and every decoy next to it,
 * with the runs that show it. Tests and the lead compare an audit's findings with this.
 */
import {
  NOISE_LINE,
  ONE_OFF,
  OWN_BUG,
  FLAKY_NEXT_TO_FAILURE,
  FLAKY_REASON,
  FLAKY_TEST,
  RERUN_TEST,
  SLOW_TEST,
  SMALL_NOISE,
  SYSTEMIC,
} from './plans.js';
import type { Slot } from './scenario.js';
import type { Planted } from './types.js';

type Pred = (s: Slot) => boolean;

export function listPlanted(slots: Slot[]): Planted[] {
  const pick = (p: Pred): { runIds: number[]; branches: string[] } => {
    const hit = slots.filter((s) => s.runId !== undefined && p(s));
    return { runIds: hit.map((s) => s.runId!), branches: [...new Set(hit.map((s) => s.branch.name))] };
  };
  const ci: Pred = (s) => s.workflow === 'CI';
  const tested: Pred = (s) => ci(s) && !s.ci!.superseded;
  const f =
    (p: (c: NonNullable<Slot['ci']>) => unknown): Pred =>
    (s) =>
      ci(s) && Boolean(p(s.ci!));
  const item = (
    category: Planted['category'],
    decoy: boolean,
    what: string,
    subject: Planted['subject'],
    p: Pred,
    fixedBy?: number,
  ): Planted => ({
    category,
    what,
    decoy,
    subject,
    ...pick(p),
    ...(fixedBy ? { fixedBy } : {}),
  });
  return [
    item(
      'warning',
      false,
      'Node.js 20 deprecation warning naming actions/cache@v3 on every CI test job, also on passing runs',
      { workflow: 'CI', job: 'test', action: 'actions/cache@v3' },
      tested,
      112,
    ),
    item(
      'warning',
      true,
      'One-off notice (docs preview link) on one Docs run: not a warning worth reporting',
      { workflow: 'Docs', job: 'build-docs' },
      (s) => Boolean(s.notice),
    ),
    item(
      'image-rebuild',
      false,
      // One cause, one finding: the slowdown it causes (Build base image ~45 s -> 6-8 min on the same
      // branch) is part of this finding, not a second one.
      'Base image rebuilt in most CI runs because `git fetch origin refs/notes/*` fails (permission denied, 403): the image notes are lost, and build-image slows from ~45 s to 6-8 min',
      { workflow: 'CI', job: 'build-image', step: 'Build base image' },
      f((c) => c.notesFailed && !c.superseded),
    ),
    item(
      'image-rebuild',
      true,
      'Occasional base-image rebuild after cache eviction in the acceptance job (2 runs): expected',
      { workflow: 'CI', job: 'acceptance' },
      f((c) => c.evicted),
    ),
    item(
      'image-rebuild',
      true,
      'Benign host creation lines `building from mngr default Dockerfile` and `Installing at runtime` in every acceptance log',
      { workflow: 'CI', job: 'acceptance' },
      f((c) => !c.lostRunner && !c.superseded),
    ),
    item(
      'flaky-test',
      false,
      `${FLAKY_TEST} passed only after retries (neutral, flaked 2, passed 1): ${FLAKY_REASON}`,
      { workflow: 'CI', test: FLAKY_TEST },
      f((c) => c.flaky),
    ),
    item(
      'flaky-test',
      false,
      `${FLAKY_NEXT_TO_FAILURE.test} (marked @flaky) flaked 1, passed 1 inside the failure check runs where ${SYSTEMIC.test} fails hard: ${FLAKY_NEXT_TO_FAILURE.error}`,
      { workflow: 'CI', test: FLAKY_NEXT_TO_FAILURE.test },
      f((c) => c.failure === SYSTEMIC),
    ),
    item(
      'flaky-test',
      true,
      `${RERUN_TEST} ran 5 times with Final = passed in every Acceptance Tests report: by-design reruns, not a flake`,
      { workflow: 'CI', test: RERUN_TEST },
      f((c) => !c.lostRunner && !c.superseded && !c.rerunFirstAttempt),
    ),
    item(
      'flaky-test',
      false,
      'Job-level re-run: acceptance failed in attempt 1 and passed in attempt 2 on the same commit',
      { workflow: 'CI', job: 'acceptance' },
      f((c) => c.rerunFirstAttempt),
    ),
    item(
      'flaky-test',
      true,
      'PR #111 "Fix flaky tests" is generic: it must not be listed as fixing any finding',
      {},
      () => false,
    ),
    item(
      'slow',
      false,
      'Docs build-docs takes over 20 minutes: `actions/checkout` with `fetch-depth: 0` fetches every branch and tag (+refs/heads/*:refs/remotes/origin/*), 15-18 minutes',
      { workflow: 'Docs', job: 'build-docs', step: 'Run actions/checkout@v4', action: 'actions/checkout@v4' },
      (s) => s.workflow === 'Docs',
    ),
    item(
      'slow',
      false,
      `${SLOW_TEST} takes 301 s (pytest slowest durations), a third of the test job`,
      { workflow: 'CI', job: 'test', test: SLOW_TEST },
      f((c) => !c.superseded && !c.timedOut),
    ),
    item(
      'slow',
      true,
      'CI test job duration differs by branch (test-phase variance, setup steps constant): not a regression',
      { workflow: 'CI', job: 'test', step: 'Run tests' },
      tested,
    ),
    item(
      'recurring-failure',
      false,
      `Systemic: ${SYSTEMIC.test} fails with "${SYSTEMIC.error}" on 3 unrelated branches`,
      { workflow: 'CI', job: 'test', test: SYSTEMIC.test },
      f((c) => c.failure === SYSTEMIC),
      110,
    ),
    item(
      'recurring-failure',
      false,
      `Not systemic: ${OWN_BUG.test} fails 4 times on bug/parser-crash only (its own bug)`,
      { workflow: 'CI', job: 'test', test: OWN_BUG.test },
      f((c) => c.failure === OWN_BUG),
    ),
    item(
      'recurring-failure',
      true,
      `One-off failure of ${ONE_OFF.test} on one branch: a human's problem, not reported`,
      { workflow: 'CI', job: 'test', test: ONE_OFF.test },
      f((c) => c.failure === ONE_OFF),
    ),
    item(
      'coverage',
      false,
      'Coverage-delivery diagnostic prints MISMATCH (dropped .coverage data) in 3 runs',
      { workflow: 'CI', job: 'test' },
      f((c) => c.coverage === 'mismatch'),
    ),
    item(
      'log-noise',
      false,
      `"${NOISE_LINE}" repeated 64+ times in every lint job (passing)`,
      { workflow: 'CI', job: 'lint' },
      ci,
    ),
    item(
      'log-noise',
      true,
      'The full fetch lists 60 tags (` * [new tag] v1.x.y -> v1.x.y`), equal once numbers are masked: git output, not noise',
      { workflow: 'Docs', job: 'build-docs', step: 'Run actions/checkout@v4' },
      (s) => s.workflow === 'Docs',
    ),
    item(
      'log-noise',
      true,
      `"${SMALL_NOISE}" 3 times in one run: not noise`,
      { workflow: 'CI', job: 'lint' },
      f((c) => c.smallNoise),
    ),
    // Real raw-format traps (logs.ts, runner-format.ts): the runner's echo, progress meters, colour.
    item(
      'log-noise',
      true,
      "pip's download bars (`━━━… 123.0/123.0 kB 12.3 MB/s eta 0:00:00`), 30 per test job, equal once numbers are masked: a progress meter, not noise",
      { workflow: 'CI', job: 'test', step: 'Install dependencies' },
      f((c) => !c.superseded),
    ),
    item(
      'log-noise',
      true,
      "git's progress meter in the full fetch (`remote: Counting objects:  42% (…)`, `Receiving objects: …`), 150 lines: not noise",
      { workflow: 'Docs', job: 'build-docs', step: 'Run actions/checkout@v4' },
      (s) => s.workflow === 'Docs',
    ),
    item(
      'coverage',
      true,
      'The coverage step echoes its script (two lines naming `MISMATCH`) in every CI test run: script text, not the diagnostic, so only the 3 runs that print `  MISMATCH: N sandboxes …` count',
      { workflow: 'CI', job: 'test', step: 'Combine coverage and check per-package thresholds' },
      tested,
    ),
    item(
      'image-rebuild',
      true,
      "The notes-fetch step echoes `git fetch origin 'refs/notes/*:refs/notes/*' || true` in every build-image run: script text, not a failure",
      { workflow: 'CI', job: 'build-image', step: 'Fetch image notes' },
      f((c) => !c.superseded),
    ),
    item(
      'recurring-failure',
      true,
      'pytest colours `FAILED` and its summary line (`ESC[31m`): the colour codes are never part of a test id, title or quote',
      { workflow: 'CI', job: 'test', test: SYSTEMIC.test },
      f((c) => c.failure === SYSTEMIC),
    ),
    item(
      'other',
      false,
      'acceptance waits 12-30 minutes for a self-hosted modal runner in every run (queue time)',
      { workflow: 'CI', job: 'acceptance' },
      f((c) => !c.superseded),
    ),
    item(
      'other',
      false,
      'test job cancelled at its 30-minute timeout ("exceeded the maximum execution time")',
      { workflow: 'CI', job: 'test' },
      f((c) => c.timedOut),
    ),
    item(
      'other',
      false,
      'acceptance failed because the self-hosted runner lost communication with the server (no log)',
      { workflow: 'CI', job: 'acceptance' },
      f((c) => c.lostRunner),
    ),
    item(
      'other',
      false,
      'A CI run ended in startup_failure (invalid workflow file), no jobs',
      { workflow: 'CI' },
      (s) => s.workflow === 'startup',
    ),
    item(
      'other',
      true,
      'A CI run cancelled by concurrency because a newer push superseded it: expected',
      { workflow: 'CI' },
      f((c) => c.superseded),
    ),
    // The runbook names this blind spot: the audit should say it did not see Release (at low
    // severity, or not at all when configured as expected), never call it a failure.
    item(
      'other',
      false,
      'Blind spot: Release (release.yml) only runs on release branches, so the audit never sees it; not a failure',
      { workflow: 'Release' },
      () => false,
    ),
  ];
}
