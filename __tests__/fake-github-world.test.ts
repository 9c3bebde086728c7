/** The generated world: deterministic, realistic, and every planted anomaly really in the data. */
import { getOctokit } from '@actions/github';
import { startFakeGitHub } from '../test/fake-github/server.js';
import stripAnsi from 'strip-ansi';
import { generateWorld } from '../test/world/generate.js';
import { logText } from '../test/world/logs.js';
import { FLAKY_NEXT_TO_FAILURE, FLAKY_TEST, SLOW_TEST, SYSTEMIC } from '../test/world/plans.js';
import { formatScorecard, scoreFindings, type ScoredFinding } from '../test/world/score.js';
import type { RawJob, World } from '../test/world/types.js';

const world = generateWorld({ seed: 1 });
const REPO = 'acme/widgets';
const jobsOf = (w: World, runIds: number[]): RawJob[] => runIds.flatMap((id) => w.jobs[String(id)] ?? []);
const log = (j: RawJob): string => logText(REPO, j, world.logs[String(j.id)]!);
const planted = (category: string, decoy: boolean, what: RegExp) => {
  const p = world.planted.find((x) => x.category === category && x.decoy === decoy && what.test(x.what));
  if (!p) throw new Error(`nothing planted: ${category} ${what}`);
  return p;
};

describe('generateWorld', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(JSON.stringify(generateWorld({ seed: 1 }))).toBe(JSON.stringify(world));
    expect(generateWorld({ seed: 2 }).runs[0]!.head_sha).not.toBe(world.runs[0]!.head_sha);
  });

  it('has at least 60 completed runs of CI and Docs, newest first, before now, and never Release', () => {
    expect(world.runs.length).toBeGreaterThanOrEqual(60);
    expect(world.runs.every((r) => r.status === 'completed' && Date.parse(r.updated_at) < Date.parse(world.now))).toBe(
      true,
    );
    expect(new Set(world.runs.map((r) => r.name))).toEqual(new Set(['CI', 'Docs']));
    expect(world.workflows.map((w) => w.path)).toContain('.github/workflows/release.yml');
    expect(new Set(world.runs.map((r) => r.head_branch)).size).toBeGreaterThanOrEqual(7);
    expect(world.runs.some((r) => r.head_repository.fork && r.pull_requests.length === 0)).toBe(true);
    expect(generateWorld({ seed: 1, runs: 90 }).runs.length).toBe(90);
  });

  it('has jobs whose steps fit inside them, and a re-run with both attempts', () => {
    for (const job of Object.values(world.jobs).flat()) {
      const start = Date.parse(job.started_at);
      expect(start).toBeGreaterThanOrEqual(Date.parse(job.created_at));
      for (const s of job.steps) {
        expect(Date.parse(s.started_at!)).toBeGreaterThanOrEqual(start);
        expect(Date.parse(s.completed_at!)).toBeLessThanOrEqual(Date.parse(job.completed_at!));
      }
    }
    const rerun = world.runs.find((r) => r.run_attempt === 2)!;
    const attempts = world.jobs[String(rerun.id)]!.filter((j) => j.name === 'acceptance').map((j) => [
      j.run_attempt,
      j.conclusion,
    ]);
    expect(attempts).toEqual([
      [1, 'failure'],
      [2, 'success'],
    ]);
  });

  it('writes logs like GitHub: 7-digit timestamps, groups, some with a BOM', () => {
    const logs = Object.values(world.jobs)
      .flat()
      .filter((j) => world.logs[String(j.id)])
      .slice(0, 40)
      .map(log);
    expect(logs.some((t) => t.startsWith('\uFEFF'))).toBe(true);
    for (const t of logs) {
      for (const line of t
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\n'))
        expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /);
      expect(t).toContain('##[group]Run actions/checkout@v4');
    }
  });
});

describe('planted anomalies are in the data', () => {
  it('systemic failure on 3 branches vs own bug 4 times on one branch vs a one-off', () => {
    const systemic = planted('recurring-failure', false, /^Systemic/);
    expect(new Set(systemic.branches).size).toBe(3);
    const own = planted('recurring-failure', false, /own bug/);
    expect([own.runIds.length, own.branches]).toEqual([4, ['bug/parser-crash']]);
    expect(planted('recurring-failure', true, /One-off/).runIds).toHaveLength(1);
    for (const id of systemic.runIds) {
      const test = world.jobs[String(id)]!.find((j) => j.name === 'test')!;
      expect(test.conclusion).toBe('failure');
      // pytest colours the verb (`--color=yes`): the raw log has the codes, the text behind them is real.
      expect(log(test)).toContain(`\u001b[31mFAILED\u001b[0m ${systemic.subject.test} - AssertionError`);
      expect(stripAnsi(log(test))).toContain(`FAILED ${systemic.subject.test} - AssertionError`);
    }
    const pr = world.pulls.find((p) => p.number === systemic.fixedBy)!;
    expect(pr.title).toContain(systemic.subject.test!);
  });

  it('flaky test: neutral test report with the table and a traceback; by-design reruns pass', () => {
    const flaky = planted('flaky-test', false, /passed only after retries/);
    expect(flaky.runIds.length).toBeGreaterThanOrEqual(5);
    const shas = new Set(flaky.runIds.map((id) => world.runs.find((r) => r.id === id)!.head_sha));
    const reports = world.checkRuns.filter((c) => shas.has(c.head_sha) && c.name === 'Unit + Integration Tests');
    expect(reports.every((c) => c.conclusion === 'neutral')).toBe(true);
    // The seed repository's generator: failure blocks first, then the table, the id unescaped.
    expect(reports[0]!.output.summary).toMatch(
      /^One or more tests failed on first attempt[\s\S]*## Failures[\s\S]*ConnectionResetError[\s\S]*\| Test \| Runs \| Final \| `@flaky` \|/,
    );
    expect(reports[0]!.output.summary).toContain(`| \`${FLAKY_TEST}\` | 3 | flaked 2, passed 1 | no |`);
    const byDesign = world.checkRuns.filter((c) => c.name === 'Acceptance Tests');
    expect(byDesign.every((c) => c.conclusion === 'success' && /\| 5 \| passed \|/.test(c.output.summary!))).toBe(true);
  });

  it('flaky test next to a hard failure: inside the failure check run, with its true id', () => {
    const next = planted('flaky-test', false, /inside the failure check runs/);
    expect(next.runIds).toHaveLength(3);
    const shas = new Set(next.runIds.map((id) => world.runs.find((r) => r.id === id)!.head_sha));
    const reports = world.checkRuns.filter((c) => shas.has(c.head_sha) && c.name === 'Unit + Integration Tests');
    expect(reports.length).toBeGreaterThanOrEqual(3);
    for (const c of reports) {
      expect(c.conclusion).toBe('failure');
      expect(c.output.summary).toContain(`| \`${FLAKY_NEXT_TO_FAILURE.test}\` | 2 | flaked 1, passed 1 | yes |`);
      expect(c.output.summary).toContain(`| \`${SYSTEMIC.test}\` | 1 | failed | no |`);
    }
  });

  it('image rebuilds: notes fetch denied in most CI runs, eviction twice, benign lines everywhere', () => {
    const rebuild = planted('image-rebuild', false, /refs\/notes/);
    const ci = world.runs.filter((r) => r.name === 'CI' && r.conclusion !== 'startup_failure').length;
    expect(rebuild.runIds.length / ci).toBeGreaterThan(0.5);
    const build = jobsOf(world, rebuild.runIds.slice(0, 1)).find((j) => j.name === 'build-image')!;
    // The fetch finds no notes (never pushed), offload misses and rebuilds, its push is denied.
    expect(stripAnsi(log(build))).toMatch(
      /Run git fetch origin 'refs\/notes\/\*:refs\/notes\/\*' \|\| true[\s\S]*\[cache\] Checkpoint miss: no cached image for [0-9a-f]{8} -- building base[\s\S]*WARN Failed to push notes: git push notes failed: remote: Permission to acme\/widgets\.git denied to github-actions\[bot\]\.\n\S+ fatal: unable to access 'https:\/\/github\.com\/acme\/widgets\/': The requested URL returned error: 403/,
    );
    expect(planted('image-rebuild', true, /eviction/).runIds).toHaveLength(2);
    const acc = jobsOf(world, rebuild.runIds.slice(0, 1)).find(
      (j) => j.name === 'acceptance' && world.logs[String(j.id)],
    )!;
    expect(log(acc)).toContain('building from mngr default Dockerfile');
  });

  it('slow: fetch-depth 0 checkout dominates Docs; one 5-minute test; noise and coverage lines', () => {
    const docs = jobsOf(world, planted('slow', false, /fetch-depth: 0/).runIds)[0]!;
    const checkout = docs.steps.find((s) => s.name === 'Run actions/checkout@v4')!;
    const share =
      (Date.parse(checkout.completed_at!) - Date.parse(checkout.started_at!)) /
      (Date.parse(docs.completed_at!) - Date.parse(docs.started_at));
    expect(share).toBeGreaterThan(0.6);
    expect(log(docs)).toContain('+refs/heads/*:refs/remotes/origin/*');
    const cov = planted('coverage', false, /MISMATCH/);
    expect(cov.runIds).toHaveLength(3);
    expect(log(jobsOf(world, cov.runIds).find((j) => j.name === 'test')!)).toMatch(
      /Z {3}MISMATCH: [1-4] sandboxes delivered junit but not \.coverage\n/,
    );
    const lint = jobsOf(world, planted('log-noise', false, /pkg_resources/).runIds.slice(0, 1)).find(
      (j) => j.name === 'lint',
    )!;
    expect(log(lint).match(/pkg_resources is deprecated/g)!.length).toBeGreaterThanOrEqual(50);
    const test = jobsOf(world, cov.runIds).find((j) => j.name === 'test')!;
    expect(log(test)).toMatch(
      /slowest 10 durations[\s\S]*301\.22s call {5}tests\/integration\/test_sync\.py::test_full_resync/,
    );
  });

  it('other: timeout, lost runner, startup failure, superseded run', () => {
    const timeout = jobsOf(world, planted('other', false, /timeout/).runIds).find((j) => j.name === 'test')!;
    expect(
      world.annotations[String(timeout.id)]!.some((a) => a.message.includes('exceeded the maximum execution time')),
    ).toBe(true);
    const lost = jobsOf(world, planted('other', false, /lost communication/).runIds).find(
      (j) => j.name === 'acceptance',
    )!;
    expect(world.logs[String(lost.id)]).toBeUndefined();
    const startup = world.runs.find((r) => r.id === planted('other', false, /startup_failure/).runIds[0])!;
    expect([startup.conclusion, world.jobs[String(startup.id)]]).toEqual(['startup_failure', []]);
    const superseded = world.runs.find((r) => r.id === planted('other', true, /superseded/).runIds[0])!;
    expect(superseded.conclusion).toBe('cancelled');
  });
});

describe('an Octokit client against the fake', () => {
  it('paginates runs and reads a log through the redirect', async () => {
    const gh = await startFakeGitHub(world, { token: 'abc' });
    try {
      const octokit = getOctokit('abc', { baseUrl: gh.url });
      const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
        owner: 'acme',
        repo: 'widgets',
        per_page: 20,
      });
      expect(runs).toHaveLength(world.runs.length);
      const job = world.jobs[String(world.runs[0]!.id)]![0]!;
      const res = await octokit.rest.actions.downloadJobLogsForWorkflowRun({
        owner: 'acme',
        repo: 'widgets',
        job_id: job.id,
      });
      expect(String(res.data)).toContain('Complete job name');
      expect(gh.requests.filter((r) => r.path.endsWith('/actions/runs')).length).toBe(
        Math.ceil(world.runs.length / 20),
      );
    } finally {
      await gh.close();
    }
  });
});

describe('scoreFindings', () => {
  const finding = (category: string, subject: ScoredFinding['subject'], title = 't'): ScoredFinding => ({
    category,
    title,
    subject,
  });

  it('credits a real anomaly, flags a decoy and lists what matches nothing', () => {
    const card = scoreFindings(
      [
        finding('recurring-failure', { workflow: 'CI', test: SYSTEMIC.test }, 'systemic'),
        finding('image-rebuild', { workflow: 'CI', job: 'acceptance' }, 'eviction'),
        finding('other', { workflow: 'Nightly' }, 'unplanned'),
      ],
      world.planted,
    );
    expect(card.found.map((x) => x.findings)).toEqual([['systemic']]);
    expect(card.falseAlarms.map((x) => x.finding)).toEqual(['image-rebuild: eviction']);
    expect(card.unmatched).toEqual(['other: unplanned']);
    expect(card.missed.length).toBe(world.planted.filter((p) => !p.decoy).length - 1);
    expect(formatScorecard(card)).toMatch(/^Found 1 of \d+ planted anomalies; 1 decoys reported\./);
  });

  it('prefers the real anomaly when a decoy matches as well', () => {
    // The test job's slowness: the 5-minute test is real, the branch variance a decoy.
    const card = scoreFindings([finding('slow', { workflow: 'CI', job: 'test', test: SLOW_TEST })], world.planted);
    expect([card.found.length, card.falseAlarms.length]).toEqual([1, 0]);
  });
});
