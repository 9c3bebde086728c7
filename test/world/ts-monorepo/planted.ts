/** The truth about the TypeScript-monorepo world: each planted anomaly beside its decoy. */
import type { Slot } from '../scenario.js';
import type { Planted } from '../types.js';
import { EACH_JEST_ID, FLAKY_JEST_ID, FLAKY_PW, JEST_REASON, PW_REASON, TWIN_PW, type TsFeatures } from './plans.js';

export type TsSlot = Slot & { frac: number; f?: TsFeatures };

export function listTsPlanted(slots: TsSlot[]): Planted[] {
  const item = (
    category: Planted['category'],
    decoy: boolean,
    what: string,
    subject: Planted['subject'],
    p: (f: TsFeatures) => boolean,
  ): Planted => {
    const hit = slots.filter((s) => s.runId !== undefined && s.f && p(s.f));
    return {
      category,
      what,
      decoy,
      subject: { workflow: 'CI', ...subject },
      runIds: hit.map((s) => s.runId!),
      branches: [...new Set(hit.map((s) => s.branch.name))],
    };
  };
  const all = (): boolean => true;
  return [
    // One cause, one finding: the job re-run it caused once is part of this finding.
    item(
      'flaky-test',
      false,
      `${FLAKY_JEST_ID} failed and passed on jest's retry (retryTimes, logged before retry): ${JEST_REASON}; once it failed every retry, and the unit job passed on a re-run of the same commit`,
      { test: FLAKY_JEST_ID },
      (f) => f.jestFlake !== undefined,
    ),
    item(
      'flaky-test',
      true,
      'Job re-run of unit (attempt 1 failed on the flaky jest test, attempt 2 passed): the flaky test finding, not a second one',
      { job: 'unit' },
      (f) => f.jestFlake === 'failed',
    ),
    item(
      'flaky-test',
      true,
      `${EACH_JEST_ID}: it.each with a constant title, three passing runs of one test by design, never failed`,
      { test: EACH_JEST_ID },
      all,
    ),
    item(
      'flaky-test',
      false,
      `${FLAKY_PW} failed and passed on Playwright's retry #1 ("1 flaky"): ${PW_REASON}`,
      { test: FLAKY_PW },
      (f) => f.pwFlake,
    ),
    item(
      'flaky-test',
      true,
      `${TWIN_PW}: the same test in the firefox project passes every time (one result per project, not a retry)`,
      { test: TWIN_PW },
      all,
    ),
    item(
      'other',
      false,
      'actions/cache key `turbo-Linux-${{ github.run_id }}` contains the run id: "Cache not found" in every unit run, a new entry saved each time',
      { job: 'unit' },
      all,
    ),
    item(
      'other',
      true,
      'node_modules cache (hashFiles of package-lock.json) missed once in the e2e job, on the first run after the lockfile changed: expected',
      { job: 'e2e' },
      (f) => !f.modulesHit,
    ),
    item(
      'other',
      true,
      'node_modules cache missed once in the unit job after the lockfile changed, hit in every other run: not the turbo finding',
      { job: 'unit', step: 'Cache node_modules' },
      (f) => !f.modulesHit,
    ),
    item(
      'image-rebuild',
      false,
      'image-api: BuildKit runs every layer again in every run: `cache-from: type=gha` but no `cache-to`, so nothing ever writes the cache',
      { job: 'image-api' },
      all,
    ),
    item(
      'image-rebuild',
      true,
      'image-web: layers `CACHED` (cache-to mode=max); once, after package-lock.json changed, the COPY and the steps after it ran: expected',
      { job: 'image-web' },
      all,
    ),
    item(
      'coverage',
      false,
      'Codecov upload fails on passing unit runs since the token secret was deleted: `Upload failed: {"message":"Token required - not valid tokenless upload"}`, `==> Failed to run upload-coverage`',
      { job: 'unit' },
      (f) => f.codecovFailed,
    ),
    item(
      'coverage',
      true,
      'The Codecov step echoes `fail_ci_if_error: false` in every run, and earlier runs upload fine: "error" mentioned benignly',
      { job: 'unit', step: 'Upload coverage to Codecov' },
      (f) => !f.codecovFailed,
    ),
  ];
}
