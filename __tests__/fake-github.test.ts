/** The fake GitHub API: shapes, pagination, filters, logs, issue writes and fault injection. */
import { startFakeGitHub, type FakeGitHub } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import type { RawCheckRun, RawIssue, RawJob, RawRun } from '../test/world/types.js';

const world = generateWorld({ seed: 7 });
const R = '/repos/acme/widgets';
let gh: FakeGitHub;

const get = async (path: string, init?: RequestInit): Promise<Response> =>
  fetch(`${gh.url}${path}`, { redirect: 'manual', ...init });
const json = async <T>(path: string): Promise<T> => (await get(path)).json() as Promise<T>;
const send = (method: string, path: string, body: unknown): Promise<Response> =>
  fetch(`${gh.url}${path}`, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  gh = await startFakeGitHub(world);
});
afterAll(async () => gh.close());

describe('runs', () => {
  it('paginates like GitHub: per_page, page, link rel=next/last, newest first', async () => {
    const res = await get(`${R}/actions/runs?per_page=25`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    const link = res.headers.get('link')!;
    expect(link).toContain('rel="next"');
    expect(link).toMatch(/page=3>; rel="last"/);
    const first = (await res.json()) as { total_count: number; workflow_runs: RawRun[] };
    expect(first.total_count).toBe(world.runs.length);
    expect(first.workflow_runs).toHaveLength(25);
    const ids: number[] = first.workflow_runs.map((r) => r.id);
    let next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    while (next) {
      const r = await fetch(next);
      ids.push(...((await r.json()) as { workflow_runs: RawRun[] }).workflow_runs.map((x) => x.id));
      next = /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '')?.[1];
    }
    expect(new Set(ids).size).toBe(world.runs.length);
    const created = world.runs.map((r) => Date.parse(r.created_at));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('filters by branch, event, status/conclusion and created range', async () => {
    const main = await json<{ workflow_runs: RawRun[] }>(`${R}/actions/runs?branch=main&per_page=100`);
    expect(main.workflow_runs.length).toBeGreaterThan(10);
    expect(main.workflow_runs.every((r) => r.head_branch === 'main' && r.event === 'push')).toBe(true);
    const failed = await json<{ workflow_runs: RawRun[] }>(`${R}/actions/runs?status=failure&per_page=100`);
    expect(failed.workflow_runs.length).toBeGreaterThan(0);
    expect(failed.workflow_runs.every((r) => r.conclusion === 'failure')).toBe(true);
    const since = world.runs[9]!.created_at;
    const recent = await json<{ total_count: number }>(`${R}/actions/runs?created=${encodeURIComponent(`>=${since}`)}`);
    expect(recent.total_count).toBe(10);
  });

  it("lists a workflow's runs by file name or id; Release has none", async () => {
    const ci = await json<{ workflow_runs: RawRun[] }>(`${R}/actions/workflows/ci.yml/runs?per_page=100`);
    expect(ci.workflow_runs.length).toBeGreaterThan(0);
    expect(ci.workflow_runs.every((r) => r.name === 'CI' && r.path === '.github/workflows/ci.yml')).toBe(true);
    const release = world.workflows.find((w) => w.name === 'Release')!;
    expect((await json<{ total_count: number }>(`${R}/actions/workflows/${release.id}/runs`)).total_count).toBe(0);
    expect((await get(`${R}/actions/workflows/nope.yml/runs`)).status).toBe(404);
  });
});

describe('jobs, check runs, annotations', () => {
  const rerun = world.runs.find((r) => r.run_attempt === 2)!;

  it('answers filter=latest with the latest attempt and filter=all with every attempt', async () => {
    const latest = await json<{ jobs: RawJob[] }>(`${R}/actions/runs/${rerun.id}/jobs`);
    const all = await json<{ jobs: RawJob[] }>(`${R}/actions/runs/${rerun.id}/jobs?filter=all`);
    expect(latest.jobs.every((j) => j.run_attempt === 2)).toBe(true);
    expect(all.jobs.some((j) => j.run_attempt === 1 && j.name === 'acceptance' && j.conclusion === 'failure')).toBe(
      true,
    );
    expect(all.jobs.length).toBeGreaterThan(latest.jobs.length);
    const first = await json<{ jobs: RawJob[] }>(`${R}/actions/runs/${rerun.id}/attempts/1/jobs`);
    expect(first.jobs.every((j) => j.run_attempt === 1)).toBe(true);
    expect(latest.jobs[0]!.steps.length).toBeGreaterThan(2);
  });

  it('lists job check runs and test-report check runs of a commit, and their annotations', async () => {
    const run = world.runs.find((r) => r.name === 'CI' && r.conclusion === 'success' && r.run_attempt === 1)!;
    const body = await json<{ total_count: number; check_runs: RawCheckRun[] }>(
      `${R}/commits/${run.head_sha}/check-runs?per_page=100`,
    );
    const jobs = world.jobs[String(run.id)]!;
    const test = body.check_runs.find((c) => c.name === 'test')!;
    expect(test.id).toBe(jobs.find((j) => j.name === 'test')!.id);
    expect(test.html_url).toMatch(new RegExp(`/actions/runs/${run.id}/job/${test.id}$`));
    expect(test.app.slug).toBe('github-actions');
    expect(test.output.annotations_count).toBeGreaterThan(0);
    const report = body.check_runs.find((c) => c.name === 'Unit + Integration Tests')!;
    expect(report.html_url).toMatch(/\/runs\/\d+$/);
    expect(report.conclusion).toBe('success');
    const acceptance = body.check_runs.find((c) => c.name === 'Acceptance Tests')!;
    expect(acceptance.output.summary).toContain('| Test | Runs | Final | `@flaky` |');
    const anns = await json<{ annotation_level: string; message: string }[]>(`${R}/check-runs/${test.id}/annotations`);
    expect(anns.some((a) => a.annotation_level === 'warning' && a.message.includes('actions/cache@v3'))).toBe(true);
    expect((await json<RawCheckRun>(`${R}/check-runs/${report.id}`)).name).toBe('Unit + Integration Tests');
  });

  it('redirects job logs to a streamed text/plain blob with GitHub-style timestamps', async () => {
    const job = world.jobs[String(world.runs.find((r) => r.name === 'Docs')!.id)]![0]!;
    const res = await get(`${R}/actions/jobs/${job.id}/logs`);
    expect(res.status).toBe(302);
    const blob = await fetch(res.headers.get('location')!);
    expect(blob.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = (await blob.text()).replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /);
    expect(text).toContain('##[group]Run actions/checkout@v4');
    expect(text).toContain('+refs/heads/*:refs/remotes/origin/*');
  });

  it('serves contents as base64 and 404s a missing rules file', async () => {
    const f = await json<{ type: string; encoding: string; content: string }>(
      `${R}/contents/.github/workflows/docs.yml`,
    );
    expect(f.type).toBe('file');
    expect(Buffer.from(f.content, 'base64').toString()).toContain('fetch-depth: 0');
    const missing = await get(`${R}/contents/.github/audit-ci.yml`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      message: 'Not Found',
      documentation_url: expect.any(String),
      status: '404',
    });
  });

  it('answers under the GHES /api/v3 prefix and 404s another repository', async () => {
    expect((await json<{ full_name: string }>(`/api/v3${R}`)).full_name).toBe('acme/widgets');
    expect((await get('/repos/other/repo/actions/runs')).status).toBe(404);
  });

  it('lists open pull requests', async () => {
    const prs = await json<{ number: number; title: string }[]>(`${R}/pulls?state=open&per_page=100`);
    expect(prs.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Fix flaky tests', 'Bump actions/cache from 3 to 4']),
    );
  });
});

describe('issues and labels', () => {
  it('creates, lists by label, updates and comments, keeping state in memory', async () => {
    const created = await send('POST', `${R}/issues`, {
      title: 'CI audit',
      body: 'hello <!-- audit-ci:state -->',
      labels: ['ci-audit'],
    });
    expect(created.status).toBe(201);
    const issue = (await created.json()) as RawIssue;
    expect(issue.number).toBeGreaterThan(Math.max(...world.pulls.map((p) => p.number)));
    expect(gh.labels.some((l) => l.name === 'ci-audit')).toBe(true);
    const listed = await json<RawIssue[]>(`${R}/issues?labels=ci-audit&state=open`);
    expect(listed.map((i) => i.number)).toEqual([issue.number]);
    expect(await json<RawIssue[]>(`${R}/issues?labels=bug`)).toEqual([]);
    const patched = await send('PATCH', `${R}/issues/${issue.number}`, { body: 'updated' });
    expect(((await patched.json()) as RawIssue).body).toBe('updated');
    expect((await send('POST', `${R}/issues/${issue.number}/comments`, { body: 'note' })).status).toBe(201);
    expect(gh.comments(issue.number)).toHaveLength(1);
    expect(gh.writes.map((w) => w.method)).toEqual(['POST', 'PATCH', 'POST']);
  });

  it('refuses a body over 65,536 characters with 422, like GitHub', async () => {
    const res = await send('POST', `${R}/issues`, { title: 't', body: 'x'.repeat(65_537) });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ message: 'Validation Failed' });
  });

  it('creates labels once (422 already_exists after) and reads them by name', async () => {
    expect((await send('POST', `${R}/labels`, { name: 'audit', color: 'ff0000' })).status).toBe(201);
    const again = await send('POST', `${R}/labels`, { name: 'audit' });
    expect(again.status).toBe(422);
    expect(JSON.stringify(await again.json())).toContain('already_exists');
    expect((await get(`${R}/labels/audit`)).status).toBe(200);
    expect((await get(`${R}/labels/missing`)).status).toBe(404);
  });

  it('pins an issue through GraphQL and rejects other queries', async () => {
    const issue = gh.issues[0]!;
    const pin = await send('POST', '/graphql', {
      query: 'mutation($issueId: ID!) { pinIssue(input: {issueId: $issueId}) { issue { isPinned } } }',
      variables: { issueId: issue.node_id },
    });
    expect(((await pin.json()) as { data: unknown }).data).toMatchObject({ pinIssue: { issue: { isPinned: true } } });
    expect(gh.pinned).toEqual([issue.node_id]);
    const other = (await (await send('POST', '/graphql', { query: '{ viewer { login } }' })).json()) as {
      errors: { message: string }[];
    };
    expect(other.errors[0]!.message).toMatch(/not supported/);
  });
});

describe('fault injection', () => {
  it('fails first attempts with 502 and secondary rate limits, then succeeds', async () => {
    const faulty = await startFakeGitHub(world, { failRate5xx: 1 });
    const limited = await startFakeGitHub(world, { secondaryRateRate: 1 });
    try {
      expect((await fetch(`${faulty.url}${R}`)).status).toBe(502);
      expect((await fetch(`${faulty.url}${R}`)).status).toBe(200);
      const res = await fetch(`${limited.url}${R}/actions/runs`);
      expect(res.status).toBe(403);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { message: string }).message).toMatch(/secondary rate limit/);
      expect((await fetch(`${limited.url}${R}/actions/runs`)).status).toBe(200);
    } finally {
      await faulty.close();
      await limited.close();
    }
  });

  it('expires logs, hides jobs, counts the rate limit down and checks the token', async () => {
    const f = await startFakeGitHub(world, { expiredLogRate: 1, missingJobs: 1, rateLimit: 3, token: 't0k' });
    const auth = { headers: { authorization: 'token t0k' } };
    try {
      const run = world.runs[0]!;
      const job = Object.values(world.jobs)
        .flat()
        .find((j) => world.logs[String(j.id)])!;
      expect((await fetch(`${f.url}${R}/actions/jobs/${job.id}/logs`, { ...auth, redirect: 'manual' })).status).toBe(
        410,
      );
      const jobs = await fetch(`${f.url}${R}/actions/runs/${run.id}/jobs`, auth);
      expect(jobs.status).toBe(404);
      expect(jobs.headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await fetch(`${f.url}${R}`, { headers: { authorization: 'token wrong' } })).status).toBe(401);
      const out = await fetch(`${f.url}${R}`, auth);
      expect(out.status).toBe(403);
      expect(((await out.json()) as { message: string }).message).toMatch(/rate limit exceeded/);
    } finally {
      await f.close();
    }
  });

  it('delays every answer by latencyMs', async () => {
    const slow = await startFakeGitHub(world, { latencyMs: 120 });
    try {
      // No clock reading: a timer of half the latency, set before the request, fires first
      // (Node fires timers in order of expiry, and the server sets its own on arrival).
      const order: string[] = [];
      const half = new Promise<void>((r) => setTimeout(() => r(void order.push('half')), 60));
      const res = await fetch(`${slow.url}${R}`);
      order.push('answer');
      await half;
      expect(res.status).toBe(200);
      expect(order).toEqual(['half', 'answer']);
    } finally {
      await slow.close();
    }
  });

  it('streams a big log generated on demand', async () => {
    const big = generateWorld({ seed: 7, bigLogLines: 300_000 });
    const f = await startFakeGitHub(big);
    try {
      const job = Object.values(big.jobs)
        .flat()
        .find((j) => (big.logs[String(j.id)]?.filler ?? 0) > 1000)!;
      const res = await fetch(`${f.url}${R}/actions/jobs/${job.id}/logs`);
      let bytes = 0;
      for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
      expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    } finally {
      await f.close();
    }
  });
});
