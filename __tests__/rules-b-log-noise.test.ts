import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { digestLogText } from '../src/parse/log-digest.js';
import { logNoiseRule } from '../src/rules/log-noise.js';
import type { RepeatedLine } from '../src/types.js';
import { digest, history, run } from '../test/factory.js';

const config: Config = structuredClone(DEFAULT_CONFIG);
const LOCALE = 'perl: warning: Setting locale failed. LANG = "en_US.UTF-8"';

function noisy(lines: Record<number, RepeatedLine[]>, names: Record<number, string> = {}) {
  const runs = Object.keys(lines).map((id) =>
    run({ id: Number(id), jobs: [{ id: Number(id) * 10, name: names[Number(id)] }] }),
  );
  const h = history(runs);
  for (const [id, repeated] of Object.entries(lines))
    h.logs[String(Number(id) * 10)] = digest(Number(id) * 10, { repeated });
  return h;
}

const rep = (count: number, example = LOCALE): RepeatedLine => ({
  normalized: example.replace(/\d+/g, '<n>'),
  example,
  count,
});

describe('log-noise', () => {
  it('flags a line repeated in one job across runs, quoting it with counts', () => {
    const [f, ...rest] = logNoiseRule.run(noisy({ 1: [rep(40)], 2: [rep(1200)], 3: [rep(60)] }), config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      category: 'log-noise',
      kind: 'hygiene',
      severity: 'low',
      subject: { workflow: 'CI', job: 'test' },
      frequency: { runs: 3, of: 3, branches: 1 },
    });
    expect(f!.title).toBe(`"${LOCALE}" repeated 60 times per job in CI / test`);
    expect(f!.detail).toContain('40 to 1200 times per job, in 3 runs whose logs were read.');
    expect(f!.matchTerms).toEqual(['perl: warning: Setting locale failed. LANG =']);
    expect(f!.occurrences.map((o) => o.note)).toEqual(['60 times', '1200 times', '40 times']);
  });

  it('is medium when the line floods the log', () => {
    const [f] = logNoiseRule.run(noisy({ 1: [rep(900)], 2: [rep(800)] }), config);
    expect(f!.severity).toBe('medium');
  });

  it('needs the line in minRuns runs of the same job', () => {
    expect(logNoiseRule.run(noisy({ 1: [rep(500)] }), config)).toEqual([]);
    expect(logNoiseRule.run(noisy({ 1: [rep(500)], 2: [rep(500)] }, { 2: 'lint' }), config)).toEqual([]);
  });

  it('needs minRepeats in each run', () => {
    expect(logNoiseRule.run(noisy({ 1: [rep(19)], 2: [rep(19)] }), config)).toEqual([]);
  });

  it('TRAP: benign ignored lines are never noise', () => {
    const benign = rep(300, 'building from mngr default Dockerfile');
    // The global list as the seed repository's rules file sets it (the defaults name no repository's lines).
    const seed = { ...config, ignore: ['building from mngr default Dockerfile'] };
    expect(logNoiseRule.run(noisy({ 1: [benign], 2: [benign] }), seed)).toEqual([]);
  });

  it('works end to end from raw logs through the digester', () => {
    const runs = [1, 2].map((id) => run({ id }));
    const h = history(runs);
    for (const r of runs) {
      const text = Array.from(
        { length: 25 },
        (_, i) => `2026-11-20T10:00:${String(i).padStart(2, '0')}.0000000Z ${LOCALE} (attempt ${i})`,
      ).join('\n');
      h.logs[String(r.id * 10)] = digestLogText(r.id * 10, text, config);
    }
    const found = logNoiseRule.run(h, config);
    expect(found).toHaveLength(1);
    expect(found[0]!.detail).toContain('25 to 25 times');
  });

  it('asks for two recent logs per job at low priority', () => {
    const h = history([1, 2, 3].map((id) => run({ id })));
    expect(logNoiseRule.wantsLogs!(h, config)).toEqual([
      { jobId: 30, reason: 'noise', priority: 10 },
      { jobId: 20, reason: 'noise', priority: 9 },
    ]);
  });
});

describe('log-noise: matrix legs', () => {
  it('groups the legs of a matrix job into one finding', () => {
    const h = noisy({ 1: [rep(40)], 2: [rep(50)] }, { 1: 'test (3.11)', 2: 'test (3.12)' });
    const [f, ...rest] = logNoiseRule.run(h, config);
    expect(rest).toEqual([]);
    expect(f!.subject).toEqual({ workflow: 'CI', job: 'test' });
    expect(f!.detail).toContain('in 2 runs whose logs were read (2 matrix legs).');
  });
});
