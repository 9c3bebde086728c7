/**
 * End to end: the bundled action (dist/index.js) in a child process, as the runner starts it,
 * against the fake GitHub API serving a generated world. Build first: `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeState, TRACKING_MARKER } from '../src/tracking/state.js';
import type { Finding, Report } from '../src/types.js';
import { startFakeGitHub, type FakeGitHub, type RecordedRequest } from '../test/fake-github/server.js';
import { DIST, runAction, type ActionRun } from '../test/e2e/run-action.js';
import { generateWorld } from '../test/world/generate.js';
import { scoreFindings } from '../test/world/score.js';

const TOKEN = 'ghs_e2eTestToken0000000000000000000000';
const REPOSITORY = 'acme/widgets';
const world = generateWorld({ seed: 1, runs: 60 });
const OUTPUTS = ['findings', 'new-findings', 'issue-number', 'issue-url', 'report-path', 'runs'];

const isWrite = (r: RecordedRequest): boolean =>
  r.method !== 'GET' &&
  r.method !== 'HEAD' &&
  !(r.path.endsWith('/graphql') && !/\bmutation\b/.test(JSON.stringify(r.body)));
const issueCreations = (gh: FakeGitHub): RecordedRequest[] =>
  gh.requests.filter((r) => r.method === 'POST' && r.path === `/repos/${REPOSITORY}/issues`);
const report = (run: ActionRun): Report => JSON.parse(readFileSync(run.reportPath, 'utf8')) as Report;
const explain = (run: ActionRun): string =>
  `exit ${run.code}\n--- stdout ---\n${run.stdout.slice(-4000)}\n--- stderr ---\n${run.stderr.slice(-2000)}`;

function expectOk(run: ActionRun): void {
  if (run.code !== 0 || run.stdout.includes('::error::')) throw new Error(`the action failed:\n${explain(run)}`);
}

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` before the end-to-end tests`);
});

describe('the bundled action against a fake GitHub', () => {
  let gh: FakeGitHub;
  let first: ActionRun;

  beforeAll(async () => {
    gh = await startFakeGitHub(world, { token: TOKEN });
    first = await runAction({ apiUrl: gh.url, repository: REPOSITORY, token: TOKEN, inputs: { window: '60' } });
  });
  afterAll(async () => gh.close());

  it('exits 0 without an error annotation', () => {
    expectOk(first);
  });

  it('writes the JSON report at report-path: schemaVersion 1, the sample and findings', () => {
    const r = report(first);
    expect(r.schemaVersion).toBe(1);
    expect(r.repository).toBe(REPOSITORY);
    expect(r.window.requested).toBe('60');
    expect(r.sample.runs).toBe(60);
    expect(r.sample.apiRequests).toBeGreaterThan(0);
    // The action counts its own requests; the fake saw at least those (plus blob downloads).
    expect(r.sample.apiRequests).toBeLessThanOrEqual(gh.requests.length);
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) {
      // A blind spot (a workflow never sampled) has no run to link; everything else does.
      if (f.frequency.runs > 0) expect(f.occurrences.length).toBeGreaterThan(0);
      for (const o of f.occurrences) expect(o.url).toMatch(/^https:\/\/github\.com\/acme\/widgets\//);
    }
  });

  it('sets every output', () => {
    const r = report(first);
    expect(Object.keys(first.outputs)).toEqual(expect.arrayContaining(OUTPUTS));
    expect(first.outputs.findings).toBe(String(r.findings.filter((f) => !f.muted).length));
    expect(first.outputs['new-findings']).toBe(first.outputs.findings);
    expect(first.outputs['report-path']).toBe(first.reportPath);
    expect(first.outputs.runs).toBe('60');
    const issue = gh.issues[0]!;
    expect(first.outputs['issue-number']).toBe(String(issue?.number));
    expect(first.outputs['issue-url']).toBe(issue?.html_url);
  });

  it('writes the audit to the job summary', () => {
    const r = report(first);
    expect(first.summary.length).toBeGreaterThan(200);
    // Markdown escapes (\_, \|) are the renderer's business: compare without backslashes.
    expect(first.summary.replace(/\\/g, '')).toContain(r.findings[0]!.title.slice(0, 30));
    expect(first.summary).not.toContain('<!-- audit-ci:state');
  });

  it('creates exactly one tracking issue with the label and the hidden state, and pins it', () => {
    expect(issueCreations(gh)).toHaveLength(1);
    expect(gh.issues).toHaveLength(1);
    const issue = gh.issues[0]!;
    expect(issue.title).toBe('CI audit');
    expect(issue.labels.map((l) => l.name)).toContain('ci-audit');
    expect(issue.body).toContain(TRACKING_MARKER);
    expect(decodeState(issue.body)).not.toBeNull();
    expect(issue.body!.length).toBeLessThanOrEqual(65_536);
    expect(gh.pinned).toEqual([issue.node_id]);
  });

  it('updates the same issue in place on the next audit, with no new findings', async () => {
    const before = gh.requests.length;
    const second = await runAction({ apiUrl: gh.url, repository: REPOSITORY, token: TOKEN, inputs: { window: '60' } });
    expectOk(second);
    expect(issueCreations(gh)).toHaveLength(1);
    expect(gh.issues.filter((i) => i.state === 'open')).toHaveLength(1);
    expect(second.outputs['issue-number']).toBe(first.outputs['issue-number']);
    expect(second.outputs['new-findings']).toBe('0');
    expect(second.outputs.findings).toBe(first.outputs.findings);
    const writes = gh.requests.slice(before).filter(isWrite);
    // Either the body changed (one PATCH of that issue) or nothing changed and nothing is written.
    for (const w of writes)
      expect(`${w.method} ${w.path}`).toMatch(
        new RegExp(`^(PATCH /repos/${REPOSITORY}/issues/${first.outputs['issue-number']}|POST /graphql)$`),
      );
    expect(decodeState(gh.issues[0]!.body)).not.toBeNull();
  });
});

describe('the findings match what the world planted', () => {
  let gh: FakeGitHub;
  let findings: Finding[];
  const planted = (re: RegExp) => world.planted.find((p) => re.test(p.what))!;

  beforeAll(async () => {
    gh = await startFakeGitHub(world, { token: TOKEN });
    const run = await runAction({
      apiUrl: gh.url,
      repository: REPOSITORY,
      token: TOKEN,
      inputs: { window: '60', issue: 'false' },
    });
    expectOk(run);
    findings = report(run).findings;
    // Negative checks below mean nothing on an empty audit.
    expect(findings.length).toBeGreaterThan(0);
  });
  afterAll(async () => gh.close());

  const about = (category: string, text: string): Finding[] =>
    findings.filter((f) => f.category === category && JSON.stringify([f.title, f.subject, f.detail]).includes(text));

  it('reports the systemic failure on 3 branches, fixed by the PR that names the test', () => {
    const p = planted(/^Systemic/);
    const [f] = about('recurring-failure', p.subject.test!);
    expect(f).toBeDefined();
    expect(f!.systemic).toBe(true);
    expect(f!.frequency.branches).toBe(3);
    expect(f!.fixedBy?.map((x) => x.number)).toEqual([p.fixedBy]);
  });

  it("does not call one branch's own bug systemic, and ignores the one-off failure", () => {
    for (const f of about('recurring-failure', planted(/own bug/).subject.test!)) expect(f.systemic).not.toBe(true);
    expect(about('recurring-failure', planted(/One-off/).subject.test!)).toEqual([]);
  });

  it('reports the flaky test with its failure reason, not the by-design reruns', () => {
    const [f] = about('flaky-test', planted(/passed only after retries/).subject.test!);
    expect(f?.detail).toContain('ConnectionResetError');
    // Runs 5, Final passed is offload's speculative reruns; the job-level re-run of acceptance
    // (attempt 1 failed in that test) is a separate, true finding about the job.
    const byDesign = planted(/by-design reruns/).subject.test;
    expect(findings.filter((x) => x.category === 'flaky-test' && x.subject.test === byDesign)).toEqual([]);
    const rerun = findings.filter((x) => x.category === 'flaky-test' && x.subject.job === 'acceptance');
    expect(rerun.map((x) => x.frequency.runs)).toEqual([1]);
  });

  it('reports the notes-fetch rebuilds but not the occasional eviction', () => {
    expect(findings.filter((f) => f.category === 'image-rebuild' && f.subject.job === 'build-image')).toHaveLength(1);
    expect(findings.filter((f) => f.category === 'image-rebuild' && f.subject.job === 'acceptance')).toEqual([]);
  });

  it('reports the Node 20 warning, the MISMATCH coverage and the repeated log line', () => {
    expect(findings.some((f) => f.category === 'warning' && JSON.stringify(f).includes('actions/cache@v3'))).toBe(true);
    expect(findings.some((f) => f.category === 'warning' && JSON.stringify(f).includes('Docs preview'))).toBe(false);
    expect(findings.filter((f) => f.category === 'coverage')).toHaveLength(1);
    expect(about('log-noise', 'pkg_resources')).toHaveLength(1);
  });

  it('blames the full-history checkout for the slow Docs job and flags the 5-minute test', () => {
    expect(
      findings.some(
        (f) =>
          f.category === 'slow' && f.subject.job === 'build-docs' && /checkout/i.test(`${f.subject.step} ${f.detail}`),
      ),
    ).toBe(true);
    expect(about('slow', 'test_full_resync').length).toBeGreaterThan(0);
  });

  it('does not call git fetch output or pytest progress noise', () => {
    const noise = findings.filter((f) => f.category === 'log-noise').map((f) => `${f.title} ${f.detail}`);
    expect(noise.filter((t) => /new tag|new branch|PASSED/.test(t))).toEqual([]);
  });

  it('does not report the run cancelled by a newer push as a failure, flake or slowdown', () => {
    const superseded = planted(/cancelled by concurrency/).runIds[0];
    // Its warning annotations are real and may be listed; blaming the cancellation is not.
    const blamed = findings.filter(
      (f) =>
        ['other', 'recurring-failure', 'flaky-test', 'slow'].includes(f.category) &&
        f.occurrences.some((o) => o.runId === superseded),
    );
    expect(blamed.map((f) => f.title)).toEqual([]);
  });

  it('reads the real raw log format: no finding from echoed scripts, progress meters or colour codes', () => {
    // The coverage step echoes its script (naming MISMATCH) in every test run: only runs whose
    // diagnostic printed a mismatch may appear, each quoting the output line.
    const cov = findings.filter((f) => f.category === 'coverage');
    const mismatchRuns = planted(/Coverage-delivery diagnostic/).runIds;
    expect(cov.flatMap((f) => f.occurrences).every((o) => mismatchRuns.includes(o.runId))).toBe(true);
    expect(cov[0]!.detail).toMatch(/MISMATCH: \d+ sandboxes delivered junit but not \.coverage/);
    // The notes-fetch step's echo names refs/notes in every run; only the failing runs count.
    const rebuild = findings.find((f) => f.category === 'image-rebuild')!;
    const failing = planted(/image notes are lost/).runIds;
    expect(rebuild.occurrences.every((o) => failing.includes(o.runId))).toBe(true);
    expect(rebuild.detail).toContain('Failed to push notes');
    const noise = findings.filter((f) => f.category === 'log-noise').map((f) => `${f.title} ${f.detail}`);
    expect(noise.filter((t) => /objects:|━|eta \d/.test(t))).toEqual([]);
    const text = JSON.stringify(findings);
    expect(text.includes('\\u001b') || text.includes('\u001b') || /\[3\d;1m|\[0m/.test(text)).toBe(false);
  });

  it('finds every planted anomaly and reports no decoy (scorecard)', () => {
    const card = scoreFindings(findings, world.planted);
    expect(card.falseAlarms.map((x) => `${x.finding} <- decoy: ${x.planted.what}`)).toEqual([]);
    expect(card.missed.map((p) => p.what)).toEqual([]);
  });

  it('never lists the generic "Fix flaky tests" PR as a fix', () => {
    expect(findings.flatMap((f) => f.fixedBy ?? []).map((p) => p.number)).not.toContain(111);
  });
});

describe('dry run and invalid input', () => {
  it('writes nothing with issue: false, but still reports', async () => {
    const gh = await startFakeGitHub(world, { token: TOKEN });
    try {
      const run = await runAction({
        apiUrl: gh.url,
        repository: REPOSITORY,
        token: TOKEN,
        inputs: { issue: 'false', window: '60' },
      });
      expectOk(run);
      expect(gh.requests.filter(isWrite)).toEqual([]);
      expect(report(run).schemaVersion).toBe(1);
      expect(run.outputs['issue-number']).toBe('');
      expect(run.summary.length).toBeGreaterThan(0);
    } finally {
      await gh.close();
    }
  });

  it('fails with a message naming the input on window: banana, before any request', async () => {
    const gh = await startFakeGitHub(world, { token: TOKEN });
    try {
      const run = await runAction({
        apiUrl: gh.url,
        repository: REPOSITORY,
        token: TOKEN,
        inputs: { window: 'banana' },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::.*window/);
      expect(gh.requests).toEqual([]);
    } finally {
      await gh.close();
    }
  });

  it('samples exactly the runs created in a time-span window', async () => {
    // The action audits as of the real clock, so this world ends now.
    const recent = generateWorld({ seed: 5, runs: 60, now: new Date().toISOString() });
    const since = Date.now() - 36 * 3_600_000;
    const expected = recent.runs.filter((r) => Date.parse(r.created_at) >= since).length;
    const gh = await startFakeGitHub(recent, { token: TOKEN });
    try {
      const run = await runAction({
        apiUrl: gh.url,
        repository: REPOSITORY,
        token: TOKEN,
        inputs: { issue: 'false', window: '36h' },
      });
      expectOk(run);
      expect(expected).toBeGreaterThan(5);
      expect(report(run).sample.runs).toBe(expected);
      expect(run.outputs.runs).toBe(String(expected));
    } finally {
      await gh.close();
    }
  });

  it('survives 5xx, secondary rate limits, expired logs and missing jobs, recording the gaps', async () => {
    const gh = await startFakeGitHub(world, {
      token: TOKEN,
      failRate5xx: 0.05,
      secondaryRateRate: 0.02,
      missingJobs: 0.1,
      expiredLogRate: 0.3,
      seed: 3,
    });
    try {
      const run = await runAction({
        apiUrl: gh.url,
        repository: REPOSITORY,
        token: TOKEN,
        inputs: { issue: 'false', window: '60' },
        timeoutMs: 90_000,
      });
      expectOk(run);
      expect(gh.requests.some((r) => r.status === 502)).toBe(true);
      const r = report(run);
      expect(r.sample.runs).toBe(60);
      if (gh.requests.some((x) => x.status === 410))
        expect(r.gaps.some((g) => /410|expired|gone/i.test(g.reason))).toBe(true);
      // A run whose jobs answer 404 is still sampled, with a gap saying what is missing.
      const hidden = gh.requests.filter((x) => x.status === 404 && x.path.endsWith('/jobs'));
      expect(hidden.length).toBeGreaterThan(0);
      expect(r.gaps.some((g) => /jobs/i.test(g.what))).toBe(true);
    } finally {
      await gh.close();
    }
  }, 120_000);
});
