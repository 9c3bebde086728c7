/**
 * Collection against the fake GitHub (REST + GraphQL): the GraphQL path gives the history
 * the REST path gives, for far fewer units, and a second audit with the run cache reads
 * only what is new.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CACHE_FILE, readCacheFile } from '../src/cache/cache-file.js';
import { CACHE_VERSION } from '../src/cache/run-cache.js';
import { folderStore } from '../src/cache/store.js';
import { createClient } from '../src/github/client.js';
import { evidenceIn, kindOf } from '../src/collect/evidence.js';
import { collect, collectWithTracking, type CollectOptions } from '../src/collect/index.js';
import { findTrackingIssues, trackingFromGraphql } from '../src/tracking/find.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { TRACKING_MARKER } from '../src/tracking/state.js';
import { RULES, runRules } from '../src/rules/index.js';
import type { History, Job } from '../src/types.js';
import { graphqlPoints } from '../test/fake-github/graphql.js';
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import { seedIssue } from '../test/world/repo.js';
import type { World } from '../test/world/types.js';

const TOKEN = 'ghs_graphqlCollectTest0000000000000000';
const issueLists = (fake: FakeGitHub) => fake.requests.filter((r) => /\/issues$/.test(r.path)).length;

async function audit(
  world: World,
  over: {
    graphql?: boolean;
    cacheDir?: string;
    window?: number;
    graphqlErrors?: boolean;
    failRate5xx?: number;
    expiredLogRate?: number;
    maxLogs?: number;
    /** Read the tracking issues with this label in the first GraphQL query. */
    tracking?: string;
    graphqlMissingFields?: string[];
    /** The audit's budget (REST requests + GraphQL points); default 900. */
    budget?: number;
    /** A span window in days instead of the run count `window`. */
    days?: number;
  } = {},
) {
  const fake: FakeGitHub = await startFakeGitHub(world, {
    token: TOKEN,
    graphqlErrors: over.graphqlErrors,
    graphqlMissingFields: over.graphqlMissingFields,
    failRate5xx: over.failRate5xx,
    expiredLogRate: over.expiredLogRate,
  });
  try {
    const client = createClient({
      token: TOKEN,
      baseUrl: fake.url,
      budget: over.budget ?? 900,
      reserve: 25,
      retryBaseMs: 1,
    });
    const count = over.window ?? 60;
    const options: CollectOptions = {
      client,
      settings: {
        owner: 'acme',
        repo: 'widgets',
        window: over.days
          ? { kind: 'span', ms: over.days * 86_400_000, raw: `${over.days}d` }
          : { kind: 'count', count, raw: String(count) },
        workflows: [],
        branches: [],
        maxLogs: over.maxLogs ?? 10,
      },
      config: DEFAULT_CONFIG,
      rules: RULES,
      serverUrl: 'https://github.com',
      now: new Date(world.now),
      graphql: over.graphql ?? true,
      cacheStore: over.cacheDir ? folderStore(over.cacheDir) : null,
    };
    const collected = over.tracking
      ? await collectWithTracking(options, over.tracking)
      : { history: await collect(options), tracking: undefined };
    // Issue listings collection made: none when the first GraphQL query read the tracking issues.
    const listed = issueLists(fake);
    // The REST lookup, on the same server, for comparison (after collection's requests).
    const rest = over.tracking
      ? await findTrackingIssues(client, { owner: 'acme', repo: 'widgets', issueLabel: over.tracking })
      : null;
    return { history: collected.history, fake, found: collected.tracking, rest, listed };
  } finally {
    await fake.close();
  }
}

/** What GraphQL can give of a job (not its creation time or runner: see graphql.ts; labels come
 * from one REST jobs list per workflow). */
const comparable = (j: Job) => ({ ...j, createdAt: undefined, runnerName: undefined });
const jobsOf = (h: History) =>
  new Map(h.runs.flatMap((r) => r.jobs.filter((j) => j.conclusion !== 'skipped').map((j) => [j.id, comparable(j)])));

/** The same repository a day apart: the later world has a day of new runs. */
function dayApart(seed: number): { earlier: World; later: World } {
  const later = generateWorld({ seed, runs: 90, now: '2026-11-24T06:00:00Z', spanHours: 8 * 24 });
  const cutoff = Date.parse(later.now) - 24 * 3600_000;
  const earlier: World = {
    ...later,
    now: new Date(cutoff).toISOString(),
    runs: later.runs.filter((r) => Date.parse(r.updated_at) < cutoff),
    checkRuns: later.checkRuns.filter((c) => Date.parse(c.completed_at ?? c.started_at) < cutoff),
  };
  return { earlier, later };
}

describe('collect with GraphQL', () => {
  const world = generateWorld({ seed: 5, runs: 70 });

  it('gives the history the REST path gives, for a fraction of the units', async () => {
    const rest = await audit(world, { graphql: false });
    const p0 = graphqlPoints(world);
    const gql = await audit(world);
    expect(gql.history.runs.map((r) => r.id)).toEqual(rest.history.runs.map((r) => r.id));
    expect(jobsOf(gql.history)).toEqual(jobsOf(rest.history));
    const byId = (h: History) => new Map(h.checkRuns.map((c) => [c.id, c]));
    expect(byId(gql.history)).toEqual(byId(rest.history));
    expect(Object.keys(gql.history.logs).sort()).toEqual(Object.keys(rest.history.logs).sort());
    // Re-runs are read over REST, so their attempts (and queue times) are exact.
    const rerun = gql.history.runs.find((r) => r.runAttempt > 1)!;
    expect(rerun.jobs.some((j) => j.runAttempt === 1 && j.runnerName !== null)).toBe(true);

    const units = (h: History) => h.api.requests + h.api.graphqlPoints;
    expect(gql.history.api.graphqlPoints).toBe(graphqlPoints(world) - p0);
    expect(units(gql.history) * 3).toBeLessThan(units(rest.history));
    expect(gql.history.gaps).toEqual(rest.history.gaps);
  });

  it("asks a commit's check runs only from the suites no run read brought, a point per query", async () => {
    const { history, fake } = await audit(world);
    const bodies = fake.requests
      .filter((r) => r.path.endsWith('/graphql'))
      .map((r) => r.body as { query: string; variables: Record<string, string[]> });
    const suiteIds = bodies
      .filter((b) => b.query.startsWith('query auditSuites'))
      .flatMap((b) => Object.values(b.variables).flat());
    expect(suiteIds.length).toBeGreaterThan(0);
    // The suites of the runs read by GraphQL (first attempts) are never asked for again...
    const runSuite = (id: number) => `CS_kwDO${(28_000_000_000 + (id % 1_000_000)).toString(36)}`;
    const byGraphql = history.runs.filter((r) => r.runAttempt === 1).map((r) => runSuite(r.id));
    expect(suiteIds.filter((id) => byGraphql.includes(id))).toEqual([]);
    // ...yet every test report is found (the REST comparison above holds them all).
    expect(history.checkRuns.length).toBe(
      world.checkRuns.filter((c) => history.runs.some((r) => r.headSha === c.head_sha)).length,
    );
    // Every query is filled to at most 149 requests: GitHub rounds it to 1 point.
    expect(history.api.graphqlPoints).toBe(bodies.length);
  });

  it('lists a 7d window in days whose pages answer 304 on the next audit, their runs from the run cache', async () => {
    const week = generateWorld({ seed: 13, runs: 400, now: '2026-11-24T06:00:00Z', spanHours: 7 * 24 });
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-span-cache-'));
    const first = await audit(week, { cacheDir: dir, days: 7 });
    const second = await audit(week, { cacheDir: dir, days: 7 });
    const listing = (f: FakeGitHub) => f.requests.filter((r) => r.path.endsWith('/actions/runs'));
    expect(first.history.runs.length).toBeGreaterThan(300);
    expect(listing(first.fake).length).toBeGreaterThanOrEqual(8);
    expect(listing(first.fake).every((r) => /^\d{4}-\d\d-\d\dT00:00:00Z\.\./.test(r.query.created ?? ''))).toBe(true);
    // Nothing changed: every page of every day answers 304 (free), and the same window comes back.
    expect(listing(second.fake).map((r) => r.status)).toEqual(listing(first.fake).map(() => 304));
    expect(second.history.runs.map((r) => [r.id, r.runAttempt, r.updatedAt])).toEqual(
      first.history.runs.map((r) => [r.id, r.runAttempt, r.updatedAt]),
    );
    expect(jobsOf(second.history)).toEqual(jobsOf(first.history));
    expect(second.fake.requests.filter((r) => r.path.endsWith('/graphql'))).toEqual([]);
    // The cache keeps each listed run as its compact record, not GitHub's ~11 KB.
    const file = await readCacheFile(path.join(dir, CACHE_FILE), CACHE_VERSION, first.history.repository);
    const etags = file!.etags as Record<string, { data: { workflow_runs?: unknown[] } }>;
    const pages = Object.entries(etags).filter(([k]) => k.includes('/actions/runs?'));
    const listed = pages.flatMap(([, e]) => e.data.workflow_runs ?? []);
    expect(listed.length).toBeGreaterThanOrEqual(first.history.runs.length);
    expect(JSON.stringify(listed).length / listed.length).toBeLessThan(1500);
  });

  it('reads only new runs on the next audit, and gets 304s for unchanged lists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-gql-cache-'));
    const first = await audit(world, { cacheDir: dir, window: 50 });
    const second = await audit(world, { cacheDir: dir, window: 50 });
    expect(jobsOf(second.history)).toEqual(jobsOf(first.history));
    expect(second.history.checkRuns).toEqual(first.history.checkRuns);
    expect(Object.keys(second.history.logs).sort()).toEqual(Object.keys(first.history.logs).sort());
    const gqlCalls = second.fake.requests.filter((r) => r.path.endsWith('/graphql'));
    expect(gqlCalls).toEqual([]);
    expect(second.history.api.notModified).toBeGreaterThanOrEqual(3);
    const logReads = second.fake.requests.filter((r) => r.path.endsWith('/logs'));
    expect(logReads).toEqual([]);
    expect(second.history.api.requests).toBeLessThan(first.history.api.requests / 3);
  });

  it('goes on where the budget stopped it: a large window is read chunk by chunk, each chunk cached', async () => {
    // A window larger than one audit's budget: before, every run's jobs were read before any
    // run's steps, so a cut left no run complete, nothing cached, and each night spent the same
    // points again. Now each audit caches whole chunks and the next goes on from there.
    const big = generateWorld({ seed: 11, runs: 2200 });
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-chunks-'));
    const ran = (h: History) =>
      h.runs.filter((r) => r.jobs.length > 0 && r.jobs.every((j) => j.steps.length > 0 || j.conclusion === 'skipped'))
        .length;
    const seen: number[] = [];
    for (let night = 0; night < 6; night++) {
      const { history } = await audit(big, { cacheDir: dir, window: 2200, maxLogs: 1, budget: 150 });
      seen.push(ran(history));
      // Never a run without the steps of its jobs, cut or not.
      for (const r of history.runs)
        for (const j of r.jobs) if (j.conclusion !== 'skipped') expect(j.steps.length).toBeGreaterThan(0);
      // After the first audit the older runs are read last, with what the budget leaves: the
      // window fills in without a stop of collection, and says so.
      if (night > 0) expect(history.api.truncated).toBeFalsy();
      if (history.runs.length === history.window.listed) break;
      expect(history.window.filling).toBe(true);
    }
    expect(seen.length).toBeGreaterThan(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]!);
    // At the end, the window as one audit with budget enough reads it.
    const whole = await audit(big, { window: 2200, maxLogs: 1, budget: 100_000 });
    expect(whole.history.api.truncated).toBeFalsy();
    expect(seen.at(-1)).toBe(ran(whole.history));
  }, 120_000);

  it('retries a GraphQL query that answers 502, and loses nothing', async () => {
    const clean = await audit(world, { window: 30 });
    const faulty = await audit(world, { window: 30, failRate5xx: 1 });
    const gql = faulty.fake.requests.filter((r) => r.path.endsWith('/graphql'));
    expect(gql.filter((r) => r.status === 502).length).toBeGreaterThan(0);
    expect(gql.filter((r) => r.status === 200).length).toBe(
      clean.fake.requests.filter((r) => r.path.endsWith('/graphql')).length,
    );
    expect(jobsOf(faulty.history)).toEqual(jobsOf(clean.history));
    expect(faulty.history.checkRuns).toEqual(clean.history.checkRuns);
    expect(faulty.history.gaps).toEqual(clean.history.gaps);
  });

  it('falls back to REST when GraphQL answers with errors (an older GHES)', async () => {
    const { history, fake } = await audit(world, { window: 20, graphqlErrors: true });
    const rest = await audit(world, { graphql: false, window: 20 });
    expect(fake.requests.filter((r) => r.path.endsWith('/graphql'))).toHaveLength(1);
    expect(jobsOf(history)).toEqual(jobsOf(rest.history));
    expect(history.checkRuns).toEqual(rest.history.checkRuns);
    expect(history.gaps).toEqual(rest.history.gaps);
    // Each commit's check runs are read once, by the REST stages, not also as a "busy commit".
    const reads = fake.requests.filter((r) => r.path.endsWith('/check-runs')).map((r) => r.path);
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads).size).toBe(reads.length);
  });

  it('does not ask again for a log an earlier audit found gone, and still reports the gap', async () => {
    const { earlier, later } = dayApart(9);
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-gone-cache-'));
    const faults = { cacheDir: dir, window: 60, expiredLogRate: 0.4, maxLogs: 30 };
    const logReads = (f: FakeGitHub) => f.requests.filter((r) => r.path.endsWith('/logs'));
    const first = await audit(earlier, faults);
    const gone = logReads(first.fake).filter((r) => r.status === 404 || r.status === 410);
    expect(gone.length).toBeGreaterThan(0);
    const second = await audit(later, faults);
    // Not one of the logs found gone is asked for again...
    const goneIds = new Set(gone.map((r) => r.path));
    expect(logReads(second.fake).filter((r) => goneIds.has(r.path))).toEqual([]);
    // ...and those the rules still want are reported as gone, as the first audit did.
    const goneGaps = (h: History) =>
      new Map(h.gaps.filter((g) => /^(404|410)/.test(g.reason)).map((g) => [g.what, g.reason]));
    const stillWanted = [...goneGaps(second.history)].filter(([what]) =>
      [...goneIds].some((p) => what.startsWith(`logs of job ${p.split('/').at(-2)} `)),
    );
    expect(stillWanted.length).toBeGreaterThan(0);
    for (const [what, reason] of stillWanted) expect(goneGaps(first.history).get(what)).toBe(reason);
    // The cache file forgets a gone log with its run (evicted with the window).
    const file = await readCacheFile(path.join(dir, CACHE_FILE), CACHE_VERSION, first.history.repository);
    expect(Object.keys(file?.gone ?? {}).length).toBeGreaterThan(0);
  });
});

describe('logs on the next night', () => {
  it('keeps every log read before of a run still in the window, and reads only what the window lacks', async () => {
    const { earlier, later } = dayApart(11);
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-held-cache-'));
    const opts = { cacheDir: dir, window: 60, maxLogs: 20 };
    const logReads = (f: FakeGitHub) => f.requests.filter((r) => r.path.endsWith('/logs'));
    const first = await audit(earlier, opts);
    const second = await audit(later, opts);
    const inWindow = new Set(second.history.runs.flatMap((r) => r.jobs.map((j) => String(j.id))));
    const held = Object.keys(first.history.logs).filter((id) => inWindow.has(id));
    // Evidence already paid for stays, whether or not a rule asked for that log again...
    for (const id of held) expect(second.history.logs[id]).toEqual(first.history.logs[id]);
    // ...and the rules that sample the newest runs do not re-read them.
    const read = logReads(second.fake);
    expect(read.filter((r) => held.some((id) => r.path.includes(`/jobs/${id}/`)))).toEqual([]);
    // Only what the window lacks under max-logs is read (a log that explains a new run's failure
    // may go beyond it); a cold audit of the same window reads all 20.
    const cold = await audit(later, { window: 60, maxLogs: 20 });
    expect(logReads(cold.fake).length).toBeGreaterThanOrEqual(20);
    // The window already holds 20 logs, yet the day's runs are sampled: half their share at least.
    expect(held.length).toBe(20);
    const newJobs = new Set(
      second.history.runs
        .filter((r) => !earlier.runs.some((e) => e.id === r.id))
        .flatMap((r) => r.jobs.map((j) => j.id)),
    );
    expect(read.length).toBeGreaterThan(0);
    // Mostly the new runs' logs: a rule's sample may also renew an older run's (the cold audit's
    // evidence-first reading leaves other older logs unread).
    const ofNew = read.filter((r) => newJobs.has(Number(r.path.split('/').at(-2))));
    expect(ofNew.length).toBeGreaterThanOrEqual(read.length - 1);
    expect(read.length).toBeLessThan(logReads(cold.fake).length);
    // Every new run's log of a kind of job whose logs carried evidence (a coverage diagnostic) was read.
    const kinds = new Set(
      first.history.runs.flatMap((r) =>
        r.jobs
          .filter((j) => {
            const d = first.history.logs[String(j.id)];
            return d !== undefined && evidenceIn(d, j).includes('coverage');
          })
          .map((j) => kindOf(r, j)),
      ),
    );
    expect(kinds.size).toBeGreaterThan(0);
    const evidenceJobs = second.history.runs
      .flatMap((r) => r.jobs.map((j) => ({ r, j })))
      .filter(
        ({ r, j }) =>
          newJobs.has(j.id) &&
          kinds.has(kindOf(r, j)) &&
          j.status === 'completed' &&
          j.conclusion !== 'skipped' &&
          j.conclusion !== 'cancelled' &&
          !r.jobs.some((k) => k.name === j.name && k.runAttempt > j.runAttempt),
      );
    expect(evidenceJobs.length).toBeGreaterThan(0);
    for (const { j } of evidenceJobs) expect(second.history.logs[String(j.id)]).toBeDefined();
    const gap = second.history.gaps.find((g) => g.what.endsWith('the rules asked for'));
    expect(gap?.reason).toMatch(/on this audit: the window holds \d+ logs read by earlier audits\)$/);
  });
  it('finds on the next night every finding a cold audit of the same window finds', async () => {
    // Before, a warm audit used only the cached logs a rule asked for again: log noise found in
    // yesterday's newest runs closed tonight while still in the window.
    for (const seed of [7, 11]) {
      const { earlier, later } = dayApart(seed);
      const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-night-cache-'));
      const opts = { cacheDir: dir, window: 60, maxLogs: 20 };
      await audit(earlier, opts);
      const warm = await audit(later, opts);
      const cold = await audit(later, { window: 60, maxLogs: 20 });
      const ids = (h: History) => runRules(h, DEFAULT_CONFIG).map((f) => f.id);
      expect(ids(warm.history)).toEqual(expect.arrayContaining(ids(cold.history)));
    }
  });
});

describe('tracking issues, read by collection', () => {
  const base = generateWorld({ seed: 5, runs: 40 });
  const tracked = (number: number, o: { state?: 'open' | 'closed'; labels?: string[]; body?: string } = {}) =>
    seedIssue(base, {
      number,
      title: 'CI audit',
      body: o.body ?? `# CI audit\n\nThe audit of issue ${number}.\n\n${TRACKING_MARKER}\n`,
      labels: o.labels ?? ['ci-audit'],
      state: o.state ?? 'open',
      createdAt: new Date(Date.parse('2026-10-01T06:00:00Z') + number * 3600_000).toISOString(),
    });
  const world: World = {
    ...base,
    issues: [
      tracked(901, { state: 'closed' }),
      tracked(910),
      // A second open one (two audits raced): a duplicate to close.
      tracked(915),
      // Our label on a human's issue, and our marker without the label: neither is ours.
      tracked(920, { body: 'Uploads are flaky again, see the audit' }),
      tracked(925, { labels: ['bug'] }),
    ],
  };
  const gqlCount = (fake: FakeGitHub) => fake.requests.filter((r) => r.path.endsWith('/graphql')).length;

  it('are read in the first GraphQL query, as the REST lookup finds them, for no more points', async () => {
    const p0 = graphqlPoints(world);
    const plain = await audit(world, { window: 30 });
    const p1 = graphqlPoints(world);
    const read = await audit(world, { window: 30, tracking: 'ci-audit' });
    expect(graphqlPoints(world) - p1).toBe(p1 - p0);
    expect(read.history.api.requests).toBe(plain.history.api.requests);
    expect(gqlCount(read.fake)).toBe(gqlCount(plain.fake));
    expect(read.found).toEqual(read.rest);
    expect(read.found?.open).toMatchObject({ number: 910, state: 'open', nodeId: 'I_kwDOseed910' });
    expect(read.found?.open?.body).toContain(TRACKING_MARKER);
    expect(read.found?.duplicates.map((i) => i.number)).toEqual([915]);
    expect(read.found?.lastClosed).toBeNull();
    // The one REST listing is the comparison's, made after collection.
    expect(read.listed).toBe(0);
    expect(issueLists(read.fake)).toBe(1);
  });

  it('are confirmed by the REST lookup when GraphQL shows no open one (an issue would be created)', async () => {
    const closed: World = { ...world, issues: [tracked(901, { state: 'closed' })] };
    const { found, rest, listed } = await audit(closed, { window: 10, tracking: 'ci-audit' });
    expect(listed).toBe(1);
    expect(found).toEqual(rest);
    expect(found?.open).toBeNull();
    expect(rest?.lastClosed?.number).toBe(901);
  });

  it('are left to the REST lookup when they fill more than one page', async () => {
    const many: World = {
      ...world,
      issues: Array.from({ length: 101 }, (_, i) => tracked(1000 + i, { state: 'closed' })),
    };
    const { found, rest, listed } = await audit(many, { window: 10, tracking: 'ci-audit' });
    // Two pages of 100 over REST.
    expect(listed).toBe(2);
    expect(found).toEqual(rest);
    expect(rest?.lastClosed?.number).toBe(1100);
  });

  it('are left to the REST lookup when the server lacks the field, and runs still come by GraphQL', async () => {
    const plain = await audit(world, { window: 20 });
    const old = await audit(world, { window: 20, tracking: 'ci-audit', graphqlMissingFields: ['Repository.issues'] });
    expect(old.listed).toBe(1);
    expect(old.found?.open?.number).toBe(910);
    expect(old.rest?.open?.number).toBe(910);
    // The rejected query, then the same without the field.
    expect(gqlCount(old.fake)).toBe(gqlCount(plain.fake) + 1);
    expect(jobsOf(old.history)).toEqual(jobsOf(plain.history));
    expect(old.history.gaps).toEqual(plain.history.gaps);
  });

  it('from an answer: none when the field is missing, has a next page or no open issue; only bodies with the marker', () => {
    expect(trackingFromGraphql(null)).toBeNull();
    expect(trackingFromGraphql({ issues: null })).toBeNull();
    expect(trackingFromGraphql({ issues: { pageInfo: { hasNextPage: true }, nodes: [] } })).toBeNull();
    const node = (number: number, state: string, body: string) => ({
      number,
      id: `I_${number}`,
      url: `https://github.com/acme/widgets/issues/${number}`,
      title: 'CI audit',
      body,
      state,
      createdAt: '2026-11-01T06:00:00Z',
      closedAt: state === 'CLOSED' ? '2026-11-02T06:00:00Z' : null,
    });
    const answer = (...nodes: (ReturnType<typeof node> | null)[]) => ({
      issues: { pageInfo: { hasNextPage: false }, nodes },
    });
    expect(trackingFromGraphql(answer(node(3, 'CLOSED', TRACKING_MARKER), node(4, 'OPEN', 'not ours')))).toBeNull();
    expect(
      trackingFromGraphql(
        answer(node(5, 'OPEN', TRACKING_MARKER), null, node(4, 'OPEN', 'not ours'), node(3, 'OPEN', TRACKING_MARKER)),
      ),
    ).toEqual({
      open: expect.objectContaining({ number: 3, state: 'open', url: 'https://github.com/acme/widgets/issues/3' }),
      duplicates: [expect.objectContaining({ number: 5, nodeId: 'I_5' })],
      lastClosed: null,
    });
  });
});
