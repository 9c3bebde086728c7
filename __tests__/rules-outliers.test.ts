/**
 * Outliers: a few long queue waits, and a step slow for its value against the same action in
 * the repository's other jobs. Jobs are built as the API answers them (`__tests__/fixtures/
 * collect/github.ts`: the fields of the OpenAPI example of "Get a job for a workflow run":
 * created_at, started_at, steps with started_at/completed_at, labels) and mapped with toJob.
 */
import { readFileSync } from 'node:fs';
import { toJob } from '../src/collect/map.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { findingId, foldCauses } from '../src/findings.js';
import { createLogDigester } from '../src/parse/log-digest.js';
import { queueOutliersRule } from '../src/rules/queue-outliers.js';
import { stepOutliersRule } from '../src/rules/step-outliers.js';
import type { Finding, History, Job, LogDigest, Run } from '../src/types.js';
import * as gh from './fixtures/collect/github.js';
import { history, run } from '../test/factory.js';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

/** A GitHub-shaped job: queued `queue` s after `at`, then its steps ([name, seconds]) one after another. */
function ghJob(id: number, r: Run, name: string, at: number, queue: number, steps: [string, number][]): Job {
  const raw = gh.job(id, r.id, name);
  let t = at + queue;
  raw.created_at = iso(at);
  raw.started_at = iso(t);
  raw.steps = steps.map(([n, s], i) => {
    const st = gh.step(i + 1, n, iso(t), s);
    t += s;
    return st;
  });
  raw.completed_at = iso(t);
  return toJob(raw as never, r);
}

/** `n` runs an hour apart with the jobs `make(run, k)` returns. */
function runs(n: number, make: (r: Run, k: number) => Job[]): History {
  const list = Array.from({ length: n }, (_, k) => {
    const r = run({ id: k + 1, created: k * 3600, jobs: [] });
    r.jobs = make(r, k);
    return r;
  });
  return history(list);
}

describe('queue outliers', () => {
  const test = (waits: (k: number) => number) =>
    runs(40, (r, k) => [ghJob(r.id * 10, r, 'test', k * 3600, waits(k), [['Run make test', 120]])]);

  it('reports three runs that waited 20-30 minutes for a runner while the rest started in seconds', () => {
    const slow: Record<number, number> = { 5: 1200, 17: 1500, 30: 1800 };
    const f = queueOutliersRule.run(
      test((k) => slow[k] ?? 20),
      DEFAULT_CONFIG,
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toBe('3 runs of CI / test waited 20m 0s to 30m 0s for a runner (usually 20s)');
    expect(f[0]!.occurrences.map((o) => o.runId)).toEqual([31, 18, 6]);
    expect(f[0]!.occurrences[0]!.note).toBe('queued 30m 0s');
    expect(f[0]!.frequency).toMatchObject({ runs: 3, of: 40 });
  });
  it('says nothing of one long wait among 200 runs on a busy day', () => {
    const h = runs(200, (r, k) => [
      ghJob(r.id * 10, r, 'test', k * 3600, k === 100 ? 780 : k > 90 && k < 110 ? 300 : 15, [['Run make test', 60]]),
    ]);
    expect(queueOutliersRule.run(h, DEFAULT_CONFIG)).toEqual([]);
  });
  it('leaves a slow median to the median rule, and waits under the threshold alone', () => {
    expect(
      queueOutliersRule.run(
        test(() => 900),
        DEFAULT_CONFIG,
      ),
    ).toEqual([]);
    // Five times the median, but under other.queueMinutes (10): no runner shortage worth a line.
    expect(
      queueOutliersRule.run(
        test((k) => (k % 10 === 0 ? 300 : 20)),
        DEFAULT_CONFIG,
      ),
    ).toEqual([]);
  });
  it('says nothing when long waits are not few (a quarter of the runs or more)', () => {
    expect(
      queueOutliersRule.run(
        test((k) => (k % 3 === 0 ? 1500 : 20)),
        DEFAULT_CONFIG,
      ),
    ).toEqual([]);
  });
});

/** The digest of the checkout log fixture (a checkout with `fetch-depth: 0`, its `with:` inputs in the step's group). */
function checkoutDigest(jobId: number): LogDigest {
  const d = createLogDigester(jobId, DEFAULT_CONFIG);
  const text = readFileSync(new URL('./fixtures/rules-b/job-log.txt', import.meta.url), 'utf8');
  for (const line of text.split('\n')) d.push(line);
  return d.finish(Buffer.byteLength(text));
}

describe('step outliers', () => {
  const CHECKOUT = 'Run actions/checkout@v4';
  /** Four jobs using actions/checkout; `lint`'s takes `slow` seconds, the others 4-6. */
  const repo = (slow: number, others = 5) =>
    runs(6, (r, k) => [
      ghJob(r.id * 10 + 1, r, 'lint', k * 3600, 10, [
        ['Set up job', 2],
        [CHECKOUT, slow],
        ['Run npm run lint', 40],
      ]),
      ...['test', 'build', 'docs'].map((name, i) =>
        ghJob(r.id * 10 + 2 + i, r, name, k * 3600, 10, [
          ['Set up job', 2],
          [CHECKOUT, others + (k % 3) - 1],
          [`Run make ${name}`, 300],
        ]),
      ),
    ]);

  it('reports a checkout that takes minutes in one job and seconds in the others, with the cause from its log', () => {
    const h = repo(240);
    const wanted = stepOutliersRule.wantsLogs!(h, DEFAULT_CONFIG);
    expect(wanted).toEqual([{ jobId: 61, reason: 'slow-step', priority: 55 }]);
    const before = stepOutliersRule.run(h, DEFAULT_CONFIG);
    expect(before).toHaveLength(1);
    expect(before[0]!.title).toBe(`${CHECKOUT} takes 4m 0s in CI / lint, 5s elsewhere`);
    expect(before[0]!.detail).toMatch(/3 other jobs that use actions\/checkout\. Its log was not read\.$/);
    expect(before[0]!.subject).toEqual({ workflow: 'CI', job: 'lint', step: CHECKOUT });
    h.logs['61'] = checkoutDigest(61);
    const [f] = stepOutliersRule.run(h, DEFAULT_CONFIG);
    expect(f!.detail).toContain('fetch-depth: 0');
    expect(f!.id).toBe(before[0]!.id);
    expect(f!.frequency).toMatchObject({ runs: 6, of: 6 });
  });
  it('says nothing of a step slow everywhere, or of seconds against seconds', () => {
    expect(stepOutliersRule.run(repo(240, 200), DEFAULT_CONFIG)).toEqual([]);
    // Eight times slower but only 35 s more: not worth a line.
    expect(stepOutliersRule.run(repo(40), DEFAULT_CONFIG)).toEqual([]);
  });
  it('needs the action in at least two other jobs to call one slow', () => {
    const h = repo(240);
    for (const r of h.runs) r.jobs = r.jobs.filter((j) => j.name === 'lint' || j.name === 'test');
    expect(stepOutliersRule.run(h, DEFAULT_CONFIG)).toEqual([]);
  });

  it('is one finding with the slow job it explains (same step), and its own beside another step', () => {
    const [outlier] = stepOutliersRule.run(repo(240), DEFAULT_CONFIG);
    const slowJob = (step: string): Finding => ({
      ...outlier!,
      id: findingId('slow', '.github/workflows/ci.yml', 'lint'),
      title: `CI / lint takes 25m 0s, 80% in "${step}"`,
      subject: { workflow: 'CI', job: 'lint', step },
      detail: 'CI / lint takes 25m 0s (median of 6 runs).',
    });
    expect(outlier!.causedBy).toBe(findingId('slow', '.github/workflows/ci.yml', 'lint'));
    const one = foldCauses([slowJob(CHECKOUT), outlier!]);
    expect(one.map((f) => f.id)).toEqual([findingId('slow', '.github/workflows/ci.yml', 'lint')]);
    expect(one[0]!.detail).toContain('and 5s in the 3 other jobs that use actions/checkout');
    expect(one[0]!.detail).not.toContain('The rebuilds also slow');
    // Only the comparison is added: the cause is the slow job's own.
    expect(one[0]!.detail).toMatch(/use actions\/checkout\.$/);
    // The slow job's cause is another step: two causes, two findings.
    expect(foldCauses([slowJob('Run npm run lint'), outlier!])).toHaveLength(2);
    // The slow job not reported: the outlier stays on its own.
    expect(foldCauses([outlier!])).toEqual([outlier]);
  });
});
