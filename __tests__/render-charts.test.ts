import { parse } from '@mermaid-js/parser';
import { durationTrend, mermaidLabel, stepChart } from '../src/render/charts.js';
import type { Finding, Run } from '../src/types.js';
import { history } from './fixtures/render/history.js';

const body = (chart: string): string => chart.replace(/^[\s\S]*```mermaid\n/, '').replace(/\n```$/, '');

describe('mermaidLabel', () => {
  it('drops what the grammar would read: quotes, brackets, colons, comments, newlines', () => {
    expect(mermaidLabel('say "hi" [x]\n%% comment; <b>: c')).toBe('say hi x comment b c');
    expect(mermaidLabel('Run actions/checkout@v4 (fetch)')).toBe('Run actions/checkout@v4 (fetch)');
    expect(mermaidLabel('""')).toBe('?');
    expect(mermaidLabel('x'.repeat(60), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(mermaidLabel('Install the dependencies of the docs', 20)).toBe('Install the…');
  });
});

describe('stepChart', () => {
  const chart = (bars: { label: string; value: number }[]) =>
    stepChart({ title: 'Step breakdown of e2e', unit: 's', bars });

  it('charts the steps longest first as a pie, grouping those too short to see', async () => {
    const out = chart([
      { label: 'Set up job', value: 0.4 },
      { label: 'Checkout', value: 30 },
      { label: 'Tests', value: 90 },
      { label: 'Post', value: 0 },
      { label: 'Upload', value: 0.5 },
    ]);
    expect(out).toBe(
      [
        '_Step breakdown of e2e, median seconds:_',
        '',
        '```mermaid',
        'pie showData',
        '  "Tests" : 90',
        '  "Checkout" : 30',
        '  "2 other steps" : 0.9',
        '```',
      ].join('\n'),
    );
    const ast = await parse('pie', body(out!));
    expect(ast.sections.map((s) => [s.label, s.value])).toEqual([
      ['Tests', 90],
      ['Checkout', 30],
      ['2 other steps', 0.9],
    ]);
  });

  it('switches to minutes for long steps, and parses whatever the labels', async () => {
    const out = chart([
      { label: 'Build "x" [y]: %% z', value: 600 },
      { label: 'a\nb', value: 60 },
    ])!;
    expect(out).toContain('"Build x y z" : 10');
    expect(out).toContain(', median minutes:_');
    await expect(parse('pie', body(out))).resolves.toBeDefined();
  });

  it('says nothing when no step dominates or there is no data', () => {
    const even = [1, 2, 3, 4].map((i) => ({ label: `step ${i}`, value: 100 + i }));
    expect(chart(even)).toBeNull();
    expect(chart([{ label: 'x', value: 0 }])).toBeNull();
  });
});

describe('durationTrend', () => {
  const slowE2e = (test?: string): Finding => ({
    id: 'slow-x',
    category: 'slow',
    severity: 'medium',
    kind: 'infra',
    title: 't',
    subject: { workflow: 'CI', job: 'e2e', ...(test ? { test } : {}) },
    detail: '',
    frequency: { runs: 1, of: 1, branches: 1 },
    occurrences: [],
  });

  it('shows the median per day of a job that grew, oldest day first', () => {
    const line = durationTrend(slowE2e(), history().runs);
    expect(line).toMatch(/^\*\*Median duration per day \(UTC\):\*\* 11-\d\d \d+m \d+s → /);
    const mins = [...line!.matchAll(/(\d+)m \d+s/g)].map((m) => Number(m[1]));
    expect(mins[mins.length - 1]).toBeGreaterThan(mins[0]!);
  });

  it('leaves out a flat job, a test finding and a window of fewer than 3 days', () => {
    expect(durationTrend({ ...slowE2e(), subject: { workflow: 'CI', job: 'lint' } }, history().runs)).toBeNull();
    expect(durationTrend(slowE2e('tests/a.py::t'), history().runs)).toBeNull();
    const oneDay: Run[] = history().runs.map((r) => ({ ...r, runStartedAt: '2026-11-24T01:00:00Z' }));
    expect(durationTrend(slowE2e(), oneDay)).toBeNull();
  });
});
