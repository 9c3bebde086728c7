/** The run cache: round trip, keys, eviction, stores, and the ETag 304 path. */
import nock from 'nock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CACHE_VERSION, MAX_ETAGS, RunCache, configFingerprint, runKey } from '../src/cache/run-cache.js';
import { CACHE_FILE, readCacheFile } from '../src/cache/cache-file.js';
import { actionsCacheStore, defaultStore, folderStore, type ActionsCacheApi } from '../src/cache/store.js';
import { createClient } from '../src/github/client.js';
import { EXPLAIN_PRIORITY, chooseLogs, inTurns, reuseCachedLogs } from '../src/collect/log-policy.js';
import { fetchConfigText } from '../src/collect/config-file.js';
import { installEtags, isCacheableUrl, urlKey } from '../src/github/etag-cache.js';
import type { CheckRun, Job, LogDigest, Run } from '../src/types.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'audit-ci-cache-'));

function run(id: number, over: Partial<Run> = {}): Run {
  const job: Job = {
    id: id * 10,
    runId: id,
    runAttempt: 1,
    name: 'test',
    status: 'completed',
    conclusion: 'success',
    createdAt: '2026-11-20T10:00:00Z',
    startedAt: '2026-11-20T10:00:05Z',
    completedAt: '2026-11-20T10:05:00Z',
    url: `https://github.com/acme/widgets/actions/runs/${id}/job/${id * 10}`,
    runnerName: null,
    labels: [],
    steps: [],
    annotationsCount: 1,
    annotations: [
      { path: '.github', startLine: null, level: 'warning', title: null, message: 'Node.js 20 is deprecated' },
    ],
  };
  return {
    id,
    name: 'CI',
    workflowId: 1,
    workflowPath: '.github/workflows/ci.yml',
    event: 'push',
    branch: 'main',
    headSha: 'a'.repeat(40),
    status: 'completed',
    conclusion: 'success',
    runAttempt: 1,
    runNumber: id,
    createdAt: `2026-11-${String(10 + (id % 10)).padStart(2, '0')}T10:00:00Z`,
    runStartedAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:06:00Z',
    url: `https://github.com/acme/widgets/actions/runs/${id}`,
    pullRequests: [],
    jobs: [job],
    ...over,
  };
}

const report: CheckRun = {
  id: 99,
  name: 'Unit + Integration Tests',
  headSha: 'a'.repeat(40),
  status: 'completed',
  conclusion: 'neutral',
  startedAt: null,
  completedAt: null,
  url: 'https://github.com/acme/widgets/runs/99',
  app: 'github-actions',
  title: 'Passed after retries',
  summary: '| Test | Runs | Final | @flaky |',
  text: null,
  annotationsCount: 0,
  annotations: [],
};

const digest = (jobId: number): LogDigest => ({
  jobId,
  bytes: 10,
  lines: 1,
  truncated: false,
  firstAt: null,
  lastAt: null,
  sections: [],
  matches: [],
  matchCounts: {},
  repeated: [],
  testDurations: [],
});

const windowOf = (runs: Run[]) => ({
  runs,
  window: { requested: '50', from: '2026-11-12T00:00:00Z', to: '2026-11-24T00:00:00Z' },
});

describe('RunCache', () => {
  it('round-trips runs, check runs and log digests through a folder', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg1');
    expect(await a.load()).toBeNull();
    const r = run(3);
    a.putRun(r, [report]);
    a.putLog(digest(30));
    await a.save(windowOf([r]));

    const b = new RunCache(store, 'acme/widgets', 'cfg1');
    expect(await b.load()).toBe(store.dir);
    expect(b.getRun(r)).toEqual({ jobs: r.jobs, checkRuns: [report] });
    expect(b.getLog(30)).toEqual(digest(30));
    expect(b.stats).toMatchObject({ runHits: 1, logHits: 1 });
  });

  it('misses a re-run (new attempt or updated_at), an unfinished run, another config or repository', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg1');
    a.putRun(run(3), []);
    a.putRun(run(4, { status: 'in_progress' }), []);
    a.putLog(digest(30));
    await a.save(windowOf([run(3), run(4)]));

    const b = new RunCache(store, 'acme/widgets', 'cfg2');
    await b.load();
    expect(b.getRun(run(3, { runAttempt: 2 }))).toBeNull();
    expect(b.getRun(run(3, { updatedAt: '2026-11-21T00:00:00Z' }))).toBeNull();
    expect(b.getRun(run(4))).toBeNull();
    expect(b.getRun(run(3))).not.toBeNull();
    expect(b.getLog(30)).toBeNull(); // made with other patterns
    expect(b.stats.runMisses).toBe(3);

    const other = new RunCache(store, 'acme/other', 'cfg1');
    await other.load();
    expect(other.getRun(run(3))).toBeNull();
    expect(runKey(run(3))).toBe('1:2026-11-20T10:06:00Z');
  });

  it('evicts runs created before the window with their log digests, and caps ETags', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg');
    const old = run(1); // created 2026-11-11, before the window
    const kept = run(5);
    a.putRun(old, []);
    a.putRun(kept, []);
    a.putLog(digest(10));
    a.putLog(digest(50));
    for (let i = 0; i < MAX_ETAGS + 5; i++) a.putEtag(`https://api.github.com/x${i}`, `"e${i}"`, []);
    await a.save(windowOf([kept]));
    expect(a.size).toEqual({ runs: 1, logs: 1, etags: MAX_ETAGS });
    const file = await readCacheFile(path.join(store.dir, CACHE_FILE), CACHE_VERSION, 'acme/widgets');
    expect(Object.keys(file!.runs)).toEqual(['5']);
  });

  it('keeps everything when the audit listed no runs, and treats a broken file as cold', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg');
    a.putRun(run(1), []);
    await a.save(windowOf([]));
    expect(a.size.runs).toBe(1);
    writeFileSync(path.join(store.dir, CACHE_FILE), '{"version": 3, "repo');
    const b = new RunCache(store, 'acme/widgets', 'cfg');
    await b.load();
    expect(b.size.runs).toBe(0);
  });

  it("treats a file of version 1 as cold: its log digests predate `tests` (the log parsers' results)", async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg');
    a.putRun(run(5), []);
    a.putLog(digest(50));
    await a.save(windowOf([run(5)]));
    const file = path.join(store.dir, CACHE_FILE);
    const [head, ...body] = readFileSync(file, 'utf8').split('\n');
    const written = JSON.parse(head!) as { version: number };
    expect(written.version).toBe(CACHE_VERSION);
    expect(CACHE_VERSION).toBeGreaterThan(1);
    writeFileSync(file, [JSON.stringify({ ...written, version: 1 }), ...body].join('\n'));
    const b = new RunCache(store, 'acme/widgets', 'cfg');
    await b.load();
    expect(b.getLog(50)).toBeNull();
    expect(b.getRun(run(5))).toBeNull();
    expect(b.size).toEqual({ runs: 0, logs: 0, etags: 0 });
  });

  it('writes a line per entry and reads back shared strings; a cut-off file, or one of another repository, is cold', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg');
    const steps = [
      { number: 1, name: 'Set up job', status: 'completed', conclusion: 'success' as const },
      { number: 2, name: 'Run actions/checkout@v4', status: 'completed', conclusion: 'success' as const },
    ];
    const withSteps = (id: number) => {
      const r = run(id);
      r.jobs[0]!.steps = [
        { ...steps[0]!, startedAt: '2026-11-20T10:00:05Z', completedAt: '2026-11-20T10:00:09Z' },
        { ...steps[1]!, startedAt: '2026-11-20T10:00:09Z', completedAt: '2026-11-20T10:01:00Z' },
      ];
      return r;
    };
    const runs = [withSteps(5), withSteps(6)];
    for (const r of runs) a.putRun(r, [report]);
    a.putLog(digest(50));
    await a.save(windowOf(runs));
    const file = path.join(store.dir, CACHE_FILE);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 2 + 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ version: CACHE_VERSION, repository: 'acme/widgets' });
    expect(lines.slice(1).map((l) => (JSON.parse(l) as [string, string])[0])).toEqual(['run', 'run', 'log']);

    const read = await readCacheFile(file, CACHE_VERSION, 'acme/widgets');
    expect(read!.runs['5']!.jobs).toEqual(runs[0]!.jobs);
    expect(read!.logs['50']!.digest).toEqual(digest(50));
    // The same values, as equal strings: a second run's step names are the first run's; a
    // step's end is the next step's start (identity cannot be observed, equality can).
    const [s1, s2] = read!.runs['6']!.jobs[0]!.steps;
    expect(s1!.completedAt).toBe(s2!.startedAt);

    expect(await readCacheFile(file, CACHE_VERSION, 'acme/other')).toBeNull();
    expect(await readCacheFile(file, CACHE_VERSION + 1, 'acme/widgets')).toBeNull();
    writeFileSync(file, lines.slice(0, 2).join('\n') + '\n' + lines[2]!.slice(0, 20));
    expect(await readCacheFile(file, CACHE_VERSION, 'acme/widgets')).toBeNull();
    const b = new RunCache(store, 'acme/widgets', 'cfg');
    await b.load();
    expect(b.size).toEqual({ runs: 0, logs: 0, etags: 0 });
    expect(await readCacheFile(path.join(store.dir, 'missing.jsonl'), CACHE_VERSION, 'acme/widgets')).toBeNull();
  });

  it('fingerprints configs by content', () => {
    expect(configFingerprint({ a: 1 })).toBe(configFingerprint({ a: 1 }));
    expect(configFingerprint({ a: 1 })).not.toBe(configFingerprint({ a: 2 }));
  });
});

describe('chooseLogs', () => {
  const wanted = Array.from({ length: 60 }, (_, i) => ({ jobId: 1000 - i, priority: 60 - i }));

  it('reads up to max-logs in priority order on a cold audit', () => {
    const logs = {};
    expect(chooseLogs(wanted, 40, null, logs)).toEqual({
      uncached: wanted,
      allowance: 40,
      limit: 'max-logs',
      reused: 0,
      gone: [],
    });
    expect(logs).toEqual({});
  });

  it('reuses every cached digest for free and reads the new share of max-logs', async () => {
    const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    for (const id of [1000, 999, 950]) cache.putLog(digest(id));
    // 10 runs, 1 new: a tenth of max-logs.
    for (let i = 0; i < 9; i++) cache.putRun(run(i + 1), []);
    for (let i = 0; i < 9; i++) cache.getRun(run(i + 1));
    cache.getRun(run(42));
    const logs: Record<string, LogDigest> = {};
    const choice = chooseLogs(wanted, 40, cache, logs);
    expect(Object.keys(logs).sort()).toEqual(['1000', '950', '999']);
    expect(choice.reused).toBe(3);
    expect(choice.allowance).toBe(4);
    expect(choice.uncached.length).toBe(57);
    expect(choice.uncached[0]!.jobId).toBe(998);
  });

  it('reads every log that explains a new run first, beyond its share but within max-logs', () => {
    const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    for (let i = 0; i < 9; i++) cache.putRun(run(i + 1), []);
    for (let i = 0; i < 9; i++) cache.getRun(run(i + 1));
    cache.getRun(run(42));
    // Jobs 941-946 belong to the new run 42: two explain something (>= EXPLAIN_PRIORITY), four do not.
    const mixed = [
      ...Array.from({ length: 20 }, (_, i) => ({ jobId: 500 + i, priority: 80 })),
      { jobId: 941, priority: 80 },
      { jobId: 942, priority: EXPLAIN_PRIORITY },
      ...[943, 944, 945, 946].map((jobId) => ({ jobId, priority: 10 })),
    ];
    const runOf = (id: number) => (id > 940 ? 42 : 1);
    const many = Array.from({ length: 6 }, (_, i) => ({ jobId: 941 + i, priority: 60 }));
    const choice = chooseLogs(mixed, 40, cache, {}, runOf);
    // The new run's two explaining logs come first; the share (4) covers them and two more.
    expect(choice.uncached.slice(0, 2).map((w) => w.jobId)).toEqual([941, 942]);
    expect(choice.allowance).toBe(4);
    // Six explaining logs in the new run: all six are read, over the share of 4...
    expect(chooseLogs(many, 40, cache, {}, runOf).allowance).toBe(6);
    // ...but never over max-logs.
    expect(chooseLogs(many, 5, cache, {}, runOf).allowance).toBe(5);
  });

  it('leaves out logs an earlier audit found gone, with the reason, and keeps them with their runs', async () => {
    const store = folderStore(dir());
    const a = new RunCache(store, 'acme/widgets', 'cfg');
    a.putRun(run(1), []); // created before the window: evicted with its job 10
    a.putRun(run(5), []);
    a.putGone(10, '410 Gone (expired)');
    a.putGone(50, '404 Not Found');
    await a.save(windowOf([run(5)]));
    const b = new RunCache(store, 'acme/widgets', 'other-config');
    await b.load();
    expect(b.getGone(10)).toBeNull();
    // Gone whatever the config: there is no log to digest.
    expect(b.getGone(50)).toBe('404 Not Found');
    const choice = chooseLogs(
      [
        { jobId: 50, priority: 80 },
        { jobId: 60, priority: 70 },
      ],
      40,
      b,
      {},
    );
    expect(choice.gone).toEqual([{ wanted: { jobId: 50, priority: 80 }, reason: '404 Not Found' }]);
    expect(choice.uncached.map((w) => w.jobId)).toEqual([60]);
  });

  it('reads less than the share (half at least) when the window holds logs earlier audits read, explaining logs first', () => {
    const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    for (let i = 0; i < 9; i++) cache.putRun(run(i + 1), []);
    for (let i = 0; i < 9; i++) cache.getRun(run(i + 1));
    cache.getRun(run(42));
    // 38 digests of the window held already (none of them wanted again): room for 2 under max-logs 40.
    const logs: Record<string, LogDigest> = Object.fromEntries(
      Array.from({ length: 38 }, (_, i) => [String(2000 + i), digest(2000 + i)]),
    );
    const choice = chooseLogs(wanted, 40, cache, logs);
    expect(choice).toMatchObject({ allowance: 2, limit: 'held', reused: 0 });
    // A wanted log already held is not read again.
    expect(chooseLogs([{ jobId: 2001, priority: 60 }, ...wanted], 40, cache, logs).uncached[0]!.jobId).toBe(1000);
    // Logs that explain the new run are read even with no room left (still within max-logs), and
    // one sample beyond them.
    const runOf = (id: number) => (id > 5000 ? 42 : 1);
    const explaining = [5001, 5002, 5003].map((jobId) => ({ jobId, priority: 80 }));
    const full = { ...logs, 3000: digest(3000), 3001: digest(3001) };
    expect(chooseLogs([...wanted, ...explaining], 40, cache, full, runOf)).toMatchObject({
      allowance: 4,
      limit: 'held',
    });
    expect(chooseLogs(explaining, 40, cache, full, runOf).allowance).toBe(3);
    // No room left: the new runs still get half their share.
    expect(chooseLogs(wanted, 40, cache, full)).toMatchObject({ allowance: 2, limit: 'held' });
    // The share is the limit when it is the smaller.
    expect(chooseLogs(wanted, 40, cache, {})).toMatchObject({ allowance: 4, limit: 'share' });
  });

  it("takes a warm audit's samples from each rule in turn, after the logs that explain new runs", async () => {
    const store = folderStore(dir());
    const cache = new RunCache(store, 'acme/widgets', 'cfg');
    for (let i = 0; i < 9; i++) cache.putRun(run(i + 1), []);
    for (let i = 0; i < 9; i++) cache.getRun(run(i + 1));
    cache.getRun(run(42));
    const runOf = (id: number) => (id === 7 ? 42 : 1);
    const asked = [
      { jobId: 7, reason: 'failed', priority: 80 },
      ...[1, 2, 3, 4, 5, 6].map((n) => ({ jobId: 100 + n, reason: 'image-rebuild', priority: 41 - n })),
      { jobId: 201, reason: 'slow-tests', priority: 20 },
      ...[1, 2].map((n) => ({ jobId: 300 + n, reason: 'noise', priority: 11 - n })),
      ...[1, 2].map((n) => ({ jobId: 400 + n, reason: 'coverage', priority: 1 - n / 10 })),
    ];
    // Reasons in name order: coverage, image-rebuild, noise, slow-tests. The share is 4 reads: the
    // explaining one and three samples, the last of them a noise log.
    const first = chooseLogs(asked, 40, cache, {}, runOf);
    expect(first.allowance).toBe(4);
    expect(first.uncached.map((w) => w.jobId)).toEqual([7, 401, 101, 301, 201, 402, 102, 302, 103, 104, 105, 106]);
    expect(cache.lastTurn).toBe('noise');
    // The next audit's turns carry on after it: slow-tests first, and it is remembered in the file.
    const next = chooseLogs(asked, 40, cache, {}, runOf);
    expect(next.uncached.map((w) => w.jobId)).toEqual([7, 201, 401, 101, 301, 402, 102, 302, 103, 104, 105, 106]);
    expect(cache.lastTurn).toBe('image-rebuild');
    await cache.save(windowOf([run(42)]));
    const reopened = new RunCache(store, 'acme/widgets', 'cfg');
    await reopened.load();
    expect(reopened.lastTurn).toBe('image-rebuild');
    // A cold audit keeps the rules' priorities: every rule's first few fit in max-logs.
    expect(chooseLogs(asked, 40, null, {}).uncached.map((w) => w.jobId)).toEqual(asked.map((w) => w.jobId));
    expect(inTurns([])).toEqual([]);
    expect(inTurns([{ reason: 'b' }, { reason: 'a' }], 'z')).toEqual([{ reason: 'a' }, { reason: 'b' }]);
    // Collection takes turns by rule and job: a rule's requests for two jobs are two turns.
    const byJob = [
      { reason: 'slow-tests', job: 'acceptance', n: 1 },
      { reason: 'slow-tests', job: 'acceptance', n: 2 },
      { reason: 'slow-tests', job: 'test', n: 3 },
      { reason: 'noise', job: 'lint', n: 4 },
    ];
    const turnOf = (w: (typeof byJob)[number]) => `${w.reason} ${w.job}`;
    expect(inTurns(byJob, 'noise lint', turnOf).map((w) => w.n)).toEqual([1, 3, 4, 2]);
    expect(inTurns(byJob, null).map((w) => w.n)).toEqual([4, 1, 2, 3]);
  });

  it('puts every cached digest of the window into the logs, once, and nothing from other configs', () => {
    const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    for (const id of [10, 11, 12]) cache.putLog(digest(id));
    const logs: Record<string, LogDigest> = { 12: digest(12) };
    // Job 13 has no digest; job 99 is not in the window.
    expect(reuseCachedLogs(cache, [10, 11, 12, 13], logs)).toBe(2);
    expect(Object.keys(logs).sort()).toEqual(['10', '11', '12']);
    expect(reuseCachedLogs(null, [10], {})).toBe(0);
    const other = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    other.putLog(digest(10));
    other.useConfig({ changed: true });
    expect(reuseCachedLogs(other, [10], {})).toBe(0);
  });

  it('reads nothing when no run is new', () => {
    const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
    cache.putRun(run(1), []);
    cache.getRun(run(1));
    expect(chooseLogs(wanted, 40, cache, {}).allowance).toBe(0);
  });
});

describe('stores', () => {
  it('restores the newest cache by prefix and saves under a new key; failures are not fatal', async () => {
    const calls: unknown[][] = [];
    const api: ActionsCacheApi = {
      isFeatureAvailable: () => true,
      restoreCache: async (...args) => (calls.push(['restore', ...args]), 'audit-ci-v1-acme_widgets-100-1'),
      saveCache: async (...args) => (calls.push(['save', ...args]), 7),
    };
    const d = dir();
    const store = actionsCacheStore({ dir: d, prefix: 'audit-ci-v1-acme_widgets-', suffix: '101-1', api });
    expect(await store.restore()).toBe('audit-ci-v1-acme_widgets-100-1');
    expect(await store.save()).toBe('audit-ci-v1-acme_widgets-101-1');
    expect(calls).toEqual([
      ['restore', [d], 'audit-ci-v1-acme_widgets-101-1', ['audit-ci-v1-acme_widgets-']],
      ['save', [d], 'audit-ci-v1-acme_widgets-101-1'],
    ]);
    const logs: string[] = [];
    const broken = actionsCacheStore({
      dir: d,
      prefix: 'p-',
      suffix: '1',
      log: (m) => logs.push(m),
      api: {
        ...api,
        restoreCache: () => Promise.reject(new Error('Cache service responded with 503')),
        saveCache: () => Promise.reject(new Error('Unable to reserve cache')),
      },
    });
    expect(await broken.restore()).toBeNull();
    expect(await broken.save()).toBeNull();
    expect(logs.join('\n')).toMatch(/503[\s\S]*reserve/);
  });

  it('picks a store from the environment', () => {
    expect(defaultStore('acme/widgets', { AUDIT_CI_CACHE_DIR: 'off' })).toBeNull();
    expect(defaultStore('acme/widgets', { AUDIT_CI_CACHE_DIR: '/tmp/x' })?.kind).toBe('folder');
    expect(defaultStore('acme/widgets', { GITHUB_ACTIONS: 'true', RUNNER_TEMP: '/tmp/rt' })).toBeNull();
    const s = defaultStore('acme/widgets', {
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: '/tmp/rt',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      GITHUB_RUN_ID: '42',
    });
    expect(s).toMatchObject({ kind: 'actions-cache', dir: path.join('/tmp/rt', 'audit-ci-cache') });
  });
});

/** A client with the ETag hook over a fresh cache in a folder. */
function withEtags() {
  const cache = new RunCache(folderStore(dir()), 'acme/widgets', 'cfg');
  const client = createClient({
    token: 't0k',
    baseUrl: 'https://api.github.com',
    budget: 100,
    reserve: 0,
    retryBaseMs: 1,
  });
  installEtags(client.octokit, cache);
  return { cache, client };
}

describe('ETags', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.restore());

  it('sends If-None-Match, serves a 304 from the cache and does not count it as a request', async () => {
    const { cache, client } = withEtags();
    const body = {
      total_count: 1,
      workflows: [{ id: 1, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' }],
    };
    nock('https://api.github.com')
      .get('/repos/acme/widgets/actions/workflows')
      .reply(200, body, { etag: 'W/"abc"' })
      .get('/repos/acme/widgets/actions/workflows')
      .matchHeader('if-none-match', 'W/"abc"')
      .reply(304, '', { etag: 'W/"abc"' });
    const first = await client.octokit.request('GET /repos/{owner}/{repo}/actions/workflows', {
      owner: 'acme',
      repo: 'widgets',
    });
    const second = await client.octokit.request('GET /repos/{owner}/{repo}/actions/workflows', {
      owner: 'acme',
      repo: 'widgets',
    });
    expect(first.data).toEqual(body);
    expect(second.data).toEqual(body);
    expect(client.usage).toMatchObject({ requests: 1, notModified: 1 });
    expect(cache.stats.etagHits).toBe(1);
    expect(nock.isDone()).toBe(true);
  });

  it('reads the rules file with conditional requests: an unchanged folder and file cost nothing', async () => {
    const { client } = withEtags();
    const api = nock('https://api.github.com');
    const entry = (name: string, type: string) => ({ name, path: `.github/${name}`, type, sha: 'f'.repeat(40) });
    const listing = [entry('workflows', 'dir'), entry('audit-ci.yml', 'file')];
    const file = { type: 'file', encoding: 'base64', content: Buffer.from('maxLogs: 3\n').toString('base64') };
    api
      .get('/repos/acme/widgets/contents/.github')
      .reply(200, listing, { etag: 'W/"dir1"' })
      .get('/repos/acme/widgets/contents/.github%2Faudit-ci.yml')
      .reply(200, file, { etag: 'W/"file1"' });
    expect(await fetchConfigText(client, 'acme', 'widgets', '.github/audit-ci.yml', true)).toBe('maxLogs: 3\n');
    api
      .get('/repos/acme/widgets/contents/.github')
      .matchHeader('if-none-match', 'W/"dir1"')
      .reply(304, '', { etag: 'W/"dir1"' })
      .get('/repos/acme/widgets/contents/.github%2Faudit-ci.yml')
      .matchHeader('if-none-match', 'W/"file1"')
      .reply(304, '', { etag: 'W/"file1"' });
    expect(await fetchConfigText(client, 'acme', 'widgets', '.github/audit-ci.yml', true)).toBe('maxLogs: 3\n');
    expect(client.usage).toMatchObject({ requests: 2, notModified: 2 });
    // A folder without the file: no 404 to pay for, and the file is not asked for.
    api.get('/repos/acme/widgets/contents/.github').reply(200, [entry('workflows', 'dir')], { etag: 'W/"dir2"' });
    expect(await fetchConfigText(client, 'acme', 'widgets', '.github/audit-ci.yml', true)).toBeNull();
    api
      .get('/repos/acme/widgets/contents/.github')
      .matchHeader('if-none-match', 'W/"dir2"')
      .reply(304, '', { etag: 'W/"dir2"' });
    expect(await fetchConfigText(client, 'acme', 'widgets', '.github/audit-ci.yml', true)).toBeNull();
    expect(client.usage).toMatchObject({ requests: 3, notModified: 3 });
    // No folder at all, or a file at the top (its folder is the whole repository): the file itself.
    api.get('/repos/acme/widgets/contents/ci').reply(404, { message: 'Not Found' });
    expect(await fetchConfigText(client, 'acme', 'widgets', 'ci/audit.yml', true)).toBeNull();
    api.get('/repos/acme/widgets/contents/audit-ci.yml').reply(200, file);
    expect(await fetchConfigText(client, 'acme', 'widgets', 'audit-ci.yml', true)).toBe('maxLogs: 3\n');
    // A path written `./` or `/` first is the same repository path.
    api.get('/repos/acme/widgets/contents/audit-ci.yml').reply(200, file);
    expect(await fetchConfigText(client, 'acme', 'widgets', './audit-ci.yml', true)).toBe('maxLogs: 3\n');
    api.get('/repos/acme/widgets/contents/ci').reply(404, { message: 'Not Found' });
    expect(await fetchConfigText(client, 'acme', 'widgets', '/ci/audit.yml', true)).toBeNull();
    expect(nock.isDone()).toBe(true);
  });

  it('keys lists by path and query, whatever the host', () => {
    expect(urlKey('http://127.0.0.1:4567/repos/a/b/pulls?state=open')).toBe('/repos/a/b/pulls?state=open');
    expect(urlKey('https://ghe.example/api/v3/repos/a/b/pulls?state=open')).toBe('/repos/a/b/pulls?state=open');
  });

  it('only for reads that change rarely', () => {
    expect(isCacheableUrl('https://api.github.com/repos/a/b/actions/workflows?per_page=100')).toBe(true);
    expect(isCacheableUrl('https://api.github.com/repos/a/b/contents/.github')).toBe(true);
    // New runs shift every page of the run lists: a conditional request would never pay off.
    expect(isCacheableUrl('https://api.github.com/repos/a/b/actions/runs?per_page=100&page=1')).toBe(false);
    expect(isCacheableUrl('https://api.github.com/repos/a/b/actions/workflows/7/runs?page=2')).toBe(false);
    expect(isCacheableUrl('https://ghe.example/api/v3/repos/a/b/pulls?state=open')).toBe(true);
    expect(isCacheableUrl('https://api.github.com/repos/a/b/actions/jobs/1/logs')).toBe(false);
    expect(isCacheableUrl('https://api.github.com/repos/a/b/check-runs/1/annotations')).toBe(false);
  });
});
