/**
 * The hidden state under hostile conditions: evidence not looked at is never "resolved",
 * the state has a bound and keeps mutes first, and its parser survives any body.
 */
import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { coverageOf, evidenceOf } from '../src/enrich/evidence.js';
import { MAX_STATE_CHARS } from '../src/tracking/state-bound.js';
import { applyState } from '../src/tracking/apply.js';
import { Mutes, readMutes } from '../src/tracking/mutes.js';
import { decodeState, encodeState, type AuditState } from '../src/tracking/state.js';
import type { Finding, History, Job, LogDigest, Run } from '../src/types.js';

const NOW = '2026-11-24T06:00:00.000Z';

const job = (id: number, name: string): Job =>
  ({ id, runId: 1, runAttempt: 1, name, status: 'completed', conclusion: 'success', steps: [] }) as unknown as Job;
const run = (id: number, name: string, jobs: Job[]): Run => ({ id, name, jobs }) as unknown as Run;
const digest = (jobId: number): LogDigest => ({ jobId }) as unknown as LogDigest;

/** CI with a `test` job in runs 1 and 2; logs of the given job ids were read. */
const history = (logs: number[], workflow = 'CI'): Pick<History, 'runs' | 'logs'> => ({
  runs: [run(1, workflow, [job(11, 'test'), job(12, 'lint')]), run(2, workflow, [job(21, 'test')])],
  logs: Object.fromEntries(logs.map((id) => [String(id), digest(id)])),
});

const noise = (over: Partial<Finding> = {}): Finding => ({
  id: 'log-noise-0123456789ab',
  category: 'log-noise',
  severity: 'low',
  kind: 'hygiene',
  title: 'A line repeated 400 times in CI › test',
  subject: { workflow: 'CI', job: 'test' },
  detail: '',
  frequency: { runs: 2, of: 2, branches: 1 },
  occurrences: [{ runId: 1, url: 'u', branch: 'main', at: NOW }],
  ...over,
});

/** The state an audit that read the log of job 11 wrote, with the finding muted when asked. */
function previousWith(f: Finding, muted = false): AuditState {
  const mutes = new Mutes();
  if (muted) {
    mutes.add(f.id);
    mutes.present.add(f.id);
  }
  return applyState([f], null, mutes, '2026-11-23T06:00:00.000Z', { history: history([11]) }).state;
}

describe('evidence not looked at is never resolved', () => {
  it('records where a log-made finding was seen', () => {
    expect(evidenceOf(noise(), history([11, 12]))).toEqual({ w: 'CI', l: ['test'] });
    expect(evidenceOf(noise({ subject: { workflow: 'CI' } }), history([11, 12]))).toEqual({
      w: 'CI',
      l: ['lint', 'test'],
    });
    expect(evidenceOf(noise(), history([]))).toEqual({ w: 'CI' });
    // A matrix leg counts for its base name; a finding without runs (a blind spot) has no evidence to re-check.
    const matrix: Pick<History, 'runs' | 'logs'> = {
      runs: [run(1, 'CI', [job(31, 'test (3.12)')])],
      logs: { '31': digest(31) },
    };
    expect(evidenceOf(noise(), matrix)).toEqual({ w: 'CI', l: ['test (3.12)'] });
    expect(evidenceOf(noise({ occurrences: [] }), history([11]))).toEqual({});
  });

  it('carries a log finding over when every log answered 410 (none read), with its mute and first-seen', () => {
    const prev = previousWith(noise(), true);
    const a = applyState([], prev, readMutes(''), NOW, { history: history([]) });
    expect(a.resolved).toEqual([]);
    expect(a.unchecked.map((u) => u.id)).toEqual([noise().id]);
    expect(a.unchecked[0]!.why).toMatch(/no log of test was read/);
    const kept = a.state.findings[noise().id]!;
    expect(kept).toMatchObject({ muted: true, firstSeen: '2026-11-23T06:00:00.000Z', carried: NOW });
    // The next audit that reads the log and does not see it calls it resolved.
    const later = applyState([], a.state, readMutes(''), '2026-11-25T06:00:00.000Z', { history: history([21]) });
    expect(later.resolved.map((r) => r.id)).toEqual([noise().id]);
    expect(later.state.findings[noise().id]).toBeUndefined();
  });

  it('does not count a log of another job as a look (trap: lint was read, test was not)', () => {
    const a = applyState([], previousWith(noise()), readMutes(''), NOW, { history: history([12]) });
    expect(a.resolved).toEqual([]);
    expect(a.unchecked).toHaveLength(1);
  });

  it('resolves an API-made finding whose workflow was sampled, and carries one whose workflow was not', () => {
    // Made from run data (lint's log was not read when it was found).
    const slow = noise({ id: 'slow-0123456789ab', category: 'slow', subject: { workflow: 'CI', job: 'lint' } });
    const prev = previousWith(slow);
    expect(applyState([], prev, readMutes(''), NOW, { history: history([]) }).resolved).toHaveLength(1);
    const other = applyState([], prev, readMutes(''), NOW, { history: history([], 'Release') });
    expect(other.resolved).toEqual([]);
    expect(other.unchecked[0]!.why).toMatch(/no run of the workflow CI/);
  });

  it('treats a state written before evidence was recorded safely: a log category needs some log read', () => {
    const legacy: AuditState = {
      v: 1,
      at: '2026-11-23T06:00:00.000Z',
      findings: { [noise().id]: { firstSeen: NOW, category: 'log-noise', title: 't', fingerprint: 'x' } },
    };
    expect(applyState([], legacy, readMutes(''), NOW, { history: history([]) }).resolved).toEqual([]);
    expect(applyState([], legacy, readMutes(''), NOW, { history: history([12]) }).resolved).toHaveLength(1);
  });

  it('forgets a finding unchecked for more than 30 days, still without calling it resolved', () => {
    const prev = previousWith(noise());
    prev.findings[noise().id]!.carried = '2026-10-01T00:00:00.000Z';
    const a = applyState([], prev, readMutes(''), NOW, { history: history([]) });
    expect(a.resolved).toEqual([]);
    expect(a.state.findings[noise().id]).toBeUndefined();
    expect(a.state.gone?.[noise().id]).toBeDefined();
  });
});

const many = (n: number): Finding[] =>
  Array.from({ length: n }, (_, i) =>
    noise({
      id: `slow-${i.toString(16).padStart(12, '0')}`,
      category: 'slow',
      title: `Job number ${i} of the nightly matrix is slow: a long and varied title ${i * 7919}`,
      subject: { workflow: `Workflow ${i % 37}`, job: `job-${i}` },
    }),
  );

describe('the hidden state has a bound', () => {
  it('stays within its bound at 3,000 findings, keeps every mute and the most important, and counts the rest', () => {
    const findings = many(3000);
    const mutes = new Mutes();
    // The least important 50 are muted: mutes survive before importance.
    for (const f of findings.slice(-50)) {
      mutes.add(f.id);
      mutes.present.add(f.id);
    }
    const a = applyState(findings, null, mutes, NOW, { history: history([]) });
    const marker = encodeState(a.state);
    expect(marker.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
    const kept = Object.keys(a.state.findings);
    for (const f of findings.slice(-50)) expect(a.state.findings[f.id]?.muted).toBe(true);
    expect(kept).toContain(findings[0]!.id);
    expect(a.state.dropped).toBe(3000 - kept.length);
    expect(kept.length).toBeGreaterThan(100);
    // Everything kept is a prefix by importance (after the mutes).
    const open = kept.filter((id) => !a.state.findings[id]!.muted);
    expect(open).toEqual(findings.slice(0, open.length).map((f) => f.id));
    expect(decodeState(`body\n${marker}`)?.dropped).toBe(a.state.dropped);
  });

  it('leaves a small state as it is (no dropped count)', () => {
    const a = applyState(many(20), null, new Mutes(), NOW, { history: history([]) });
    expect(Object.keys(a.state.findings)).toHaveLength(20);
    expect(a.state.dropped).toBeUndefined();
  });

  it('holds the bound for any number of findings and mutes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 400 }), (n, m) => {
        const findings = many(n);
        const mutes = new Mutes();
        for (const f of findings.slice(0, m)) {
          mutes.add(f.id);
          mutes.present.add(f.id);
        }
        const a = applyState(findings, null, mutes, NOW);
        expect(encodeState(a.state).length).toBeLessThanOrEqual(MAX_STATE_CHARS);
        expect(Object.keys(a.state.findings).length + (a.state.dropped ?? 0)).toBe(n);
      }),
      runs(15),
    );
  });
});

describe('the state parser on hostile bodies', () => {
  it('never throws and never accepts a forged or truncated marker (property)', () => {
    const real = encodeState(previousWith(noise()));
    const payload = /v1 ([A-Za-z0-9_-]+)\./.exec(real)![1]!;
    const hostile = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc.constantFrom(
        `<!-- audit-ci:state v1 ${payload}.0000000000000000 -->`,
        `<!-- audit-ci:state v1 ${payload.slice(0, -4)} -->`,
        `<!-- audit-ci:state v1 ${'A'.repeat(100_000)}.0123456789abcdef -->`,
        '- [x] Mute this finding <!-- audit-ci:mute:feat/<details> -->',
      ),
    );
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 6 }), (parts) => {
        const body = parts.join('\n');
        expect(decodeState(body)).toBeNull();
        expect(() => readMutes(body)).not.toThrow();
        // The real marker after any text still decodes: only the last state line counts.
        expect(decodeState(`${body}\n${real}`)).not.toBeNull();
      }),
      runs(300),
    );
  });

  it('round-trips any state made by applyState (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 11, max: 21 })), (n, logs) => {
        const a = applyState(many(n), null, new Mutes(), NOW, { history: history(logs) });
        expect(decodeState(encodeState(a.state))).toEqual(a.state);
      }),
      runs(50),
    );
  });

  it('sees coverage of the jobs whose logs were read', () => {
    const cov = coverageOf(history([11]));
    expect([...cov.workflows]).toEqual(['CI']);
    expect(cov.logJobs.has('CI\u0000test')).toBe(true);
    expect(cov.logJobs.has('CI\u0000lint')).toBe(false);
  });
});

describe('malformed answers are named, not crashes', () => {
  it('the mappings reject a pull request without head, a check run without head_sha, an annotation without a message', async () => {
    const { toAnnotation, toCheckRun, toPullRequest } = await import('../src/collect/map.js');
    expect(() => toPullRequest({ number: 1, title: 't' } as never)).toThrow(/pull request head\.ref is undefined/);
    expect(() => toCheckRun({ id: 1, head_sha: null } as never)).toThrow(/check run head_sha is null/);
    expect(() => toAnnotation({ path: 'a' } as never)).toThrow(/annotation message/);
    // A check run without output is fine: it has no summary and no annotations.
    expect(toCheckRun({ id: 2, head_sha: 'abc', name: 'r', output: null } as never)).toMatchObject({
      summary: null,
      annotationsCount: 0,
    });
    expect(toPullRequest({ number: 3, title: null, body: null, head: { ref: 'b' } } as never)).toMatchObject({
      title: '',
      branch: 'b',
    });
  });
});

describe('rate limits are named as rate limits', () => {
  // GitHub's own wording, as it reached a real workflow's annotation
  // (IAC-InfrastructureAsCode/terraform-aws-atlantis, actions run 4815322858, step "lock").
  const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
  const err = (status: number, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, response: { headers } });

  it('names a secondary limit, a spent hourly limit and a 429, with the wait', async () => {
    const { gapReason } = await import('../src/github/api.js');
    const id = (s: string) => s;
    expect(gapReason(err(403, SECONDARY, { 'retry-after': '3600' }), id)).toBe(
      '403 rate limited (secondary rate limit, retry after 3600 s)',
    );
    expect(gapReason(err(429, 'Too Many Requests', { 'retry-after': '60' }), id)).toBe(
      '429 rate limited, retry after 60 s',
    );
    expect(
      gapReason(err(403, 'API rate limit exceeded for installation ID 1.', { 'x-ratelimit-remaining': '0' }), id),
    ).toBe('403 rate limited (hourly API rate limit spent)');
  });

  it('keeps a real permission refusal a permission problem (the trap)', async () => {
    const { gapReason } = await import('../src/github/api.js');
    expect(gapReason(err(403, 'Resource not accessible by integration'), (s) => s)).toMatch(
      /403 Forbidden \(check the token permissions/,
    );
  });
});
