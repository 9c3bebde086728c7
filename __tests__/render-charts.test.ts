import { barChart, durationCharts, mermaidLabel, stepChart } from '../src/render/charts.js';
import type { Run } from '../src/types.js';
import { history } from './fixtures/render/history.js';

describe('mermaidLabel', () => {
  it('drops what the xychart grammar would read: quotes, brackets, comments, newlines', () => {
    expect(mermaidLabel('say "hi" [x]\n%% comment; <b>')).toBe('say hi x comment b');
    expect(mermaidLabel('Run actions/checkout@v4 (fetch)')).toBe('Run actions/checkout@v4 (fetch)');
    expect(mermaidLabel('""')).toBe('?');
    expect(mermaidLabel('x'.repeat(60), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('keeps every chart line free of stray quotes and brackets whatever the labels', () => {
    const chart = barChart({ title: 'a"]\n', axis: 's', labels: ['"]', '[x]', 'a\nb'], values: [1, 2, 3] });
    for (const line of chart.split('\n').filter((l) => l.includes('x-axis'))) {
      expect(line).toBe('  x-axis ["?", "x", "a b"]');
    }
    expect(chart).toContain('  title "a"');
  });
});

describe('stepChart', () => {
  it('charts the steps longest first, grouping those too short to see', () => {
    const chart = stepChart({
      title: 'Step breakdown of e2e',
      unit: 's',
      bars: [
        { label: 'Set up job', value: 0.4 },
        { label: 'Checkout', value: 30 },
        { label: 'Tests', value: 90 },
        { label: 'Post', value: 0 },
        { label: 'Upload', value: 0.5 },
      ],
    });
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta horizontal',
        '  title "Step breakdown of e2e"',
        '  x-axis ["Tests", "Checkout", "2 other steps"]',
        '  y-axis "seconds" 0 --> 99',
        '  bar [90, 30, 0.9]',
        '```',
      ].join('\n'),
    );
  });

  it('switches to minutes for long steps and says nothing without data', () => {
    expect(stepChart({ title: 't', unit: 's', bars: [{ label: 'Build', value: 600 }] })).toContain('bar [10]');
    expect(stepChart({ title: 't', unit: 's', bars: [{ label: 'x', value: 0 }] })).toBeNull();
  });
});

describe('durationCharts', () => {
  it('charts the slowest jobs per day, oldest day first', () => {
    const charts = durationCharts(history().runs);
    expect(charts).toHaveLength(2); // lint takes under a minute: no chart
    expect(charts[0]).toContain('title "CI / e2e: median minutes per day"');
    expect(charts[0]).toContain('x-axis ["11-17", "11-18", "11-19", "11-20", "11-21", "11-22", "11-23", "11-24"]');
    expect(charts[0]).toContain('bar [11.1, 12.3, 13.8, 15.3, 16.8, 18.3, 19.8, 20.9]');
  });

  it('charts per run when the window covers fewer than 3 days', () => {
    const runs: Run[] = history()
      .runs.slice(0, 4)
      .map((r) => ({ ...r, runStartedAt: '2026-11-24T01:00:00Z', createdAt: '2026-11-24T01:00:00Z' }));
    const [chart] = durationCharts(runs, 1);
    expect(chart).toContain('title "CI / e2e: minutes per run"');
    expect(chart).toContain('x-axis ["809", "810", "811", "812"]');
  });

  it('leaves out skipped and cancelled jobs, and jobs seen fewer than 3 times', () => {
    const runs = history().runs.slice(0, 5);
    for (const r of runs.slice(0, 3)) for (const j of r.jobs) j.conclusion = 'cancelled';
    expect(durationCharts(runs)).toEqual([]);
  });
});
