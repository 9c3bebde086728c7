/**
 * A warm (nightly) audit's allowance: at most 25% of the token's hourly limit under the default
 * budget, new runs first, the older runs a window still filling in has not read with what is
 * left; an explicit `budget.maxRequests` alone bounds the audit; a cold audit is not held to it.
 * Collection runs against the fake GitHub (REST + GraphQL) with the run cache in a folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RunCache } from '../src/cache/run-cache.js';
import { folderStore } from '../src/cache/store.js';
import { splitPending } from '../src/collect/cached-runs.js';
import { collect, type CollectOptions } from '../src/collect/index.js';
import { NIGHT_PUBLISH, nightCap } from '../src/collect/log-policy.js';
import { Api } from '../src/github/api.js';
import { BudgetExhausted, createClient } from '../src/github/client.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { RULES } from '../src/rules/index.js';
import type { History, Run } from '../src/types.js';
import { startFakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import type { World } from '../test/world/types.js';

const TOKEN = 'ghs_nightCapTest000000000000000000000000';

describe('nightCap', () => {
  it('is 25% of the hourly limit for a warm audit under the default budget', () => {
    expect(nightCap({ warm: true, hourly: 1000, budget: 900 })).toEqual({
      cap: 250,
      collect: 250 - NIGHT_PUBLISH,
    });
    // No answer said the limit yet: GITHUB_TOKEN's 1,000.
    expect(nightCap({ warm: true, budget: 900 })?.cap).toBe(250);
  });

  it('scales with the token: 5,000 and 15,000 an hour', () => {
    const big = 1_000_000;
    expect(nightCap({ warm: true, hourly: 5000, budget: big })?.cap).toBe(1250);
    expect(nightCap({ warm: true, hourly: 15000, budget: big })?.cap).toBe(3750);
    // Never above the audit's budget: the default 900 still bounds a 5,000-an-hour token's night.
    expect(nightCap({ warm: true, hourly: 5000, budget: 900 })?.cap).toBe(900);
  });

  it('does not hold a cold audit; a budget below the allowance lowers it, one above does not raise it', () => {
    expect(nightCap({ warm: false, hourly: 1000, budget: 900 })).toBeNull();
    expect(nightCap({ warm: true, hourly: 1000, budget: 100 })?.cap).toBe(100);
    expect(nightCap({ warm: true, hourly: 1000, budget: 5000 })?.cap).toBe(250);
  });
});

describe('the client held to a collection limit', () => {
  it('refuses collection past the limit, naming the nightly allowance, and lifts it', () => {
    const client = createClient({ token: TOKEN, budget: 900, reserve: 25 });
    const api = new Api(client, 'acme', 'widgets');
    client.limitCollection(10);
    expect(client.canCollect(10)).toBe(true);
    expect(client.canCollect(11)).toBe(false);
    expect(() => api.guard(11)).toThrow(BudgetExhausted);
    try {
      api.guard(11);
    } catch (e) {
      expect((e as BudgetExhausted).reason).toBe('allowance');
      expect((e as Error).message).toBe('nightly allowance of 10 units spent');
    }
    client.limitCollection(null);
    expect(client.canCollect(500)).toBe(true);
    // The budget's own line still holds without a limit.
    expect(() => api.guard(900)).toThrow('request budget spent');
  });
});

const run = (id: number, updatedAt: string): Run =>
  ({ id, updatedAt, createdAt: updatedAt, runAttempt: 1, status: 'completed', jobs: [] }) as unknown as Run;

describe('splitPending', () => {
  const cacheWith = () => {
    const cache = new RunCache(null, 'acme/widgets', 'x');
    return cache;
  };
  const window = [
    run(9, '2026-11-24T05:00:00Z'), // new since the last audit
    run(8, '2026-11-23T07:00:00Z'), // created before, completed after: late
    run(7, '2026-11-23T06:00:00Z'), // cached: the newest run the last audit read
    run(6, '2026-11-22T06:00:00Z'), // cached
    run(5, '2026-11-21T06:00:00Z'), // listed, never read: older
    run(4, 'not a time'), // unreadable: read now
  ];

  it('leaves older unread runs for later, and never a new, late or unreadable one', () => {
    const cache = cacheWith();
    const pending = window.filter((r) => r.id !== 7 && r.id !== 6);
    for (const r of pending) cache.newRuns.add(r.id);
    const { fresh, older } = splitPending(cache, window, pending);
    expect(fresh.map((r) => r.id)).toEqual([9, 8, 4]);
    expect(older.map((r) => r.id)).toEqual([5]);
    // The night's "new runs" are the fresh ones.
    expect([...cache.newRuns].sort()).toEqual([4, 8, 9]);
  });

  it('reads every run now when nothing of the window is cached (a cold audit)', () => {
    const cache = cacheWith();
    const { fresh, older } = splitPending(cache, window, window);
    expect(fresh).toHaveLength(window.length);
    expect(older).toEqual([]);
    expect(splitPending(null, window, window.slice(2)).older).toEqual([]);
  });
});

/** The repository as it was at `cutoff`: runs still going then were not listed as completed. */
function asOf(world: World, cutoff: number): World {
  return {
    ...world,
    now: new Date(cutoff).toISOString(),
    runs: world.runs.filter((r) => Date.parse(r.updated_at) < cutoff),
    checkRuns: world.checkRuns.filter((c) => Date.parse(c.completed_at ?? c.started_at) < cutoff),
  };
}

async function audit(world: World, o: { cacheDir: string; window: number; budget: number; hourly: number }) {
  const fake = await startFakeGitHub(world, { token: TOKEN, rateLimit: o.hourly });
  try {
    const client = createClient({ token: TOKEN, baseUrl: fake.url, budget: o.budget, reserve: 25, retryBaseMs: 1 });
    const options: CollectOptions = {
      client,
      settings: {
        owner: 'acme',
        repo: 'widgets',
        window: { kind: 'count', count: o.window, raw: String(o.window) },
        workflows: [],
        branches: [],
        maxLogs: 'auto',
      },
      config: DEFAULT_CONFIG,
      rules: RULES,
      serverUrl: 'https://github.com',
      now: new Date(world.now),
      cacheStore: folderStore(o.cacheDir),
    };
    const history: History = await collect(options);
    return { history, units: client.usage.requests + client.usage.graphqlPoints };
  } finally {
    await fake.close();
  }
}

const read = (h: History) => new Set(h.runs.map((r) => r.id));

describe('a window filling in over nights', () => {
  const later = generateWorld({ seed: 21, runs: 700, now: '2026-11-24T06:00:00Z', spanHours: 8 * 24 });
  const earlier = asOf(later, Date.parse(later.now) - 24 * 3600_000);
  const count = earlier.runs.length;
  // An hourly limit of 120: the nightly allowance is 30 units, 26 for collection.
  const hourly = 120;
  const allowance = 30;

  it('reads the new runs first, the older ones with what is left, each night within the allowance', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-night-cap-'));
    // The first audit read the newest 300 runs; the nights audit a wider window, whose older
    // runs no audit has read yet.
    const cold = await audit(earlier, { cacheDir: dir, window: 300, budget: 900, hourly });
    expect(cold.history.runs).toHaveLength(300);
    const night = await audit(later, { cacheDir: dir, window: count, budget: 900, hourly });
    const h = night.history;
    expect(night.units).toBeLessThanOrEqual(allowance - NIGHT_PUBLISH);
    expect(h.api.truncated).toBeFalsy();
    // Every new run of the night was read, though older runs remain unread.
    const fresh = later.runs.filter((r) => !earlier.runs.some((e) => e.id === r.id)).map((r) => r.id);
    expect(fresh.length).toBeGreaterThan(0);
    for (const id of fresh) expect(read(h).has(id)).toBe(true);
    expect(h.window.listed).toBe(count);
    expect(h.runs.length).toBeLessThan(count);
    expect(h.window.filling).toBe(true);
    expect(h.api.allowance).toBe(allowance);
    // Coverage grows night by night, each night held to its allowance, until complete.
    let covered = h.runs.length;
    for (let n = 0; n < 12 && covered < count; n++) {
      const next = await audit(later, { cacheDir: dir, window: count, budget: 900, hourly });
      expect(next.units).toBeLessThanOrEqual(allowance - NIGHT_PUBLISH);
      expect(next.history.runs.length).toBeGreaterThan(covered);
      covered = next.history.runs.length;
      if (covered === count) expect(next.history.window.filling).toBeUndefined();
    }
    expect(covered).toBe(count);
  }, 120_000);

  it('a larger budget.maxRequests does not lift the allowance: the night still stops at it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-night-budget-'));
    await audit(earlier, { cacheDir: dir, window: 300, budget: 900, hourly });
    const night = await audit(later, { cacheDir: dir, window: count, budget: 5000, hourly });
    expect(night.units).toBeLessThanOrEqual(allowance - NIGHT_PUBLISH);
    expect(night.history.runs.length).toBeLessThan(count);
    expect(night.history.window.filling).toBe(true);
    expect(night.history.api.allowance).toBe(allowance);
  }, 120_000);

  it('does not hold a cold audit to the nightly allowance', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-night-cold-'));
    const cold = await audit(earlier, { cacheDir: dir, window: count, budget: 900, hourly });
    // A token of 120 an hour may stop its logs at the rate limit's reserve: never at an allowance.
    expect(cold.history.api.truncatedBy).not.toBe('allowance');
    expect(cold.history.api.allowance).toBeUndefined();
    expect(cold.history.runs.length).toBe(count);
    expect(cold.units).toBeGreaterThan(allowance);
  }, 120_000);
});
