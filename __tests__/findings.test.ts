import { findingId, foldCauses, median, seconds, sortFindings, timeLost } from '../src/findings.js';
import type { Finding } from '../src/types.js';

const f = (over: Partial<Finding>): Finding => ({
  id: 'x',
  category: 'warning',
  severity: 'low',
  kind: 'hygiene',
  title: 't',
  subject: {},
  detail: '',
  frequency: { runs: 1, of: 10, branches: 1 },
  occurrences: [],
  ...over,
});

describe('findings helpers', () => {
  it('gives the same id for the same anomaly, another for another', () => {
    expect(findingId('flaky-test', 'CI', 'tests/a.py::t')).toBe(findingId('flaky-test', 'CI', 'tests/a.py::t'));
    expect(findingId('flaky-test', 'CI', 'tests/a.py::t')).not.toBe(findingId('flaky-test', 'CI', 'tests/a.py::u'));
    expect(findingId('slow', 'x')).toMatch(/^slow-[0-9a-f]{12}$/);
  });
  it('orders by severity, then time lost per week, then reach', () => {
    const list = sortFindings([
      f({ id: 'a', severity: 'low', timeLost: { seconds: 9_000, perWeek: 9_000 } }),
      f({ id: 'b', severity: 'high', kind: 'regression', frequency: { runs: 9, of: 10, branches: 1 } }),
      f({ id: 'c', severity: 'high', kind: 'infra', timeLost: { seconds: 600, perWeek: 1_050 } }),
      f({ id: 'd', severity: 'medium', frequency: { runs: 9, of: 10, branches: 1 } }),
      f({ id: 'e', severity: 'medium', frequency: { runs: 2, of: 10, branches: 1 } }),
    ]);
    // A cost beats reach within a severity; severity beats any cost.
    expect(list.map((x) => x.id)).toEqual(['c', 'b', 'd', 'e', 'a']);
  });

  it('folds a finding into the one its cause names, and keeps it when that cause was not reported', () => {
    const cause = f({
      id: 'image-rebuild-1',
      category: 'image-rebuild',
      detail: 'Rebuilt in 6 of 6 logs read.\n\nexcerpt',
    });
    const slow = f({
      id: 'slow-1',
      kind: 'infra',
      detail: 'Build slowed from 1m to 7m. Its logs show the image rebuilt in that step (`cache miss`).',
      causedBy: 'image-rebuild-1',
      timeLost: { seconds: 60, perWeek: 100 },
    });
    const orphan = f({ id: 'slow-2', kind: 'infra', detail: 'x', causedBy: 'image-rebuild-9' });
    const out = foldCauses([cause, slow, orphan]);
    expect(out.map((x) => x.id)).toEqual(['image-rebuild-1', 'slow-2']);
    expect(out[0]!.detail).toBe(
      'Rebuilt in 6 of 6 logs read. The rebuilds also slow the job. Build slowed from 1m to 7m.\n\nexcerpt',
    );
    expect(out[0]!.timeLost).toEqual({ seconds: 60, perWeek: 100 });
    expect(cause.detail).toBe('Rebuilt in 6 of 6 logs read.\n\nexcerpt');
  });

  it('scales time lost to a week, never from less than a day', () => {
    const w = (from: string, to: string) => ({ requested: '50', from, to });
    expect(timeLost(w('2026-11-20T00:00:00Z', '2026-11-24T00:00:00Z'), 400)).toEqual({ seconds: 400, perWeek: 700 });
    expect(timeLost(w('2026-11-24T00:00:00Z', '2026-11-24T02:00:00Z'), 60)).toEqual({ seconds: 60, perWeek: 420 });
    expect(timeLost(w('2026-11-20T00:00:00Z', '2026-11-24T00:00:00Z'), 0)).toBeUndefined();
  });
  it('computes medians and spans, refusing negative spans', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(seconds('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')).toBe(60);
    expect(seconds('2026-01-01T00:01:00Z', '2026-01-01T00:00:00Z')).toBeNull();
    expect(seconds(null, '2026-01-01T00:00:00Z')).toBeNull();
  });
});
