import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getOctokit } from '@actions/github';
import nock from 'nock';
import { createClient, type AuditClient } from '../src/github/client.js';
import { muteCheckbox } from '../src/tracking/mutes.js';
import { encodeState, VOLATILE_MARK, type AuditState } from '../src/tracking/state.js';
import { BodyTooLongError, SHORTENED_NOTE } from '../src/tracking/body.js';
import { findTrackingIssues } from '../src/tracking/find.js';
import { publishIssue, TRACKING_MARKER, type FoundIssues, type TrackingIssue } from '../src/tracking/write.js';
import { EMPTY_NOTES, withNotes } from '../src/tracking/notes.js';

const FIX = path.join(process.cwd(), '__tests__/fixtures/publish');
const fixture = <T = Record<string, unknown>>(name: string): T =>
  JSON.parse(readFileSync(path.join(FIX, name), 'utf8')) as T;

const API = 'https://api.github.com';
const REPO = '/repos/octo/app';
const settings = { owner: 'octo', repo: 'app', issueLabel: 'ci-audit', issueTitle: 'CI audit', pinIssue: true };

const client = (): AuditClient => ({
  octokit: getOctokit('t0ken', {}),
  usage: { requests: 0, graphqlPoints: 0, notModified: 0 },
  canCollect: () => true,
  setBudget: () => undefined,
  limitCollection: () => undefined,
  collectLimit: null,
  redact: (t) => t,
  reserve: 25,
});

const state = (at: string): AuditState => ({ v: 1, at, findings: {} });
/** A rendered body: one volatile line, a mute box, the state marker at the end. */
const render = (findings: string, at = '2026-11-24T06:00:00Z'): string =>
  `# CI audit\n\nAudited at ${at} ${VOLATILE_MARK}\n\n${findings}\n${muteCheckbox('slow-0123456789ab', false)}\n\n${encodeState(state(at))}\n`;

/** GitHub's issue object with our fields. */
const rawIssue = (number: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...fixture('issue.json'),
  id: number * 1000,
  node_id: `I_kwDOtest${number}`,
  number,
  url: `${API}${REPO}/issues/${number}`,
  html_url: `https://github.com/octo/app/issues/${number}`,
  body: render('- slow job'),
  created_at: `2026-11-${String(number).padStart(2, '0')}T06:00:00Z`,
  ...over,
});

const tracking = (number: number, over: Partial<TrackingIssue> = {}): TrackingIssue => ({
  number,
  url: `https://github.com/octo/app/issues/${number}`,
  title: 'CI audit',
  body: render('- slow job', '2026-11-23T06:00:00Z'),
  state: 'open',
  createdAt: '2026-11-01T06:00:00Z',
  nodeId: `I_kwDOtest${number}`,
  ...over,
});

const none: FoundIssues = { open: null, duplicates: [], lastClosed: null };
const listQuery = (state: string, page = 1) => ({
  labels: 'ci-audit',
  state,
  sort: 'created',
  direction: 'desc',
  per_page: '100',
  page: String(page),
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => nock.restore());

describe('findTrackingIssues', () => {
  it('keeps the oldest open tracking issue, lists the others as duplicates, ignores look-alikes', async () => {
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('all'))
      .reply(200, [
        rawIssue(9),
        rawIssue(8, { body: 'A human issue with the same label' }),
        rawIssue(7, { pull_request: { url: 'x', html_url: 'y' } }),
        rawIssue(5, { body: `old format ${TRACKING_MARKER}` }),
        rawIssue(3, { state: 'closed', closed_at: '2026-11-04T00:00:00Z' }),
      ]);
    const found = await findTrackingIssues(client(), settings);
    expect(found.open).toMatchObject({ number: 5, url: 'https://github.com/octo/app/issues/5', nodeId: 'I_kwDOtest5' });
    expect(found.duplicates.map((i) => i.number)).toEqual([9]);
    expect(found.lastClosed).toBeNull();
  });

  it('when none is open, returns the most recently closed one (a human closed it)', async () => {
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('all'))
      .reply(200, [
        rawIssue(6, { state: 'closed', closed_at: '2026-11-07T00:00:00Z' }),
        rawIssue(4, { state: 'closed', closed_at: '2026-11-20T00:00:00Z' }),
      ]);
    const found = await findTrackingIssues(client(), settings);
    expect(found.open).toBeNull();
    expect(found.lastClosed?.number).toBe(4);
  });

  it('a repository with issues turned off (410) gets a message saying so', async () => {
    nock(API).get(`${REPO}/issues`).query(listQuery('all')).reply(410, {
      message: 'Issues are disabled for this repo',
      documentation_url: 'https://docs.github.com/rest/issues/issues#list-repository-issues',
      status: '410',
    });
    const err = await findTrackingIssues(client(), settings).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/Could not list the tracking issues: Issues are disabled.*turn them on/);
  });

  it('reads a second page when the first is full', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => rawIssue(200 - i, { body: 'human' }));
    nock(API).get(`${REPO}/issues`).query(listQuery('all')).reply(200, page1);
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('all', 2))
      .reply(200, [rawIssue(12)]);
    expect((await findTrackingIssues(client(), settings)).open?.number).toBe(12);
  });
});

describe('publishIssue', () => {
  it('first audit: creates the label and the issue, checks for a concurrent one, pins it', async () => {
    let sent: Record<string, unknown> = {};
    const created = rawIssue(21, { body: render('- slow job') });
    nock(API)
      .post(`${REPO}/labels`, { name: 'ci-audit', color: '5319e7', description: /audit-ci/ })
      .reply(201, fixture('label.json'));
    nock(API)
      .post(`${REPO}/issues`, (b: Record<string, unknown>) => ((sent = b), true))
      .reply(201, created);
    nock(API).get(`${REPO}/issues`).query(listQuery('open')).reply(200, [created]);
    nock(API)
      .post(
        '/graphql',
        (b: { query: string; variables: { id: string } }) =>
          /pinIssue/.test(b.query) && b.variables.id === 'I_kwDOtest21',
      )
      .reply(200, fixture('pin-ok.graphql.json'));
    const res = await publishIssue(client(), settings, none, render('- slow job'), jest.fn());
    expect(res).toEqual({ number: 21, url: 'https://github.com/octo/app/issues/21', action: 'created' });
    expect(sent).toMatchObject({ title: 'CI audit', labels: ['ci-audit'] });
    expect(sent.body).toContain(TRACKING_MARKER);
  });

  it('an existing label (422 already_exists) and a failed pin are not fatal', async () => {
    const log = jest.fn();
    const created = rawIssue(22);
    nock(API).post(`${REPO}/labels`).reply(422, fixture('label-exists.422.json'));
    nock(API).post(`${REPO}/issues`).reply(201, created);
    nock(API).get(`${REPO}/issues`).query(listQuery('open')).reply(200, [created]);
    nock(API).post('/graphql').reply(200, fixture('pin-limit.graphql.json'));
    const res = await publishIssue(client(), settings, none, render('- x'), log);
    expect(res.action).toBe('created');
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/could not pin issue #22.*only pin up to 3/);
  });

  it('a human closed the last one: a fresh issue is created (no pin when pin-issue is false)', async () => {
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('all'))
      .reply(200, [rawIssue(4, { state: 'closed', closed_at: '2026-11-20T00:00:00Z' })]);
    const found = await findTrackingIssues(client(), settings);
    // The closed issue was found by its label, so the label exists: no createLabel (a 422) first;
    // one would meet no interceptor and be logged as a label that could not be created.
    const log = jest.fn();
    nock(API)
      .post(`${REPO}/issues`, (b: { body: string }) => b.body.includes('issues/4'))
      .reply(201, rawIssue(30));
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('open'))
      .reply(200, [rawIssue(30)]);
    const body = render(`Previous report: ${found.lastClosed!.url}`);
    const res = await publishIssue(client(), { ...settings, pinIssue: false }, found, body, log);
    expect(res).toMatchObject({ number: 30, action: 'created' });
    expect(log).not.toHaveBeenCalled();
  });

  it('labelled: the label written before (labelFirst) is not written again', async () => {
    const created = rawIssue(23);
    const log = jest.fn();
    nock(API).post(`${REPO}/issues`).reply(201, created);
    nock(API).get(`${REPO}/issues`).query(listQuery('open')).reply(200, [created]);
    const res = await publishIssue(client(), { ...settings, pinIssue: false }, none, render('- x'), log, true);
    expect(res).toMatchObject({ number: 23, action: 'created' });
    expect(log).not.toHaveBeenCalled();
  });

  it('second audit: updates the body in place', async () => {
    let patched: Record<string, unknown> = {};
    nock(API)
      .patch(`${REPO}/issues/5`, (b: Record<string, unknown>) => ((patched = b), true))
      .reply(200, rawIssue(5));
    const found: FoundIssues = { ...none, open: tracking(5) };
    const res = await publishIssue(client(), settings, found, render('- slow job\n- new flaky test'), jest.fn());
    expect(res).toEqual({ number: 5, url: 'https://github.com/octo/app/issues/5', action: 'updated' });
    expect(patched.body).toContain('new flaky test');
    expect(patched).not.toHaveProperty('title');
    expect(patched).not.toHaveProperty('state');
  });

  it('nothing changed but times and the state timestamp: no write at all', async () => {
    const found: FoundIssues = {
      ...none,
      open: tracking(5, {
        body: withNotes(render('- slow job', '2026-11-23T06:00:00Z'), EMPTY_NOTES).replace(/\n/g, '\r\n'),
      }),
    };
    const res = await publishIssue(client(), settings, found, render('- slow job', '2026-11-24T06:00:00Z'), jest.fn());
    expect(res.action).toBe('unchanged');
  });

  it('a changed issue-title input retitles the issue', async () => {
    nock(API)
      .patch(`${REPO}/issues/5`, { body: /CI audit/, title: 'Nightly CI audit' })
      .reply(200, rawIssue(5));
    const found: FoundIssues = { ...none, open: tracking(5) };
    const res = await publishIssue(
      client(),
      { ...settings, issueTitle: 'Nightly CI audit' },
      found,
      render('- slow job'),
      jest.fn(),
    );
    expect(res.action).toBe('updated');
  });

  it('closes duplicates with a comment, keeps the oldest', async () => {
    nock(API).patch(`${REPO}/issues/5`).reply(200, rawIssue(5));
    for (const n of [9, 11]) {
      nock(API).post(`${REPO}/issues/${n}/comments`, { body: 'Duplicate of #5' }).reply(201, fixture('comment.json'));
      nock(API)
        .patch(`${REPO}/issues/${n}`, { state: 'closed', state_reason: 'not_planned' })
        .reply(200, rawIssue(n, { state: 'closed' }));
    }
    const found: FoundIssues = { open: tracking(5), duplicates: [tracking(9), tracking(11)], lastClosed: null };
    const res = await publishIssue(client(), settings, found, render('- changed'), jest.fn());
    expect(res).toMatchObject({ number: 5, action: 'updated' });
  });

  it('a token without issues: write gets a message naming the permission', async () => {
    nock(API).patch(`${REPO}/issues/5`).reply(403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/issues#update-an-issue',
      status: '403',
    });
    const found: FoundIssues = { ...none, open: tracking(5) };
    const err = await publishIssue(client(), settings, found, render('- changed'), jest.fn()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /Could not update tracking issue #5: Resource not accessible.*permissions: issues: write/,
    );
    expect((err as Error).cause).toMatchObject({ status: 403 });
  });

  it('two audits at once: the newer issue closes itself as a duplicate of the older', async () => {
    const mine = rawIssue(41);
    nock(API).post(`${REPO}/labels`).reply(422, fixture('label-exists.422.json'));
    nock(API).post(`${REPO}/issues`).reply(201, mine);
    nock(API)
      .get(`${REPO}/issues`)
      .query(listQuery('open'))
      .reply(200, [mine, rawIssue(40)]);
    nock(API).post(`${REPO}/issues/41/comments`, { body: 'Duplicate of #40' }).reply(201, fixture('comment.json'));
    nock(API)
      .patch(`${REPO}/issues/41`, { state: 'closed', state_reason: 'not_planned' })
      .reply(200, rawIssue(41, { state: 'closed' }));
    const res = await publishIssue(client(), settings, none, render('- x'), jest.fn());
    expect(res).toEqual({ number: 40, url: 'https://github.com/octo/app/issues/40', action: 'unchanged' });
  });
});

describe('publishIssue: what maintainers saved while the audit ran', () => {
  it('re-reads the body right before writing: a tick and notes saved meanwhile survive', async () => {
    const read = withNotes(render('- slow job', '2026-11-23T06:00:00Z'), EMPTY_NOTES);
    const fresh = read
      .replace(muteCheckbox('slow-0123456789ab', false), muteCheckbox('slow-0123456789ab', true))
      .replace('<!-- audit-ci:notes:start -->\n', '<!-- audit-ci:notes:start -->\nFleet migration on 12-01.\n');
    nock(API)
      .get(`${REPO}/issues/5`)
      .reply(200, rawIssue(5, { body: fresh }));
    let written = '';
    nock(API)
      .patch(`${REPO}/issues/5`, (b?: { body?: string }) => ((written = b?.body ?? written), true))
      .reply(200, rawIssue(5));
    const found: FoundIssues = { ...none, open: tracking(5, { body: read }) };
    const res = await publishIssue(client(), settings, found, render('- slow job, changed'), jest.fn());
    expect(res.action).toBe('updated');
    expect(written).toContain('- slow job, changed');
    expect(written).toContain(muteCheckbox('slow-0123456789ab', true));
    expect(written).toContain('Fleet migration on 12-01.');
  });
});

describe('publishIssue: bodies GitHub refuses as too long', () => {
  const details = `<details><summary>Runs</summary>\n\n${'| run | 1m |\n'.repeat(50)}\n</details>`;
  const found: FoundIssues = { ...none, open: tracking(5) };
  /**
   * A renderer: the full layout while it fits (or at GitHub's limit, where a renderer bug
   * may overshoot), a shorter one (no details) below that.
   */
  const layouts = (full: string) => {
    const asked: number[] = [];
    const source = (maxChars: number): string => {
      asked.push(maxChars);
      const big = render(`- big\n\n${full}`);
      return big.length <= maxChars || maxChars > 65_000 ? big : render('- big');
    };
    return { source, asked };
  };

  it('a 422 on length: retries once with a shorter layout from the renderer, keeping the state and ticks', async () => {
    const bodies: string[] = [];
    nock(API)
      .patch(`${REPO}/issues/5`, (b?: { body?: string }) => (b?.body !== undefined && bodies.push(b.body), true))
      .reply(422, fixture('body-too-long.422.json'));
    nock(API)
      .patch(`${REPO}/issues/5`, (b?: { body?: string }) => (b?.body !== undefined && bodies.push(b.body), true))
      .reply(200, rawIssue(5));
    const log = jest.fn();
    const { source, asked } = layouts(details);
    const res = await publishIssue(client(), settings, found, source, log);
    expect(res.action).toBe('updated');
    expect(bodies[0]).toContain('<details>');
    expect(bodies[1]).not.toContain('<details>');
    expect(bodies[1]).toContain(SHORTENED_NOTE);
    expect(bodies[1]).toContain(encodeState(state('2026-11-24T06:00:00Z')));
    expect(bodies[1]).toContain(muteCheckbox('slow-0123456789ab', false));
    expect(bodies[1]!.length).toBeLessThan(bodies[0]!.length);
    // The second layout was asked for less room than the refused body took.
    expect(asked.at(-1)).toBeLessThan(bodies[0]!.length);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/too long/));
  });

  it('a second 422 throws a clear error; nothing else is written', async () => {
    nock(API).patch(`${REPO}/issues/5`).times(2).reply(422, fixture('body-too-long.422.json'));
    const err = await publishIssue(client(), settings, found, layouts(details).source, jest.fn()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BodyTooLongError);
    expect((err as Error).message).toMatch(/too long for GitHub.*previous issue body was left unchanged/);
  });

  it('a body plainly over the limit is laid out shorter before the first write', async () => {
    nock(API)
      .patch(
        `${REPO}/issues/5`,
        (b?: { body?: string }) => b?.body !== undefined && b.body.length < 65_536 && b.body.includes(SHORTENED_NOTE),
      )
      .reply(200, rawIssue(5));
    const { source } = layouts(`<details>${'x'.repeat(70_000)}</details>`);
    expect((await publishIssue(client(), settings, found, source, jest.fn())).action).toBe('updated');
  });

  it('a fixed body over the limit (nothing to lay out again): throws without writing', async () => {
    const err = await publishIssue(client(), settings, found, render('x'.repeat(70_000)), jest.fn()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BodyTooLongError);
  });

  it('an empty body is refused before any request', async () => {
    const err = await publishIssue(client(), settings, found, ' \n ', jest.fn()).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/empty tracking issue body/);
  });

  it('another 422 is passed on as it is', async () => {
    nock(API)
      .patch(`${REPO}/issues/5`)
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'invalid', field: 'milestone' }],
        status: '422',
      });
    const err = await publishIssue(client(), settings, found, render('- changed'), jest.fn()).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(BodyTooLongError);
    expect((err as { status: number }).status).toBe(422);
  });
});

describe('publishIssue with the real API client', () => {
  it('creates the issue through createClient, every write counted against the budget', async () => {
    const real = createClient({ token: 't0ken', budget: 100, reserve: 10, retryBaseMs: 1 });
    const created = rawIssue(50);
    nock(API).post(`${REPO}/labels`).reply(201, fixture('label.json'));
    nock(API).post(`${REPO}/issues`).reply(201, created);
    nock(API).get(`${REPO}/issues`).query(listQuery('open')).reply(200, [created]);
    nock(API).post('/graphql').reply(200, fixture('pin-ok.graphql.json'));
    const res = await publishIssue(real, settings, none, render('- x'), jest.fn());
    expect(res).toMatchObject({ number: 50, action: 'created' });
    expect(real.usage).toMatchObject({ requests: 3, graphqlPoints: 1 });
  });
});
