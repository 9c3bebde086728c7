/**
 * Hostile and huge input, end to end: the bundled action (dist/index.js) against the fake
 * GitHub, one test per break of issue 16: unread evidence reported as fixed, rate limits
 * named as permission problems, body shortening that deleted findings, a malformed 200,
 * duplicates closed without their ticks (and left pinned), a failed publish that left
 * nothing behind, and maintainer notes rewritten. Build first: `npm run build`.
 */
import { existsSync } from 'node:fs';
import { muteCheckbox, readMutes } from '../src/tracking/mutes.js';
import { decodeState, type AuditState } from '../src/tracking/state.js';
import { NOTES_END, NOTES_START } from '../src/tracking/notes.js';
import { startFaultProxy, type FaultReply } from '../test/e2e/fault-proxy.js';
import { e2eAudits, expectOk, openTracking, report } from '../test/e2e/audit-helpers.js';
import { DIST } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import type { RawIssue, World } from '../test/world/types.js';

const TOKEN = 'ghs_HostileE2eTokenDoNotLeak123456789ab';
const REPOSITORY = 'acme/widgets';
const world = generateWorld({ seed: 1, runs: 60 });

const { audit, withFake } = e2eAudits(TOKEN, REPOSITORY);

/** A first good audit; the world as it stands after it (with its tracking issue). */
async function afterGoodAudit(): Promise<{ world: World; state: AuditState }> {
  return withFake(world, {}, async (gh) => {
    expectOk(await audit(gh.url));
    const issue = openTracking(gh)[0]!;
    const next = { ...structuredClone(world), issues: structuredClone(gh.issues), labels: structuredClone(gh.labels) };
    return { world: next, state: decodeState(issue.body)! };
  });
}

/** Ids of the previous audit's findings made from logs (their state records the jobs). */
const fromLogs = (s: AuditState): string[] =>
  Object.entries(s.findings)
    .filter(([, e]) => e.ev?.l?.length)
    .map(([id]) => id);

let good: { world: World; state: AuditState };

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
  good = await afterGoodAudit();
  // The world must have log-made findings, or the next tests prove nothing.
  expect(fromLogs(good.state).length).toBeGreaterThan(0);
}, 120_000);

describe('evidence that was not looked at is never called resolved', () => {
  it('every log answers 410: the log findings stay (carried over, not resolved) and the issue is written', async () => {
    await withFake(good.world, { expiredLogRate: 1 }, async (gh) => {
      const run = await audit(gh.url);
      expectOk(run);
      const r = report(run);
      expect(r.sample.logsRead).toBe(0);
      const logIds = new Set(fromLogs(good.state));
      expect(r.resolved.filter((x) => logIds.has(x.id))).toEqual([]);
      expect(r.gaps.some((g) => /not re-checked: no log of .* was read/.test(g.reason))).toBe(true);
      const after = decodeState(openTracking(gh)[0]!.body)!;
      for (const id of logIds) expect(after.findings[id]).toBeDefined();
      expect(run.summary).not.toMatch(/Resolved since the last audit[\s\S]*(log|image)/i);
    });
  }, 120_000);

  it.each<[string, FaultReply]>([
    [
      'a secondary limit with a long retry-after',
      {
        status: 403,
        headers: { 'retry-after': '3600' },
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    ],
    [
      'a 429 with a long retry-after',
      { status: 429, headers: { 'retry-after': '3600' }, message: 'Too Many Requests' },
    ],
  ])(
    'log requests refused by %s: named a rate limit, never "check the token"; nothing log-made resolved',
    async (_, reply) => {
      await withFake(good.world, {}, async (gh) => {
        const proxy = await startFaultProxy(gh.url, (m, p) =>
          m === 'GET' && /\/actions\/jobs\/\d+\/logs/.test(p) ? reply : null,
        );
        try {
          const run = await audit(proxy.url);
          expectOk(run);
          expect(proxy.answered.length).toBeGreaterThan(0);
          const r = report(run);
          const logGaps = r.gaps.filter((g) => g.what.startsWith('logs of job'));
          expect(logGaps.length).toBeGreaterThan(0);
          for (const g of logGaps) {
            expect(g.reason).toMatch(/rate limited/);
            expect(g.reason).not.toMatch(/Forbidden|token permissions/);
          }
          const logIds = new Set(fromLogs(good.state));
          expect(r.resolved.filter((x) => logIds.has(x.id))).toEqual([]);
        } finally {
          await proxy.close();
        }
      });
    },
    120_000,
  );
});

describe('the tracking issue', () => {
  it('a body GitHub refuses as too long is laid out shorter: every finding kept with its mute box', async () => {
    const issue = good.world.issues.find((i) => i.labels.some((l) => l.name === 'ci-audit'))!;
    const length = issue.body!.length;
    // A changed body (so it is written), and a limit under it: the first write gets a 422.
    const w = structuredClone(good.world);
    w.issues.find((i) => i.number === issue.number)!.body = issue.body!.replace(/audit-ci:state v1 \S+/, 'x');
    await withFake(w, { issueBodyLimit: Math.floor(length * 0.9) }, async (gh) => {
      const run = await audit(gh.url);
      expectOk(run);
      expect(gh.requests.some((r) => r.status === 422)).toBe(true);
      const body = openTracking(gh)[0]!.body!;
      expect(body.length).toBeLessThanOrEqual(Math.floor(length * 0.9));
      const boxes = readMutes(body).present;
      for (const f of report(run).findings) if (body.includes(`mute:${f.id}`)) expect(boxes.has(f.id)).toBe(true);
      expect(decodeState(body)).not.toBeNull();
    });
  }, 120_000);

  it('merges a duplicate with its ticks, closes it and unpins it', async () => {
    const w = structuredClone(good.world);
    const kept = w.issues.find((i) => i.labels.some((l) => l.name === 'ci-audit'))!;
    const someId = Object.keys(good.state.findings).find((id) => !good.state.findings[id]!.muted)!;
    // The duplicate a concurrent audit created, where a maintainer ticked a mute.
    const dup: RawIssue = {
      ...structuredClone(kept),
      id: kept.id + 1,
      number: kept.number + 1,
      node_id: `${kept.node_id}dup`,
      html_url: kept.html_url.replace(/\d+$/, String(kept.number + 1)),
      body: kept.body!.replace(muteCheckbox(someId, false), muteCheckbox(someId, true)),
    };
    expect(dup.body).not.toBe(kept.body);
    w.issues.push(dup);
    await withFake(w, {}, async (gh) => {
      gh.state.pinned.add(kept.node_id);
      gh.state.pinned.add(dup.node_id);
      const run = await audit(gh.url);
      expectOk(run);
      const open = openTracking(gh);
      expect(open.map((i) => i.number)).toEqual([kept.number]);
      expect(gh.issues.find((i) => i.number === dup.number)!.state).toBe('closed');
      expect(readMutes(open[0]!.body).has(someId) || decodeState(open[0]!.body)!.findings[someId]?.muted).toBe(true);
      expect(gh.pinned).not.toContain(dup.node_id);
      expect(gh.pinned).toContain(kept.node_id);
    });
  }, 120_000);

  it('keeps the maintainer notes across updates', async () => {
    const w = structuredClone(good.world);
    const issue = w.issues.find((i) => i.labels.some((l) => l.name === 'ci-audit'))!;
    expect(issue.body).toContain(NOTES_START);
    const note = 'Queue times are high until the runner migration on 12-01, @octocat knows.';
    issue.body = issue.body!.replace(`${NOTES_START}\n`, `${NOTES_START}\n${note}\n`);
    // Something changed in the report too, so the audit rewrites the body.
    issue.body = issue.body.replace(/audit-ci:state v1 \S+/, 'x');
    await withFake(w, {}, async (gh) => {
      expectOk(await audit(gh.url));
      const body = openTracking(gh)[0]!.body!;
      expect(gh.writes.some((x) => x.method === 'PATCH')).toBe(true);
      expect(body).toContain(`${NOTES_START}\n${note}\n${NOTES_END}`);
    });
  }, 120_000);

  it.each([
    ['500 to every write of the issue', 500],
    ['422 to every write of the issue', 422],
  ])(
    'a failed publish (%s) still writes the job summary and the JSON report, then fails the step',
    async (_, status) => {
      // A changed body, so the audit writes.
      const w = structuredClone(good.world);
      const issue = w.issues.find((i) => i.labels.some((l) => l.name === 'ci-audit'))!;
      issue.body = issue.body!.replace(/audit-ci:state v1 \S+/, 'x');
      await withFake(w, {}, async (gh) => {
        const proxy = await startFaultProxy(gh.url, (m, p) =>
          m === 'PATCH' && /\/issues\/\d+$/.test(p)
            ? { status, message: status === 422 ? 'Validation Failed' : 'Server Error' }
            : null,
        );
        try {
          const run = await audit(proxy.url);
          expect(run.code).toBe(1);
          expect(run.stdout).toMatch(/::error::.*issue/i);
          expect(existsSync(run.reportPath)).toBe(true);
          expect(report(run).findings.length).toBeGreaterThan(0);
          expect(run.summary).toMatch(/writing the tracking issue failed/);
          expect(run.outputs['report-path']).toBe(run.reportPath);
        } finally {
          await proxy.close();
        }
      });
    },
    120_000,
  );
});

describe('a malformed 200 from a best-effort stage', () => {
  it('a pull request without head becomes a gap naming the request, not a crash', async () => {
    const w = structuredClone(world);
    expect(w.pulls.length).toBeGreaterThan(0);
    delete (w.pulls[0] as Partial<(typeof w.pulls)[0]>).head;
    await withFake(w, {}, async (gh) => {
      const run = await audit(gh.url, { issue: 'false' });
      expectOk(run);
      const gap = report(run).gaps.find((g) => g.what.includes('pull requests'));
      expect(gap?.what).toMatch(/GET \/repos\/\{owner\}\/\{repo\}\/pulls/);
      expect(gap?.reason).toMatch(/1 of \d+ items malformed.*head\.ref/);
    });
  }, 120_000);
});
