/** The test suite's own knobs: the property-test seed and runs (test/fast-check.ts), and the fixture factory's defaults. */
import { describe, expect, it } from '@jest/globals';
import { parseHistory } from '../src/history-schema.js';
import { FIXED_SEED, runsScale, seedFromEnv } from '../test/fast-check.js';
import { at, history, job, minutes, run } from '../test/factory.js';

describe('property-test seed and runs', () => {
  it('uses the fixed seed unless FC_SEED names one, and draws a 32-bit one for "random"', () => {
    expect(seedFromEnv({})).toBe(FIXED_SEED);
    expect(seedFromEnv({ FC_SEED: ' ' })).toBe(FIXED_SEED);
    expect(seedFromEnv({ FC_SEED: '-1986816570' })).toBe(-1986816570);
    const drawn = seedFromEnv({ FC_SEED: 'random' });
    expect(Number.isInteger(drawn) && drawn >= -(2 ** 31) && drawn < 2 ** 31).toBe(true);
  });

  it('TRAP: a seed or scale that is not a number fails with its name, never runs with NaN', () => {
    expect(() => seedFromEnv({ FC_SEED: 'abc' })).toThrow('FC_SEED must be an integer or "random", got "abc"');
    expect(() => seedFromEnv({ FC_SEED: '1.5' })).toThrow(/FC_SEED/);
    expect(() => runsScale({ FC_RUNS_SCALE: '0' })).toThrow(/FC_RUNS_SCALE must be a positive number/);
    expect(() => runsScale({ FC_RUNS_SCALE: 'ten' })).toThrow(/FC_RUNS_SCALE/);
    expect(runsScale({})).toBe(1);
    expect(runsScale({ FC_RUNS_SCALE: '10' })).toBe(10);
  });
});

describe('test/factory.ts', () => {
  it('builds a History that passes the replay validation with no argument but its runs', () => {
    const h = history([run(), run({ branch: 'feat/x', created: minutes(30), jobs: [{ conclusion: 'failure' }] })]);
    expect(parseHistory(h)).not.toHaveProperty('problem');
    expect(parseHistory({ ...h, runs: [{ ...h.runs[0], jobs: undefined }] })).toHaveProperty('problem');
    expect(h.runs.map((r) => r.event)).toEqual(['pull_request', 'push']);
    expect(h.runs[0]!.conclusion).toBe('failure');
  });

  it('times timed steps one after another from the job start, after its queue', () => {
    const j = job(
      7,
      {
        id: 70,
        queued: 10,
        steps: [
          ['a', 30],
          ['b', 60],
        ],
      },
      100,
    );
    expect([j.createdAt, j.startedAt, j.completedAt]).toEqual([at(100), at(110), at(200)]);
    expect(j.steps.map((s) => [s.startedAt, s.completedAt])).toEqual([
      [at(110), at(140)],
      [at(140), at(200)],
    ]);
  });

  it('TRAP: a failed job with default steps has a failed last step; given steps stay as given', () => {
    expect(job(1, { conclusion: 'failure' }).steps.map((s) => s.conclusion)).toEqual(['success', 'failure']);
    expect(job(1, { conclusion: 'failure', steps: [['x', 1]] }).steps[0]!.conclusion).toBe('success');
  });

  it('numbers the jobs of a run with a given id from it, so tests can name them', () => {
    expect(run({ id: 4, jobs: [{}, {}] }).jobs.map((j) => j.id)).toEqual([40, 41]);
    const [a, b] = [run(), run()];
    expect(a.id).not.toBe(b.id);
    expect(a.jobs[0]!.id).not.toBe(b.jobs[0]!.id);
  });
});
