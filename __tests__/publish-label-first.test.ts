/**
 * A first audit writes its label before the rules run, so the rules and the rendering take up
 * the second the write limiter keeps before the issue's create; an audit that found a tracking
 * issue (open or closed: the label exists) writes no label, and a dry run writes nothing. The
 * second audit of this file waits ~3 s for its create: plugin-throttling spaces requests that
 * notify (an issue's create) 3 s apart across the process, as GitHub asks.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import nock from 'nock';
import { audit, type Logger } from '../src/audit.js';
import { createClient, type WriteLimiter } from '../src/github/client.js';
import { readSettings } from '../src/inputs.js';
import type { History } from '../src/types.js';
import { TRACKING_MARKER } from '../src/tracking/state.js';

const API = 'https://api.github.com';
const TOKEN = 'ghs_labelFirstTest00000000000000000000';
const FIX = path.join(process.cwd(), '__tests__/fixtures/publish');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(FIX, name), 'utf8')) as Record<string, unknown>;
const example = (): History =>
  JSON.parse(readFileSync(new URL('../examples/history.json', import.meta.url), 'utf8')) as History;

/** What happened, in order: the audit's log lines and the requests the API answered. */
let events: string[] = [];
const logger: Logger = {
  info: (m) => void events.push(m),
  warn: (m) => void events.push(`warning: ${m}`),
  debug: () => undefined,
  group: (_n, fn) => fn(),
};

/** Runs writes at once (the spacing itself is the client's, tested in collect-client) and counts them. */
const writes: string[] = [];
const limiter: WriteLimiter = {
  schedule: <R>(fn: () => Promise<R>) => (writes.push('write'), fn()),
};

const raw = (number: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...fixture('issue.json'),
  id: number * 1000,
  node_id: `I_kwDOlabel${number}`,
  number,
  html_url: `https://github.com/octo/app/issues/${number}`,
  body: `# CI audit\n\n${TRACKING_MARKER}\n`,
  created_at: '2026-11-20T06:00:00Z',
  ...over,
});

async function replay(history: History, issue: boolean) {
  const [owner, repo] = history.repository.split('/') as [string, string];
  const given: Record<string, string> = {
    token: TOKEN,
    repository: history.repository,
    window: history.window.requested,
    issue: String(issue),
  };
  const client = createClient({
    token: TOKEN,
    baseUrl: API,
    budget: 900,
    reserve: 25,
    writeLimiter: limiter,
    retryBaseMs: 1,
    retryAfterUnitMs: 1,
    log: (m) => void events.push(`client: ${m}`),
  });
  const result = await audit({
    settings: readSettings((n) => given[n] ?? '', {}),
    client,
    history,
    configText: null,
    serverUrl: history.serverUrl,
    now: new Date(history.collectedAt),
    log: logger,
  });
  return { result, repoPath: `/repos/${owner}/${repo}` };
}

function serve(repoPath: string, found: Record<string, unknown>[]) {
  nock(API)
    .get(`${repoPath}/issues`)
    .query((q) => q.state === 'all')
    .reply(200, () => (events.push('list tracking issues'), found));
  nock(API)
    .post(`${repoPath}/labels`)
    .reply(201, () => (events.push('create label'), fixture('label.json')));
  nock(API)
    .post(`${repoPath}/issues`)
    .reply(201, () => (events.push('create issue'), raw(40)));
  nock(API)
    .get(`${repoPath}/issues`)
    .query((q) => q.state === 'open')
    .reply(200, () => [raw(40)]);
  nock(API)
    .post('/graphql')
    .reply(200, () => (events.push('pin'), fixture('pin-ok.graphql.json')));
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  events = [];
  writes.length = 0;
});
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('a first audit writes its label before its rules run', () => {
  it('no tracking issue: label, then the rules, then the issue and its pin, each a paced write', async () => {
    const history = example();
    const [owner, repo] = history.repository.split('/');
    serve(`/repos/${owner}/${repo}`, []);
    const { result } = await replay(history, true);
    expect(result.issue).toMatchObject({ number: 40, action: 'created' });
    const at = (e: string | RegExp) => events.findIndex((x) => (typeof e === 'string' ? x === e : e.test(x)));
    expect(at('create label')).toBeGreaterThan(at('list tracking issues'));
    // The label is answered before the rules start, the issue created after they end.
    expect(at('create label')).toBeLessThan(at(/^Rules found/));
    expect(at('create issue')).toBeGreaterThan(at(/^Rules found/));
    expect(at('pin')).toBeGreaterThan(at('create issue'));
    // Three writes, every one through the write limiter, the label once.
    expect(writes).toHaveLength(3);
    expect(events.filter((e) => e === 'create label')).toHaveLength(1);
  });

  it('a closed tracking issue was found by its label: no label write (the trap: a 422 costing a second)', async () => {
    const history = example();
    const [owner, repo] = history.repository.split('/');
    serve(`/repos/${owner}/${repo}`, [raw(7, { state: 'closed', closed_at: '2026-11-21T00:00:00Z' })]);
    const { result } = await replay(history, true);
    expect(result.issue).toMatchObject({ number: 40, action: 'created' });
    expect(events).not.toContain('create label');
    expect(events).toContain('create issue');
    expect(writes).toHaveLength(2);
  });

  it('a dry run writes no label (nor anything else)', async () => {
    const history = example();
    const [owner, repo] = history.repository.split('/');
    serve(`/repos/${owner}/${repo}`, []);
    const { result } = await replay(history, false);
    expect(result.issue).toBeNull();
    expect(events.filter((e) => !/^[A-Z]/.test(e) && !e.startsWith('warning'))).toEqual([]);
    expect(writes).toHaveLength(0);
  });
});
