/**
 * End to end on the second example: the bundled action (dist/index.js) against the fake GitHub
 * serving acme/storefront, a TypeScript monorepo (jest with retryTimes, Playwright with retries,
 * docker/build-push-action with the GitHub Actions cache, actions/cache, Codecov), with the
 * built-in defaults only. Every planted anomaly is found with its cause; no decoy is flagged,
 * and the logs that hold the decoys were read (a decoy never looked at proves nothing).
 * Build first: `npm run build`.
 */
import { existsSync } from 'node:fs';
import type { Finding } from '../src/types.js';
import { e2eAudits, expectOk, report } from '../test/e2e/audit-helpers.js';
import { DIST } from '../test/e2e/run-action.js';
import type { FakeGitHub } from '../test/fake-github/server.js';
import { generateTsWorld } from '../test/world/ts-monorepo/generate.js';
import {
  EACH_JEST_ID,
  FLAKY_JEST_ID,
  FLAKY_PW,
  JEST_REASON,
  PW_REASON,
  TWIN_PW,
} from '../test/world/ts-monorepo/plans.js';
import { formatScorecard, scoreFindings } from '../test/world/score.js';

const TOKEN = 'ghs_e2eTsMonorepoToken000000000000000';
const world = generateTsWorld({ seed: 1, runs: 48 });
const { audit, withFake } = e2eAudits(TOKEN, 'acme/storefront');
const planted = (re: RegExp) => world.planted.find((p) => re.test(p.what))!;

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
});

describe('the second example (TypeScript monorepo) audited end to end', () => {
  let findings: Finding[];
  let logsRead: Set<number>;

  beforeAll(async () => {
    await withFake(world, {}, async (gh: FakeGitHub) => {
      const run = await audit(gh.url, { window: '48', issue: 'false' });
      expectOk(run);
      findings = report(run).findings;
      logsRead = new Set(
        gh.requests
          .map((r) => /\/actions\/jobs\/(\d+)\/logs$/.exec(r.path)?.[1])
          .filter(Boolean)
          .map(Number),
      );
    });
    expect(findings.length).toBeGreaterThan(0);
  });

  const reRunId = (): number => planted(/^Job re-run/).runIds[0]!;
  const of = (category: string) => findings.filter((f) => f.category === category);
  const text = (f: Finding): string => JSON.stringify([f.title, f.subject, f.detail]);

  it('finds every planted anomaly and flags no decoy (scorecard)', () => {
    const card = scoreFindings(findings, world.planted);
    expect(card.falseAlarms.map((x) => `${x.finding} <- decoy: ${x.planted.what}`)).toEqual([]);
    expect(card.missed.map((p) => p.what)).toEqual([]);
    // Nothing unplanned either: every finding is one of the planted anomalies.
    expect({ unmatched: card.unmatched, card: formatScorecard(card) }).toMatchObject({ unmatched: [] });
  });

  it('reports the jest flake hidden by retryTimes with its reason, and not the it.each test run three times', () => {
    const [f] = of('flaky-test').filter((x) => x.subject.test === FLAKY_JEST_ID);
    expect(f?.detail).toContain(JEST_REASON);
    // Every unit log is read: each run that retried it counts (the re-run's attempt 2 retried it too).
    expect(f!.frequency.runs).toBe(planted(/jest's retry/).runIds.length);
    expect(findings.filter((x) => text(x).includes(EACH_JEST_ID))).toEqual([]);
  });

  it('reports the job re-run the flaky jest test caused inside that test finding (one cause, one finding)', () => {
    expect(of('flaky-test').filter((x) => x.subject.job === 'unit')).toEqual([]);
    const [f] = of('flaky-test').filter((x) => x.subject.test === FLAKY_JEST_ID);
    expect(f!.detail).toContain('Job CI / unit failed on it and passed on a re-run of the same commit in 1 run');
    expect(f!.occurrences.map((o) => o.runId)).toContain(reRunId());
  });

  it('reports the Playwright flake with its error, not the same test in the other project', () => {
    const [f] = of('flaky-test').filter((x) => x.subject.test === FLAKY_PW);
    expect(f?.detail).toContain(PW_REASON);
    expect(f!.occurrences.every((o) => planted(/retry #1/).runIds.includes(o.runId))).toBe(true);
    expect(findings.filter((x) => text(x).includes(TWIN_PW))).toEqual([]);
  });

  it('blames the run id in the turbo cache key, and not the node_modules cache that missed after a lockfile change', () => {
    const caches = of('other').filter((f) => /cache/i.test(f.title));
    expect(caches).toHaveLength(1);
    expect(caches[0]!.title).toMatch(/turbo-Linux-<n>.*run id/);
    expect(caches[0]!.subject).toMatchObject({ job: 'unit', step: 'Cache turbo' });
    expect(findings.filter((f) => text(f).includes('modules-Linux'))).toEqual([]);
    // The miss after the lockfile change was read, in both jobs that restore node_modules.
    const lockRun = planted(/missed once in the e2e job/).runIds[0]!;
    const jobs = world.jobs[String(lockRun)]!.filter((j) => j.name === 'unit' || j.name === 'e2e');
    expect(jobs.every((j) => logsRead.has(j.id))).toBe(true);
  });

  it('reports the image build that never writes its cache, not the cached one or its changed COPY', () => {
    const rebuilt = of('image-rebuild');
    expect(rebuilt.map((f) => f.subject.job)).toEqual(['image-api']);
    expect(rebuilt[0]!.detail).toContain('no `--cache-to`');
    const lockRun = planted(/missed once in the e2e job/).runIds[0]!;
    const web = world.jobs[String(lockRun)]!.find((j) => j.name === 'image-web')!;
    expect(logsRead.has(web.id)).toBe(true);
  });

  it('reports the Codecov upload failing on passing runs with its cause, not the benign "fail_ci_if_error" echo', () => {
    const cov = of('coverage');
    expect(cov).toHaveLength(1);
    expect(cov[0]!.detail).toContain('Token required - not valid tokenless upload');
    const failing = planted(/Codecov upload fails/).runIds;
    expect(cov[0]!.occurrences.every((o) => failing.includes(o.runId))).toBe(true);
    expect(findings.filter((f) => text(f).includes('fail_ci_if_error'))).toEqual([]);
    // The runs before the token went were read too: their uploads passed.
    const fine = planted(/fail_ci_if_error/).runIds;
    const unitOf = (id: number) => world.jobs[String(id)]!.find((j) => j.name === 'unit')!.id;
    expect(fine.some((id) => logsRead.has(unitOf(id)))).toBe(true);
  });
});
