/**
 * Mermaid charts GitHub renders from ```mermaid blocks: job durations over the window and
 * the per-step breakdown of a slow job. Pure: the same history gives the same text.
 * OWNER: render.
 */
import { median, seconds } from '../findings.js';
import type { ChartData, Job, Run } from '../types.js';

/**
 * A label safe inside a quoted Mermaid string: no quotes, brackets, newlines, `%%` comments
 * or anything else the xychart grammar reads; letters, digits and plain punctuation survive.
 */
export function mermaidLabel(text: string, max = 40): string {
  let t = String(text ?? '')
    .replace(/[^\p{L}\p{N} _.,:/()+@=-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t.length > max) t = `${t.slice(0, max - 1).trimEnd()}…`;
  return t || '?';
}

function quoted(text: string, max?: number): string {
  return `"${mermaidLabel(text, max)}"`;
}

/** A number Mermaid parses: plain decimal, one decimal place. */
function num(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function fence(lines: string[]): string {
  return ['```mermaid', ...lines, '```'].join('\n');
}

export interface Series {
  title: string;
  axis: string;
  labels: string[];
  values: number[];
}

/** A vertical bar chart of one series; y starts at 0 so growth is not exaggerated. */
export function barChart(s: Series, horizontal = false): string {
  const top = Math.max(...s.values, 0);
  return fence([
    horizontal ? 'xychart-beta horizontal' : 'xychart-beta',
    `  title ${quoted(s.title, 80)}`,
    `  x-axis [${s.labels.map((l) => quoted(l)).join(', ')}]`,
    `  y-axis ${quoted(s.axis)} 0 --> ${num(top > 0 ? top * 1.1 : 1)}`,
    `  bar [${s.values.map(num).join(', ')}]`,
  ]);
}

/** The per-step breakdown of a slow job (a finding's `chart`), longest steps first. */
export function stepChart(chart: ChartData, maxBars = 12): string | null {
  const bars = chart.bars.filter((b) => Number.isFinite(b.value) && b.value > 0);
  if (bars.length === 0) return null;
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  // Steps too short to see (under 1% of the longest, or a second) only add empty labels.
  const visible = (v: number): boolean => v >= 1 && v >= sorted[0]!.value / 100;
  const shown = sorted.slice(0, maxBars).filter((b) => visible(b.value));
  const others = sorted.length - shown.length;
  const rest = sorted.filter((b) => !shown.includes(b)).reduce((n, b) => n + b.value, 0);
  if (others > 0 && rest > 0) {
    shown.push({ label: others === 1 ? '1 other step' : `${others} other steps`, value: rest });
  }
  const useMinutes = shown[0]!.value >= 180;
  return barChart(
    {
      title: chart.title,
      axis: useMinutes ? 'minutes' : 'seconds',
      labels: shown.map((b) => b.label),
      values: shown.map((b) => (useMinutes ? b.value / 60 : b.value)),
    },
    true,
  );
}

interface Sample {
  key: string;
  label: string;
  run: Run;
  minutes: number;
}

/** Completed, real executions of each job (skipped/cancelled jobs say nothing about speed). */
function samples(runs: Run[]): Sample[] {
  const out: Sample[] = [];
  for (const run of runs) {
    for (const job of run.jobs) {
      if (!isTimed(job)) continue;
      const s = seconds(job.startedAt, job.completedAt);
      if (s === null || s <= 0) continue;
      out.push({
        key: `${run.workflowPath}\u0000${job.name}`,
        label: `${run.name} / ${job.name}`,
        run,
        minutes: s / 60,
      });
    }
  }
  return out;
}

function isTimed(job: Job): boolean {
  return job.conclusion === 'success' || job.conclusion === 'failure' || job.conclusion === 'timed_out';
}

/** Day (UTC) of a run, or its run number when the window covers too few days to compare. */
function bucketOf(byDay: boolean): (s: Sample) => string {
  return (s) => (byDay ? (s.run.runStartedAt || s.run.createdAt).slice(5, 10) : String(s.run.runNumber));
}

/**
 * Median duration of the slowest jobs over the window: one small chart per job (xychart has
 * no legend, so one series per chart is the only readable form). Per day when the runs span at
 * least 3 days, else per run. Jobs seen fewer than 3 times have no trend to show.
 */
export function durationCharts(runs: Run[], maxJobs = 3, maxBuckets = 30): string[] {
  const all = samples(runs);
  const byJob = new Map<string, Sample[]>();
  for (const s of all) byJob.set(s.key, [...(byJob.get(s.key) ?? []), s]);
  const ranked = [...byJob.values()]
    .filter((list) => list.length >= 3)
    .map((list) => ({ list, med: median(list.map((s) => s.minutes)) }))
    .filter((j) => j.med >= 1)
    .sort((a, b) => b.med - a.med || a.list[0]!.label.localeCompare(b.list[0]!.label))
    .slice(0, maxJobs);
  const days = new Set(all.map((s) => (s.run.runStartedAt || s.run.createdAt).slice(0, 10)));
  const byDay = days.size >= 3;
  return ranked.map(({ list }) => jobChart(list, byDay, maxBuckets));
}

function jobChart(list: Sample[], byDay: boolean, maxBuckets: number): string {
  const bucket = bucketOf(byDay);
  const chrono = [...list].sort(
    (a, b) =>
      (a.run.runStartedAt || a.run.createdAt).localeCompare(b.run.runStartedAt || b.run.createdAt) ||
      a.run.id - b.run.id,
  );
  const buckets = new Map<string, number[]>();
  for (const s of chrono) buckets.set(bucket(s), [...(buckets.get(bucket(s)) ?? []), s.minutes]);
  const keys = [...buckets.keys()].slice(-maxBuckets);
  return barChart({
    title: `${list[0]!.label}: ${byDay ? 'median minutes per day' : 'minutes per run'}`,
    axis: 'minutes',
    labels: keys,
    values: keys.map((k) => median(buckets.get(k)!)),
  });
}
