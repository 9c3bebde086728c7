/**
 * The run schedule: which branch runs which workflow when, and which anomalies each run
 * carries. Anomalies are placed by position on a branch (its k-th CI run), never by chance,
 * so every seed plants all of them; the seed only moves times, ids and durations.
 */
import { ONE_OFF, OWN_BUG, SYSTEMIC, type CiFeatures } from './plans.js';
import type { Rng } from './prng.js';

export interface BranchDef {
  name: string;
  /** PR number, null for pushes to the branch. */
  pr: number | null;
  title: string;
  fork: boolean;
  ci: number;
  docs: number;
  /** Test-phase speed of this branch. */
  factor: number;
}

export const BRANCHES: BranchDef[] = [
  { name: 'main', pr: null, title: 'Merge pull request', fork: false, ci: 16, docs: 6, factor: 1.0 },
  { name: 'feat/login-form', pr: 101, title: 'Add the login form', fork: false, ci: 5, docs: 0, factor: 1.3 },
  {
    name: 'feat/search-api',
    pr: 102,
    title: 'Search API with cursor pagination',
    fork: false,
    ci: 5,
    docs: 0,
    factor: 1.7,
  },
  { name: 'chore/deps-bump', pr: 103, title: 'Bump runtime dependencies', fork: false, ci: 4, docs: 0, factor: 1.1 },
  {
    name: 'bug/parser-crash',
    pr: 104,
    title: 'Parser: handle nested quotes',
    fork: false,
    ci: 5,
    docs: 0,
    factor: 1.2,
  },
  { name: 'feat/export-csv', pr: 105, title: 'Export reports as CSV', fork: false, ci: 4, docs: 0, factor: 1.5 },
  { name: 'patch-1', pr: 106, title: 'Fix typo in README', fork: true, ci: 3, docs: 2, factor: 1.0 },
  { name: 'docs/api-guide', pr: 107, title: 'API guide for v2', fork: false, ci: 2, docs: 6, factor: 1.0 },
];
export const STARTUP_BRANCH = 'ci/matrix-experiment';

export interface Slot {
  workflow: 'CI' | 'Docs' | 'startup';
  branch: BranchDef;
  atMs: number;
  /** k-th run of this workflow on this branch, chronologically. */
  k: number;
  ci?: CiFeatures;
  /** Attempt 2 of a job-level re-run follows this attempt. */
  rerun?: boolean;
  notice?: string;
  /** Set when the run is built. */
  runId?: number;
}

type Placement = (branch: string, k: number) => boolean;
const at =
  (pairs: [string, number][]): Placement =>
  (b, k) =>
    pairs.some(([pb, pk]) => pb === b && pk === k);

export const PLACE = {
  systemic: at([
    ['feat/login-form', 2],
    ['feat/search-api', 3],
    ['chore/deps-bump', 1],
  ]),
  ownBug: (b: string, k: number) => b === 'bug/parser-crash' && k <= 3,
  oneOff: at([['feat/export-csv', 1]]),
  flaky: at([
    ['main', 2],
    ['main', 5],
    ['main', 9],
    ['feat/login-form', 0],
    ['docs/api-guide', 1],
    ['feat/export-csv', 3],
  ]),
  rerun: at([['main', 7]]),
  coverage: at([
    ['main', 3],
    ['feat/search-api', 1],
    ['patch-1', 0],
  ]),
  evicted: at([
    ['main', 4],
    ['feat/login-form', 3],
  ]),
  timedOut: at([['feat/search-api', 2]]),
  lostRunner: at([['chore/deps-bump', 2]]),
  smallNoise: at([['feat/export-csv', 2]]),
  superseded: at([['feat/search-api', 4]]),
};

function features(b: BranchDef, k: number, notesFailed: boolean, rng: Rng): CiFeatures {
  const failure = PLACE.systemic(b.name, k)
    ? SYSTEMIC
    : PLACE.ownBug(b.name, k)
      ? OWN_BUG
      : PLACE.oneOff(b.name, k)
        ? ONE_OFF
        : undefined;
  return {
    failure,
    flaky: PLACE.flaky(b.name, k),
    coverage: PLACE.coverage(b.name, k) ? 'mismatch' : 'ok',
    notesFailed,
    evicted: PLACE.evicted(b.name, k),
    timedOut: PLACE.timedOut(b.name, k),
    lostRunner: PLACE.lostRunner(b.name, k),
    rerunFirstAttempt: PLACE.rerun(b.name, k),
    smallNoise: PLACE.smallNoise(b.name, k),
    factor: b.factor,
    bom: rng.chance(0.3),
  };
}

/** Slots sorted oldest first, features assigned. `mainCi` scales the history. */
export function schedule(rng: Rng, nowMs: number, spanMs: number, mainCi: number): Slot[] {
  const raw: Slot[] = [];
  const when = (): number => nowMs - spanMs + Math.floor(rng.next() * (spanMs - 2 * 3_600_000));
  for (const b of BRANCHES) {
    const ci = b.name === 'main' ? mainCi : b.ci;
    for (let i = 0; i < ci; i++) raw.push({ workflow: 'CI', branch: b, atMs: when(), k: 0 });
    for (let i = 0; i < b.docs; i++) raw.push({ workflow: 'Docs', branch: b, atMs: when(), k: 0 });
  }
  const startupBranch: BranchDef = {
    name: STARTUP_BRANCH,
    pr: null,
    title: 'Try a Python version matrix',
    fork: false,
    ci: 1,
    docs: 0,
    factor: 1,
  };
  raw.push({ workflow: 'startup', branch: startupBranch, atMs: when(), k: 0 });
  raw.sort((a, b) => a.atMs - b.atMs);

  // The notes fetch broke when the workflow's permissions were tightened, a quarter into the window.
  const brokeAt = nowMs - spanMs * 0.75;
  const seen = new Map<string, number>();
  const out: Slot[] = [];
  for (const s of raw) {
    const key = `${s.workflow}:${s.branch.name}`;
    s.k = seen.get(key) ?? 0;
    seen.set(key, s.k + 1);
    if (s.workflow === 'CI') {
      s.ci = features(s.branch, s.k, s.atMs >= brokeAt, rng);
      s.rerun = s.ci.rerunFirstAttempt;
      if (PLACE.superseded(s.branch.name, s.k) && s.branch.pr) {
        // A push a few minutes earlier, cancelled by concurrency when this one started: expected.
        const cancelled = {
          ...s.ci,
          failure: undefined,
          flaky: false,
          superseded: s.branch.pr,
          coverage: 'ok' as const,
        };
        out.push({ workflow: 'CI', branch: s.branch, atMs: s.atMs - 4 * 60_000, k: -1, ci: cancelled });
      }
    }
    if (s.workflow === 'Docs' && s.branch.name === 'docs/api-guide' && s.k === 0) {
      s.notice = 'Docs preview published to https://preview.example.dev/pr-107';
    }
    out.push(s);
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
