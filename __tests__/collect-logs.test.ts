/** Job logs: the 302 to a signed URL, streaming into the real digester, byte and line counts. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Api, gapReason } from '../src/github/api.js';
import { createClient } from '../src/github/client.js';
import { RunCache } from '../src/cache/run-cache.js';
import { gate, readLog, readLogCached } from '../src/collect/logs.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import * as gh from './fixtures/collect/github.js';

const TOKEN = 'ghs_logsTestToken0000000000000000';
const P = `/repos/${gh.OWNER}/${gh.REPO}`;
const BLOB = 'https://productionresultssa1.blob.core.windows.net';

const LOG = [
  '\uFEFF2026-11-20T10:01:00.1234567Z ##[group]Run actions/checkout@v4',
  '2026-11-20T10:01:00.2000000Z with:',
  '2026-11-20T10:01:00.3000000Z   fetch-depth: 0',
  '2026-11-20T10:01:09.0000000Z ##[endgroup]',
  // The fetch command is the evidence of a full fetch; the `with:` echo above is not output.
  '2026-11-20T10:01:09.5000000Z [command]/usr/bin/git -c protocol.version=2 fetch --prune --no-recurse-submodules origin +refs/heads/*:refs/remotes/origin/* +refs/tags/*:refs/tags/*',
  '2026-11-20T10:01:10.0000000Z ##[warning]Node.js 16 actions are deprecated.',
  '2026-11-20T10:02:00.0000000Z ##[error]Process completed with exit code 1.',
].join('\r\n');

const config = (maxBytes = DEFAULT_CONFIG.logs.maxBytes): Config => ({
  ...DEFAULT_CONFIG,
  logs: { ...DEFAULT_CONFIG.logs, maxBytes },
});

function api(baseUrl = gh.API) {
  return new Api(createClient({ token: TOKEN, baseUrl, budget: 900, reserve: 25, retryBaseMs: 1 }), gh.OWNER, gh.REPO);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('readLog', () => {
  it('follows the 302 without the token and digests the log', async () => {
    nock(gh.API)
      .get(`${P}/actions/jobs/55/logs`)
      .reply(302, '', { ...gh.rateHeaders(), location: `${BLOB}/logs/55.txt?sv=2021-08-06&sig=s1gn` });
    const blob = nock(BLOB, { badheaders: ['authorization'] })
      .get('/logs/55.txt')
      .query(true)
      .reply(200, LOG);
    const a = api();
    const d = await readLog(a, 55, config());
    expect(blob.isDone()).toBe(true);
    expect(d).toMatchObject({ jobId: 55, bytes: Buffer.byteLength(LOG), lines: 7, truncated: false });
    expect(d.sections[0]).toMatchObject({
      name: 'Run actions/checkout@v4',
      startedAt: expect.stringMatching(/^2026-11-20T10:01:00\.123/),
    });
    expect(d.matches.map((m) => m.key)).toEqual(expect.arrayContaining(['fullHistoryFetch', 'warning', 'error']));
    // The signed URL is not an API request.
    expect(a.client.usage.requests).toBe(1);
  });

  it('reads a log answered directly (no redirect)', async () => {
    nock(gh.API).get(`${P}/actions/jobs/56/logs`).reply(200, LOG, { 'content-type': 'text/plain' });
    const d = await readLog(api(), 56, config());
    expect(d).toMatchObject({ jobId: 56, lines: 7, bytes: Buffer.byteLength(LOG) });
  });

  it('stops digesting past maxBytes but counts every byte and line', async () => {
    const big = Array.from({ length: 2000 }, (_, i) => `2026-11-20T10:01:00.0000000Z line ${i} ##[error]boom`).join(
      '\n',
    );
    nock(gh.API)
      .get(`${P}/actions/jobs/57/logs`)
      .reply(302, '', { location: `${BLOB}/57` });
    nock(BLOB).get('/57').reply(200, big);
    const d = await readLog(api(), 57, config(1000));
    expect(d.bytes).toBe(Buffer.byteLength(big));
    expect(d.lines).toBe(2000);
    expect(d.truncated).toBe(true);
    expect(d.matchCounts.error ?? 0).toBeLessThan(30);
  });

  it('cuts an overlong line instead of buffering it', async () => {
    const text = `${'x'.repeat(200_000)}\n2026-11-20T10:01:00.0000000Z ##[error]after`;
    nock(gh.API)
      .get(`${P}/actions/jobs/58/logs`)
      .reply(302, '', { location: `${BLOB}/58` });
    nock(BLOB).get('/58').reply(200, text);
    const d = await readLog(api(), 58, config());
    expect(d.lines).toBe(2);
    expect(d.bytes).toBe(Buffer.byteLength(text));
    expect(d.matchCounts.error).toBe(1);
  });

  it('reports an expired log (410) and a missing blob (404) as gap reasons', async () => {
    nock(gh.API)
      .get(`${P}/actions/jobs/59/logs`)
      .reply(410, { message: 'Gone', documentation_url: 'https://docs.github.com/rest' })
      .get(`${P}/actions/jobs/60/logs`)
      .reply(302, '', { location: `${BLOB}/60` });
    nock(BLOB).get('/60').reply(404, '<Error><Code>BlobNotFound</Code></Error>');
    const a = api();
    const e410 = await readLog(a, 59, config()).catch((e: unknown) => e);
    const e404 = await readLog(a, 60, config()).catch((e: unknown) => e);
    expect(gapReason(e410, a.client.redact)).toBe('410 Gone (expired)');
    expect(gapReason(e404, a.client.redact)).toBe('404 Not Found');
  });
});

describe('readLog against a real HTTP server on 127.0.0.1', () => {
  const BODY = '2026-11-20T10:01:00.0000000Z caf\u00e9 one\n2026-11-20T10:01:01.0000000Z two\n';
  let server: http.Server;
  let base = '';
  const seen: { url: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      if (req.url?.endsWith('/logs')) {
        res.writeHead(302, { location: `${base}/blob/77?sig=abc` });
        res.end();
        return;
      }
      // Chunks split a line and a multi-byte character (bytes 32-33) on purpose.
      const bytes = Buffer.from(BODY);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(bytes.subarray(0, 33));
      setTimeout(() => {
        res.write(bytes.subarray(33, 50));
        setTimeout(() => res.end(bytes.subarray(50)), 5);
      }, 5);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    nock.disableNetConnect();
  });

  it('streams chunked bodies line by line, sending the token only to the API', async () => {
    const cfg = config();
    cfg.logs = { ...cfg.logs, patterns: { cafe: ['caf\u00e9 one'] } };
    const a = api(base);
    // The signed URL is read with the client's proxy-aware fetch, not the global one.
    const defaults = a.client.octokit.request.endpoint.DEFAULTS as { request?: { fetch?: unknown } };
    expect(defaults.request?.fetch).toEqual(expect.any(Function));
    expect(defaults.request?.fetch).not.toBe(globalThis.fetch);
    const d = await readLog(a, 77, cfg);
    expect(d.matches.map((m) => m.line)).toEqual(['caf\u00e9 one']);
    expect(d).toMatchObject({
      jobId: 77,
      lines: 2,
      bytes: Buffer.byteLength(BODY),
      firstAt: '2026-11-20T10:01:00.000Z',
    });
    expect(seen.map((s) => s.url)).toEqual([`${P}/actions/jobs/77/logs`, '/blob/77?sig=abc']);
    expect(seen[0]!.auth).toBe(`token ${TOKEN}`);
    expect(seen[1]!.auth).toBeUndefined();
  });
});

describe('readLog with a digest gate', () => {
  let server: http.Server;
  let base = '';
  const seen: string[] = [];
  let releaseFirst: () => void = () => undefined;

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server = http.createServer((req, res) => {
      const url = req.url ?? '';
      seen.push(url);
      const job = /jobs\/(\d+)\/logs$/.exec(url)?.[1];
      if (job) {
        res.writeHead(302, { location: `${base}/blob/${job}?sig=abc` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      if (url.startsWith('/blob/81')) {
        // The first log streams until the test lets it end: its digest holds the only slot.
        res.write('2026-11-20T10:01:00.0000000Z first one\n');
        releaseFirst = () => res.end('2026-11-20T10:01:01.0000000Z first two\n');
      } else res.end('2026-11-20T10:02:00.0000000Z second\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    nock.disableNetConnect();
  });

  it('opens the next storage URL while the slot is busy, but digests one log at a time', async () => {
    const a = api(base);
    const slot = gate(1);
    const done: number[] = [];
    const first = readLog(a, 81, config(), slot).then((d) => (done.push(81), d));
    const second = readLog(a, 82, config(), slot).then((d) => (done.push(82), d));
    // The second log's storage URL is asked for while the first still streams in the only slot.
    for (let i = 0; i < 200 && !seen.includes('/blob/82?sig=abc'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toContain('/blob/82?sig=abc');
    // The trap: its digest must not start (nor finish) before the first one's ends.
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toEqual([]);
    releaseFirst();
    const [d1, d2] = await Promise.all([first, second]);
    expect(done).toEqual([81, 82]);
    expect(d1).toMatchObject({ jobId: 81, lines: 2 });
    expect(d2).toMatchObject({ jobId: 82, lines: 1, firstAt: '2026-11-20T10:02:00.000Z' });
  });
});

describe('readLogCached', () => {
  it('remembers a log the API answers 404 or 410 for, not a storage failure or a 5xx', async () => {
    const cache = new RunCache(null, 'acme/widgets', 'cfg');
    nock(gh.API).get(`${P}/actions/jobs/1/logs`).reply(410, { message: 'Gone' }, gh.rateHeaders());
    nock(gh.API).get(`${P}/actions/jobs/2/logs`).reply(404, { message: 'Not Found' }, gh.rateHeaders());
    nock(gh.API)
      .get(`${P}/actions/jobs/3/logs`)
      .reply(302, '', { ...gh.rateHeaders(), location: `${BLOB}/logs/3.txt?sig=old` });
    nock(BLOB).get('/logs/3.txt').query(true).reply(410, 'expired signature');
    nock(gh.API).get(`${P}/actions/jobs/4/logs`).times(10).reply(502, 'Bad Gateway', gh.rateHeaders());
    const a = api();
    for (const id of [1, 2, 3, 4]) {
      await expect(readLogCached(a, id, config(), cache)).rejects.toMatchObject({});
    }
    expect(cache.getGone(1)).toBe('410 Gone (expired)');
    expect(cache.getGone(2)).toBe('404 Not Found');
    // The signed URL may have expired while we waited; a 5xx may pass: both are asked again.
    expect(cache.getGone(3)).toBeNull();
    expect(cache.getGone(4)).toBeNull();
  });
});

describe('gate', () => {
  it('runs at most its limit at once, the others in the order they came, and frees a slot on failure', async () => {
    const g = gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (n: number, fail = false) =>
      g.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        await new Promise<void>((r) => releases.push(r));
        running--;
        if (fail) throw new Error(`task ${n}`);
        return n;
      });
    const all = [task(1, true), task(2), task(3), task(4)].map((p) => p.catch((e: Error) => e.message));
    for (let k = 0; k < 4; k++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    expect(await Promise.all(all)).toEqual(['task 1', 2, 3, 4]);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
