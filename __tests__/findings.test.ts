import { findingId, median, seconds, sortFindings } from '../src/findings.js';
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
  it('orders by severity, then regressions first, then reach', () => {
    const list = sortFindings([
      f({ id: 'a', severity: 'low' }),
      f({ id: 'b', severity: 'high', kind: 'infra' }),
      f({ id: 'c', severity: 'high', kind: 'regression' }),
      f({ id: 'd', severity: 'medium', frequency: { runs: 9, of: 10, branches: 1 } }),
    ]);
    expect(list.map((x) => x.id)).toEqual(['c', 'b', 'd', 'a']);
  });
  it('computes medians and spans, refusing negative spans', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(seconds('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')).toBe(60);
    expect(seconds('2026-01-01T00:01:00Z', '2026-01-01T00:00:00Z')).toBeNull();
    expect(seconds(null, '2026-01-01T00:00:00Z')).toBeNull();
  });
});
