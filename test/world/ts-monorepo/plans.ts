/** The jobs of one CI attempt of acme/storefront (a TypeScript monorepo), given what is planted in it. */
import { annotation, type JobPlan } from '../jobs.js';
import { hashSeed, type Rng } from '../prng.js';
import type { TsLogSpec } from '../types.js';

/** The jest test that times out now and then; retryTimes(2) hides it in the log. */
export const FLAKY_JEST = {
  file: 'packages/api/src/__tests__/session.test.ts',
  describe: 'SessionStore',
  name: 'refreshes an expired token',
};
/** The jest parser's id of a retried test: file, then jest's full name (describe and test titles joined by spaces). */
export const FLAKY_JEST_ID = `${FLAKY_JEST.file} › ${FLAKY_JEST.describe} ${FLAKY_JEST.name}`;
export const JEST_REASON = 'thrown: "Exceeded timeout of 5000 ms for a test.';
/** it.each with a constant title: three runs of one test by design. */
export const EACH_JEST_ID = 'packages/ui/src/__tests__/price.test.ts › formatPrice rounds to cents';
export const FLAKY_PW = '[chromium] › checkout.spec.ts:42:7 › checkout › applies a discount code';
export const TWIN_PW = '[firefox] › checkout.spec.ts:42:7 › checkout › applies a discount code';
export const PW_REASON = 'Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)';
export const EXIT_1 = 'Process completed with exit code 1.';

export interface TsFeatures {
  lockHash: string;
  modulesHit: boolean;
  jestFlake?: 'recovered' | 'failed';
  codecovFailed: boolean;
  pwFlake: boolean;
  lockChanged: boolean;
}

const HOSTED = ['ubuntu-latest'];

interface Ctx {
  f: TsFeatures;
  rng: Rng;
  repo: string;
  sha: string;
  runId: number;
  attempt: number;
}

const spec = (c: Ctx, job: TsLogSpec['job'], extra: Partial<TsLogSpec> = {}): JobPlan['log'] => ({
  seed: hashSeed(c.runId, c.attempt, job),
  ts: { job, runId: c.runId, lockHash: c.f.lockHash, modulesHit: c.f.modulesHit, ...extra },
});

const plan = (c: Ctx, name: string, steps: [string, number][], log: JobPlan['log']): JobPlan => ({
  name,
  conclusion: 'success',
  queueSec: c.rng.int(2, 15),
  steps: [['Set up job', 2], ['Run actions/checkout@v4', 3], ...steps, ['Complete job', 1]],
  labels: HOSTED,
  runner: `GitHub Actions ${c.rng.int(1, 40)}`,
  log,
  annotations: [],
});

function unitPlan(c: Ctx): JobPlan {
  const { f } = c;
  const install = f.modulesHit ? c.rng.int(6, 10) : c.rng.int(50, 70);
  const p = plan(
    c,
    'unit',
    [
      ['Run actions/setup-node@v4', 4],
      ['Cache node_modules', f.modulesHit ? 6 : 2],
      ['Cache turbo', 2],
      ['Install dependencies', install],
      ['Build packages', c.rng.int(60, 80)],
      ['Run unit tests', c.rng.int(170, 200) + (f.jestFlake ? 10 : 0)],
      ['Upload coverage to Codecov', 6],
      ['Post Cache turbo', 4],
      ['Post Cache node_modules', f.modulesHit ? 1 : 9],
      ['Post Run actions/checkout@v4', 1],
    ],
    spec(c, 'unit', { jestFlake: f.jestFlake, codecovFailed: f.codecovFailed }),
  );
  if (f.jestFlake === 'failed') {
    p.conclusion = 'failure';
    p.stopStep = 'Run unit tests';
    p.annotations = [annotation('failure', EXIT_1, c.repo, c.sha)];
  }
  return p;
}

function e2ePlan(c: Ctx): JobPlan {
  return plan(
    c,
    'e2e',
    [
      ['Run actions/setup-node@v4', 4],
      ['Cache node_modules', c.f.modulesHit ? 6 : 2],
      ['Install dependencies', c.f.modulesHit ? c.rng.int(6, 10) : c.rng.int(50, 70)],
      ['Install Playwright browsers', c.rng.int(40, 55)],
      ['Run e2e tests', c.rng.int(80, 95) + (c.f.pwFlake ? 8 : 0)],
      ['Post Cache node_modules', c.f.modulesHit ? 1 : 9],
      ['Post Run actions/checkout@v4', 1],
    ],
    spec(c, 'e2e', { pwFlake: c.f.pwFlake }),
  );
}

function imagePlan(c: Ctx, app: 'api' | 'web'): JobPlan {
  // api: every layer runs again (no cache-to); web: cached, but for a changed lockfile's COPY.
  const sec = app === 'api' ? c.rng.int(110, 140) : c.f.lockChanged ? c.rng.int(70, 90) : c.rng.int(12, 18);
  return plan(
    c,
    `image-${app}`,
    [
      ['Set up Docker Buildx', 5],
      ['Build image', sec],
      ['Post Run actions/checkout@v4', 1],
    ],
    spec(c, `image-${app}`, { lockChanged: c.f.lockChanged }),
  );
}

/** The CI workflow's jobs for one attempt, in the order they are created. */
export function tsJobPlans(f: TsFeatures, rng: Rng, repo: string, sha: string, runId: number, attempt = 1): JobPlan[] {
  const c: Ctx = { f, rng, repo, sha, runId, attempt };
  return [unitPlan(c), e2ePlan(c), imagePlan(c, 'api'), imagePlan(c, 'web')];
}
