/**
 * Faults end to end: the bundled action (dist/index.js) against the fake GitHub with 5xx,
 * secondary rate limits (403 + retry-after: 1), expired logs (410), missing jobs (404), a
 * primary rate limit near exhaustion, a small budget, and refused issue writes (422, 500).
 * The bundled action cannot shorten its waits (retry base 1 s, retry-after in seconds), so
 * the fault rates are the issue's own and the suite stays around half a minute.
 * Build first: `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeState } from '../src/tracking/state.js';
import type { Finding } from '../src/types.js';
import { startFakeGitHub, type FakeGitHub, type RecordedRequest } from '../test/fake-github/server.js';
import { e2eAudits, expectOk, openTracking, report } from '../test/e2e/audit-helpers.js';
import { DIST, type ActionRun } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import type { World } from '../test/world/types.js';
import { diffFindings, explain, FAULTS, moreRuns, seen } from '../scripts/fault-compare.js';
import { startProxy } from './reliability-proxy.js';

const TOKEN = 'ghs_FaultsE2eTokenDoNotLeak1234567890ab';
const REPOSITORY = 'acme/widgets';
const world = generateWorld({ seed: 1, runs: 60 });

const { audit, withFake } = e2eAudits(TOKEN, REPOSITORY);
/**
 * Every place the token could leak to: the step's output, its files, and what it wrote to
 * GitHub. `::add-mask::<token>` is core.setSecret telling the runner to mask it: the runner
 * consumes that command and never shows it, so it is the one allowed mention.
 */
const leaks = (run: ActionRun, gh: FakeGitHub): string[] => {
  const places: Record<string, string> = {
    stdout: run.stdout.replace(`::add-mask::${TOKEN}\n`, ''),
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    report: existsSync(run.reportPath) ? readFileSync(run.reportPath, 'utf8') : '',
    writes: JSON.stringify(gh.writes.map((w) => w.body)),
    issues: JSON.stringify(gh.issues),
  };
  return Object.entries(places)
    .filter(([, text]) => text.includes(TOKEN) || text.includes(TOKEN.slice(4, 30)))
    .map(([where]) => where);
};
beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
});

describe('reads that fail: 502, secondary limits, expired logs, missing jobs', () => {
  let clean: Finding[];
  let cleanRequests: RecordedRequest[];
  let gh: FakeGitHub;
  let run: ActionRun;

  beforeAll(async () => {
    clean = await withFake(world, {}, async (g) => {
      const r = await audit(g.url, { issue: 'false' });
      expectOk(r);
      cleanRequests = [...g.requests];
      return report(r).findings;
    });
    gh = await startFakeGitHub(world, { token: TOKEN, ...FAULTS, missingJobs: 0.05, seed: 3 });
    run = await audit(gh.url);
  }, 120_000);
  afterAll(async () => gh.close());

  it('completes, publishes the issue, and the faults really happened', () => {
    expectOk(run);
    const statuses = new Set(gh.requests.map((r) => r.status));
    for (const s of [502, 403, 410, 404]) expect(statuses).toContain(s);
    expect(report(run).sample.runs).toBe(60);
    expect(openTracking(gh)).toHaveLength(1);
  });

  it('lists every 410 log and 404 jobs list as a gap in the JSON report and in the summary', () => {
    const r = report(run);
    const gone = gh.requests.filter((x) => x.status === 410).map((x) => /jobs\/(\d+)\/logs/.exec(x.path)![1]!);
    expect(gone.length).toBeGreaterThan(0);
    for (const id of gone) {
      expect(r.gaps.find((g) => g.what.includes(id))?.reason).toMatch(/410|expired/i);
      expect(run.summary).toContain(id);
    }
    const noJobs = gh.requests.filter((x) => x.status === 404 && x.path.endsWith('/jobs'));
    expect(noJobs.length).toBeGreaterThan(0);
    for (const x of noJobs) {
      const runId = /runs\/(\d+)\/jobs/.exec(x.path)![1]!;
      expect(r.gaps.find((g) => g.what.includes(`jobs of run ${runId}`))?.reason).toMatch(/404|not found/i);
      expect(run.summary).toContain(`jobs of run ${runId}`);
    }
  });

  it('keeps every finding whose data was readable and invents none', () => {
    const d = diffFindings(clean, report(run).findings);
    // A finding present only under faults is a false alarm built from missing data.
    expect(d.extra.map((f) => f.title)).toEqual([]);
    // Each missing or thinner finding lost a log of its own job or a run's jobs list.
    const why = (f: Finding): string => explain(f, world, seen(cleanRequests), seen(gh.requests));
    for (const f of d.missing) expect(`${f.title}: ${why(f)}`).not.toMatch(/UNEXPLAINED/);
    // Fewer runs: traced to lost data; more runs: every added run is a planted true case.
    for (const { clean: c, faulty: f } of d.changed) {
      const reason = f.frequency.runs > c.frequency.runs ? moreRuns(world, c, f) : why(c);
      expect(`${f.title}: ${reason}`).not.toMatch(/UNEXPLAINED/);
    }
    expect(report(run).findings.length).toBeGreaterThanOrEqual(clean.length - d.missing.length);
  });

  it('never prints the token, even in retry messages', () => {
    expect(leaks(run, gh)).toEqual([]);
  });
});

describe('limits', () => {
  it('stops near the primary rate limit with a reserve left for the issue update', async () => {
    // 55 at start, 25 kept back: GraphQL reads the 60 runs in a few requests, the logs run it out.
    // A fixed max-logs: `auto` would size the logs to what the limit has left, and not run out.
    await withFake(world, { rateLimit: 55 }, async (gh) => {
      const run = await audit(gh.url, { 'max-logs': '40' });
      expectOk(run);
      // Neither the wall (403 rate limit) nor a wait for the hourly reset; the issue is written.
      expect(gh.requests.filter((r) => r.status === 403)).toEqual([]);
      expect(gh.writes.filter((w) => w.method === 'POST' && w.path.endsWith('/issues'))).toHaveLength(1);
      expect(openTracking(gh)).toHaveLength(1);
      expect(report(run).gaps.some((g) => /rate limit/i.test(g.reason))).toBe(true);
      expect(run.summary).toMatch(/stopped early/i);
      expect(run.summary).toMatch(/run the audit later, or lower input "window" or "max-logs"/);
    });
  });

  it('with max-logs auto, sizes the logs to what the rate limit has left: no stop, the issue written', async () => {
    await withFake(world, { rateLimit: 80 }, async (gh) => {
      const run = await audit(gh.url);
      expectOk(run);
      expect(gh.requests.filter((r) => r.status === 403)).toEqual([]);
      expect(openTracking(gh)).toHaveLength(1);
      expect(run.summary).not.toMatch(/stopped early/i);
      expect(run.stdout + run.stderr).toMatch(/Log allowance: \d+ \(max-logs auto/);
    });
  });

  it('with the rate limit already below the reserve, reads no run, writes nothing and says why', async () => {
    await withFake(world, { rateLimit: 20 }, async (gh) => {
      const run = await audit(gh.url);
      expectOk(run);
      expect(gh.writes).toEqual([]);
      expect(gh.requests.filter((r) => r.status === 403)).toEqual([]);
      expect(report(run).sample.runs).toBe(0);
      expect(run.stdout).toMatch(/::warning::Tracking issue not updated: no run could be read/);
    });
  });

  it('says in the summary what it used, what is left, and which setting reaches further', async () => {
    const small = structuredClone(world);
    small.contents['.github/audit-ci.yml'] = 'budget:\n  maxRequests: 60\n  reserve: 10\n';
    await withFake(small, {}, async (gh) => {
      const run = await audit(gh.url, { issue: 'false' });
      expectOk(run);
      const r = report(run);
      expect(r.sample.apiRequests).toBeLessThanOrEqual(60);
      expect(run.summary).toMatch(/\d+ REST requests/);
      expect(run.summary).toMatch(/of the 60 budget left/);
      // The advice names the inputs and the rules-file key that would reach further.
      const advice = /stopped early[^\n]*\n?[^\n]*To reach further[^\n]*/i.exec(run.summary)?.[0] ?? '';
      for (const name of ['"window"', '"max-logs"', 'budget.maxRequests']) expect(advice).toContain(name);
      expect(r.gaps.some((g) => /budget/i.test(g.reason))).toBe(true);
    });
  });
});

describe('the tracking issue is never lost', () => {
  let patchError = '';
  /** A first good audit, then the world as it stands (with that issue) for the next fake. */
  async function goodIssue(): Promise<World> {
    return withFake(world, {}, async (gh) => {
      expectOk(await audit(gh.url));
      expect(openTracking(gh)).toHaveLength(1);
      return { ...structuredClone(world), issues: structuredClone(gh.issues), labels: structuredClone(gh.labels) };
    });
  }

  it('fails clearly on a 422 (body over the limit) and leaves the previous body', async () => {
    const before = await goodIssue();
    before.issues[0]!.body += '\n<!-- edited by hand -->';
    const body = before.issues[0]!.body;
    await withFake(before, { issueBodyLimit: 300 }, async (gh) => {
      const run = await audit(gh.url);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::.*(422|too long|body)/i);
      expect(gh.requests.some((r) => r.status === 422)).toBe(true);
      expect(gh.issues[0]!.body).toBe(body);
      expect(openTracking(gh)).toHaveLength(1);
      expect(leaks(run, gh)).toEqual([]);
    });
  }, 60_000);

  it('fails clearly on a 500 to the PATCH and leaves the previous body', async () => {
    const before = await goodIssue();
    before.issues[0]!.body += '\n<!-- edited by hand -->';
    const body = before.issues[0]!.body;
    await withFake(before, {}, async (gh) => {
      const proxy = await startProxy(gh.url, (method) => (method === 'PATCH' ? 500 : null));
      try {
        const run = await audit(proxy.url);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/::error::/);
        expect(proxy.refused.length).toBeGreaterThan(0);
        patchError = run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
        expect(gh.issues[0]!.body).toBe(body);
        expect(leaks(run, gh)).toEqual([]);
      } finally {
        await proxy.close();
      }
    });
  }, 60_000);

  // A 500 used to surface as octokit's bare "Server Error - https://docs.github.com/rest".
  it('says which write failed and that the previous body is kept, on a 500', () => {
    expect(patchError).toMatch(/issue/i);
    expect(patchError).toMatch(/previous|unchanged|kept/i);
  });

  // With the rate limit cutting collection short (REST: at the jobs stage, 30 of 60 runs; GraphQL:
  // in the logs, fewer read than the good audit read), the guard used to publish and list
  // unobserved findings as resolved.
  it('keeps a good issue when the rate limit cuts collection short', async () => {
    const before = await goodIssue();
    const body = before.issues[0]!.body;
    await withFake(before, { rateLimit: 60 }, async (gh) => {
      const run = await audit(gh.url, { 'max-logs': '40' });
      expectOk(run);
      expect(gh.requests.filter((r) => r.status === 403)).toEqual([]);
      expect(gh.issues[0]!.body).toBe(body);
      expect(run.stdout).toMatch(/::warning::Tracking issue not updated: collection stopped early/);
      // The summary says so, and nothing unobserved is claimed resolved.
      expect(run.summary).toMatch(/The tracking issue was not updated: collection stopped early/);
      const json = JSON.parse(readFileSync(run.reportPath, 'utf8')) as { resolved: unknown[] };
      expect(json.resolved).toEqual([]);
    });
  }, 60_000);

  it('does not overwrite a good issue when the jobs of most runs cannot be read', async () => {
    const before = await goodIssue();
    const body = before.issues[0]!.body;
    await withFake(before, { missingJobs: 0.9 }, async (gh) => {
      const run = await audit(gh.url);
      expectOk(run);
      expect(gh.issues[0]!.body).toBe(body);
      expect(decodeState(gh.issues[0]!.body)).not.toBeNull();
      // The reason is a warning annotation on the step (the job summary does not carry it yet).
      expect(run.stdout).toMatch(/::warning::Tracking issue not updated: the jobs of \d+ of \d+ completed runs/);
    });
  }, 60_000);

  it('leaves one open tracking issue when two audits start at once', async () => {
    await withFake(world, { latencyMs: 5 }, async (gh) => {
      const runs = await Promise.all([audit(gh.url), audit(gh.url)]);
      for (const r of runs) expectOk(r);
      expect(openTracking(gh)).toHaveLength(1);
      const kept = openTracking(gh)[0]!;
      expect(decodeState(kept.body)).not.toBeNull();
      // When both created one (the race is real on this fake), the newer closed itself as a
      // duplicate pointing at the kept, older one, and only the kept one is pinned.
      for (const dup of gh.issues.filter((i) => i.number !== kept.number)) {
        expect(dup.number).toBeGreaterThan(kept.number);
        expect(dup.state).toBe('closed');
        expect(
          gh
            .comments(dup.number)
            .map((c) => c.body)
            .join('\n'),
        ).toContain(`#${kept.number}`);
      }
      expect(gh.pinned).toEqual([kept.node_id]);
    });
  }, 60_000);
});
