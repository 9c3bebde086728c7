/**
 * The second example world: acme/storefront, a TypeScript monorepo (npm workspaces and turbo)
 * whose CI workflow runs jest (retryTimes), Playwright (retries: 2), two image builds with
 * docker/build-push-action and the GitHub Actions cache, actions/cache for node_modules and
 * .turbo, and a Codecov upload. Its anomalies are planted next to their decoys
 * (`world.planted`, ./planted.ts); run shells and jobs come from the first world's builders.
 * Same options, same world.
 */
import { addAttempt, runShell, type Acc } from '../generate.js';
import { createRng } from '../prng.js';
import type { BranchDef, Slot } from '../scenario.js';
import { ghUser, type RawRun, type RawWorkflow, type World } from '../types.js';
import { tsJobPlans, type TsFeatures } from './plans.js';
import { listTsPlanted, type TsSlot } from './planted.js';
import { CI_YML } from './repo.js';

export interface TsWorldOptions {
  seed?: number;
  /** Completed runs wanted (at least 30); more go to main. */
  runs?: number;
  now?: string;
}

/** Branches, their PRs and when in the window (fractions) they ran. */
const BRANCHES: (BranchDef & { from: number; to: number })[] = [
  { name: 'main', pr: null, title: 'Merge pull request', fork: false, ci: 0, docs: 0, factor: 1, from: 0, to: 0.93 },
  {
    name: 'feat/checkout-discounts',
    pr: 201,
    title: 'Discount codes at checkout',
    fork: false,
    ci: 6,
    docs: 0,
    factor: 1,
    from: 0.1,
    to: 0.7,
  },
  {
    name: 'feat/search-page',
    pr: 202,
    title: 'Search results page',
    fork: false,
    ci: 5,
    docs: 0,
    factor: 1,
    from: 0.3,
    to: 0.9,
  },
  {
    name: 'fix/cart-rounding',
    pr: 203,
    title: 'Round cart totals to cents',
    fork: false,
    ci: 4,
    docs: 0,
    factor: 1,
    from: 0,
    to: 0.6,
  },
  // The lockfile changes here: its first run misses the node_modules cache (a decoy). Its runs are
  // the newest, so the logs the rules sample (newest first) include that miss.
  {
    name: 'chore/bump-deps',
    pr: 204,
    title: 'Bump dev dependencies',
    fork: false,
    ci: 4,
    docs: 0,
    factor: 1,
    from: 0.94,
    to: 0.99,
  },
];
const FIXED = BRANCHES.reduce((s, b) => s + b.ci, 0);
/** The CODECOV_TOKEN secret was deleted a third into the window: every upload since fails. */
const TOKEN_GONE = 0.35;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function features(b: string, k: number, last: number, frac: number): TsFeatures {
  const bump = b === 'chore/bump-deps';
  const flaky = (b === 'main' && k % 4 === 1) || (b === 'feat/checkout-discounts' && k === 2) || (bump && k === 2);
  return {
    lockHash: bump
      ? 'b41c07e9d2f35a86c1e4f0a97d3b25e8c6f1a0d4b7e9c2f5a8d1b4e7c0f3a6d9'
      : '7e3f9a1c5b8d2e6f0a4c7b1d9e3f5a8c2b6d0e4f7a1c3b5d9e2f6a0c4b8d1e5f',
    modulesHit: !(bump && k === 0),
    jestFlake: b === 'main' && k === last - 2 ? 'failed' : flaky ? 'recovered' : undefined,
    codecovFailed: frac >= TOKEN_GONE,
    pwFlake: (b === 'main' && k % 5 === 2) || (b === 'feat/search-page' && k === 1) || (bump && k === 3),
    lockChanged: bump && k === 0,
  };
}

function schedule(seed: number, nowMs: number, spanMs: number, mainCi: number): TsSlot[] {
  const rng = createRng(seed ^ 0x5eed);
  const slots: TsSlot[] = [];
  for (const b of BRANCHES) {
    const n = b.name === 'main' ? mainCi : b.ci;
    for (let i = 0; i < n; i++) {
      const frac = b.from + ((b.to - b.from) * (i + rng.next() * 0.8)) / n;
      slots.push({
        workflow: 'CI',
        branch: b,
        atMs: nowMs - spanMs + Math.floor(frac * (spanMs - 2 * 3_600_000)),
        k: i,
        frac,
      });
    }
  }
  return slots.sort((a, b) => a.atMs - b.atMs);
}

function addRun(a: Acc, slot: TsSlot, id: number, last: number): void {
  slot.runId = id;
  const run: RawRun = runShell(a, slot as Slot, id, a.rng.hex(40));
  const full = run.repository.full_name;
  const f = features(slot.branch.name, slot.k, last, slot.frac);
  slot.f = f;
  const first = addAttempt(a, run, 1, tsJobPlans(f, a.rng, full, run.head_sha, run.id), slot.atMs);
  let jobs = first.jobs;
  let endMs = first.endMs;
  if (f.jestFlake === 'failed') {
    // "Re-run failed jobs": attempt 2 lists the earlier jobs' results and the re-run unit job, whose retry passed.
    const startMs = first.endMs + 15 * 60_000;
    const plans = tsJobPlans({ ...f, jestFlake: 'recovered' }, a.rng, full, run.head_sha, run.id, 2);
    const second = addAttempt(
      a,
      run,
      2,
      plans.filter((p) => p.name === 'unit'),
      startMs,
    );
    const copies = first.jobs.filter((j) => j.name !== 'unit').map((j) => ({ ...j, id: j.id + 1, run_attempt: 2 }));
    for (const c of copies) a.w.logs[String(c.id)] = a.w.logs[String(c.id - 1)]!;
    jobs = [...first.jobs, ...copies, ...second.jobs];
    run.run_attempt = 2;
    run.previous_attempt_url = `${run.url}/attempts/1`;
    run.run_started_at = iso(startMs);
    endMs = second.endMs;
  }
  const latest = jobs.filter((j) => j.run_attempt === run.run_attempt);
  run.conclusion = latest.some((j) => j.conclusion === 'failure') ? 'failure' : 'success';
  run.updated_at = iso(endMs + 5000);
  a.w.jobs[String(run.id)] = jobs;
  a.w.runs.push(run);
}

export function generateTsWorld(options: TsWorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const owner = 'acme';
  const repo = 'storefront';
  const now = options.now ?? '2026-11-24T06:00:00Z';
  const nowMs = Date.parse(now);
  const serverUrl = 'https://github.com';
  const apiUrl = 'https://api.github.com';
  const full = `${owner}/${repo}`;
  const ci: RawWorkflow = {
    id: 62_000_001,
    node_id: 'W_kwDOci01',
    name: 'CI',
    path: '.github/workflows/ci.yml',
    state: 'active',
    created_at: '2025-05-12T09:00:00.000Z',
    updated_at: '2026-10-30T08:00:00.000Z',
    url: `${apiUrl}/repos/${full}/actions/workflows/62000001`,
    html_url: `${serverUrl}/${full}/blob/main/.github/workflows/ci.yml`,
    badge_url: `${serverUrl}/${full}/workflows/CI/badge.svg`,
  };
  const w: World = {
    owner,
    repo,
    now,
    serverUrl,
    apiUrl,
    repository: {
      id: 512_000_002,
      node_id: 'R_kgDOHpQx1B',
      name: repo,
      full_name: full,
      private: false,
      owner: ghUser(owner, 9_100_001, 'Organization'),
      html_url: `${serverUrl}/${full}`,
      default_branch: 'main',
      fork: false,
    },
    workflows: [ci],
    runs: [],
    jobs: {},
    annotations: {},
    checkRuns: [],
    logs: {},
    pulls: [],
    contents: { '.github/workflows/ci.yml': CI_YML },
    issues: [],
    labels: [],
    planted: [],
  };
  const mainCi = Math.max(12, (options.runs ?? 48) - FIXED);
  const slots = schedule(seed, nowMs, 96 * 3_600_000, mainCi);
  const a: Acc = { w, rng, nextJobId: 59_000_000_000, nextCheckId: 59_900_000_000, runNumbers: new Map() };
  let id = 19_500_000_000;
  for (const slot of slots) addRun(a, slot, (id += rng.int(50, 900)), slot.branch.name === 'main' ? mainCi - 1 : -9);
  w.runs.reverse(); // newest first, as the API lists them
  w.planted = listTsPlanted(slots);
  return w;
}
