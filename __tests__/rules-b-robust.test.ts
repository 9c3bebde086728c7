import fc from 'fast-check';
import { runs } from '../test/fast-check.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { imageRebuildRule } from '../src/rules/image-rebuild.js';
import { logNoiseRule } from '../src/rules/log-noise.js';
import { otherRule } from '../src/rules/other.js';
import { slowRule } from '../src/rules/slow.js';
import type { Conclusion, Job, Run } from '../src/types.js';
import { digest, history, match, run } from '../test/factory.js';

const RULES = [imageRebuildRule, slowRule, logNoiseRule, otherRule];
const conclusions: Conclusion[] = ['success', 'failure', 'cancelled', 'skipped', 'timed_out', 'startup_failure', null];
const time = fc.option(
  fc.integer({ min: 0, max: 100_000 }).map((s) => new Date(Date.UTC(2026, 10, 20) + s * 1000).toISOString()),
);

const jobArb = fc.record({
  name: fc.constantFrom('test', 'build image', 'lint'),
  conclusion: fc.constantFrom(...conclusions),
  startedAt: time,
  completedAt: time,
  attempt: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(
    fc.record({
      name: fc.constantFrom('Run actions/checkout@v4', 'Restore cache', 'Build image', 'x'),
      s: time,
      e: time,
    }),
    { maxLength: 4 },
  ),
});

const runArb = fc.record({
  branch: fc.constantFrom('main', 'a', 'b'),
  conclusion: fc.constantFrom(...conclusions),
  created: fc.integer({ min: 0, max: 100_000 }),
  jobs: fc.array(jobArb, { maxLength: 4 }),
});

type RunSpec = typeof runArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: RunSpec[]): Run[] {
  return specs.map((spec, i) => {
    const r = run({ id: i + 1, branch: spec.branch, conclusion: spec.conclusion, created: spec.created, jobs: [] });
    r.jobs = spec.jobs.map((j, k): Job => ({
      ...run({ id: i + 1, jobs: [{ id: (i + 1) * 100 + k }] }).jobs[0]!,
      name: j.name,
      conclusion: j.conclusion,
      startedAt: j.startedAt,
      completedAt: j.completedAt,
      runAttempt: j.attempt,
      steps: j.steps.map((s, n) => ({
        number: n + 1,
        name: s.name,
        status: 'completed',
        conclusion: 'success',
        startedAt: s.s,
        completedAt: s.e,
      })),
    }));
    return r;
  });
}

describe('rules B on arbitrary histories', () => {
  it('never throw, and every finding is well formed', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(runArb, { maxLength: 12 }), (specs) => {
        const h = history(build(specs));
        for (const r of h.runs)
          for (const j of r.jobs)
            h.logs[String(j.id)] = digest(j.id, {
              matches: [
                match('cacheMiss', 'cache miss'),
                match('fullHistoryFetch', 'fetch-depth: 0', { section: 'Run actions/checkout@v4' }),
              ],
              repeated: [{ normalized: 'warn <n>', example: 'warn 1', count: 50 }],
              testDurations: [{ test: 't::x', seconds: 500, runner: 'pytest' }],
            });
        for (const rule of RULES) {
          rule.wantsLogs?.(h, DEFAULT_CONFIG);
          for (const f of rule.run(h, DEFAULT_CONFIG)) {
            seen.add(f.category);
            expect(f.id.startsWith(`${f.category}-`)).toBe(true);
            expect(f.title).not.toMatch(/\n|undefined|NaN/);
            expect(f.detail).not.toMatch(/undefined|NaN/);
            expect(f.frequency.of).toBe(h.runs.length);
            expect(f.frequency.runs).toBeLessThanOrEqual(h.runs.length);
          }
        }
      }),
      runs(200),
    );
    // The histories are rich enough to make every rule speak at least once.
    expect([...seen].sort()).toEqual(['image-rebuild', 'log-noise', 'other', 'slow']);
  });
});
