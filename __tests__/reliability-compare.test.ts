/**
 * The pure parts of scripts/fault-compare.ts: how findings of a faulty run are compared with
 * the clean run, and how a difference is traced to the data the fake really withheld.
 */
import type { Finding } from '../src/types.js';
import type { RecordedRequest } from '../test/fake-github/server.js';
import { generateWorld } from '../test/world/generate.js';
import { diffFindings, explain, moreRuns, seen, table, type RunResult } from '../scripts/fault-compare.js';

const world = generateWorld({ seed: 1, runs: 20 });
const run = world.runs.find((r) => (world.jobs[String(r.id)] ?? []).some((j) => j.name === 'test'))!;
const testJob = world.jobs[String(run.id)]!.find((j) => j.name === 'test')!;
const otherRun = world.runs.find((r) => r.id !== run.id && r.name === run.name)!;

function finding(id: string, runs: number, over: Partial<Finding> = {}): Finding {
  return {
    id,
    category: 'slow',
    severity: 'medium',
    kind: 'infra',
    title: `finding ${id}`,
    subject: { workflow: run.name ?? 'CI', job: 'test' },
    detail: '',
    frequency: { runs, of: 20, branches: 1 },
    occurrences: [{ runId: run.id, url: run.html_url, branch: run.head_branch ?? 'main', at: run.created_at }],
    ...over,
  };
}

const req = (path: string, status: number): RecordedRequest =>
  ({ method: 'GET', path, query: {}, status, at: 0 }) as RecordedRequest;
const logPath = (jobId: number): string => `/repos/acme/widgets/actions/jobs/${jobId}/logs`;

describe('diffFindings', () => {
  it('separates missing, extra and changed frequency by finding id', () => {
    const d = diffFindings(
      [finding('a', 3), finding('b', 2), finding('c', 1)],
      [finding('a', 3), finding('b', 1), finding('z', 1)],
    );
    expect(d.missing.map((f) => f.id)).toEqual(['c']);
    expect(d.extra.map((f) => f.id)).toEqual(['z']);
    expect(d.changed.map((c) => [c.clean.frequency.runs, c.faulty.frequency.runs])).toEqual([[2, 1]]);
  });
});

describe('explain', () => {
  const clean = seen([req(logPath(testJob.id), 302)]);

  it('blames an expired log of the finding’s own job', () => {
    const why = explain(finding('a', 1), world, clean, seen([req(logPath(testJob.id), 410)]));
    expect(why).toContain(`log expired (410): job ${testJob.id} (test)`);
  });

  it('ignores an expired log of another job of the same run', () => {
    const other = world.jobs[String(run.id)]!.find((j) => j.name !== 'test')!;
    const why = explain(
      finding('a', 1),
      world,
      clean,
      seen([req(logPath(testJob.id), 302), req(logPath(other.id), 410)]),
    );
    expect(why).toMatch(/^UNEXPLAINED/);
  });

  it('blames a jobs list that answered 404, for its own run or another run of its workflow', () => {
    const own = seen([req(`/repos/acme/widgets/actions/runs/${run.id}/jobs`, 404)]);
    expect(explain(finding('a', 1), world, clean, own)).toContain(`jobs list answered 404: run ${run.id}`);
    const other = seen([
      req(`/repos/acme/widgets/actions/runs/${otherRun.id}/jobs`, 404),
      req(logPath(testJob.id), 302),
    ]);
    expect(explain(finding('a', 1), world, clean, other)).toContain(`other run(s) of ${run.name}`);
  });

  it('notices a log read in the clean run that the faulty run never asked for', () => {
    expect(explain(finding('a', 1), world, clean, seen([]))).toContain('past the max-logs cut-off');
  });

  it('takes the last answer for a retried request: a 502 then a 302 is a read log', () => {
    const retried = seen([req(logPath(testJob.id), 502), req(logPath(testJob.id), 302)]);
    expect(retried.logs.get(testJob.id)).toBe(302);
  });
});

describe('moreRuns', () => {
  const planted = world.planted.find((p) => !p.decoy && p.category === 'coverage' && p.runIds.length > 1)!;
  const at = (runId: number) => ({ runId, url: '', branch: 'main', at: world.now });
  const cov = (ids: number[]): Finding => finding('c', ids.length, { category: 'coverage', occurrences: ids.map(at) });

  it('accepts an added run where the world planted that anomaly', () => {
    const [a, b] = planted.runIds as [number, number];
    expect(moreRuns(world, cov([a]), cov([a, b]))).toContain(`added run ${b}, a true case`);
  });

  it('flags an added run where nothing of the kind was planted', () => {
    const [a] = planted.runIds as [number];
    const innocent = world.runs.find((r) => !planted.runIds.includes(r.id))!.id;
    expect(moreRuns(world, cov([a]), cov([a, innocent]))).toMatch(/^UNEXPLAINED: added run/);
  });
});

describe('table', () => {
  it('prints one row per run with missing, extra and changed counts', () => {
    const result = (label: string, findings: Finding[]): RunResult => ({
      label,
      code: 0,
      report: {
        findings,
        gaps: [{ what: 'x', reason: '410 Gone (expired)' }],
        sample: { apiRequests: 9 },
      } as unknown as RunResult['report'],
      requests: [req('/x', 502), req('/y', 410)],
      seconds: 1,
    });
    const md = table(result('clean', [finding('a', 2)]), [result('faulty seed 1', [finding('a', 1), finding('z', 1)])]);
    expect(md.split('\n')).toHaveLength(4);
    expect(md).toContain('| faulty seed 1 | 2 | 0 | 1 | 1 | 1 | 1 | 0 | 1 | 9 | 1.0 s |');
  });
});
