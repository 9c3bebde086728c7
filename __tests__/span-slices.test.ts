/**
 * A span window's runs listing in fixed date slices (collect/slices.ts), against a nock
 * server that lists runs as GitHub does: `created=A..B` (both ends included), newest first,
 * pages of 100, at most 1,000 runs to a filtered query (`total_count` as counted), a weak ETag
 * of the body and 304 Not Modified to a matching If-None-Match.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import nock from 'nock';
import { MAX_ETAGS, RunCache, evict } from '../src/cache/run-cache.js';
import { shrinkListing } from '../src/cache/open.js';
import { folderStore } from '../src/cache/store.js';
import { Api } from '../src/github/api.js';
import { createClient } from '../src/github/client.js';
import { installEtags, isSliceUrl } from '../src/github/etag-cache.js';
import { fetchRuns } from '../src/collect/runs.js';
import { createdRange, daySlices, halves } from '../src/collect/slices.js';
import * as gh from './fixtures/collect/github.js';

const P = `/repos/${gh.OWNER}/${gh.REPO}`;
const NOW = new Date('2026-11-24T12:00:00Z');
const WEEK = { kind: 'span' as const, ms: 7 * 86_400_000, raw: '7d' };
type GhRunFixture = ReturnType<typeof gh.run>;

/** The runs GitHub holds, and the queries it was asked (with their statuses). */
function github(list: GhRunFixture[]) {
  const asked: { created: string; page: number; status: number }[] = [];
  const inRange = (created: string, at: string) => {
    const [a, b] = created.split('..');
    const t = Date.parse(at);
    return t >= Date.parse(a!) && t <= Date.parse(b!);
  };
  nock(gh.API)
    .persist()
    .get(`${P}/actions/runs`)
    .query(true)
    // nock 15 hands a reply function the request (a fetch Request).
    .reply(((req: Request) => {
      const q = new URL(req.url).searchParams;
      const created = q.get('created') ?? '';
      const page = Number(q.get('page') ?? 1);
      const matching = list
        .filter((r) => r.status === 'completed' && inRange(created, r.created_at))
        .sort((x, y) => Date.parse(y.created_at) - Date.parse(x.created_at) || y.id - x.id)
        .slice(0, 1000);
      const body = gh.runs(matching.slice((page - 1) * 100, page * 100), matching.length);
      const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
      const status = req.headers.get('if-none-match') === etag ? 304 : 200;
      asked.push({ created, page, status });
      return status === 304 ? [304, '', { etag }] : [200, body, { ...gh.rateHeaders(), etag }];
    }) as unknown as () => [number, unknown]);
  return { asked, list };
}

/** A client over the run cache in `dir`, its ETag hook installed as the action installs it. */
function audit(dir: string | null, budget = 900) {
  const client = createClient({ token: 'ghs_x', baseUrl: gh.API, budget, reserve: 0, retryBaseMs: 1 });
  const cache = dir ? new RunCache(folderStore(dir), `${gh.OWNER}/${gh.REPO}`, 'cfg', NOW) : null;
  if (cache) installEtags(client.octokit, cache, shrinkListing);
  const api = new Api(client, gh.OWNER, gh.REPO);
  const list = () => fetchRuns(api, { window: WEEK, now: NOW, workflows: null, branches: [] });
  return { client, cache, list };
}

/** `n` runs from `from` back, `gapSec` seconds apart, ids counting down from `top`. */
const spaced = (top: number, n: number, from: number, gapSec: number) =>
  Array.from({ length: n }, (_, i) =>
    gh.run(top - i, { createdAt: new Date(from - i * gapSec * 1000).toISOString().replace('.000', '') }),
  );

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('date slices', () => {
  it('are whole UTC days from the window start to now, newest first, the same whatever the hour', () => {
    const start = NOW.getTime() - WEEK.ms;
    const days = daySlices(start, NOW.getTime()).map(createdRange);
    expect(days).toHaveLength(8);
    expect(days[0]).toBe('2026-11-24T00:00:00Z..2026-11-24T23:59:59Z');
    expect(days.at(-1)).toBe('2026-11-17T00:00:00Z..2026-11-17T23:59:59Z');
    // An hour later, the same days: their pages can answer 304.
    expect(daySlices(start + 3_600_000, NOW.getTime() + 3_600_000).map(createdRange)).toEqual(days);
    // A window starting exactly at midnight does not list the day before.
    expect(daySlices(Date.parse('2026-11-17T00:00:00Z'), NOW.getTime())).toHaveLength(8);
    expect(daySlices(Date.parse('2026-11-17T00:00:01Z'), Date.parse('2026-11-17T00:00:02Z'))).toHaveLength(1);
  });

  it('halve on whole seconds, newer half first, with nothing lost or doubled, down to one second', () => {
    const day = daySlices(NOW.getTime(), NOW.getTime())[0]!;
    const [newer, older] = halves(day)!;
    expect(createdRange(newer)).toBe('2026-11-24T12:00:00Z..2026-11-24T23:59:59Z');
    expect(createdRange(older)).toBe('2026-11-24T00:00:00Z..2026-11-24T11:59:59Z');
    let s = day;
    let steps = 0;
    for (let h = halves(s); h; h = halves(s)) {
      expect(h[1].from).toBe(s.from);
      expect(h[0].to).toBe(s.to);
      expect(h[0].from).toBe(h[1].to + 1000);
      s = h[1];
      steps++;
    }
    expect(s.from).toBe(s.to);
    expect(steps).toBeLessThanOrEqual(17);
  });

  it('only fixed date ranges of a run list are slice pages (kept with their ETags)', () => {
    const url = (q: string) => `https://api.github.com/repos/a/b/actions/runs?${q}`;
    expect(isSliceUrl(url('created=2026-11-24T00:00:00Z..2026-11-24T23:59:59Z&page=2'))).toBe(true);
    expect(
      isSliceUrl(
        'https://api.github.com/repos/a/b/actions/workflows/7/runs?created=2026-11-24T00%3A00%3A00Z..2026-11-24T23%3A59%3A59Z',
      ),
    ).toBe(true);
    // A moving bound (a count window's next slice) never answers the same twice.
    expect(isSliceUrl(url('created=%3C%3D2026-11-24T00:00:00Z'))).toBe(false);
    expect(isSliceUrl(url('created=%3E%3D2026-11-17T12:00:00Z'))).toBe(false);
    expect(isSliceUrl(url('status=completed'))).toBe(false);
    expect(
      isSliceUrl('https://api.github.com/repos/a/b/pulls?created=2026-11-24T00:00:00Z..2026-11-24T23:59:59Z'),
    ).toBe(false);
  });
});

describe('a span window listed in date slices', () => {
  it('lists every run of the window, a page per 100 runs of each day, and keeps only the window', async () => {
    // 1,500 runs a minute apart back from NOW (11-24 12:00): 720 on 11-24, 780 on 11-23; and
    // on the window's first day (listed whole) one run before its start and one after.
    const before = gh.run(10, { createdAt: '2026-11-17T06:00:00Z' });
    const inWindow = gh.run(11, { createdAt: '2026-11-17T18:00:00Z' });
    const all = [...spaced(5000, 1500, NOW.getTime() - 60_000, 60), before, inWindow];
    const srv = github(all);
    const { list, client } = audit(null);
    const res = await list();
    expect(res.stopped).toBeNull();
    expect(res.capped).toBe(false);
    expect(res.runs).toHaveLength(1501);
    expect(new Set(res.runs.map((r) => r.id)).size).toBe(1501);
    expect(res.runs.map((r) => r.id)).not.toContain(10);
    expect(res.runs.at(-1)!.id).toBe(11);
    // 11-24: 8 pages, 11-23: 8 pages, five empty days and 11-17: one page each.
    expect(srv.asked.filter((a) => a.created.startsWith('2026-11-24T')).map((a) => a.page)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(srv.asked).toHaveLength(8 + 8 + 6);
    expect(client.usage.requests).toBe(22);
  });

  it('halves a day holding 1,000 runs or more until each part is under the cap', async () => {
    // 2,400 runs on 11-23, 36 s apart from 23:59:24 back: no filtered query lists them at once.
    const srv = github(spaced(9000, 2400, Date.parse('2026-11-23T23:59:24Z'), 36));
    const { list } = audit(null);
    const res = await list();
    expect(res.capped).toBe(false);
    expect(res.runs).toHaveLength(2400);
    expect(new Set(res.runs.map((r) => r.id)).size).toBe(2400);
    const day = srv.asked.filter((a) => a.created === '2026-11-23T00:00:00Z..2026-11-23T23:59:59Z');
    // The day's first page says 1,000: it is split before any other page is read.
    expect(day.map((a) => a.page)).toEqual([1]);
    expect(srv.asked.map((a) => a.created)).toContain('2026-11-23T12:00:00Z..2026-11-23T17:59:59Z');
  });

  it('says so when one second holds more runs than GitHub lists, and keeps what it listed', async () => {
    const same = Array.from({ length: 1200 }, (_, i) => gh.run(20_000 - i, { createdAt: '2026-11-22T08:00:00Z' }));
    github(same);
    const res = await audit(null).list();
    expect(res.capped).toBe(true);
    expect(res.runs).toHaveLength(1000);
  });

  it('on the next audit, unchanged slices answer 304 and their runs come from the cache; a re-run is read again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-ci-slices-'));
    const list = spaced(7000, 1200, NOW.getTime() - 60_000, 400);
    const srv = github(list);
    const first = audit(dir);
    const cold = await first.list();
    await first.cache!.save({
      runs: [{} as never],
      window: { from: new Date(NOW.getTime() - WEEK.ms).toISOString() } as never,
    });
    const paid = first.client.usage.requests;
    expect(paid).toBeGreaterThan(8);
    srv.asked.length = 0;

    const second = audit(dir);
    await second.cache!.load();
    const warm = await second.list();
    expect(warm.runs).toEqual(cold.runs);
    expect(srv.asked.every((a) => a.status === 304)).toBe(true);
    expect(second.client.usage).toMatchObject({ requests: 0, notModified: paid });
    await second.cache!.save({
      runs: [{} as never],
      window: { from: new Date(NOW.getTime() - WEEK.ms).toISOString() } as never,
    });
    srv.asked.length = 0;

    // A run of 11-20 is re-run: its day's pages change, and only those are paid for.
    const old = list.find((r) => r.created_at.startsWith('2026-11-20'))!;
    Object.assign(old, { run_attempt: 2, updated_at: '2026-11-24T11:00:00Z' });
    const third = audit(dir);
    await third.cache!.load();
    const again = await third.list();
    const rerun = again.runs.find((r) => r.id === old.id)!;
    expect([rerun.run_attempt, rerun.updated_at]).toEqual([2, '2026-11-24T11:00:00Z']);
    const paidFor = srv.asked.filter((a) => a.status === 200).map((a) => a.created);
    expect(new Set(paidFor)).toEqual(new Set(['2026-11-20T00:00:00Z..2026-11-20T23:59:59Z']));
    expect(third.client.usage.requests).toBe(paidFor.length);
    expect(again.runs.filter((r) => r.id !== old.id)).toEqual(cold.runs.filter((r) => r.id !== old.id));
  });

  it('a listing the budget cuts says it stopped: it never passes for the whole window', async () => {
    github(spaced(7000, 1200, NOW.getTime() - 60_000, 400));
    const res = await audit(null, 5).list();
    expect(res.stopped).not.toBeNull();
    expect(res.runs.length).toBeGreaterThan(0);
    expect(res.runs.length).toBeLessThan(1200);
    // What it kept is the newest part: a cut window loses its oldest days, not random ones.
    expect(res.runs[0]!.id).toBe(7000);
  });
});

describe('slice pages in the run cache', () => {
  it('are kept while the last audit asked for them, outside the cap on other lists', () => {
    const slice = (day: number, page: number) => {
      const d = String(day).padStart(2, '0');
      return `/repos/a/b/actions/runs?created=2026-11-${d}T00%3A00%3A00Z..2026-11-${d}T23%3A59%3A59Z&page=${page}`;
    };
    const entry = (usedAt: string) => ({ etag: 'W/"x"', data: { total_count: 0, workflow_runs: [] }, usedAt });
    const etags: Record<string, ReturnType<typeof entry>> = {};
    // 300 pages of this audit's window, 5 of a day it no longer lists, and more other lists than the cap.
    for (let d = 10; d < 25; d++) for (let p = 1; p <= 20; p++) etags[slice(d, p)] = entry('2026-11-24T12:00:00.000Z');
    for (let p = 1; p <= 5; p++) etags[slice(9, p)] = entry('2026-11-23T12:00:00.000Z');
    for (let i = 0; i < MAX_ETAGS + 10; i++) etags[`/repos/a/b/contents/f${i}`] = entry('2026-11-20T00:00:00.000Z');
    const data = { version: 2, repository: 'a/b', runs: {}, logs: {}, etags };
    evict(data, { runs: [], window: { from: '2026-11-17T12:00:00Z' } } as never);
    const keys = Object.keys(data.etags);
    expect(keys.filter((k) => k.includes('created=2026-11-09'))).toEqual([]);
    expect(keys.filter((k) => k.includes('/actions/runs'))).toHaveLength(300);
    expect(keys.filter((k) => k.includes('/contents/'))).toHaveLength(MAX_ETAGS);
  });

  it('hold each run as its compact record, not as GitHub lists it', () => {
    const run = {
      ...gh.run(1, { createdAt: '2026-11-24T01:00:00Z' }),
      repository: { full_name: 'a/b', extra: 'x'.repeat(5000) },
    };
    const key = '/repos/a/b/actions/runs?created=2026-11-24T00%3A00%3A00Z..2026-11-24T23%3A59%3A59Z&page=1';
    const kept = shrinkListing(key, { total_count: 1, workflow_runs: [run] }) as { workflow_runs: unknown[] };
    expect(JSON.stringify(kept).length).toBeLessThan(1500);
    expect(kept.workflow_runs[0]).toMatchObject({
      id: 1,
      created_at: '2026-11-24T01:00:00Z',
      repository: { full_name: 'a/b' },
    });
    // Other lists are kept as they came.
    const other = { workflows: [{ id: 1 }] };
    expect(shrinkListing('/repos/a/b/actions/workflows', other)).toBe(other);
  });
});
